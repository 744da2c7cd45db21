"""The relaxable rules of a formulation: each constraint row a person can be asked to give
up or loosen, with its words, its unit, and how the scenario reads once it is loosened.

Prices (one unit, or the lock dropped) and the infeasibility explanation (the least
amounts that admit a plan) both work from this one list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from models.scenario import Scenario
from optimizer.formulation import Formulation

INF = float(np.inf)
Relax = Callable[[Scenario, float], Scenario]


@dataclass(frozen=True)
class RelaxableRule:
    name: str  # e.g. "coverage[CB]", "lock_keep[joe-gomez]"
    family: str
    kind: str  # "lock" or "rule"
    rows: tuple[int, ...]
    side: str  # "lower": the bound to lower; "upper": to raise; "both"; "drop" (locks)
    unit: str  # "players", "m", "lock"
    describe: str  # what the rule asks, e.g. "keeping Joe Gomez"
    relax: Relax  # the scenario with this rule loosened by an amount

    def bounds(self, lower: float, upper: float, amount: float) -> tuple[float, float]:
        """The row's bounds loosened by ``amount`` (or removed, for a lock)."""
        if self.side == "drop":
            return -INF, INF
        if self.side == "lower":
            return lower - amount, upper
        if self.side == "upper":
            return lower, upper + amount
        return lower - amount, upper + amount


def _rules(s: Scenario, **changes: object) -> Scenario:
    return s.model_copy(update={"rules": s.rules.model_copy(update=changes)})


def _without_lock(field: str, pid: str) -> Relax:
    def relax(s: Scenario, _amount: float) -> Scenario:
        kept = tuple(x for x in getattr(s.locks, field) if x != pid)
        return s.model_copy(update={"locks": s.locks.model_copy(update={field: kept})})

    return relax


def _coverage(role: str) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        return _rules(s, coverage={**s.rules.coverage, role: s.rules.coverage[role] - round(x)})

    return relax


def _budget(field: str) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        budget = s.rules.budget
        return _rules(s, budget=budget.model_copy(update={field: getattr(budget, field) + x}))

    return relax


def _registration(field: str) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        reg = s.rules.registration
        return _rules(
            s, registration=reg.model_copy(update={field: getattr(reg, field) + round(x)})
        )

    return relax


def _count(field: str) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        return _rules(s, **{field: getattr(s.rules, field) + round(x)})

    return relax


def _squad_size(s: Scenario, x: float) -> Scenario:
    size = s.rules.squad_size
    return _rules(
        s,
        squad_size=size.model_copy(
            update={
                "min": None if size.min is None else max(0, size.min - round(x)),
                "max": None if size.max is None else size.max + round(x),
            }
        ),
    )


def _group(index: int) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        groups = list(s.rules.groups)
        groups[index] = groups[index].model_copy(update={"max": groups[index].max + round(x)})
        return _rules(s, groups=tuple(groups))

    return relax


LOCKS = {
    "lock_keep": ("keep", "keeping {}"),
    "lock_sell": ("sell", "selling {}"),
    "lock_sign": ("sign", "signing {}"),
    "lock_never_sign": ("never_sign", "not signing {}"),
}


def relaxable_rules(form: Formulation) -> list[RelaxableRule]:
    s = form.scenario
    names = form.model.row_names
    people = {p.id: p.label for p in (*s.squad, *s.targets)}
    out: list[RelaxableRule] = []
    for family, (field, words) in LOCKS.items():
        for r in form.families.get(family, []):
            pid = names[r][len(family) + 1 : -1]
            out.append(
                RelaxableRule(
                    names[r],
                    family,
                    "lock",
                    (r,),
                    "drop",
                    "lock",
                    words.format(people.get(pid, pid)),
                    _without_lock(field, pid),
                )
            )
    for r in form.families.get("coverage", []):
        role = names[r][len("coverage[") : -1]
        out.append(
            RelaxableRule(
                names[r],
                "coverage",
                "rule",
                (r,),
                "lower",
                "players",
                f"covering {role} with {s.rules.coverage[role]} fit players",
                _coverage(role),
            )
        )
    reg, budget = s.rules.registration, s.rules.budget
    upper_rules: dict[str, tuple[str, str, Relax]] = {
        "net_spend": (
            "m",
            f"the net-spend budget of {budget.net_spend:g} m"
            if budget.net_spend is not None
            else "",
            _budget("net_spend"),
        ),
        "wage_bill": (
            "m",
            f"the wage-bill limit of {budget.wage_bill:g} m"
            if budget.wage_bill is not None
            else "",
            _budget("wage_bill"),
        ),
        "registration_senior": (
            "players",
            f"the {reg.max_senior}-player senior list",
            _registration("max_senior"),
        ),
        "registration_non_homegrown": (
            "players",
            f"the {reg.max_non_homegrown} non-homegrown senior places",
            _registration("max_non_homegrown"),
        ),
        "max_signings": (
            "players",
            f"at most {s.rules.max_signings} signings",
            _count("max_signings"),
        ),
        "max_loans_in": (
            "players",
            f"at most {s.rules.max_loans_in} loans in",
            _count("max_loans_in"),
        ),
    }
    for family, (unit, words, relax) in upper_rules.items():
        for r in form.families.get(family, []):
            out.append(RelaxableRule(names[r], family, "rule", (r,), "upper", unit, words, relax))
    size = s.rules.squad_size
    for r in form.families.get("squad_size", []):
        low = size.min if size.min is not None else 0
        high = size.max if size.max is not None else "any number of"
        out.append(
            RelaxableRule(
                names[r],
                "squad_size",
                "rule",
                (r,),
                "both",
                "players",
                f"a squad of {low} to {high} players",
                _squad_size,
            )
        )
    for g, rows in form.group_rows.items():
        limit = s.rules.groups[g]
        label = f"at most {limit.max} members per {limit.column}"
        if limit.value is not None:
            label += f" = {limit.value}"
        name = (
            f"group[{limit.column}]"
            if limit.value is None
            else f"group[{limit.column}={limit.value}]"
        )
        out.append(
            RelaxableRule(name, "group", "rule", tuple(rows), "upper", "players", label, _group(g))
        )
    return out
