"""Rules 11-12, how many may come: at most ``rules.max_signings`` bought
(``max_signings``) and at most ``rules.max_loans_in`` loaned in (``max_loans_in``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.scenario import Scenario
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, Relax, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


def _more(field: str) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        return with_rules(s, **{field: getattr(s.rules, field) + round(x)})

    return relax


class SigningLimits(RuleFamily):
    numbers = "11-12"
    names = ("max_signings", "max_loans_in")

    def add_rows(self, ctx: BuildContext) -> None:
        rules, c = ctx.scenario.rules, ctx.cols
        if rules.max_signings is not None:
            cols = list(c.buy.values())
            ctx.row("max_signings", (), "max_signings", ctx.ones(cols), upper=rules.max_signings)
        if rules.max_loans_in is not None:
            cols = list(c.loan_in.values())
            ctx.row("max_loans_in", (), "max_loans_in", ctx.ones(cols), upper=rules.max_loans_in)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        rules, bad = scenario.rules, []
        if rules.max_signings is not None and len(replay.bought) > rules.max_signings:
            bad.append(f"{len(replay.bought)} signings, limit {rules.max_signings}")
        if rules.max_loans_in is not None and len(replay.loaned_in) > rules.max_loans_in:
            bad.append(f"{len(replay.loaned_in)} loans in, limit {rules.max_loans_in}")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        rules = form.scenario.rules
        words = {
            "max_signings": f"at most {rules.max_signings} signings",
            "max_loans_in": f"at most {rules.max_loans_in} loans in",
        }
        return [
            Relaxable(
                name=family,
                family=family,
                kind="rule",
                rows=(ref.index,),
                side="upper",
                unit="players",
                describe=describe,
                relax=_more(family),
            )
            for family, describe in words.items()
            for ref in form.rows_of(family)
        ]


FAMILY = SigningLimits()
