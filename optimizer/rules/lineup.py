"""Rules 4-6, the first and second XI of each period: each member fills at most one slot
over both XIs (``one_slot``: none when he is not a member), and each XI fills at most the
formation's slots of each role (``first_xi``, ``second_xi``; an empty slot adds nothing).
Slots of one role are interchangeable, so players are assigned to roles with a capacity.
Only members fit for ``rules.available_from`` of the period have XI columns at all.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from models.horizon import name_suffix
from models.quantities import fit_to_play, strength
from models.scenario import Scenario
from optimizer.replay import Replay, close
from optimizer.rules.base import BuildContext, RuleFamily


class Lineup(RuleFamily):
    numbers = "4-6"
    names = ("one_slot", "first_xi", "second_xi")

    def add_rows(self, ctx: BuildContext) -> None:
        formation = Counter(ctx.scenario.rules.formation)
        for st in ctx.cols.stages:
            at, t = name_suffix(ctx.scenario, st.stage), st.stage.index
            per_role: dict[tuple[int, str], list[int]] = defaultdict(list)
            for member in st.members:
                if not member.slots:
                    continue
                # sum of his slots <= his membership (distinct columns: plain lists)
                slots = [slot.col for slot in member.slots]
                for slot in member.slots:
                    per_role[(slot.xi, slot.role)].append(slot.col)
                mine = (slots + list(member.cols), [1.0] * len(slots) + [-1.0] * len(member.cols))
                pid = member.person.id
                ctx.row("one_slot", (pid, t), f"one_slot[{pid}]{at}", mine, upper=0.0)
            for xi, family in ((1, "first_xi"), (2, "second_xi")):
                for role, n in formation.items():
                    cols = per_role.get((xi, role), [])
                    name = f"{family}[{role}]{at}"
                    ctx.row(family, (role, t), name, ctx.ones(cols), upper=float(n))

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        bad: list[str] = []
        formation = Counter(scenario.rules.formation)
        for period in replay.periods:
            where = period.where
            used: Counter[str] = Counter()
            for label, xi in (("first XI", period.first_xi), ("second XI", period.second_xi)):
                for role, n in Counter(a.slot for a in xi).items():
                    if n > formation.get(role, 0):
                        has = formation[role]
                        bad.append(
                            f"{label}{where} fills {n} {role} slots, the formation has {has}"
                        )
                for a in xi:
                    used[a.player] += 1
                    member = period.members.get(a.player)
                    if member is None:
                        bad.append(f"{label}{where}: {a.player} is not in the squad")
                        continue
                    if a.slot not in member.positions or not fit_to_play(
                        scenario, member, period.stage
                    ):
                        bad.append(f"{label}{where}: {a.player} cannot fill {a.slot}")
                    own = strength(scenario, member, a.slot, period.stage)
                    if not close(own, a.strength):
                        bad.append(
                            f"{label}{where}: {a.player} strength {a.strength}, recomputed {own}"
                        )
            for pid, n in used.items():
                if n > 1:
                    bad.append(f"{pid} fills {n} XI slots{where}")
        return bad


FAMILY = Lineup()
