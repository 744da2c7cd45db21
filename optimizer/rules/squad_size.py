"""Rule 14, squad size: in every period ``rules.squad_size.min`` <= members <=
``rules.squad_size.max``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.horizon import name_suffix
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
    numbers = "14"
    names = ("squad_size",)

    def add_rows(self, ctx: BuildContext) -> None:
        size = ctx.scenario.rules.squad_size
        if size.min is None and size.max is None:
            return
        lo = -INF if size.min is None else float(size.min)
        hi = INF if size.max is None else float(size.max)
        for st in ctx.cols.stages:
            at, t = name_suffix(ctx.scenario, st.stage), st.stage.index
            members = LinearExpr()
            for member in st.members:
                for col in member.cols:
                    members.add(col, 1.0)
            ctx.row("squad_size", (t,), f"squad_size{at}", members, lower=lo, upper=hi)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        size, bad = scenario.rules.squad_size, []
        for period in replay.periods:
            n = len(period.members)
            if size.min is not None and n < size.min:
                bad.append(f"squad of {n}{period.where} is under the minimum {size.min}")
            if size.max is not None and n > size.max:
                bad.append(f"squad of {n}{period.where} is over the maximum {size.max}")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        size = form.scenario.rules.squad_size
        low = size.min if size.min is not None else 0
        high = size.max if size.max is not None else "any number of"
        rows = tuple(ref.index for ref in form.rows_of("squad_size"))
        if not rows:
            return []
        describe = f"a squad of {low} to {high} players"
        return [
            Relaxable("squad_size", "squad_size", "rule", rows, "both", "players", describe, wider)
        ]


FAMILY = SquadSize()
