"""A scenario uploaded as files (a scenario YAML with the CSV or .xlsx files it names):
saved to a temporary folder and read by the same loader as ``transfers validate``, so an
upload accepts exactly what the command line accepts and reports problems the same way
(file, row, id, field, value).
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from models.errors import InputProblem, ScenarioError
from models.loader import TABLES, load_scenario
from models.scenario import Scenario
from models.yaml_file import parse_yaml

# A workbook holds tables only (rules and weights stay in the YAML): it is one of the files a
# scenario names, never the scenario itself.
SCENARIO_SUFFIXES = (".yaml", ".yml")
SWEEP_SUFFIXES = (".sweep.yaml", ".sweep.yml")
MAX_FILES = 20


def _refused(message: str, value: Any = None) -> ScenarioError:
    return ScenarioError([InputProblem((), message, value, where="upload")], "upload")


def _safe_name(name: str) -> str:
    """The file's own name: a client's folders are not ours to recreate."""
    base = Path(name.replace("\\", "/")).name
    if not base or base.startswith(".") or base != base.strip():
        raise _refused("a file name must be a plain name (no folders, not hidden)", name)
    return base


def _scenario_file(names: list[str]) -> str:
    """Which upload is the scenario: the one YAML (sweep files aside), or the one called
    scenario.yaml among several."""
    found = [
        n
        for n in names
        if n.lower().endswith(SCENARIO_SUFFIXES) and not n.lower().endswith(SWEEP_SUFFIXES)
    ]
    if len(found) > 1:
        found = [n for n in found if n.lower() in ("scenario.yaml", "scenario.yml")] or found
    if len(found) != 1:
        what = "no scenario file" if not found else f"{len(found)} scenario files"
        raise _refused(
            f"{what} among the upload: send one scenario .yaml with the CSV or .xlsx files it "
            "names (a workbook holds the tables; the rules stay in the .yaml)",
            ", ".join(names),
        )
    return found[0]


def _check_tables(folder: Path, main: str, names: list[str]) -> None:
    """Every table the YAML names must be one of the uploaded files: the loader resolves
    such names against the folder, and a name like ``../../etc/passwd`` must not reach
    a file outside the upload."""
    if not main.lower().endswith((".yaml", ".yml")):
        return
    try:
        document = parse_yaml((folder / main).read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return  # not readable: the loader says so, naming the file
    if not isinstance(document, dict):
        return
    problems = []
    for table in TABLES:
        ref = document.get(table)
        # book.xlsx#squad names a sheet of an uploaded book.xlsx (models.tables)
        if isinstance(ref, str) and ref not in names and ref.rpartition("#")[0] not in names:
            problems.append(
                InputProblem(
                    (table,),
                    f"names the table {ref!r}, which is not among the uploaded files "
                    f"({', '.join(names)}): upload it with the scenario",
                    ref,
                    where=f"{main}: {table}",
                )
            )
    if problems:
        raise ScenarioError(problems, "upload")


def load_upload(files: list[tuple[str, bytes]]) -> Scenario:
    """The validated scenario from uploaded ``(file name, content)`` pairs. Raises
    ScenarioError listing every problem, each with its file, row and field."""
    if not files:
        raise _refused("no files uploaded")
    if len(files) > MAX_FILES:
        raise _refused(f"at most {MAX_FILES} files per upload", len(files))
    names = [_safe_name(name) for name, _ in files]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise _refused("a file name appears twice in the upload", ", ".join(twice))
    main = _scenario_file(names)
    with tempfile.TemporaryDirectory(prefix="transfers-upload-") as tmp:
        folder = Path(tmp)
        for name, (_, content) in zip(names, files, strict=True):
            (folder / name).write_bytes(content)
        _check_tables(folder, main, names)
        try:
            return load_scenario(folder / main)
        except ScenarioError as exc:  # said without the temporary folder's path
            named = [p if p.where else replace(p, where=main) for p in exc.problems]
            raise ScenarioError(named, main) from None
