"""Rule 16, the locks and bans a person insists on: ``lock_keep`` (he plays for us in every
period, or every period that starts before the lock's date: the manager's "until the end of
the season"), ``lock_sell`` (he is sold in some window, or one that closes by the date),
``lock_sign`` (he comes, bought, on a free or on loan: in some window, or the one named) and
``lock_never_sign`` (he does not come). Locks are rows, not fixed columns, so that the
trade-off analysis can price each one by dropping its rows."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from models.horizon import Stage, name_suffix, stages
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


def kept_in(s: Scenario, pid: str) -> list[Stage]:
    """The periods a keep lock holds him for."""
    until = s.locks.when("keep", pid)
    return [st for st in stages(s) if not isinstance(until, dt.date) or st.start < until]


def sold_in(s: Scenario, pid: str) -> list[Stage]:
    """The windows a sell lock may be met in."""
    by = s.locks.when("sell", pid)
    return [st for st in stages(s) if not isinstance(by, dt.date) or st.closes <= by]


def signed_in(s: Scenario, pid: str) -> list[Stage]:
    """The windows a sign lock may be met in."""
    window = s.locks.when("sign", pid)
    return [st for st in stages(s) if window is None or st.window == window]


def _without(field: str, pid: str) -> Relax:
    def relax(s: Scenario, _amount: float) -> Scenario:
        return s.model_copy(update={"locks": s.locks.without(field, pid)})

    return relax


class Locks(RuleFamily):
    numbers = "16"
    names = tuple(LOCKS)

    def add_rows(self, ctx: BuildContext) -> None:
        s, stage_cols = ctx.scenario, ctx.cols.stages
        locks = s.locks
        for pid in locks.keep:
            for stage in kept_in(s, pid):
                cols = stage_cols[stage.index].member_cols(pid)
                name = f"lock_keep[{pid}]{name_suffix(s, stage)}"
                ctx.row("lock_keep", (pid, stage.index), name, ctx.ones(cols), lower=1.0)
        for pid in locks.sell:
            cols = [c for st in sold_in(s, pid) for c in stage_cols[st.index].sale_cols(pid)]
            ctx.row("lock_sell", (pid,), f"lock_sell[{pid}]", ctx.ones(cols), lower=1.0)
        for pid in locks.sign:
            cols = [c for st in signed_in(s, pid) for c in stage_cols[st.index].deal_cols(pid)]
            ctx.row("lock_sign", (pid,), f"lock_sign[{pid}]", ctx.ones(cols), lower=1.0)
        for pid in locks.never_sign:
            cols = ctx.cols.deal_cols(pid)
            name = f"lock_never_sign[{pid}]"
            ctx.row("lock_never_sign", (pid,), name, ctx.ones(cols), upper=0.0)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        locks, bad = scenario.locks, []
        for pid in locks.keep:
            for stage in kept_in(scenario, pid):
                if pid not in replay.periods[stage.index].members:
                    bad.append(
                        f"{pid} is locked to stay but leaves{replay.periods[stage.index].where}"
                    )
        for pid in locks.sell:
            if not any(pid in replay.windows[st.index].sold for st in sold_in(scenario, pid)):
                bad.append(f"{pid} is locked to be sold but is not")
        for pid in locks.sign:
            windows = [replay.windows[st.index] for st in signed_in(scenario, pid)]
            if not any(pid in w.came for w in windows):
                bad.append(f"{pid} is locked to be signed but is not")
        for pid in locks.never_sign:
            if any(pid in w.came for w in replay.windows):
                bad.append(f"{pid} is banned but signed")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        s = form.scenario
        people = {p.id: p.label for p in (*s.squad, *s.targets)}
        out = []
        for family, (field, words) in LOCKS.items():
            for pid, indices in form.rows_by_subject(family).items():
                describe = words.format(people.get(pid, pid))
                when = s.locks.when(field, pid)
                if when is not None:
                    word = {"keep": "until", "sell": "by"}.get(field, "in")
                    describe += f" ({word} {when})"
                out.append(
                    Relaxable(
                        name=f"{family}[{pid}]",
                        family=family,
                        kind="lock",
                        rows=tuple(indices),
                        side="drop",
                        unit="lock",
                        describe=describe,
                        relax=_without(field, pid),
                    )
                )
        return out


FAMILY = Locks()
