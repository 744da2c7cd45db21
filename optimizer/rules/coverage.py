"""Rule 6, coverage: for each role r in ``rules.coverage``, the members who cover r (fit to
play, play r, and reach ``rules.cover_min_rating`` when it is given) number at least
``coverage[r]``. Leoni, out past the season's end, covers nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.quantities import covers
from models.scenario import Scenario
from optimizer.linear_model import LinearExpr
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, Relax, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


def _fewer(role: str) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        return with_rules(s, coverage={**s.rules.coverage, role: s.rules.coverage[role] - round(x)})

    return relax


class Coverage(RuleFamily):
    numbers = "6"
    names = ("coverage",)

    def add_rows(self, ctx: BuildContext) -> None:
        s = ctx.scenario
        cover = {role: LinearExpr() for role in s.rules.coverage}
        for member in ctx.cols.members:
            for role in member.person.positions:
                if role in cover and covers(s, member.person, role):
                    for col in member.cols:
                        cover[role].add(col, 1.0)
        for role, need in s.rules.coverage.items():
            ctx.row("coverage", (role,), f"coverage[{role}]", cover[role], lower=float(need))

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        bad = []
        for role, need in scenario.rules.coverage.items():
            have = sum(1 for p in replay.members.values() if covers(scenario, p, role))
            if have < need:
                bad.append(f"coverage {role}: {have} fit players, {need} required")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        s = form.scenario
        return [
            Relaxable(
                name=f"coverage[{role}]",
                family="coverage",
                kind="rule",
                rows=(ref.index,),
                side="lower",
                unit="players",
                describe=f"covering {role} with {s.rules.coverage[role]} fit players",
                relax=_fewer(role),
                say=f"coverage {role} short by {{amount}}",
            )
            for ref in form.rows_of("coverage")
            for role in [str(ref.key[0])]
        ]


FAMILY = Coverage()
