"""Rule 7, net spend: fees paid (signings, loan fees) minus fees received (sales, loan fees
from borrowers) is at most ``rules.budget.net_spend`` (millions). Its check also recomputes
the money the plan reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.scenario import Scenario
from optimizer.replay import TOL, Replay, close
from optimizer.rules.base import BuildContext, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


def more_budget(s: Scenario, x: float) -> Scenario:
    budget = s.rules.budget
    assert budget.net_spend is not None
    return with_rules(s, budget=budget.model_copy(update={"net_spend": budget.net_spend + x}))


class NetSpend(RuleFamily):
    numbers = "7"
    names = ("net_spend",)

    def add_rows(self, ctx: BuildContext) -> None:
        budget = ctx.scenario.rules.budget.net_spend
        if budget is not None:
            ctx.row("net_spend", (), "net_spend", ctx.cols.net_spend, upper=budget)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        bad = []
        budget = scenario.rules.budget.net_spend
        net = replay.net_spend
        if budget is not None and net > budget + TOL:
            bad.append(f"net spend {net:.3f} is over the budget {budget}")
        finance = replay.plan.finance
        if finance is None:
            return [*bad, "a plan without finance"]
        for label, claimed, actual in (
            ("gross spend", finance.gross_spend, replay.gross),
            ("income", finance.income, replay.income),
            ("net spend", finance.net_spend, net),
        ):
            if not close(claimed, actual):
                bad.append(f"{label} reported {claimed}, recomputed {actual}")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        budget = form.scenario.rules.budget.net_spend
        return [
            Relaxable(
                name="net_spend",
                family="net_spend",
                kind="rule",
                rows=(ref.index,),
                side="upper",
                unit="m",
                describe=f"the net-spend budget of {budget:g} m",
                relax=more_budget,
                say="net spend short by {amount}",
            )
            for ref in form.rows_of("net_spend")
        ]


FAMILY = NetSpend()
