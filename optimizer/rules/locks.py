"""Rule 15, the locks and bans a person insists on: ``lock_keep`` (he stays),
``lock_sell`` (he is sold), ``lock_sign`` (he comes, bought or on loan) and
``lock_never_sign`` (he does not come). Locks are rows, not fixed columns, so that the
trade-off analysis can price each one by dropping its row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.scenario import Scenario
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, Relax, Relaxable, RuleFamily

if TYPE_CHECKING:
    from optimizer.formulation import Formulation

# family -> (field of Locks, how a person says it)
LOCKS = {
    "lock_keep": ("keep", "keeping {}"),
    "lock_sell": ("sell", "selling {}"),
    "lock_sign": ("sign", "signing {}"),
    "lock_never_sign": ("never_sign", "not signing {}"),
}


def _without(field: str, pid: str) -> Relax:
    def relax(s: Scenario, _amount: float) -> Scenario:
        kept = tuple(x for x in getattr(s.locks, field) if x != pid)
        return s.model_copy(update={"locks": s.locks.model_copy(update={field: kept})})

    return relax


class Locks(RuleFamily):
    numbers = "15"
    names = tuple(LOCKS)

    def add_rows(self, ctx: BuildContext) -> None:
        locks, c = ctx.scenario.locks, ctx.cols
        for pid in locks.keep:
            ctx.row("lock_keep", (pid,), f"lock_keep[{pid}]", ctx.ones([c.keep[pid]]), lower=1.0)
        for pid in locks.sell:
            cols = [sale.col for sale in c.sell[pid]]
            ctx.row("lock_sell", (pid,), f"lock_sell[{pid}]", ctx.ones(cols), lower=1.0)
        for pid in locks.sign:
            cols = c.deal_cols(pid)
            ctx.row("lock_sign", (pid,), f"lock_sign[{pid}]", ctx.ones(cols), lower=1.0)
        for pid in locks.never_sign:
            cols = c.deal_cols(pid)
            name = f"lock_never_sign[{pid}]"
            ctx.row("lock_never_sign", (pid,), name, ctx.ones(cols), upper=0.0)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        locks, members, bad = scenario.locks, replay.members, []
        for pid in locks.keep:
            if pid not in members:
                bad.append(f"{pid} is locked to stay but leaves")
        for pid in locks.sell:
            if pid not in replay.sold:
                bad.append(f"{pid} is locked to be sold but is not")
        for pid in locks.sign:
            if pid not in members:
                bad.append(f"{pid} is locked to be signed but is not")
        for pid in locks.never_sign:
            if pid in members:
                bad.append(f"{pid} is banned but signed")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        s = form.scenario
        people = {p.id: p.label for p in (*s.squad, *s.targets)}
        out = []
        for family, (field, words) in LOCKS.items():
            for ref in form.rows_of(family):
                pid = str(ref.key[0])
                out.append(
                    Relaxable(
                        name=f"{family}[{pid}]",
                        family=family,
                        kind="lock",
                        rows=(ref.index,),
                        side="drop",
                        unit="lock",
                        describe=words.format(people.get(pid, pid)),
                        relax=_without(field, pid),
                    )
                )
        return out


FAMILY = Locks()
