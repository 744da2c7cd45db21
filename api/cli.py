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
    full_market: Annotated[
        bool, typer.Option(help="Skip the exact market reduction (for comparison).")
    ] = False,
) -> None:
    """Solve a scenario and print the best plan for the window."""
    from optimizer.errors import (
        SolverUnavailableError,
        TransfersError,
        UnknownSolverError,
    )
    from optimizer.solve import solve as solve_scenario

    s = _load(scenario)
    try:
        plan = solve_scenario(
            s, solver=solver, time_limit=time_limit, gap=gap, reduce=not full_market
        )
    except (UnknownSolverError, SolverUnavailableError) as exc:
        raise _fail(str(exc), EXIT_BAD_INPUT) from None
    except TransfersError as exc:
        raise _fail(str(exc), EXIT_FAILED) from None
    if format == OutputFormat.json:
        sys.stdout.write(json.dumps(plan.model_dump(mode="json"), indent=2) + "\n")
    else:
        from api.render import plan_view

        _console().print(plan_view(plan, s.currency))
    if not plan.status.has_plan:
        raise typer.Exit(EXIT_FAILED if plan.status.value == "error" else EXIT_NO_PLAN)


@app.command()
def validate(scenario: ScenarioPath) -> None:
    """Check a scenario and report every problem at once (file, row, field, value)."""
    s = _load(scenario)
    _console().print(
        f"[green]ok[/green]: {s.name}: {len(s.squad)} squad players, {len(s.targets)} targets, "
        f"{len(s.offers)} offers, {len(s.rules.formation)} XI slots",
        highlight=False,
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


def main() -> None:
    app()
