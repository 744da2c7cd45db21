"""What a service worker runs: one solve request, start to JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.scenario import Scenario


@dataclass(frozen=True)
class SolveJob:
    scenario: Scenario
    solver: str
    time_limit: float
    gap: float | None
    tradeoffs: bool | None
    alternatives: int
    budget_step: float


def run_job(job: SolveJob) -> dict[str, Any]:
    """The plan JSON, exactly as ``transfers solve --format json`` prints it."""
    from optimizer.solve import solve
    from optimizer.tradeoffs.analysis import with_tradeoffs

    plan = solve(job.scenario, solver=job.solver, time_limit=job.time_limit, gap=job.gap)
    plan = with_tradeoffs(
        job.scenario,
        plan,
        solver=job.solver,
        alternatives_count=job.alternatives,
        budget_step=job.budget_step,
        wanted=job.tradeoffs,
    )
    return plan.model_dump(mode="json")
