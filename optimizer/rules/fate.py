"""Rules 1-2, every player's fate and every target's deal, window by window: someone we hold
entering a window is kept, sold on one sale option, loaned out on one loan offer (for the
period the window opens), released, or leaves as his contract runs out, exactly one of them
(the squad is held for certain entering the first window; later, exactly as far as the last
window left him held); a target we do not hold is bought, signed on a free or loaned in, at
most one. The check is the replay's own: each move allowed by the scenario and priced as it
says in its window, nobody moving twice in a window, the squads listed being the ones the
moves leave.
"""

from __future__ import annotations

from models.horizon import name_suffix
from models.scenario import Scenario
from optimizer.columns import StageCols
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, RuleFamily


def fate_cols(st: StageCols, pid: str) -> list[int]:
    """His options this window, one of which happens."""
    cols = [st.keep[pid]] if pid in st.keep else []
    cols += st.sale_cols(pid) + [loan.col for loan in st.loan_out.get(pid, [])]
    cols += [st.release[pid][0]] if pid in st.release else []
    return cols + ([st.lapse[pid]] if pid in st.lapse else [])


class Fate(RuleFamily):
    numbers = "1-2"
    names = ("fate", "deal")

    def add_rows(self, ctx: BuildContext) -> None:
        for st in ctx.cols.stages:
            at = name_suffix(ctx.scenario, st.stage)
            t = st.stage.index
            for pid, before in st.held_before.items():
                cols = fate_cols(st, pid)
                name = f"fate[{pid}]{at}"
                if not before:  # held for certain
                    ctx.row("fate", (pid, t), name, ctx.ones(cols), lower=1.0, upper=1.0)
                    continue
                coefs = [1.0] * len(cols) + [-c for _, c in before]
                expr = (cols + [col for col, _ in before], coefs)
                ctx.row("fate", (pid, t), name, expr, lower=0.0, upper=0.0)
            for tgt in ctx.scenario.targets:
                deal = st.deal_cols(tgt.id)
                before = st.held_before.get(tgt.id, [])
                if len(deal) + len(before) < 2:
                    continue
                cols = deal + [col for col, _ in before]
                coefs = [1.0] * len(deal) + [c for _, c in before]
                ctx.row("deal", (tgt.id, t), f"deal[{tgt.id}]{at}", (cols, coefs), upper=1.0)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        return list(replay.problems)


FAMILY = Fate()
