"""The rule families of the model, in the order of the formulation's docstring. Adding a
rule is one new module here (rows, check, relaxations, wording) and one line below."""

from __future__ import annotations

from optimizer.rules import (
    budget,
    contracts,
    coverage,
    coverage_risk,
    fate,
    finance,
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
    contracts.FAMILY,  # 3
    lineup.FAMILY,  # 4-6
    coverage.FAMILY,  # 7
    budget.FAMILY,  # 8-9
    registration.FAMILY,  # 10-11
    signing_limits.FAMILY,  # 12-13
    squad_size.FAMILY,  # 14
    groups.FAMILY,  # 15
    locks.FAMILY,  # 16
    finance.FAMILY,  # 17
    coverage_risk.FAMILY,  # 18
)
