"""What a solve proved, as a documented enum (never a solver's integer code).

- ``optimal``: the plan is optimal within the requested gap (``gap`` says how close).
- ``feasible``: a stop (time limit) came before optimality was proven; the plan is valid
  and ``bound`` / ``gap`` say how far from optimal it might be.
- ``infeasible``: no plan satisfies the rules; ``moves`` is empty.
- ``unbounded``: the objective has no upper bound (cannot happen with this model's binary
  variables; kept so a backend's answer is never misreported).
- ``no_solution``: stopped (time limit) before any plan was found.
- ``error``: the backend failed; ``message`` says how.
"""

from __future__ import annotations

from enum import StrEnum


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    NO_SOLUTION = "no_solution"
    ERROR = "error"

    @property
    def has_plan(self) -> bool:
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


# The statuses that carry a plan, as text: sweep rows and scans hold a status or an
# "error: ..." message in one string column.
WITH_PLAN = frozenset(s.value for s in SolveStatus if s.has_plan)
