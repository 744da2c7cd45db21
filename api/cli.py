"""The ``transfers`` command line. Thin: parse, call the engine, render.

Exit codes: 0 a plan (optimal or feasible at a limit); 1 an internal or solver failure;
2 bad input (scenario, options); 3 no plan (infeasible, or stopped before any plan).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from optimizer.tradeoffs import TRADEOFFS_BELOW

if TYPE_CHECKING:
    from rich.console import Console

    from api.application import SolveRequest
    from models.absences import History
    from models.plan import Plan
    from models.scenario import Scenario

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Transfer-window optimiser: the best sell / loan / sign plan for a window.",
)

EXIT_FAILED, EXIT_BAD_INPUT, EXIT_NO_PLAN = 1, 2, 3


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def _console() -> Console:
    from rich.console import Console

    # Piped into a file or a log, tables get room for their columns instead of rich's
    # 80-column default, which folds every move list into a tower of one-word lines. No
    # markup and no emoji codes: text from the user ("locks.keep=[gomez]", "Gomez [on
    # loan]", "Gomez :smile:") is printed as given, never read as rich's [style] tags or
    # turned into emoji.
    width = None if sys.stdout.isatty() else 160
    return Console(soft_wrap=False, width=width, markup=False, emoji=False)


def _fail(message: str, code: int) -> typer.Exit:
    # Plain writes, not rich: error text must not be re-wrapped or styled for a log reader.
    sys.stderr.write(f"error: {message}\n")
    return typer.Exit(code)


def _load(path: Path, settings: list[str] | None = None, scanned: str | None = None) -> Scenario:
    """The scenario, with the ``--set`` what-ifs applied (bad input: its problems, exit 2);
    ``scanned``: the parameter a scan will set (a what-if of it is refused)."""
    from api.application import what_if
    from models.errors import ScenarioError
    from models.loader import load_scenario

    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        sys.stderr.write(f"{exc}\n")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if not settings:
        return scenario
    try:
        return what_if(scenario, settings, scanned)
    except ScenarioError as exc:
        exc.source = "--set"
        sys.stderr.write(f"{exc}\n")
        raise typer.Exit(EXIT_BAD_INPUT) from None


SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="What-if: PATH=VALUE in the sweep path syntax, the value in YAML, e.g. "
        "--set offers[0].fee=25 --set locks.keep=[]; repeatable.",
    ),
]


AbsencesOption = Annotated[
    Path | None,
    typer.Option(
        help="An absences table (player, from, until, days; CSV or .xlsx): each person's "
        "injury model from the spells begun before --known-by."
    ),
]
KnownByOption = Annotated[
    str | None,
    typer.Option(
        help="With --absences: the spells begun before this date (default: the window's close)."
    ),
]


def _known_by(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text is not None else None
    except ValueError:
        raise _fail(f"--known-by: not a date (YYYY-MM-DD): {text!r}", EXIT_BAD_INPUT) from None


def _with_absences(
    s: Scenario, absences: Path, known_by: str | None
) -> tuple[Scenario, list[History]]:
    """The scenario with the injury model the absences give (a bad row: its problems, exit 2)."""
    from api.application import with_absences
    from models.errors import ScenarioError

    try:
        return with_absences(s, absences, _known_by(known_by))
    except ScenarioError as exc:
        sys.stderr.write(f"{exc}\n")
        raise typer.Exit(EXIT_BAD_INPUT) from None


ScenarioPath = Annotated[
    Path, typer.Argument(help="A scenario.yaml file, or a folder that holds one.")
]


SolverOption = Annotated[str, typer.Option(help="highs (default), cbc, scip or cpsat.")]


def _request(**options: object) -> SolveRequest:
    """The solve options as the application layer's request (bad values: exit 2)."""
    from pydantic import ValidationError

    from api.application import SolveRequest
    from optimizer.backends import BACKENDS

    if str(options.get("solver", "")).lower() not in BACKENDS:
        known = ", ".join(BACKENDS)
        raise _fail(f"unknown solver {options['solver']!r}; choose one of: {known}", EXIT_BAD_INPUT)
    try:
        return SolveRequest.model_validate({**options, "solver": str(options["solver"]).lower()})
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(x) for x in problem["loc"])
        raise _fail(f"--{where.replace('_', '-')}: {problem['msg']}", EXIT_BAD_INPUT) from None


@app.command()
def solve(
    scenario: ScenarioPath,
    solver: SolverOption = "highs",
    time_limit: Annotated[
        float | None, typer.Option(min=0.001, help="Stop after this many seconds.")
    ] = None,
    gap: Annotated[
        float | None, typer.Option(min=0.0, max=0.999, help="Stop at this relative gap.")
    ] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = (
        OutputFormat.table
    ),
    tradeoffs: Annotated[
        bool | None,
        typer.Option(
            "--tradeoffs/--no-tradeoffs",
            help="Prices, budget curve, alternatives, regret (default: markets under "
            f"{TRADEOFFS_BELOW} targets).",
        ),
    ] = None,
    alternatives: Annotated[int, typer.Option(min=0, help="Next-best plans to list.")] = 3,
    budget_step: Annotated[
        float, typer.Option(min=0.001, max=1.0, help="Budget step as a fraction (0.1 = 10 %).")
    ] = 0.1,
    pareto: Annotated[
        bool | None,
        typer.Option(
            "--pareto/--no-pareto",
            help="The strength-vs-net-spend front (default: one-window scenarios).",
        ),
    ] = None,
    plot: Annotated[
        Path | None, typer.Option(help="Write PNG charts of the budget curve and front here.")
    ] = None,
    settings: SetOption = None,
    absences: AbsencesOption = None,
    known_by: KnownByOption = None,
) -> None:
    """Solve a scenario: the best plan for the window and what it costs."""
    from api.application import solve_and_analyse
    from optimizer.errors import SolverUnavailableError, TransfersError, UnknownSolverError

    if known_by is not None and absences is None:  # it dated nothing, silently
        raise _fail(
            "--known-by dates the spells of --absences: give --absences too", EXIT_BAD_INPUT
        )
    s = _load(scenario, settings)
    absences_note: list[str] = []
    if absences is not None:
        from api.render import history_lines
        from models.horizon import stages

        s, history = _with_absences(s, absences, known_by)
        cutoff = known_by or f"the window's close ({stages(s)[0].closes})"
        absences_note = history_lines(str(absences), history, cutoff)
    request = _request(
        solver=solver,
        time_limit=time_limit,
        gap=gap,
        tradeoffs=True if plot is not None else tradeoffs,
        alternatives=alternatives,
        budget_step=budget_step,
        pareto=pareto,
    )
    table = format == OutputFormat.table
    if not table and absences_note:  # stdout is the plan's JSON: what was replaced, aside
        sys.stderr.write("".join(f"{line}\n" for line in absences_note))

    def print_plan(plan: Plan) -> None:  # the plan first: the trade-offs take longer
        from api.render import plan_view

        console = _console()
        if settings:
            console.print(f"what-if: {', '.join(settings)}", style="bold", highlight=False)
        for line in absences_note:
            console.print(line, style="bold", highlight=False)
        console.print(plan_view(plan, s.currency))

    try:
        plan = solve_and_analyse(s, request, on_plan=print_plan if table else None)
    except (UnknownSolverError, SolverUnavailableError) as exc:
        raise _fail(str(exc), EXIT_BAD_INPUT) from None
    except TransfersError as exc:
        raise _fail(str(exc), EXIT_FAILED) from None
    written = []
    if plot is not None and plan.tradeoffs is not None and plan.tradeoffs.budget is not None:
        from api.plots import write_plots

        written = write_plots(plan.tradeoffs.budget, plot, s.name)
    if table:
        from api.render import tradeoffs_view

        console = _console()
        if plan.tradeoffs is not None:
            console.print(tradeoffs_view(plan.tradeoffs, plan.moves))
        for path in written:
            console.print(f"wrote {path}", highlight=False)
    else:
        sys.stdout.write(json.dumps(plan.model_dump(mode="json"), indent=2) + "\n")
    if not plan.status.has_plan:
        raise typer.Exit(EXIT_FAILED if plan.status.value == "error" else EXIT_NO_PLAN)


@app.command()
def explain(
    scenario: ScenarioPath,
    sign: Annotated[str | None, typer.Option(help="Why not sign this target (id)?")] = None,
    sell: Annotated[str | None, typer.Option(help="Why not sell this player (id)?")] = None,
    keep: Annotated[str | None, typer.Option(help="Why not keep this player (id)?")] = None,
    threshold: Annotated[
        str | None,
        typer.Option(
            help="Instead: at what value of this path (e.g. offers[0].fee) would the best "
            "plan, with no lock on the player, do it? An exact scan."
        ),
    ] = None,
    between: Annotated[
        tuple[float, float] | None,
        typer.Option(help="The range --threshold scans (default: 0 to twice today's value)."),
    ] = None,
    tolerance: Annotated[
        float | None,
        typer.Option(
            min=1e-9,
            help="--threshold: how close (default: range / 1000, or today's value / 1000 "
            "if smaller).",
        ),
    ] = None,
    solver: SolverOption = "highs",
    format: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = (
        OutputFormat.table
    ),
    settings: SetOption = None,
) -> None:
    """Answer "why not?": the best plan that signs, sells or keeps a player, and its cost;
    with --threshold, the values of a parameter at which that move starts to pay."""
    from api.application import Question
    from api.application import explain as explain_move
    from api.application import threshold as threshold_scan
    from models.errors import ScenarioError, message_of
    from optimizer.errors import SolverUnavailableError, TransfersError, UnknownSolverError

    s = _load(scenario, settings, threshold)
    asked = [
        (q, pid)
        for q, pid in ((Question.SIGN, sign), (Question.SELL, sell), (Question.KEEP, keep))
        if pid
    ]
    if len(asked) != 1:
        raise _fail("give exactly one of --sign, --sell, --keep", EXIT_BAD_INPUT)
    if threshold is None and (between is not None or tolerance is not None):
        raise _fail("--between and --tolerance go with --threshold PATH", EXIT_BAD_INPUT)
    question, pid = asked[0]
    table = "targets" if question == Question.SIGN else "squad"
    if pid not in {p.id for p in (s.targets if question == Question.SIGN else s.squad)}:
        raise _fail(f"{pid!r} is not an id in the {table} of {scenario}", EXIT_BAD_INPUT)
    try:
        if threshold is not None:
            found = threshold_scan(s, question, pid, threshold, between, solver, tolerance)
        else:
            answer = explain_move(s, question, pid, solver)
    except (KeyError, ValueError, ScenarioError) as exc:  # a path or range that cannot be
        raise _fail(message_of(exc), EXIT_BAD_INPUT) from None
    except (UnknownSolverError, SolverUnavailableError) as exc:
        raise _fail(str(exc), EXIT_BAD_INPUT) from None
    except TransfersError as exc:
        raise _fail(str(exc), EXIT_FAILED) from None
    if threshold is not None:
        if format == OutputFormat.json:
            sys.stdout.write(json.dumps(found.model_dump(mode="json"), indent=2) + "\n")
        else:
            from api.render import threshold_view

            names = {p.id: p.label for p in (*s.squad, *s.targets)}
            _console().print(threshold_view(found, names))
        return
    if format == OutputFormat.json:
        sys.stdout.write(json.dumps(answer.model_dump(mode="json"), indent=2) + "\n")
    else:
        from api.render import explanation_view

        _console().print(explanation_view(answer))
    if not answer.forced.status.has_plan:
        raise typer.Exit(EXIT_NO_PLAN)


@app.command()
def validate(scenario: ScenarioPath) -> None:
    """Check a scenario and report every problem at once (file, row, field, value); say how
    each table file was read and which of its columns are kept without being interpreted."""
    from rich.text import Text

    from models.errors import ScenarioError
    from models.loader import read_scenario

    try:
        loaded = read_scenario(scenario)
    except ScenarioError as exc:
        sys.stderr.write(f"{exc}\n")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    s = loaded.scenario
    console = _console()
    console.print(
        Text.assemble(
            ("ok", "green"),
            f": {s.name}: {len(s.squad)} squad players, {len(s.targets)} targets, "
            f"{len(s.offers)} offers, {len(s.rules.formation)} XI slots",
        ),
        highlight=False,
        soft_wrap=True,  # one line, whatever the terminal's width
    )
    for source, how in loaded.read_as.items():
        console.print(f"{source}: read as {how}", highlight=False, soft_wrap=True)
        extra = loaded.extra_columns.get(source)
        if extra:
            console.print(
                f"  columns kept, not interpreted (usable by rules.groups): {', '.join(extra)}",
                highlight=False,
                soft_wrap=True,
            )


@app.command()
def schema() -> None:
    """Print the JSON Schema of a scenario document."""
    from models.scenario import Scenario

    sys.stdout.write(json.dumps(Scenario.model_json_schema(), indent=2) + "\n")


@app.command()
def solvers() -> None:
    """List the solver backends and whether each is installed here."""
    from optimizer.backends import BACKENDS

    for name, cls in BACKENDS.items():
        backend = cls()
        mark = "installed" if backend.available() else "not installed"
        typer.echo(f"{name:6} {mark:14} {backend.description}")


@app.command()
def sweep(
    sweep_file: Annotated[Path, typer.Argument(help="A sweep .yaml file.")],
    out: Annotated[Path, typer.Option(help="Folder for the run log, tables, charts, report.")],
    workers: Annotated[
        int | None, typer.Option(min=1, help="Local processes (default: the cores).")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="A Dask scheduler address, e.g. tcp://HOST:8786.")
    ] = None,
    solver: SolverOption = "highs",
    time_limit: Annotated[float | None, typer.Option(min=0.001, help="Seconds per run.")] = None,
    exact: Annotated[
        bool, typer.Option(help="Run the sweep file's exact scan instead of its runs.")
    ] = False,
) -> None:
    """Run a sensitivity sweep: one row per run, in parallel, resumable."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from api.application import SweepFolderError, SweepProgress, run_exact, run_sweep
    from models.errors import ScenarioError, message_of
    from models.sweep import load_sweep
    from optimizer.errors import SolverUnavailableError, UnknownSolverError

    _resume_collector()  # a sweep may run for hours
    try:
        spec, base = load_sweep(sweep_file)
    except ScenarioError as exc:
        sys.stderr.write(f"{exc}\n")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    console = _console()
    try:
        if exact:
            if spec.exact is None:
                raise _fail(f"{sweep_file} has no exact: section", EXIT_BAD_INPUT)
            e = spec.exact
            with console.status(f"exact scan of {e.parameter} from {e.low:g} to {e.high:g}"):
                try:
                    scan = run_exact(spec, base, solver, folder=out)
                except (ScenarioError, KeyError) as exc:
                    raise _fail(f"exact: {message_of(exc)}", EXIT_BAD_INPUT) from None
            for path in scan.written:
                console.print(f"wrote {path}", highlight=False)
            changes = len(scan.changes)
            console.print(f"{changes} segments, {changes - 1} changes ({scan.method})")
            return
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} runs"),
            TextColumn("failures {task.fields[failures]}"),
            TimeRemainingColumn(),
        )
        # Redrawn at each batch rather than by rich's refresh thread: with no second thread
        # running, the sweep's local workers can be forks of this process.
        with Progress(*columns, console=console, transient=False, auto_refresh=False) as bar:
            task = bar.add_task("sweep", total=None, failures=0)

            def progress(p: SweepProgress) -> None:
                if p.resumed and p.done == p.resumed:
                    log = out / "runs.jsonl"
                    bar.console.print(f"resuming: {p.resumed} of {p.total} runs already in {log}")
                bar.update(task, total=p.total, completed=p.done, failures=p.failures)
                bar.refresh()

            result = run_sweep(
                spec,
                base,
                solver,
                time_limit,
                folder=out,
                workers=workers,
                scheduler=scheduler,
                progress=progress,
                source=str(sweep_file),
            )
    except (UnknownSolverError, SolverUnavailableError, SweepFolderError) as exc:
        raise _fail(str(exc), EXIT_BAD_INPUT) from None
    for path in result.written:
        console.print(f"wrote {path}", highlight=False)
    if result.interrupted:
        console.print(
            f"interrupted: {len(result.rows)} of {result.total} runs kept in {out / 'runs.jsonl'}; "
            "run the same command to resume"
        )
        raise typer.Exit(130)


@app.command()
def backtest(
    scenario: ScenarioPath,
    absences: Annotated[
        Path, typer.Option(help="An absences table: player, from, until, days (CSV or .xlsx).")
    ],
    known_by: KnownByOption = None,
    solver: SolverOption = "highs",
    time_limit: Annotated[float | None, typer.Option(min=0.001, help="Seconds per solve.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = (
        OutputFormat.table
    ),
    plot: Annotated[Path | None, typer.Option(help="Write backtest.png here.")] = None,
    settings: SetOption = None,
) -> None:
    """Replay the rest of the season with the real absences: the engine's plan, the no-move
    plan and the plan without the injury model, matchday by matchday."""
    from api.application import backtest as run
    from models.errors import ScenarioError
    from optimizer.errors import SolverUnavailableError, TransfersError, UnknownSolverError

    s = _load(scenario, settings)
    cutoff = _known_by(known_by)
    try:
        result = run(s, absences, cutoff, solver, time_limit)
    except ScenarioError as exc:
        sys.stderr.write(f"{exc}\n")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except (UnknownSolverError, SolverUnavailableError) as exc:
        raise _fail(str(exc), EXIT_BAD_INPUT) from None
    except TransfersError as exc:
        raise _fail(str(exc), EXIT_FAILED) from None
    if format == OutputFormat.json:
        sys.stdout.write(json.dumps(result.model_dump(mode="json"), indent=2) + "\n")
    else:
        from api.risk_view import backtest_view

        _console().print(backtest_view(result))
    if plot is not None:
        from api.backtest_chart import write_backtest_chart

        path = write_backtest_chart(result, plot)
        if format == OutputFormat.table:
            _console().print(f"wrote {path}", highlight=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
) -> None:
    """Run the HTTP service (FastAPI under uvicorn); limits from TRANSFERS_* variables."""
    import logging

    import uvicorn

    from api.service import create_app
    from api.settings import ServiceSettings

    _resume_collector()  # a service runs for days
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        settings = ServiceSettings()
    except ValueError as exc:
        raise _fail(f"bad TRANSFERS_* setting: {exc}", EXIT_BAD_INPUT) from None
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


def _resume_collector() -> None:
    """Turn the cyclic collector back on for a command that runs long (see :func:`main`);
    what start-up made is frozen first, so its passes never scan those objects again."""
    gc.freeze()
    gc.enable()


def main() -> None:
    # A command's start-up (imports, pydantic's schemas) makes some 10^5 objects that live
    # until exit, and the cyclic collector scanned them over and over: ~120 passes, 40 ms of
    # `transfers solve --no-tradeoffs`'s 0.6 s, for no garbage (peak memory of the bundled
    # scenarios' default commands is the same without it; the engine pauses it in its
    # builds anyway, models/collector.py). Off for a command that runs and exits; serve and
    # sweep, which run long, turn it back on once started.
    gc.disable()
    app()
