"""Rule 8, wage bill: the annual wages of the squad after the window (a loanee's share we
pay; a player out on loan, the share the borrower does not) are at most
``rules.budget.wage_bill`` (millions a year). Its check also recomputes the wage bill the
plan reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.scenario import Scenario
from optimizer.replay import TOL, Replay, close
from optimizer.rules.base import BuildContext, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


def more_wages(s: Scenario, x: float) -> Scenario:
    budget = s.rules.budget
    assert budget.wage_bill is not None
    return with_rules(s, budget=budget.model_copy(update={"wage_bill": budget.wage_bill + x}))


class WageBill(RuleFamily):
    numbers = "8"
    names = ("wage_bill",)

    def add_rows(self, ctx: BuildContext) -> None:
        limit = ctx.scenario.rules.budget.wage_bill
        if limit is not None:
            ctx.row("wage_bill", (), "wage_bill", ctx.cols.wage_bill, upper=limit)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        bad = []
        limit = scenario.rules.budget.wage_bill
        if limit is not None and replay.wage_bill > limit + TOL:
            bad.append(f"wage bill {replay.wage_bill:.3f} is over the limit {limit}")
        finance = replay.plan.finance
        if finance is not None and not close(finance.wage_bill_after, replay.wage_bill):
            bad.append(
                f"wage bill after reported {finance.wage_bill_after}, recomputed {replay.wage_bill}"
            )
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        limit = form.scenario.rules.budget.wage_bill
        return [
            Relaxable(
                name="wage_bill",
                family="wage_bill",
                kind="rule",
                rows=(ref.index,),
                side="upper",
                unit="m",
                describe=f"the wage-bill limit of {limit:g} m",
                relax=more_wages,
                say="wage bill over by {amount}",
            )
            for ref in form.rows_of("wage_bill")
        ]


FAMILY = WageBill()
