"""Every rule a person can be asked to give up or loosen, gathered from the rule families
(:mod:`optimizer.rules`): prices relax each by one unit (or drop a lock), the elastic
explanation finds the least relaxation of all of them together."""

from __future__ import annotations

from optimizer import rules
from optimizer.formulation import Formulation
from optimizer.rules.base import Relaxable


def relaxable_rules(form: Formulation) -> list[Relaxable]:
    """Locks first (what a person insists on is what is asked about first), then the rules
    in the model's order."""
    every = [rule for family in rules.FAMILIES for rule in family.relaxations(form)]
    return [r for r in every if r.kind == "lock"] + [r for r in every if r.kind != "lock"]
