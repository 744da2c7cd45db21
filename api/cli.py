"""The ``transfers`` command line. Thin: parse, call the engine, render.

Exit codes: 0 a plan (optimal or feasible at a limit); 1 an internal or solver failure;
2 bad input (scenario, options); 3 no plan (infeasible, or stopped before any plan).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

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

    return Console(soft_wrap=False)


def _fail(message: str, code: int) -> typer.Exit:
    # Plain writes, not rich: error text must not be re-wrapped or styled for a log reader.
    sys.stderr.write(f"error: {message}\n")
    return typer.Exit(code)


def _load(path: Path) -> Scenario:
    from models.errors import ScenarioError
    from models.loader import load_scenario

    try:
        return load_scenario(path)
    except ScenarioError as exc:
        sys.stderr.write(f"{exc}\n")
        raise typer.Exit(EXIT_BAD_INPUT) from None


ScenarioPath = Annotated[Path, typer.Argument(help="A scenario.yaml file.")]


@app.command()
def solve(
    scenario: ScenarioPath,
    solver: Annotated[str, typer.Option(help="highs (default), cbc, scip or cpsat.")] = "highs",
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
            help="Prices, budget curve, alternatives, regret (default: markets < 400 targets).",
        ),
    ] = None,
    alternatives: Annotated[int, typer.Option(min=0, help="Next-best plans to list.")] = 3,
    budget_step: Annotated[
        float, typer.Option(min=0.001, max=1.0, help="Budget step as a fraction (0.1 = 10 %).")
    ] = 0.1,
    plot: Annotated[
        Path | None, typer.Option(help="Write PNG charts of the budget curve and front here.")
    ] = None,
) -> None:
    """Solve a scenario: the best plan for the window and what it costs."""
    from optimizer.errors import SolverUnavailableError, TransfersError, UnknownSolverError
    from optimizer.solve import solve as solve_scenario
    from optimizer.tradeoffs.analysis import with_tradeoffs

    s = _load(scenario)
    table = format == OutputFormat.table
    try:
        plan = solve_scenario(s, solver=solver, time_limit=time_limit, gap=gap)
        if table:  # the plan first: the trade-offs take longer
            from api.render import plan_view

            _console().print(plan_view(plan, s.currency))
        plan = with_tradeoffs(
            s,
            plan,
            solver=solver,
            alternatives_count=alternatives,
            budget_step=budget_step,
            wanted=True if plot is not None else tradeoffs,
        )
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
            console.print(tradeoffs_view(plan.tradeoffs))
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
    solver: Annotated[str, typer.Option(help="highs (default), cbc, scip or cpsat.")] = "highs",
    format: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = (
        OutputFormat.table
    ),
) -> None:
    """Answer "why not?": the best plan that signs, sells or keeps a player, and its cost."""
    from optimizer.errors import SolverUnavailableError, TransfersError, UnknownSolverError
    from optimizer.tradeoffs.analysis import explain as explain_move

    s = _load(scenario)
    asked = [x for x in (sign, sell, keep) if x]
    if len(asked) != 1:
        raise _fail("give exactly one of --sign, --sell, --keep", EXIT_BAD_INPUT)
    try:
        answer = explain_move(s, sign=sign, sell=sell, keep=keep, solver=solver)
    except KeyError:
        table = "targets" if sign else "squad"
        raise _fail(
            f"{asked[0]!r} is not an id in the {table} of {scenario}", EXIT_BAD_INPUT
        ) from None
    except (UnknownSolverError, SolverUnavailableError) as exc:
        raise _fail(str(exc), EXIT_BAD_INPUT) from None
    except TransfersError as exc:
        raise _fail(str(exc), EXIT_FAILED) from None
    if format == OutputFormat.json:
        sys.stdout.write(json.dumps(answer.model_dump(mode="json"), indent=2) + "\n")
    else:
        from api.render import explanation_view

        _console().print(explanation_view(answer))
    if not answer.forced.status.has_plan:
        raise typer.Exit(EXIT_NO_PLAN)


@app.command()
def validate(scenario: ScenarioPath) -> None:
    """Check a scenario and report every problem at once (file, row, field, value)."""
    s = _load(scenario)
    _console().print(
        f"[green]ok[/green]: {s.name}: {len(s.squad)} squad players, {len(s.targets)} targets, "
        f"{len(s.offers)} offers, {len(s.rules.formation)} XI slots",
        highlight=False,
        soft_wrap=True,  # one line, whatever the terminal's width
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
    solver: Annotated[str, typer.Option(help="highs (default), cbc, scip or cpsat.")] = "highs",
    time_limit: Annotated[float | None, typer.Option(min=0.001, help="Seconds per run.")] = None,
    exact: Annotated[
        bool, typer.Option(help="Run the sweep file's exact scan instead of its runs.")
    ] = False,
) -> None:
    """Run a sensitivity sweep: one row per run, in parallel, resumable."""
    import os

    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from api.sweep_files import RunLog, SweepFolderError, write_exact, write_outputs
    from models.errors import ScenarioError
    from models.sweep import expand, load_sweep
    from optimizer.backends import get_backend
    from optimizer.errors import SolverUnavailableError, UnknownSolverError
    from optimizer.sweeps import SweepJob, as_rows, exact_scan, run_dask, run_local

    try:
        spec, base = load_sweep(sweep_file)
        get_backend(solver)
    except ScenarioError as exc:
        sys.stderr.write(f"{exc}\n")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except (UnknownSolverError, SolverUnavailableError) as exc:
        raise _fail(str(exc), EXIT_BAD_INPUT) from None
    console = _console()
    if exact:
        if spec.exact is None:
            raise _fail(f"{sweep_file} has no exact: section", EXIT_BAD_INPUT)
        e = spec.exact
        with console.status(f"exact scan of {e.parameter} from {e.low:g} to {e.high:g}"):
            try:
                changes, method = exact_scan(base, e, solver=solver)
            except (ScenarioError, KeyError) as exc:
                raise _fail(f"exact: {exc}", EXIT_BAD_INPUT) from None
        for path in write_exact(out, as_rows(changes), e.parameter, method, base.name):
            console.print(f"wrote {path}", highlight=False)
        console.print(f"{len(changes)} segments, {len(changes) - 1} changes ({method})")
        return

    runs = expand(spec)
    job = SweepJob(
        base=base.model_dump(mode="json"),
        spec=spec.model_dump(mode="json"),
        solver=solver,
        time_limit=time_limit,
    )
    try:
        log = RunLog(out, job.key, len(runs), str(sweep_file))
    except SweepFolderError as exc:
        raise _fail(str(exc), EXIT_BAD_INPUT) from None
    done = log.finished()
    todo = [r for r in runs if r.run_id not in done]
    failures = sum(1 for r in done.values() if r.get("status") == "error")
    if done:
        console.print(f"resuming: {len(done)} of {len(runs)} runs already in {log.path}")
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} runs"),
        TextColumn("failures {task.fields[failures]}"),
        TimeRemainingColumn(),
    )
    interrupted = False
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("sweep", total=len(runs), completed=len(done), failures=failures)
        source = (
            run_dask(job, todo, scheduler)
            if scheduler
            else run_local(job, todo, workers or os.cpu_count() or 1)
        )
        try:
            for batch in source:
                log.append(batch)
                for row in batch:
                    done[row["run_id"]] = row
                    failures += row.get("status") == "error"
                progress.update(task, advance=len(batch), failures=failures)
        except KeyboardInterrupt:
            interrupted = True
    rows = list(done.values())
    for path in write_outputs(out, rows, list(spec.parameters), len(runs), base.name):
        console.print(f"wrote {path}", highlight=False)
    if interrupted:
        console.print(
            f"interrupted: {len(rows)} of {len(runs)} runs kept in {log.path}; "
            "run the same command to resume"
        )
        raise typer.Exit(130)


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

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        settings = ServiceSettings()
    except ValueError as exc:
        raise _fail(f"bad TRANSFERS_* setting: {exc}", EXIT_BAD_INPUT) from None
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


def main() -> None:
    app()
