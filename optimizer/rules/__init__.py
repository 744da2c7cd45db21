"""The rule families of the model, in the order of the formulation's docstring. Adding a
rule is one new module here (rows, check, relaxations, wording) and one line below."""

from __future__ import annotations

from optimizer.rules import (
    budget,
    coverage,
    fate,
    groups,
    lineup,
    locks,
    registration,
    signing_limits,
    squad_size,
)
from optimizer.rules.base import RuleFamily

FAMILIES: tuple[RuleFamily, ...] = (
    fate.FAMILY,  # 1-2
    lineup.FAMILY,  # 3-5
    coverage.FAMILY,  # 6
    budget.FAMILY,  # 7-8
    registration.FAMILY,  # 9-10
    signing_limits.FAMILY,  # 11-12
    squad_size.FAMILY,  # 13
    groups.FAMILY,  # 14
    locks.FAMILY,  # 15
)
