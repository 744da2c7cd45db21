"""Rule 3, contracts over a horizon: a contract that runs out before a period ends leaves
the player for nothing in the window before it (``valid``: he is kept or loaned out only
under a renewal holding him for that period, :meth:`models.horizon.Stage.holds`;
``lapse``: he lapses only when not renewed in time); a renewal option
is taken at most once (``renew_once``), only for a player we go on holding (``renew_held``),
and is in force (its wage, its re-spread amortisation, its value at the horizon) in each
later period he is still held (``renewal``: one binary ``renewed`` column per renewal column
and period, exactly "taken in that window, and held"). A
one-window scenario without renewal options has none of these rows.
"""

from __future__ import annotations

from collections import defaultdict

from models.horizon import name_suffix
from models.scenario import Scenario
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, RuleFamily


class Contracts(RuleFamily):
    numbers = "3"
    names = ("valid", "lapse", "renew_once", "renew_held", "renewal")

    def add_rows(self, ctx: BuildContext) -> None:
        s, stages = ctx.scenario, ctx.cols.stages
        taken: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # stage, option, col
        for st in stages:
            for pid, cols in st.extend.items():
                taken[pid] += [(st.stage.index, c.option, c.col) for c in cols]
        for st in stages:
            at, t = name_suffix(s, st.stage), st.stage.index
            for pid in st.held_before:
                person = next(p for p in (*s.squad, *s.targets) if p.id == pid)
                end = person.contract_until
                sales = [sale.col for sale in st.sell.get(pid, [])]
                if end is not None and end < st.stage.closes and sales:
                    # Sold after his contract's end: only under a renewal running then.
                    renewed = [
                        col
                        for when, option, col in taken.get(pid, [])
                        if when <= t and s.extensions[option].until >= st.stage.closes
                    ]
                    coefs = [1.0] * len(sales) + [-1.0] * len(renewed)
                    name = f"valid[{pid}]{at}.sale"
                    ctx.row("valid", (pid, t, "sale"), name, (sales + renewed, coefs), upper=0.0)
                if st.stage.holds(end):
                    continue
                # Renewals taken by now whose new end holds him for this period.
                renewals = [
                    col
                    for when, option, col in taken.get(pid, [])
                    if when <= t and st.stage.holds(s.extensions[option].until)
                ]
                stay = ([st.keep[pid]] if pid in st.keep else []) + [
                    loan.col for loan in st.loan_out.get(pid, [])
                ]
                if stay:
                    coefs = [1.0] * len(stay) + [-1.0] * len(renewals)
                    ctx.row(
                        "valid", (pid, t), f"valid[{pid}]{at}", (stay + renewals, coefs), upper=0.0
                    )
                if pid in st.lapse and renewals:
                    lapse = [st.lapse[pid], *renewals]
                    ctx.row("lapse", (pid, t), f"lapse[{pid}]{at}", ctx.ones(lapse), upper=1.0)
        for pid, options in taken.items():
            once = [col for _, _, col in options]
            ctx.row("renew_once", (pid,), f"renew_once[{pid}]", ctx.ones(once), upper=1.0)
        for st in stages:
            at, t = name_suffix(s, st.stage), st.stage.index
            for pid, cols in st.extend.items():
                held = st.held.get(pid, [])
                for c in cols:
                    expr = ([c.col, *(col for col, _ in held)], [1.0] + [-k for _, k in held])
                    name = f"renew_held[{pid},{c.option}]{at}"
                    ctx.row("renew_held", (pid, c.option, t), name, expr, upper=0.0)
        for active in ctx.cols.active:
            st = stages[active.stage]
            pid, held = active.player, st.held.get(active.player, [])
            key = (pid, active.option, active.taken, active.stage)
            name = f"renewal[{pid},{active.option}]{name_suffix(s, st.stage)}"
            # renewed <= taken; renewed <= held; renewed >= taken + held - 1
            taken_expr = ([active.col, active.extend], [1.0, -1.0])
            ctx.row("renewal", key, f"{name}.taken", taken_expr, upper=0.0)
            hold_expr = ([active.col, *(c for c, _ in held)], [1.0] + [-k for _, k in held])
            ctx.row("renewal", key, f"{name}.held", hold_expr, upper=0.0)
            both = (
                [active.col, active.extend, *(c for c, _ in held)],
                [1.0, -1.0] + [-k for _, k in held],
            )
            ctx.row("renewal", key, f"{name}.both", both, lower=-1.0)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        return []  # the replay plays contracts out (expiry, renewals) and says what is wrong


FAMILY = Contracts()
