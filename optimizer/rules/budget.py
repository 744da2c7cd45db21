"""Rules 7-8, the money limits: net spend (fees paid for signings and loans in, minus fees
received for sales and loans out) at most ``rules.budget.net_spend`` millions; the annual
wage bill after the window (a loanee's share we pay; for a player out on loan, the share the
borrower does not) at most ``rules.budget.wage_bill`` millions. Each check also recomputes
the money the plan reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.plan import Finance
from models.scenario import Scenario
from optimizer.columns import Columns
from optimizer.linear_model import LinearExpr
from optimizer.replay import TOL, Replay, close
from optimizer.rules.base import BuildContext, Relax, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


@dataclass(frozen=True)
class Limit:
    """One money limit: where the scenario keeps it and how each side computes the money."""

    field: str  # of rules.budget; also the row family's name
    expression: Callable[[Columns], LinearExpr]  # the build side
    actual: Callable[[Replay], float]  # the check side
    claims: Callable[[Finance, Replay], list[tuple[str, float, float]]]  # reported vs actual
    over: str  # check words: "net spend {} is over the budget {}"
    describe: str  # "the net-spend budget of {} m"
    say: str  # the elastic explanation's words

    def limit(self, s: Scenario) -> float | None:
        value: float | None = getattr(s.rules.budget, self.field)
        return value

    def relax(self) -> Relax:
        def more(s: Scenario, x: float) -> Scenario:
            budget = s.rules.budget
            raised = getattr(budget, self.field) + x
            return with_rules(s, budget=budget.model_copy(update={self.field: raised}))

        return more


LIMITS = (
    Limit(
        "net_spend",
        lambda cols: cols.net_spend,
        lambda replay: replay.net_spend,
        lambda f, replay: [
            ("gross spend", f.gross_spend, replay.gross),
            ("income", f.income, replay.income),
            ("net spend", f.net_spend, replay.net_spend),
        ],
        "net spend {:.3f} is over the budget {}",
        "the net-spend budget of {:g} m",
        "net spend short by {amount}",
    ),
    Limit(
        "wage_bill",
        lambda cols: cols.wage_bill,
        lambda replay: replay.wage_bill,
        lambda f, replay: [("wage bill after", f.wage_bill_after, replay.wage_bill)],
        "wage bill {:.3f} is over the limit {}",
        "the wage-bill limit of {:g} m",
        "wage bill over by {amount}",
    ),
)


class Budget(RuleFamily):
    numbers = "7-8"
    names = tuple(limit.field for limit in LIMITS)

    def add_rows(self, ctx: BuildContext) -> None:
        for money in LIMITS:
            limit = money.limit(ctx.scenario)
            if limit is not None:
                ctx.row(money.field, (), money.field, money.expression(ctx.cols), upper=limit)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        bad = []
        finance = replay.plan.finance
        if finance is None:
            bad.append("a plan without finance")
        for money in LIMITS:
            limit, actual = money.limit(scenario), money.actual(replay)
            if limit is not None and actual > limit + TOL:
                bad.append(money.over.format(actual, limit))
            for label, claimed, recomputed in money.claims(finance, replay) if finance else []:
                if not close(claimed, recomputed):
                    bad.append(f"{label} reported {claimed}, recomputed {recomputed}")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        return [
            Relaxable(
                name=money.field,
                family=money.field,
                kind="rule",
                rows=(ref.index,),
                side="upper",
                unit="m",
                describe=money.describe.format(money.limit(form.scenario)),
                relax=money.relax(),
                say=money.say,
            )
            for money in LIMITS
            for ref in form.rows_of(money.field)
        ]


FAMILY = Budget()
