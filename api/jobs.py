"""What a service worker runs: a solve request, a "why not?" question, a sweep or a
backtest, start to JSON."""

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
class ExplainJob:
    """Why not sign / sell / keep ``player``; with ``threshold`` (a sweep path), the values
    of that parameter where the answer changes, as ``transfers explain --threshold``."""

    scenario: Scenario
    question: str  # sign, sell or keep (api.application.Question)
    player: str
    solver: str
    threshold: str | None = None
    between: tuple[float, float] | None = None
    tolerance: float | None = None


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


def run_job(job: SolveJob | ExplainJob | SweepJob | BacktestJob, report: Report) -> Any:
    """The plan JSON (exactly as ``transfers solve --format json`` prints it), an
    explanation or threshold (see :func:`explain_job`), a sweep's rows, or a backtest (as
    ``transfers backtest --format json``); ``report`` passes a sweep's progress back to the
    service."""
    from api.application import backtest, run_sweep, solve_and_analyse

    if isinstance(job, SolveJob):
        # One solver thread: the service's workers (TRANSFERS_WORKERS) already share the
        # cores, and a second HiGHS thread per worker mostly spins, taking CPU from the other
        # workers (Liverpool's plan: 26 ms of CPU on two threads, 18 ms on one; 15 and 18 ms
        # wall). The trade-offs' re-solves run on one thread anyway.
        plan = solve_and_analyse(job.scenario, job.request, threads=1)
        return plan.model_dump(mode="json")
    if isinstance(job, ExplainJob):
        return explain_job(job)
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


def explain_job(job: ExplainJob) -> dict[str, Any]:
    """``{"answer": ...}``: the explanation or threshold JSON, exactly as ``transfers explain
    [--threshold ...] --format json`` prints it; or ``{"refused": message}`` for a path, a
    range or a value the scenario rejects, which only the scan finds, with ``"at"``, the
    query field at fault (the service answers 422 with it, as the CLI exits 2)."""
    from api.application import Question, explain, threshold
    from models.errors import ScenarioError, message_of
    from models.sweep import ScanRangeError

    question = Question(job.question)
    try:
        if job.threshold is None:
            answer = explain(job.scenario, question, job.player, job.solver)
            return {"answer": answer.model_dump(mode="json")}
        found = threshold(
            job.scenario,
            question,
            job.player,
            job.threshold,
            job.between,
            job.solver,
            job.tolerance,
        )
        return {"answer": found.model_dump(mode="json")}
    except ScanRangeError as exc:
        return {"refused": message_of(exc), "at": "high"}
    except (KeyError, ValueError, ScenarioError) as exc:
        return {"refused": message_of(exc), "at": "parameter"}
