"""Reading scenario files: a YAML document whose ``squad`` / ``targets`` may name CSV files
next to it (read with pandas) or hold the rows inline.

Every problem is reported with the file, the row (as numbered in the file, header = row 1),
the player's id, the field and the value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from models.errors import InputProblem, ScenarioError, path_text
from models.scenario import Scenario, scenario_from_dict

TABLES = ("squad", "targets")


@dataclass(frozen=True)
class RowOrigin:
    file: str
    row: int  # line number in the file; the header is row 1
    id: str


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file. Raises ScenarioError naming file, row and field."""
    path = Path(path)
    document, origins = _read(path)
    try:
        return scenario_from_dict(document, source=str(path))
    except ScenarioError as exc:
        located = [_locate(p, path, origins) for p in exc.problems]
        raise ScenarioError(located, str(path)) from None


def _read(path: Path) -> tuple[dict[str, Any], dict[tuple[str, int], RowOrigin]]:
    if not path.is_file():
        raise ScenarioError([InputProblem((), "no such file", str(path))], str(path))
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ScenarioError([InputProblem((), f"not valid YAML: {exc}")], str(path)) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError([InputProblem((), f"not UTF-8 text: {exc}")], str(path)) from None
    if not isinstance(document, dict):
        raise ScenarioError(
            [
                InputProblem(
                    (), "the top level must be a mapping of fields", type(document).__name__
                )
            ],
            str(path),
        )
    origins: dict[tuple[str, int], RowOrigin] = {}
    problems: list[InputProblem] = []
    for table in TABLES:
        ref = document.get(table)
        if isinstance(ref, str):
            csv_path = (path.parent / ref).resolve()
            try:
                rows = _read_csv(csv_path)
            except (OSError, ValueError) as exc:
                problems.append(
                    InputProblem((table,), f"cannot read table {csv_path.name}: {exc}", ref)
                )
                continue
            document[table] = rows
            for i, row in enumerate(rows):
                origins[(table, i)] = RowOrigin(csv_path.name, i + 2, str(row.get("id", "")))
        elif isinstance(ref, list):
            for i, row in enumerate(ref):
                pid = row.get("id", "") if isinstance(row, dict) else ""
                origins[(table, i)] = RowOrigin(path.name, 0, str(pid))
    if problems:
        raise ScenarioError(problems, str(path))
    return document, origins


def _read_csv(path: Path) -> list[dict[str, Any]]:
    import pandas as pd  # here, not at import: the CLI's start-up time matters

    frame = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    frame.columns = [str(c).strip() for c in frame.columns]
    duplicated = [c for c in frame.columns if list(frame.columns).count(c) > 1]
    if duplicated:
        raise ValueError(f"duplicate column {duplicated[0]!r}")
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _locate(
    problem: InputProblem, path: Path, origins: dict[tuple[str, int], RowOrigin]
) -> InputProblem:
    """Say where a problem is in the files a person edits."""
    p = problem.path
    if len(p) >= 2 and p[0] in TABLES and isinstance(p[1], int):
        origin = origins.get((str(p[0]), p[1]))
        if origin is not None:
            field = ".".join(str(x) for x in p[2:]) or "row"
            row = f"row {origin.row}" if origin.row else f"{p[0]}[{p[1]}]"
            ident = f" (id {origin.id})" if origin.id else ""
            return replace(problem, where=f"{origin.file} {row}{ident}, field {field!r}")
    return replace(problem, where=f"{path.name}: {path_text(p) or 'document'}")
