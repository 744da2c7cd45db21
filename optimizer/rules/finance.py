"""Rule 17, club finance, per season (:mod:`models.accounts`). A season's squad cost is the
annual rate over the scenario's periods in it, pro rata by length (wages and amortisation),
plus what its windows expense (agents' fees, loan fees paid, signing-on fees, renewal fees,
release pay-offs), plus the scenario's ``other_squad_cost`` of the season.
``squad_cost_ratio``: squad cost <= ratio x (revenue + profit on disposals + loan fees
received), the Premier League's Squad Cost Ratio from 2026-27 (0.85; UEFA's: 0.70);
``squad_cost``: squad cost <= a P&L budget; both in the seasons from ``from_season`` on.
Its check recomputes the accounts from the replayed plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.horizon import season_share
from models.plan import SeasonFinance
from models.scenario import Scenario
from optimizer.columns import Columns
from optimizer.linear_model import LinearExpr
from optimizer.replay import Replay, SeasonAccounts, close, over
from optimizer.rules.base import BuildContext, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


@dataclass
class SeasonExpressions:
    season: str
    squad_cost: LinearExpr
    income: LinearExpr  # profit on disposals + loan fees received


def season_expressions(s: Scenario, cols: Columns) -> list[SeasonExpressions]:
    """Each season's squad cost and income over the model's columns."""
    out: dict[str, SeasonExpressions] = {}
    for st in cols.stages:
        season = st.stage.season
        e = out.setdefault(season, SeasonExpressions(season, LinearExpr(), LinearExpr()))
        share = season_share(s, st.stage)
        for expr in (st.wage_bill, st.amortisation):
            for col, coef in expr.coef.items():
                e.squad_cost.add(col, coef * share)
        for col, coef in st.expensed.coef.items():
            e.squad_cost.add(col, coef)
        for expr in (*st.disposals.values(), st.loan_income):
            for col, coef in expr.coef.items():
                e.income.add(col, coef)
    return list(out.values())


def _name(s: Scenario, family: str, season: str) -> str:
    return family if s.window is not None else f"{family}@{season}"


class Finance(RuleFamily):
    numbers = "17"
    names = ("squad_cost_ratio", "squad_cost")

    def add_rows(self, ctx: BuildContext) -> None:
        s = ctx.scenario
        rules = s.rules.finance
        if rules is None:
            return
        for e in season_expressions(s, ctx.cols):
            if not rules.binds(e.season):
                continue
            other = s.other_squad_cost.get(e.season, 0.0)
            if rules.squad_cost_ratio is not None:
                ratio = rules.squad_cost_ratio
                expr = LinearExpr()
                for col, coef in e.squad_cost.coef.items():
                    expr.add(col, coef)
                for col, coef in e.income.coef.items():
                    expr.add(col, -ratio * coef)
                limit = ratio * s.revenue[e.season] - other
                name = _name(s, "squad_cost_ratio", e.season)
                ctx.row("squad_cost_ratio", (e.season,), name, expr, upper=limit)
            if rules.squad_cost is not None:
                name = _name(s, "squad_cost", e.season)
                upper = rules.squad_cost - other
                ctx.row("squad_cost", (e.season,), name, e.squad_cost, upper=upper)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        rules = scenario.rules.finance
        if rules is None:
            return []
        bad = []
        for season in replay.seasons:
            if not rules.binds(season.season):
                continue
            where = "" if scenario.window is not None else f" in {season.season}"
            if rules.squad_cost_ratio is not None:
                allowance = rules.squad_cost_ratio * (
                    scenario.revenue[season.season] + season.profit + season.loan_income
                )
                if over(season.squad_cost, allowance):
                    bad.append(
                        f"squad cost {season.squad_cost:.3f}{where} is over "
                        f"{rules.squad_cost_ratio:g} x revenue and profit ({allowance:.3f})"
                    )
            if rules.squad_cost is not None and over(season.squad_cost, rules.squad_cost):
                bad.append(
                    f"squad cost {season.squad_cost:.3f}{where} is over the budget "
                    f"{rules.squad_cost}"
                )
        bad += _claims(replay)
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        s = form.scenario
        rules = s.rules.finance
        out = []
        refs = form.rows_of("squad_cost_ratio")
        rows = tuple(ref.index for ref in refs)
        if rows and rules is not None and rules.squad_cost_ratio is not None:
            ratio = rules.squad_cost_ratio
            # Priced season by season, as each window's budget is: a million more of the
            # allowance in one season (its revenue 1 / ratio higher).
            for ref in refs:
                (season,) = ref.key
                out.append(
                    Relaxable(
                        _name(s, "squad_cost_ratio", str(season)),
                        "squad_cost_ratio",
                        "rule",
                        (ref.index,),
                        "upper",
                        "m",
                        f"the allowance of the {100 * ratio:g} % squad cost ratio"
                        + ("" if s.window is not None else f" in {season}"),
                        _more_revenue(str(season), ratio),
                        "squad cost over the ratio's allowance by {amount}",
                    )
                )

            def without(scenario: Scenario, x: float) -> Scenario:
                finance = scenario.rules.finance
                assert finance is not None
                return with_rules(
                    scenario, finance=finance.model_copy(update={"squad_cost_ratio": None})
                )

            # The ratio's whole price: the best plan without it (priced, not in explanations).
            out.append(
                Relaxable(
                    "squad_cost_ratio (all of it)",
                    "squad_cost_ratio",
                    "rule",
                    rows,
                    "drop",
                    "m",
                    f"the squad cost ratio of {100 * ratio:g} %, all of it",
                    without,
                    elastic=False,
                )
            )
        rows = tuple(ref.index for ref in form.rows_of("squad_cost"))
        if rows and rules is not None and rules.squad_cost is not None:
            limit = rules.squad_cost

            def more_budget(scenario: Scenario, x: float) -> Scenario:
                finance = scenario.rules.finance
                assert finance is not None and finance.squad_cost is not None
                raised = finance.model_copy(update={"squad_cost": finance.squad_cost + x})
                return with_rules(scenario, finance=raised)

            out.append(
                Relaxable(
                    "squad_cost",
                    "squad_cost",
                    "rule",
                    rows,
                    "upper",
                    "m",
                    f"the squad cost budget of {limit:g} m"
                    + ("" if s.window is not None else " in every season"),
                    more_budget,
                    "squad cost over budget by {amount}",
                )
            )
        return out


def _more_revenue(season: str, ratio: float) -> Callable[[Scenario, float], Scenario]:
    def relax(scenario: Scenario, x: float) -> Scenario:
        revenue = dict(scenario.revenue)
        revenue[season] = revenue[season] + x / ratio
        return scenario.model_copy(update={"revenue": revenue})

    return relax


def _claims(replay: Replay) -> list[str]:
    """The accounts the plan reports are the replayed ones."""
    finance = replay.plan.finance
    if finance is None or not finance.seasons:
        return []
    bad = []
    later = sum(amount for amount, _ in replay.later_cash)
    if not close(finance.later_cash or 0.0, later):
        bad.append(
            f"instalments after the horizon reported {finance.later_cash}, recomputed {later}"
        )
    profits = {(w.stage.window, pid): v for w in replay.windows for pid, v in w.profits.items()}
    for d in finance.disposals:
        actual = profits.pop((d.window, d.player), None)
        if actual is None or not close(d.profit, actual):
            bad.append(
                f"{d.player}'s profit in {d.window} reported {d.profit}, recomputed {actual}"
            )
    bad += [f"{pid}'s disposal in {window} is not reported" for window, pid in profits]
    reported = {row.season: row for row in finance.seasons}
    for season in replay.seasons:
        row = reported.get(season.season)
        if row is None:
            bad.append(f"the accounts of {season.season} are missing")
            continue
        for label, claimed, actual in _pairs(row, season):
            if not close(claimed, actual):
                bad.append(f"{label} of {season.season} reported {claimed}, recomputed {actual}")
    return bad


def _pairs(row: SeasonFinance, season: SeasonAccounts) -> list[tuple[str, float, float]]:
    return [
        ("wages", row.wages, season.wages),
        ("amortisation", row.amortisation, season.amortisation),
        ("fees expensed", row.expensed, season.expensed),
        ("squad cost", row.squad_cost, season.squad_cost),
        ("profit on disposals", row.profit_on_disposals, season.profit),
        ("loan income", row.loan_income, season.loan_income),
    ]


FAMILY = Finance()
