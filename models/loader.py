"""Reading scenario files: a YAML document whose ``squad`` / ``targets`` may name table files
next to it (CSV, or a sheet of an ``.xlsx`` workbook: ``squad: book.xlsx#squad``; see
:mod:`models.tables`) or hold the rows inline. A folder stands for its ``scenario.yaml``.

Every problem is reported with the file, the row (as numbered in the file, header = row 1),
the player's id, the field and the value. A table's header is checked once for the whole
table: a repeated column, a column close to a documented one (``wages``: did you mean
``wage``?) and a missing required column are each one problem, not one per row. Columns
that are neither documented nor close to one are kept (``rules.groups`` can count over
them) and listed in :attr:`Loaded.extra_columns` so that ``transfers validate`` shows what
was not interpreted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from models.errors import InputProblem, ScenarioError, path_text
from models.people import Person, Player, Target, misnamed
from models.scenario import Scenario, scenario_from_dict
from models.tables import WORKBOOKS, Table, TableError, read_table, split_reference
from models.yaml_file import read_yaml

TABLES: dict[str, type[Person]] = {"squad": Player, "targets": Target}
SCENARIO_FILE = "scenario.yaml"


def _number_fields() -> frozenset[str]:
    numeric = (float, int, float | None, int | None)
    return frozenset(
        name
        for model in TABLES.values()
        for name, info in model.model_fields.items()
        if info.annotation in numeric
    )


NUMBER_FIELDS = _number_fields()


@dataclass(frozen=True)
class RowOrigin:
    file: str
    row: int  # line number in the file; the header is row 1
    id: str


@dataclass(frozen=True)
class Loaded:
    """A validated scenario and what a person should know about how its files were read."""

    scenario: Scenario
    path: Path  # the scenario file read (a folder's scenario.yaml)
    read_as: dict[str, str]  # table file -> how it was read ("semicolon-separated, ...")
    extra_columns: dict[str, tuple[str, ...]]  # table file -> columns kept, not interpreted


def scenario_file(path: str | Path) -> Path:
    """``path``, or the ``scenario.yaml`` in it when it is a folder."""
    path = Path(path)
    return path / SCENARIO_FILE if path.is_dir() else path


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file (or a folder's scenario.yaml). Raises
    ScenarioError naming file, row and field."""
    return read_scenario(path).scenario


def read_scenario(path: str | Path) -> Loaded:
    """As :func:`load_scenario`, with how each table was read and its extra columns."""
    given = Path(path)
    path = scenario_file(given)
    _refuse_non_scenario(given, path)
    document, origins, tables, problems = _read(path)
    # A table that could not be read is still its file name here; its reading problems are
    # said above, so its own "Input should be a valid tuple" is a knock-on, left out.
    unread = {name for name in TABLES if isinstance(document.get(name), str)}
    try:
        scenario = scenario_from_dict(document, source=str(path))
    except ScenarioError as exc:
        missing = {(p.path[0], p.value) for p in problems if p.message.startswith("no column")}
        kept = [
            p
            for p in exc.problems
            if not (
                p.message == "Field required"
                and len(p.path) == 3
                and (p.path[0], p.path[2]) in missing
            )
            and not (len(p.path) == 1 and p.path[0] in unread)
        ]
        located = [_locate(p, path, origins) for p in kept]
        raise ScenarioError(problems + located, str(path)) from None
    if problems:
        raise ScenarioError(problems, str(path))
    documented = {name: set(model.model_fields) for name, model in TABLES.items()}
    return Loaded(
        scenario,
        path,
        {t.source: ", ".join(t.read_as) for t in tables.values()},
        {
            t.source: extra
            for name, t in tables.items()
            if (extra := tuple(c for c in t.columns if c and c not in documented[name]))
        },
    )


def _refuse_non_scenario(given: Path, path: Path) -> None:
    """A folder without a scenario.yaml, or a table file given as the scenario, said
    plainly (not as a YAML error)."""
    if given.is_dir() and not path.is_file():
        names = sorted(p.name for p in given.iterdir())[:12]
        problem = InputProblem(
            (),
            f"the folder has no {SCENARIO_FILE} (it holds: {', '.join(names) or 'nothing'})",
            str(given),
            where=given.name or str(given),
        )
        raise ScenarioError([problem], str(given))
    suffix = path.suffix.lower()
    if suffix in (*WORKBOOKS, ".csv", ".tsv"):
        problem = InputProblem(
            (),
            "this is a table, not a scenario: write a scenario.yaml that names it, e.g. "
            f"'squad: {path.name}"
            + ("#squad'" if suffix in WORKBOOKS else "'")
            + " (see the README, 'Scenario format')",
            path.name,
            where=path.name,
        )
        raise ScenarioError([problem], str(path))


def _read(
    path: Path,
) -> tuple[dict[str, Any], dict[tuple[str, int], RowOrigin], dict[str, Table], list[InputProblem]]:
    document = read_yaml(path)
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
    tables: dict[str, Table] = {}
    problems: list[InputProblem] = []
    for name, model in TABLES.items():
        ref = document.get(name)
        if isinstance(ref, str):
            file, sheet = split_reference(ref, path.parent)
            try:
                table = read_table(file, name, sheet, NUMBER_FIELDS)
            except TableError as exc:
                problems += [
                    InputProblem((name,), what, value, where) for where, what, value in exc.messages
                ]
                continue
            except OSError as exc:
                problems.append(InputProblem((name,), f"cannot read {file.name}: {exc}", ref))
                continue
            tables[name] = table
            header, dropped = _header_problems(table, name, model)
            problems += header
            document[name] = [
                {k: v for k, v in row.items() if k not in dropped} for row in table.rows
            ]
            for i, row in enumerate(table.rows):
                origins[(name, i)] = RowOrigin(table.source, table.lines[i], row.get("id", ""))
        elif isinstance(ref, list):
            for i, row in enumerate(ref):
                pid = row.get("id", "") if isinstance(row, dict) else ""
                origins[(name, i)] = RowOrigin(path.name, 0, str(pid))
    return document, origins, tables, problems


def _header_problems(
    table: Table, name: str, model: type[Person]
) -> tuple[list[InputProblem], set[str]]:
    """Misnamed and missing columns, each said once for the table; and the columns to leave
    out of the rows (the misnamed ones: already reported, not to be kept as extras)."""
    problems = []
    dropped = set()
    where = f"{table.source} row {table.header_line} (header)"
    for column in table.columns:
        hint = misnamed(column, model)
        if column == "extra":  # the rows' own name for their further columns
            hint = "the name that holds a row's further columns; rename this column"
        if hint is not None:
            problems.append(InputProblem((name,), f"column {column!r}: {hint}", column, where))
            dropped.add(column)
    for field, info in model.model_fields.items():
        if info.is_required() and field not in table.columns:
            problems.append(
                InputProblem(
                    (name,),
                    f"no column {field!r}, which every row needs (columns found: "
                    f"{', '.join(table.columns)})",
                    field,
                    where,
                )
            )
    return problems, dropped


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
