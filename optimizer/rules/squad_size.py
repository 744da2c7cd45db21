"""Rule 13, squad size: ``rules.squad_size.min`` <= members <= ``rules.squad_size.max``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.scenario import Scenario
from optimizer.linear_model import LinearExpr
from optimizer.replay import Replay
from optimizer.rules.base import INF, BuildContext, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


def wider(s: Scenario, x: float) -> Scenario:
    size = s.rules.squad_size
    return with_rules(
        s,
        squad_size=size.model_copy(
            update={
                "min": None if size.min is None else max(0, size.min - round(x)),
                "max": None if size.max is None else size.max + round(x),
            }
        ),
    )


class SquadSize(RuleFamily):
    numbers = "13"
    names = ("squad_size",)

    def add_rows(self, ctx: BuildContext) -> None:
        size = ctx.scenario.rules.squad_size
        if size.min is None and size.max is None:
            return
        members = LinearExpr()
        for member in ctx.cols.members:
            for col in member.cols:
                members.add(col, 1.0)
        lo = -INF if size.min is None else float(size.min)
        hi = INF if size.max is None else float(size.max)
        ctx.row("squad_size", (), "squad_size", members, lower=lo, upper=hi)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        size, n = scenario.rules.squad_size, len(replay.members)
        bad = []
        if size.min is not None and n < size.min:
            bad.append(f"squad of {n} is under the minimum {size.min}")
        if size.max is not None and n > size.max:
            bad.append(f"squad of {n} is over the maximum {size.max}")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        size = form.scenario.rules.squad_size
        low = size.min if size.min is not None else 0
        high = size.max if size.max is not None else "any number of"
        return [
            Relaxable(
                name="squad_size",
                family="squad_size",
                kind="rule",
                rows=(ref.index,),
                side="both",
                unit="players",
                describe=f"a squad of {low} to {high} players",
                relax=wider,
            )
            for ref in form.rows_of("squad_size")
        ]


FAMILY = SquadSize()
