"""Rules 1-2, every player's fate and every target's deal: a squad player is kept, sold on
one sale option or loaned out on one loan offer, exactly one of them; a target is bought or
loaned in, at most one. The check is the replay's own: each move allowed by the scenario
and priced as it says, nobody moving twice, the squad listed being the one the moves leave.
"""

from __future__ import annotations

from models.scenario import Scenario
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, RuleFamily


class Fate(RuleFamily):
    numbers = "1-2"
    names = ("fate", "deal")

    def add_rows(self, ctx: BuildContext) -> None:
        c = ctx.cols
        for p in ctx.scenario.squad:
            cols = [
                c.keep[p.id],
                *(s.col for s in c.sell[p.id]),
                *(x.col for x in c.loan_out[p.id]),
            ]
            ctx.row("fate", (p.id,), f"fate[{p.id}]", ctx.ones(cols), lower=1.0, upper=1.0)
        for t in ctx.scenario.targets:
            if t.id in c.loan_in:
                deal = ctx.ones([c.buy[t.id], c.loan_in[t.id]])
                ctx.row("deal", (t.id,), f"deal[{t.id}]", deal, upper=1.0)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        return list(replay.problems)


FAMILY = Fate()
