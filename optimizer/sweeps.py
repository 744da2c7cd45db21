"""Running sweeps: one row per run, in parallel processes or on a Dask cluster.

Each worker process builds the base scenario's model once, loads it into the solver once,
and for every run derives the run's model, compares it with the loaded one and applies only
the differences (bounds, right-hand sides, objective coefficients, matrix coefficients)
before re-solving, warm-started from the base plan. The solver's memory of the previous run
is cleared first (``Session.reset``), so a run's row depends only on the sweep seed and the
run, never on which worker ran it or what it ran before. Where the base plan still fits the
run and the LP relaxation proves nothing better (a budget the plan does not reach), the base
plan is the run's answer without a MIP. When a run changes the model's shape (a player
becoming fit enough to play, say), that run is solved from a fresh load. Markets of
``MIN_MARKET`` targets or more are solved run by run with the exact market reduction
instead, since the reduction itself depends on the run.

Local workers are forks of this process, which has loaded the base model already (a fresh
process would spend most of a second importing the engine); this process is one of them.
Where a fork is not safe (:func:`optimizer.forks.can_fork`), fresh processes are started,
and only for sweeps large enough to repay their start-up.

A run that fails (a value the scenario rejects, a solver error) is a row with its error.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import multiprocessing as mp
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import numpy as np

from models.errors import message_of
from models.plan import Plan, SolverInfo, SolveStatus
from models.scenario import Scenario, scenario_from_dict
from models.sweep import (
    PARAMETRIC,
    ExactSpec,
    Noise,
    RunSpec,
    ScanRangeError,
    is_count,
    not_a_number,
    scan_problem,
    variant,
)
from optimizer.backends import Feature, get_backend
from optimizer.backends.base import RawResult, Session, SolveOptions, absolute_tolerance
from optimizer.errors import TransfersError
from optimizer.extract import extract
from optimizer.forks import can_fork, share
from optimizer.formulation import Formulation, build
from optimizer.market_reduction import MIN_MARKET
from optimizer.solve import certify, solve
from optimizer.tradeoffs.budget import with_budget
from optimizer.tradeoffs.parametric import search
from optimizer.tradeoffs.resolver import Resolver

Row = dict[str, Any]
# Sweeps of fewer runs are run in this process when the workers would be fresh processes
# (each spends most of a second importing the engine; a run takes tens of milliseconds).
SPAWN_FROM = 100


@dataclass(frozen=True)
class SweepJob:
    """Everything a worker needs, as plain data (it crosses process and network lines)."""

    base: dict[str, Any]  # the base scenario as JSON
    spec: dict[str, Any]  # the sweep as JSON (a worker reads its noise)
    solver: str
    time_limit: float | None

    @property
    def key(self) -> str:
        text = json.dumps([self.base, self.spec, self.solver, self.time_limit], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def move_label(move: Any) -> str:
    """``sell:joe-gomez``; over a horizon with its window: ``sell:joe-gomez@Summer 2026``."""
    label = f"{move.action.value}:{move.player}"
    return f"{label}@{move.window}" if move.window else label


def plan_row(plan: Plan) -> Row:
    row: Row = {
        "status": plan.status.value,
        "objective": plan.objective,
        "net_spend": plan.finance.net_spend if plan.finance else None,
        "wage_bill": plan.finance.wage_bill_after if plan.finance else None,
        "moves": [move_label(m) for m in plan.moves],
        "error": "" if plan.status.has_plan else f"no plan: {plan.status.value}",
    }
    for name, term in plan.objective_terms.items():
        row[f"term.{name}"] = term.contribution
    return row


class SweepSolver:
    """A worker's loaded base model; solves one run's scenario at a time."""

    def __init__(self, job: SweepJob) -> None:
        self.job = job
        self.noise = Noise.model_validate(job.spec.get("noise", {}))
        self.base = scenario_from_dict(job.base)
        self.backend = get_backend(job.solver)
        # One thread per solver: a sweep runs one solver per core already.
        self.options = SolveOptions(time_limit=job.time_limit, threads=1)
        self.large = len(self.base.targets) >= MIN_MARKET
        self.form = build(self.base)
        self.session: Session | None = None
        self.start: np.ndarray | None = None
        if not self.large:
            self.session = self.backend.load(self.form.model)
            first = self.session.solve(self.options)
            self.start = first.x if first.status.has_plan else None

    def solve(self, scenario: Scenario) -> Plan:
        if self.large or self.session is None:
            return solve(scenario, solver=self.job.solver, time_limit=self.job.time_limit)
        form = build(scenario)
        raw = (
            self._resolve(form)
            if self.session.same_shape(form.model)
            else (self.backend.solve(form.model, self.options))
        )
        info = SolverInfo(
            name=self.backend.name,
            seconds=raw.seconds,
            build_seconds=0.0,
            time_limit=self.job.time_limit,
            variables=form.model.num_cols,
            constraints=form.model.num_rows,
            message=raw.message,
        )
        return certify(scenario, extract(form, raw, info))

    def _resolve(self, form: Formulation) -> RawResult:
        """Apply the run's differences to the loaded model and re-solve (or prove the base
        plan the answer, :meth:`_base_stands`)."""
        session = self.session
        assert session is not None
        session.reset()
        session.update_to(form.model)
        if self.start is None:
            return session.solve(self.options)
        proven = self._base_stands(session)
        if proven is not None:
            return proven
        session.set_start(self.start)
        return session.solve(self.options)

    def _base_stands(self, session: Session) -> RawResult | None:
        """The base plan as the run's answer, when it is one: it fits the run's model and
        the LP relaxation proves no plan better by more than the tolerance a re-solve
        closes. None otherwise."""
        if self.start is None or not self.backend.supports(Feature.LP_BOUND):
            return None
        x = np.where(session.model.integer, np.round(self.start), self.start)
        if not session.admits(x):
            return None
        objective = float(session.objective @ x) + session.model.objective_offset
        tolerance = absolute_tolerance(session.objective)
        bound = session.lp_bound()
        if bound is None or bound > objective + tolerance:
            return None
        return RawResult(SolveStatus.OPTIMAL, x, objective, bound, 0.0, "LP bound", tolerance)

    def run(self, run: RunSpec) -> Row:
        started = time.perf_counter()
        row: Row = {
            "run_id": run.run_id,
            "seed": run.seed,
            **{f"param.{p}": v for p, v in run.values.items()},
        }
        try:
            scenario = variant(self.job.base, run, self.noise)
            row.update(plan_row(self.solve(scenario)))
        except (ValueError, KeyError, TransfersError) as exc:  # ScenarioError is a ValueError
            row.update(
                {
                    "status": "error",
                    "objective": None,
                    "net_spend": None,
                    "wage_bill": None,
                    "moves": [],
                    "error": _one_line(exc),
                }
            )
        row["seconds"] = time.perf_counter() - started
        return row


def _one_line(exc: Exception) -> str:
    """The exception's message on one line, as written (a KeyError's without its quotes)."""
    return " | ".join(line.strip() for line in message_of(exc).splitlines() if line.strip())


_SOLVERS: dict[str, SweepSolver] = {}  # per process: built once, reused by every batch


def run_batch(job: SweepJob, runs: list[RunSpec]) -> list[Row]:
    """Run a batch in this process (a pool worker or a Dask worker)."""
    solver = _solver(job)
    return [solver.run(r) for r in runs]


def _solver(job: SweepJob) -> SweepSolver:
    solver = _SOLVERS.get(job.key)
    if solver is None:
        _SOLVERS.clear()
        solver = _SOLVERS[job.key] = SweepSolver(job)
    return solver


def batches(runs: list[RunSpec], workers: int) -> list[list[RunSpec]]:
    """Small enough batches for progress and balance, large enough to amortise dispatch."""
    size = max(1, min(20, math.ceil(len(runs) / max(1, workers * 8))))
    return [runs[k : k + size] for k in range(0, len(runs), size)]


def run_local(job: SweepJob, runs: list[RunSpec], workers: int) -> Iterator[list[Row]]:
    """Batches of rows as they finish, from ``workers`` processes (1: in this process)."""
    chunks = batches(runs, workers)
    if workers <= 1 or len(chunks) < 2:
        for batch in chunks:
            yield run_batch(job, batch)
        return
    if can_fork(get_backend(job.solver)):
        _solver(job)  # built and loaded here: the forks start with it
        for _, rows in share(len(chunks), lambda k: run_batch(job, chunks[k]), workers - 1):
            yield rows
        return
    if len(runs) < SPAWN_FROM:  # fresh processes would take longer to start than the runs
        for batch in chunks:
            yield run_batch(job, batch)
        return
    # spawn, not fork: this process holds threads (a solver's, or another Python thread),
    # and a forked copy of a running thread can deadlock.
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        pending: set[Future[list[Row]]] = {
            pool.submit(run_batch, job, batch) for batch in batches(runs, workers)
        }
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            for future in pending:
                future.cancel()


def run_dask(job: SweepJob, runs: list[RunSpec], scheduler: Any) -> Iterator[list[Row]]:
    """Batches of rows as they finish, on a Dask cluster (an address or a Client)."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        futures = [
            client.submit(run_batch, job, batch, pure=False) for batch in batches(runs, workers)
        ]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.cancel(futures)
    finally:
        if client is not scheduler:
            client.close()


# Exact mode --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """Over [low, high) of the parameter the best plan is ``moves`` (objective at ``low``)."""

    low: float
    high: float
    objective: float | None
    status: str
    moves: tuple[str, ...]
    points: tuple[tuple[float, float], ...] = ()  # (value, objective) solved inside it


def exact_scan(
    base: Scenario,
    exact: ExactSpec,
    solver: str = "highs",
) -> tuple[list[Change], str]:
    """Every value of one scalar parameter in [low, high] where the best plan changes, with
    the ``fixed`` values of the spec set throughout (e.g. the keep lock removed).

    ``rules.budget.net_spend`` uses the exact parametric search of the trade-off analysis
    (two solves per change, nothing missed). Any other parameter is bisected: solve on a
    grid of ``grid`` intervals, and split every interval whose ends have different plans
    until it is shorter than ``tolerance``. Guarantee: every change is found to within
    ``tolerance`` except a plan that leaves and comes back inside one grid interval; for a
    parameter that only scales objective terms (the weights), each plan is optimal on one
    interval, so nothing can come back and every change is found. A count (an int in the
    scenario: coverage, max signings) is bisected over whole numbers only, down to
    neighbours; when the grid holds every whole number in the range, every one is solved.
    Returns the segments and the method used. Raises ScenarioError / KeyError for fixed
    values the scenario rejects, ValueError for a count's range without a whole number.
    """
    path, low, high = exact.parameter, exact.low, exact.high
    tolerance, grid = exact.tolerance, exact.grid
    base = variant(base.model_dump(mode="json"), RunSpec(0, exact.fixed, 0), Noise())
    document = base.model_dump(mode="json")
    if path == PARAMETRIC:
        r = Resolver(build(base), get_backend(solver), SolveOptions(gap=0.0))
        segments, complete = search(r, "objective", r.objective, low, high, with_budget)
        ends = [start for start, _, _ in segments[1:]] + [high] if segments else []
        # The search starts where the first plan becomes affordable: below it no plan exists,
        # which is an answer too (a range left out would read as covered).
        first = segments[0][0] if segments else high
        unaffordable = [Change(low, first, None, "infeasible", (), ())] if first > low else []
        changes = unaffordable + [
            Change(
                start,
                end,
                plan.objective,
                plan.status.value,
                tuple(sorted(move_label(m) for m in plan.moves)),
                ((start, plan.objective),) if plan.objective is not None else (),
            )
            for (start, plan, _), end in zip(segments, ends, strict=True)
        ]
        if not complete and segments:  # the last plan's end was not found: say so
            return changes, (
                f"parametric (exact, stopped after {len(segments)} changes: the last plan is "
                f"the best from {segments[-1][0]:.4g}, its end not searched)"
            )
        return changes, "parametric (exact)"

    # A count (coverage, max signings, squad size: an int in the scenario) takes whole
    # numbers only; bisecting it over fractions would ask values the scenario rejects.
    why = not_a_number(document, path)
    if why is not None:
        raise ValueError(why)
    whole = is_count(document, path)
    too_many = scan_problem(path, low, high, tolerance, whole)
    if too_many is not None:
        raise ScanRangeError(too_many)
    if whole:
        wholes = range(math.ceil(low), math.floor(high) + 1)
        if not wholes:
            raise ScanRangeError(f"{path} is a whole number: none lies from {low:g} to {high:g}")
        grid = min(grid, len(wholes) - 1)
        points = sorted({float(round(v)) for v in np.linspace(wholes[0], wholes[-1], grid + 1)})
    else:
        points = [float(v) for v in np.linspace(low, high, grid + 1)]

    def at(value: float) -> tuple[str, float | None, tuple[str, ...]]:
        run = RunSpec(0, {path: int(value) if whole else value}, 0)
        try:
            plan = solve(variant(document, run, Noise()), solver=solver)
        except ValueError as exc:
            return (f"error: {_one_line(exc)}", None, ())
        return (plan.status.value, plan.objective, tuple(sorted(move_label(m) for m in plan.moves)))

    answers = {p: at(p) for p in points}

    def kind(status: str) -> str:
        # Rejected values are one kind of answer: their messages differ by the value alone,
        # and bisecting between them would find nothing but cost solves.
        return status.partition(":")[0]

    def same(a: float, b: float) -> bool:
        return answers[a][2] == answers[b][2] and kind(answers[a][0]) == kind(answers[b][0])

    def split(a: float, b: float) -> None:
        if same(a, b):
            return
        if b - a <= (1 if whole else tolerance):
            return
        mid = float((a + b) // 2) if whole else (a + b) / 2
        answers[mid] = at(mid)
        split(a, mid)
        split(mid, b)

    for a, b in itertools.pairwise(points):
        split(a, b)

    out: list[Change] = []
    for value in sorted(answers):
        status, objective, moves = answers[value]
        point = ((value, objective),) if objective is not None else ()
        if out and out[-1].moves == moves and kind(out[-1].status) == kind(status):
            last = out[-1]
            out[-1] = Change(
                last.low, last.high, last.objective, last.status, last.moves, last.points + point
            )
            continue
        if out:
            last = out[-1]
            out[-1] = Change(last.low, value, last.objective, last.status, last.moves, last.points)
        out.append(Change(value, high, objective, status, moves, point))
    if whole:
        return out, (
            EVERY_WHOLE
            if len(answers) == len(points) == len(wholes)
            else f"{WHOLE_BISECTED}, bisection on a grid of {grid} intervals"
        )
    return out, f"bisection to {tolerance:.3g} on a grid of {grid} intervals"


# The methods of a scan over whole numbers (a count), as exact_scan names them.
EVERY_WHOLE = "every whole number"
WHOLE_BISECTED = "whole numbers"


def in_whole_numbers(method: str) -> bool:
    """Whether a scan of this method asked whole numbers only (its ranges are counts)."""
    return method.startswith((EVERY_WHOLE, WHOLE_BISECTED))


def as_rows(changes: Iterable[Change]) -> list[Row]:
    return [
        {
            "from": c.low,
            "to": c.high,
            "objective_at_from": c.objective,
            "status": c.status,
            "moves": list(c.moves),
            "points": [list(p) for p in c.points],
        }
        for c in changes
    ]
