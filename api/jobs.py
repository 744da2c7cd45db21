"""What a service worker runs: a solve request or a sweep, start to JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from api.application import SolveRequest
from models.scenario import Scenario
from models.sweep import SweepPlan

Report = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class SolveJob:
    scenario: Scenario
    request: SolveRequest


@dataclass(frozen=True)
class SweepJob:
    spec: SweepPlan
    scenario: Scenario
    solver: str
    time_limit: float | None


def run_job(job: SolveJob | SweepJob, report: Report) -> Any:
    """The plan JSON (exactly as ``transfers solve --format json`` prints it), or a sweep's
    rows; ``report`` passes a sweep's progress back to the service."""
    from api.application import run_sweep, solve_and_analyse

    if isinstance(job, SolveJob):
        return solve_and_analyse(job.scenario, job.request).model_dump(mode="json")
    result = run_sweep(
        job.spec,
        job.scenario,
        job.solver,
        job.time_limit,
        workers=1,  # one worker of the service's pool: the pool bounds the processes
        progress=lambda p: report({"done": p.done, "total": p.total, "failures": p.failures}),
    )
    return {"rows": result.rows, "total": result.total}
