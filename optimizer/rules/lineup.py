"""Rules 3-5, the first and second XI: each member fills at most one slot over both XIs
(``one_slot``: none when he is not a member), and each XI fills at most the formation's
slots of each role (``first_xi``, ``second_xi``; an empty slot adds nothing). Slots of one
role are interchangeable, so players are assigned to roles with a capacity. Only members
fit for ``rules.available_from`` of the rest of the season have XI columns at all.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from models.quantities import fit_to_play, strength
from models.scenario import Scenario
from optimizer.linear_model import LinearExpr
from optimizer.replay import Replay, close
from optimizer.rules.base import BuildContext, RuleFamily


class Lineup(RuleFamily):
    numbers = "3-5"
    names = ("one_slot", "first_xi", "second_xi")

    def add_rows(self, ctx: BuildContext) -> None:
        per_role: dict[tuple[int, str], list[int]] = defaultdict(list)
        for member in ctx.cols.members:
            if not member.slots:
                continue
            mine = LinearExpr()
            for slot in member.slots:
                mine.add(slot.col, 1.0)
                per_role[(slot.xi, slot.role)].append(slot.col)
            for col in member.cols:
                mine.add(col, -1.0)
            pid = member.person.id
            ctx.row("one_slot", (pid,), f"one_slot[{pid}]", mine, upper=0.0)
        formation = Counter(ctx.scenario.rules.formation)
        for xi, family in ((1, "first_xi"), (2, "second_xi")):
            for role, n in formation.items():
                cols = per_role.get((xi, role), [])
                ctx.row(family, (role,), f"{family}[{role}]", ctx.ones(cols), upper=float(n))

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        bad: list[str] = []
        formation = Counter(scenario.rules.formation)
        used: Counter[str] = Counter()
        plan = replay.plan
        for label, xi in (("first XI", plan.first_xi), ("second XI", plan.second_xi)):
            for role, n in Counter(a.slot for a in xi).items():
                if n > formation.get(role, 0):
                    bad.append(
                        f"{label} fills {n} {role} slots, the formation has {formation[role]}"
                    )
            for a in xi:
                used[a.player] += 1
                member = replay.members.get(a.player)
                if member is None:
                    bad.append(f"{label}: {a.player} is not in the squad")
                    continue
                if a.slot not in member.positions or not fit_to_play(scenario, member):
                    bad.append(f"{label}: {a.player} cannot fill {a.slot}")
                own = strength(scenario, member, a.slot)
                if not close(own, a.strength):
                    bad.append(f"{label}: {a.player} strength {a.strength}, recomputed {own}")
        for pid, n in used.items():
            if n > 1:
                bad.append(f"{pid} fills {n} XI slots")
        return bad


FAMILY = Lineup()
