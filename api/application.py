"""The application layer: what every surface (CLI, HTTP service, web page) asks the engine
for, stated once. Surfaces parse their input into these requests, call these functions and
render what comes back; none of them builds a model or orchestrates a solve itself.

- :class:`SolveRequest`: how to solve (backend, limits, which trade-offs), one model for the
  CLI options, the HTTP query and the worker jobs.
- :func:`solve_and_analyse`: the checked plan and its trade-offs, from one loaded model.
- :func:`explain`: "why not?" for one move.
- :func:`run_sweep` and :func:`run_exact`: sweeps, with a progress callback, to a folder or
  in memory.
- :func:`backtest`: the window's plan, the no-move plan and the plan without the injury
  model, replayed on the real absences that followed; :func:`with_absences`: a scenario with
  the injury model an absences table gives.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from api.sweep_files import FolderLock, RunLog, SweepFolderError, write_exact, write_outputs

__all__ = [
    "ExactResult",
    "Question",
    "SolveRequest",
    "Solver",
    "SweepFolderError",
    "SweepProgress",
    "SweepResult",
    "backtest",
    "backtest_problems",
    "coverage_problems",
    "explain",
    "known_by_problems",
    "run_exact",
    "run_sweep",
    "solve_and_analyse",
    "threshold",
    "tradeoffs_skipped",
    "what_if",
    "with_absences",
]
from models.absences import (
    History,
    Spell,
    covered,
    read_absences,
    season_start,
    with_history,
)
from models.errors import InputProblem, ScenarioError
from models.horizon import stages
from models.plan import Plan
from models.scenario import Scenario
from models.sweep import (
    RunSpec,
    SweepPlan,
    expand,
    get_path,
    not_a_number,
    unknown_field,
    what_if,
)
from models.tradeoffs import Explanation, Threshold, TradeOffs
from optimizer.backends import get_backend
from optimizer.solve import solve_model
from optimizer.tradeoffs import TRADEOFFS_BELOW
from optimizer.tradeoffs.analysis import analyse_solved
from optimizer.tradeoffs.analysis import explain as explain_move

if TYPE_CHECKING:
    from models.backtest import Backtest
    from optimizer.sweeps import Change, Row, SweepJob

# The sweep runner (process pools, Dask), the threshold scan built on it and the backtest
# are imported where they are called: the plan's path (``transfers solve``) would
# otherwise load concurrent.futures and logging for nothing, ~50 ms of a ~0.9 s command
# (issue 14).


class Solver(StrEnum):
    """The backends by name (``optimizer.backends.BACKENDS``; a test keeps the two equal)."""

    highs = "highs"
    cbc = "cbc"
    scip = "scip"
    cpsat = "cpsat"


class SolveRequest(BaseModel):
    """How to solve a scenario; the same for the CLI, the HTTP service and the web page."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
    solver: Solver = Field(Solver.highs, description="The backend.")
    time_limit: float | None = Field(None, gt=0, description="Stop after this many seconds.")
    gap: float | None = Field(None, ge=0, lt=1, description="Stop at this relative gap.")
    tradeoffs: bool | None = Field(
        None,
        description="Prices, budget curve, alternatives, regret; default: markets under "
        f"{TRADEOFFS_BELOW} targets.",
    )
    alternatives: int = Field(3, ge=0, le=20, description="Next-best plans to list.")
    budget_step: float = Field(0.1, gt=0, le=1, description="Budget step, a fraction.")
    pareto: bool | None = Field(
        None,
        description="The strength-vs-net-spend front; default: for one-window scenarios (over "
        "a horizon each point is a hard re-solve).",
    )

    @property
    def solver_name(self) -> str:
        return str(self.solver.value)


def tradeoffs_skipped(scenario: Scenario, wanted: bool | None) -> str | None:
    """Why trade-offs are not computed (None: compute them). ``wanted=None`` is automatic."""
    if wanted is None and len(scenario.targets) >= TRADEOFFS_BELOW:
        return (
            f"{len(scenario.targets)} targets: trade-offs not computed by default (each what-if "
            "re-solves the full market); ask for them explicitly"
        )
    return "trade-offs not requested" if wanted is False else None


def solve_and_analyse(
    scenario: Scenario,
    request: SolveRequest,
    on_plan: Callable[[Plan], None] | None = None,
    threads: int | None = None,
) -> Plan:
    """The checked best plan with its trade-offs attached (or a note saying why there are
    none). ``on_plan`` sees the plan as soon as it is solved, before the trade-offs (which
    take longer), e.g. to print it first. ``threads``: the plan's solver threads (None: the
    backend's choice; the trade-offs' re-solves run on one)."""
    solved = solve_model(
        scenario, request.solver_name, request.time_limit, request.gap, threads=threads
    )
    if on_plan is not None:
        on_plan(solved.plan)
    note = tradeoffs_skipped(scenario, request.tradeoffs)
    if note is not None:
        report = None if request.tradeoffs is False else TradeOffs(notes=(note,))
        return solved.plan.model_copy(update={"tradeoffs": report})
    report = analyse_solved(solved, request.alternatives, request.budget_step, request.pareto)
    return solved.plan.model_copy(update={"tradeoffs": report})


class Question(StrEnum):
    SIGN = "sign"
    SELL = "sell"
    KEEP = "keep"


def explain(scenario: Scenario, question: Question, player: str, solver: str) -> Explanation:
    """Why not sign / sell / keep ``player``: the best plan that does it, and its cost.
    Raises KeyError for an id that is not in the squad (sell, keep) or targets (sign)."""
    return explain_move(scenario, solver=solver, **{question.value: player})


def threshold(
    scenario: Scenario,
    question: Question,
    player: str,
    parameter: str,
    between: tuple[float, float] | None = None,
    solver: str = "highs",
    tolerance: float | None = None,
) -> Threshold:
    """At what value of ``parameter`` (a sweep path) would the best plan, with no lock on
    ``player``, sign / sell / keep him? Scanned exactly over ``between`` (default: 0 to twice
    the scenario's value). Raises KeyError for an unknown player or path; ValueError when
    no range is given and the value is not a positive number."""
    from optimizer.tradeoffs.threshold import threshold as threshold_scan

    document = scenario.model_dump(mode="json")
    misspelt = unknown_field(document, parameter, between[0] if between else 0.0)
    if misspelt is not None:  # else each value scanned would be refused, a "no plan" range
        raise KeyError(f"{parameter}: {misspelt}")
    if between is None:
        why = not_a_number(document, parameter)
        if why is not None:
            raise ValueError(why)
        current = get_path(document, parameter)
        if isinstance(current, bool) or not isinstance(current, int | float) or current <= 0:
            raise ValueError(
                f"{parameter} is {current!r} here: give the range to scan (its low and high)"
            )
        between = (0.0, 2.0 * float(current))
    low, high = between
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"the range to scan must be finite numbers, got {low:g} {high:g}")
    if not low < high:
        raise ValueError(f"the range to scan must have low < high, got {low:g} {high:g}")
    get_backend(solver)
    return threshold_scan(
        scenario, question.value, player, parameter, low, high, solver=solver, tolerance=tolerance
    )


@dataclass(frozen=True)
class SweepProgress:
    done: int  # runs finished, including those found in the folder's log
    total: int
    failures: int
    resumed: int  # runs found finished in the folder's log


@dataclass
class SweepResult:
    rows: list[Row]  # one per finished run, in run order
    total: int
    resumed: int  # runs found finished in the folder's log
    written: list[Path] = field(default_factory=list)
    interrupted: bool = False


def run_sweep(
    spec: SweepPlan,
    base: Scenario,
    solver: str = "highs",
    time_limit: float | None = None,
    folder: Path | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    progress: Callable[[SweepProgress], None] | None = None,
    source: str = "",
) -> SweepResult:
    """Every run of the sweep, one row each: in ``workers`` local processes (default: the
    cores), or on a Dask cluster (``scheduler``: an address or a Client). With ``folder``,
    rows are logged as they finish (an interrupted sweep resumes from the log) and the
    tables, charts and report are written there. ``progress`` is called after each batch.
    Raises SweepFolderError when ``folder`` holds another sweep."""
    from optimizer.sweeps import SweepJob

    get_backend(solver)  # an unknown or missing solver fails before any run
    runs = expand(spec)
    plan = SweepPlan.model_validate(spec.model_dump(include=set(SweepPlan.model_fields)))
    job = SweepJob(
        base=base.model_dump(mode="json"),
        spec=plan.model_dump(mode="json"),
        solver=solver,
        time_limit=time_limit,
    )
    if folder is None:
        return _run(spec, base, job, runs, None, workers, scheduler, progress, source)
    with FolderLock(folder):  # refused while another sweep writes to the folder
        return _run(spec, base, job, runs, folder, workers, scheduler, progress, source)


def _run(
    spec: SweepPlan,
    base: Scenario,
    job: SweepJob,
    runs: list[RunSpec],
    folder: Path | None,
    workers: int | None,
    scheduler: Any,
    progress: Callable[[SweepProgress], None] | None,
    source: str,
) -> SweepResult:
    from optimizer.sweeps import run_dask, run_local

    log = RunLog(folder, job.key, len(runs), source) if folder is not None else None
    done: dict[int, Row] = log.finished() if log is not None else {}
    resumed = len(done)
    failures = sum(1 for r in done.values() if r.get("status") == "error")
    todo = [r for r in runs if r.run_id not in done]
    if progress is not None:  # before any run: the surface can say what it resumes
        progress(SweepProgress(resumed, len(runs), failures, resumed))
    batches: Iterator[list[Row]] = (
        run_dask(job, todo, scheduler)
        if scheduler is not None
        else run_local(job, todo, workers or os.cpu_count() or 1)
    )
    interrupted = False
    try:
        for batch in batches:
            if log is not None:
                log.append(batch)
            for row in batch:
                done[row["run_id"]] = row
                failures += row.get("status") == "error"
            if progress is not None:
                progress(SweepProgress(len(done), len(runs), failures, resumed))
    except KeyboardInterrupt:
        interrupted = True
    rows = [done[k] for k in sorted(done)]
    result = SweepResult(rows, len(runs), resumed, interrupted=interrupted)
    if folder is not None:
        result.written = write_outputs(folder, rows, spec, len(runs), base)
    return result


@dataclass
class ExactResult:
    changes: list[Change]
    method: str
    written: list[Path] = field(default_factory=list)


def run_exact(
    spec: SweepPlan, base: Scenario, solver: str = "highs", folder: Path | None = None
) -> ExactResult:
    """The sweep file's exact scan: every value of its parameter where the best plan
    changes. Raises ValueError when the spec has no ``exact:`` section; ScenarioError or
    KeyError for values the scenario rejects."""
    from optimizer.sweeps import as_rows, exact_scan

    if spec.exact is None:
        raise ValueError("the sweep has no exact: section")
    get_backend(solver)
    if folder is None:
        return ExactResult(*exact_scan(base, spec.exact, solver=solver))
    with FolderLock(folder):  # refused while another sweep writes to the folder
        changes, method = exact_scan(base, spec.exact, solver=solver)
        written = write_exact(folder, as_rows(changes), spec.exact, method, base)
    return ExactResult(changes, method, written)


def backtest(
    scenario: Scenario,
    absences: Path | list[Spell],
    known_by: dt.date | None = None,
    solver: str = "highs",
    time_limit: float | None = None,
) -> Backtest:
    """The first window planned with the absences known on ``known_by`` (default: when it
    closes), then the period it opens replayed with the real ones: the engine's plan, the
    no-move plan and the plan without the injury model, each judged matchday by matchday
    (:mod:`optimizer.injury.backtest`). ``absences``: a table file or its spells. Raises
    ScenarioError naming the file, line and field of a bad absence row, or a ``known_by``
    after the judged period has begun, or a scenario of several windows
    (:func:`backtest_problems`), or months the table does not cover
    (:func:`coverage_problems`)."""
    from optimizer.injury.backtest import run_backtest

    get_backend(solver)
    problems = backtest_problems(scenario, known_by)
    if problems:
        raise ScenarioError(problems, "backtest", "the request")
    spells = read_absences(absences) if isinstance(absences, Path) else absences
    problems = coverage_problems(scenario, known_by, spells)
    if problems:
        raise ScenarioError(problems, "backtest", "the request")
    return run_backtest(scenario, spells, known_by, solver=solver, time_limit=time_limit)


def with_absences(
    scenario: Scenario, absences: Path | list[Spell], known_by: dt.date | None = None
) -> tuple[Scenario, list[History]]:
    """``scenario`` with each person's injury model taken from the absence spells begun
    before ``known_by`` (default: the first window's close), and each person's history
    (:func:`models.absences.with_history`). Raises ScenarioError for a bad absence row, or
    a ``known_by`` after the first period has begun (:func:`known_by_problems`), or months
    the table does not cover (:func:`coverage_problems`)."""
    _refuse(known_by_problems(scenario, known_by))  # before the table is read
    spells = read_absences(absences) if isinstance(absences, Path) else absences
    _refuse(coverage_problems(scenario, known_by, spells))
    return with_history(scenario, spells, known_by or stages(scenario)[0].closes)


def known_by_problems(scenario: Scenario, known_by: dt.date | None) -> list[InputProblem]:
    """A plan is made with the absences known before the period it is for, as a backtest
    must (it is judged on the rest): ``known_by`` no later than the first period's start.
    The one rule for every surface that takes absences (solve, backtest; CLI and HTTP)."""
    first = stages(scenario)[0]
    if known_by is None or known_by <= first.start:
        return []
    return [
        InputProblem(
            ("known_by",),
            f"after {first.period} begins ({first.start}): the plan would know the absences "
            "of the period it is for (and a backtest judges it on)",
            str(known_by),
        )
    ]


def coverage_problems(
    scenario: Scenario, known_by: dt.date | None, spells: Sequence[Spell]
) -> list[InputProblem]:
    """The table must cover the months watched (from 1 July of the season of ``known_by``,
    default the first window's close): by its seasons when every spell gives one
    (:func:`models.absences.covered`), else at least one spell must begin before the date;
    months it says nothing of would read as injury-free. The one rule for every surface
    that takes absences."""
    first = stages(scenario)[0]
    day = known_by or first.closes
    said = "" if known_by is not None else f" (by default, when {first.window} closes)"
    seasons = covered(spells)
    watched = season_start(day)
    if seasons is not None and not seasons[0] <= watched < seasons[1]:
        last = seasons[1] - dt.timedelta(days=1)
        side = (
            f"before the absences table's first season begins ({seasons[0]})"
            if watched < seasons[0]
            else f"after the absences table's last season ends ({last})"
        )
        return [
            InputProblem(
                ("known_by",),
                f"the months watched begin {watched} (1 July of the season of {day}{said}), "
                f"{side}: the table says nothing of them, which the injury model would read "
                "as injury-free",
                str(day),
            )
        ]
    if spells and seasons is None and all(x.start >= day for x in spells):
        earliest = min(x.start for x in spells)
        return [
            InputProblem(
                ("known_by",),
                f"before the absences table's first spell ({earliest}){said}: the table says "
                "nothing of the months before, which the injury model would read as "
                "injury-free",
                str(day),
            )
        ]
    return []


def backtest_problems(scenario: Scenario, known_by: dt.date | None) -> list[InputProblem]:
    """What a backtest refuses: a ``known_by`` after the judged period begins, and a scenario
    of several windows. A backtest judges only the period the first window opens, so over a
    horizon its table would set that one period's cover beside moves and net spend of every
    window: it asks for the first window alone instead (a one-window scenario)."""
    windows = stages(scenario)
    problems = known_by_problems(scenario, known_by)
    if len(windows) > 1:
        names = ", ".join(w.window for w in windows)
        problems.insert(
            0,
            InputProblem(
                ("windows",),
                f"{len(windows)} windows ({names}): a backtest plans one window and judges "
                f"the period it opens ({windows[0].period}); give a scenario of the first "
                "window alone",
                len(windows),
            ),
        )
    return problems


def _refuse(problems: list[InputProblem]) -> None:
    if problems:
        raise ScenarioError(problems, "known_by", "the request")
