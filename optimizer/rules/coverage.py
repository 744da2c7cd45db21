"""Rule 7, coverage: in every period, for each role r given a count in ``rules.coverage``,
the members who cover r (fit to play that period, play r, and reach
``rules.cover_min_rating`` when it is given) number at least ``coverage[r]``. Leoni, out past
the season's end, covers nothing this season. (A role given ``{players, probability}`` is
rule 18's, :mod:`optimizer.rules.coverage_risk`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.horizon import name_suffix
from models.quantities import covers
from models.scenario import Scenario
from optimizer.linear_model import LinearExpr
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, Relax, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


def _fewer(role: str) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        counts = s.rules.coverage_counts
        return with_rules(s, coverage={**s.rules.coverage, role: counts[role] - round(x)})

    return relax


class Coverage(RuleFamily):
    numbers = "7"
    names = ("coverage",)

    def add_rows(self, ctx: BuildContext) -> None:
        s = ctx.scenario
        for st in ctx.cols.stages:
            at, t = name_suffix(s, st.stage), st.stage.index
            counts = s.rules.coverage_counts
            cover = {role: LinearExpr() for role in counts}
            for member in st.members:
                for role in member.person.positions:
                    if role in cover and covers(s, member.person, role, st.stage):
                        for col in member.cols:
                            cover[role].add(col, 1.0)
            for role, need in counts.items():
                name = f"coverage[{role}]{at}"
                ctx.row("coverage", (role, t), name, cover[role], lower=float(need))

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        bad = []
        for period in replay.periods:
            for role, need in scenario.rules.coverage_counts.items():
                have = sum(
                    1 for p in period.members.values() if covers(scenario, p, role, period.stage)
                )
                if have < need:
                    bad.append(
                        f"coverage {role}{period.where}: {have} fit players, {need} required"
                    )
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        s = form.scenario
        rows = form.rows_by_subject("coverage")
        return [
            Relaxable(
                name=f"coverage[{role}]",
                family="coverage",
                kind="rule",
                rows=tuple(indices),
                side="lower",
                unit="players",
                describe=f"covering {role} with {s.rules.coverage_counts[role]} fit players",
                relax=_fewer(role),
                say=f"coverage {role} short by {{amount}}",
            )
            for role, indices in rows.items()
        ]


FAMILY = Coverage()
