"""What a service worker runs: a solve request, a sweep or a backtest, start to JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from api.application import SolveRequest
from models.absences import Spell
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


@dataclass(frozen=True)
class BacktestJob:
    scenario: Scenario
    absences: list[Spell]
    known_by: dt.date | None
    solver: str
    time_limit: float | None


def run_job(job: SolveJob | SweepJob | BacktestJob, report: Report) -> Any:
    """The plan JSON (exactly as ``transfers solve --format json`` prints it), a sweep's
    rows, or a backtest (as ``transfers backtest --format json``); ``report`` passes a
    sweep's progress back to the service."""
    from api.application import backtest, run_sweep, solve_and_analyse

    if isinstance(job, SolveJob):
        # One solver thread: the service's workers (TRANSFERS_WORKERS) already share the
        # cores, and a second HiGHS thread per worker mostly spins, taking CPU from the other
        # workers (Liverpool's plan: 26 ms of CPU on two threads, 18 ms on one; 15 and 18 ms
        # wall). The trade-offs' re-solves run on one thread anyway.
        plan = solve_and_analyse(job.scenario, job.request, threads=1)
        return plan.model_dump(mode="json")
    if isinstance(job, BacktestJob):
        replayed = backtest(job.scenario, job.absences, job.known_by, job.solver, job.time_limit)
        return replayed.model_dump(mode="json")
    result = run_sweep(
        job.spec,
        job.scenario,
        job.solver,
        job.time_limit,
        workers=1,  # one worker of the service's pool: the pool bounds the processes
        progress=lambda p: report({"done": p.done, "total": p.total, "failures": p.failures}),
    )
    return {"rows": result.rows, "total": result.total}
