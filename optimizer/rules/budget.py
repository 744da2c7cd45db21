"""Rules 8-9, the money limits. Net spend (fees paid for signings, free signings' signing-on
fees, loans in, releases and renewals, minus fees received for sales and loans out) in each
window is at most ``rules.budget.net_spend`` millions, or that window's own
``net_spend_by_window``; over the whole horizon at most ``net_spend_total``. The wage bill
(annual wages of the players we hold in a period: a loanee's share we pay; for a player out
on loan, the share the borrower does not) is at most ``rules.budget.wage_bill`` millions a
year, pro rata over each season's periods (a season with one period: its annual bill). Each
check also recomputes the money the plan reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.horizon import Stage, name_suffix, season_share
from models.scenario import Scenario
from optimizer.linear_model import LinearExpr
from optimizer.replay import Replay, close, over
from optimizer.rules.base import BuildContext, Relax, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


def window_budget(s: Scenario, stage: Stage) -> float | None:
    """A window's net-spend limit (None: none)."""
    budget = s.rules.budget
    return budget.net_spend_by_window.get(stage.window, budget.net_spend)


def _raise(field: str, window: str | None = None) -> Relax:
    """The scenario with a budget raised by an amount (a window's own, when named)."""

    def more(s: Scenario, x: float) -> Scenario:
        budget = s.rules.budget
        if window is not None and s.window is None:
            by = dict(budget.net_spend_by_window)
            current = by.get(window, budget.net_spend)
            assert current is not None
            by[window] = current + x
            return with_rules(s, budget=budget.model_copy(update={"net_spend_by_window": by}))
        return with_rules(s, budget=budget.model_copy(update={field: getattr(budget, field) + x}))

    return more


class Budget(RuleFamily):
    numbers = "8-9"
    names = ("net_spend", "net_spend_total", "wage_bill")

    def add_rows(self, ctx: BuildContext) -> None:
        s = ctx.scenario
        total = LinearExpr()
        for st in ctx.cols.stages:
            limit = window_budget(s, st.stage)
            if limit is not None:
                name = f"net_spend{name_suffix(s, st.stage)}"
                ctx.row("net_spend", (st.stage.index,), name, st.net_spend, upper=limit)
            for col, coef in st.net_spend.coef.items():
                total.add(col, coef)
        if s.rules.budget.net_spend_total is not None:
            limit = s.rules.budget.net_spend_total
            ctx.row("net_spend_total", (), "net_spend_total", total, upper=limit)
        wage_limit = s.rules.budget.wage_bill
        if wage_limit is None:
            return
        seasons: dict[str, LinearExpr] = {}
        for st in ctx.cols.stages:
            share = season_share(s, st.stage)
            bill = seasons.setdefault(st.stage.season, LinearExpr())
            for col, coef in st.wage_bill.coef.items():
                bill.add(col, coef * share if share != 1.0 else coef)
        for season, bill in seasons.items():
            name = "wage_bill" if s.window is not None else f"wage_bill@{season}"
            ctx.row("wage_bill", (season,), name, bill, upper=wage_limit)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        bad = []
        budget = scenario.rules.budget
        for window in replay.windows:
            limit = window_budget(scenario, window.stage)
            if limit is not None and over(window.net_spend, limit):
                bad.append(
                    f"net spend {window.net_spend:.3f}{window.where} is over the budget {limit}"
                )
        total = sum(w.net_spend for w in replay.windows)
        if budget.net_spend_total is not None and over(total, budget.net_spend_total):
            bad.append(f"net spend {total:.3f} over the horizon is over {budget.net_spend_total}")
        if budget.wage_bill is not None:
            seasons: dict[str, float] = {}
            for period in replay.periods:
                share = season_share(scenario, period.stage)
                seasons[period.stage.season] = seasons.get(period.stage.season, 0.0) + (
                    period.wage_bill * share
                )
            for season, bill in seasons.items():
                if over(bill, budget.wage_bill):
                    where = "" if scenario.window is not None else f" in {season}"
                    bad.append(f"wage bill {bill:.3f}{where} is over the limit {budget.wage_bill}")
        finance = replay.plan.finance
        if finance is None:
            return [*bad, "a plan without finance"]
        first = replay.periods[0]
        for label, claimed, actual in (
            ("gross spend", finance.gross_spend, sum(w.gross for w in replay.windows)),
            ("income", finance.income, sum(w.income for w in replay.windows)),
            ("net spend", finance.net_spend, total),
            ("wage bill after", finance.wage_bill_after, first.wage_bill),
        ):
            if not close(claimed, actual):
                bad.append(f"{label} reported {claimed}, recomputed {actual}")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        s = form.scenario
        out = []
        horizon = s.window is None
        for ref in form.rows_of("net_spend"):
            stage = next(st.stage for st in form.cols.stages if st.stage.index == ref.key[0])
            limit = window_budget(s, stage)
            name = f"net_spend@{stage.window}" if horizon else "net_spend"
            describe = f"the net-spend budget of {limit:g} m"
            describe += f" in {stage.window}" if horizon else ""
            relax = _raise("net_spend", stage.window if horizon else None)
            say = "net spend short by {amount}" + (f" in {stage.window}" if horizon else "")
            out.append(
                Relaxable(
                    name, "net_spend", "rule", (ref.index,), "upper", "m", describe, relax, say
                )
            )
        for ref in form.rows_of("net_spend_total"):
            total = s.rules.budget.net_spend_total
            describe = f"the net-spend budget of {total:g} m over the horizon"
            relax = _raise("net_spend_total")
            out.append(
                Relaxable(
                    "net_spend_total",
                    "net_spend_total",
                    "rule",
                    (ref.index,),
                    "upper",
                    "m",
                    describe,
                    relax,
                    "net spend over the horizon short by {amount}",
                )
            )
        rows = tuple(ref.index for ref in form.rows_of("wage_bill"))
        if rows:
            limit = s.rules.budget.wage_bill
            describe = f"the wage-bill limit of {limit:g} m"
            relax = _raise("wage_bill")
            out.append(
                Relaxable(
                    "wage_bill",
                    "wage_bill",
                    "rule",
                    rows,
                    "upper",
                    "m",
                    describe,
                    relax,
                    "wage bill over by {amount}",
                )
            )
        return out


FAMILY = Budget()
