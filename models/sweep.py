"""Sensitivity sweeps: the sweep file, parameter paths into a scenario, and the runs.

A sweep file names a base scenario and parameters by path::

    base: scenario.yaml
    mode: grid            # grid (every combination), zip (in step), random (seeded draws)
    runs: 100             # random mode only
    seed: 7
    noise: {rating_sd: 1.5}   # optional: seeded normal noise on every rating, per run
    parameters:
      rules.budget.net_spend: {range: [0, 120, 10]}   # start, stop (inclusive), step
      offers[0].fee: [10, 18, 25]                      # a list
      squad.joe-gomez.availability: {linspace: [0.4, 1.0, 7]}
      objective.money: {distribution: uniform, low: 0.05, high: 0.3}   # random mode
    exact: {parameter: rules.budget.net_spend, low: 0, high: 120}

Paths: dotted fields, ``[k]`` for the k-th list item, and an id after ``squad`` or
``targets`` for that player (``targets.marc-guehi.fee``). Each run's scenario is a
validated copy of the base with the values set (the base is never changed); a value the
scenario rejects makes that run a row with its error.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import math
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from models.errors import InputProblem, ScenarioError, message_of, path_text
from models.loader import load_scenario
from models.people import Player, Target, kept_as_extra, misnamed
from models.scenario import Scenario, scenario_from_dict
from models.yaml_file import parse_yaml, read_yaml

_STRICT = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class SweepMode(StrEnum):
    GRID = "grid"
    ZIP = "zip"
    RANDOM = "random"


class RangeSpec(BaseModel):
    model_config = _STRICT
    range: tuple[float, float, float]


class LinspaceSpec(BaseModel):
    model_config = _STRICT
    linspace: tuple[float, float, int]


class DistributionSpec(BaseModel):
    model_config = _STRICT
    distribution: Literal["uniform", "normal", "choice"]
    low: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = Field(None, gt=0)
    values: list[Any] | None = None

    @model_validator(mode="after")
    def _complete(self) -> DistributionSpec:
        need = {"uniform": ("low", "high"), "normal": ("mean", "sd"), "choice": ("values",)}
        missing = [f for f in need[self.distribution] if getattr(self, f) is None]
        if missing:
            raise ValueError(f"a {self.distribution} distribution needs {', '.join(missing)}")
        if (
            self.distribution == "uniform"
            and self.low is not None
            and self.high is not None
            and self.low > self.high
        ):
            raise ValueError("low is above high")
        return self


ParameterSpec = list[Any] | RangeSpec | LinspaceSpec | DistributionSpec


# An exact scan bisects each grid interval until it is shorter than the tolerance (a count:
# down to neighbours), one level per halving: a range of more than 10^12 steps would go
# over 40 levels deep (0 to 1e308 overflowed Python's recursion; -1e308 to 1e308 is not
# even a float's width).
MAX_SCAN_STEPS = 1e12
# The one parameter scanned by the exact parametric search (optimizer.sweeps.exact_scan),
# not by bisection: it has no step, so no tolerance applies.
PARAMETRIC = "rules.budget.net_spend"


class ScanRangeError(ValueError):
    """A range the exact scan cannot take (too wide, too many steps, no whole number in
    it): the range is at fault, not the parameter (the service locates it at ``high``)."""


def scan_width_problem(low: float, high: float) -> str | None:
    """Why no scan method takes [low, high], or None: its width is not a float's."""
    if math.isfinite(high - low):
        return None
    return f"the range {low:g} to {high:g} is too wide to scan: its width is not a number"


def scan_problem(
    parameter: str, low: float, high: float, tolerance: float, count: bool
) -> str | None:
    """Why the exact scan of ``parameter`` over [low, high] cannot be made, or None (low <
    high assumed): its width is not a float's, or the bisection would take more than 10^12
    steps: of ``tolerance``, or of one for a ``count`` (scanned in whole numbers). The
    budget's parametric search has no step."""
    wide = scan_width_problem(low, high)
    if wide is not None or parameter == PARAMETRIC:
        return wide
    if count:
        if high - low <= MAX_SCAN_STEPS:
            return None
        return (
            f"{parameter} is a whole number: the range {low:g} to {high:g} holds more than "
            "10^12 of them: narrow it"
        )
    if (high - low) / tolerance <= MAX_SCAN_STEPS:
        return None
    return (
        f"the range {low:g} to {high:g} holds more than 10^12 steps of {tolerance:.3g}: "
        "narrow the range or give a larger tolerance"
    )


class ExactSpec(BaseModel):
    model_config = _STRICT
    parameter: str
    low: float
    high: float
    fixed: dict[str, Any] = Field(
        default_factory=dict, description="Other paths set for the whole scan."
    )
    tolerance: float = Field(0.01, gt=0)
    grid: int = Field(8, ge=1, le=1000)

    @model_validator(mode="after")
    def _order(self) -> ExactSpec:
        if self.low >= self.high:
            raise ValueError("low must be below high")
        wide = scan_width_problem(self.low, self.high)
        if wide is not None:  # the steps depend on the scenario: see scan_problem
            raise ValueError(wide)
        return self


class Noise(BaseModel):
    model_config = _STRICT
    rating_sd: float = Field(0.0, ge=0)


class SweepPlan(BaseModel):
    """What to vary and how: a sweep without its base scenario (the HTTP body names the
    scenario itself; a sweep file names a file, see :class:`SweepSpec`)."""

    model_config = _STRICT
    mode: SweepMode = SweepMode.GRID
    runs: int | None = Field(None, ge=1, le=1_000_000, description="Random mode: runs.")
    seed: int = 0
    noise: Noise = Noise()
    parameters: dict[str, ParameterSpec] = Field(default_factory=dict)
    exact: ExactSpec | None = None

    @model_validator(mode="after")
    def _mode(self) -> SweepPlan:
        # Every problem in one message: a person fixing a sweep file sees them all at once.
        problems = []
        if self.mode == SweepMode.RANDOM and self.runs is None:
            problems.append("random mode needs runs")
        if self.mode != SweepMode.RANDOM:
            problems += [
                f"{path}: a distribution needs mode: random"
                for path, spec in self.parameters.items()
                if isinstance(spec, DistributionSpec)
            ]
        if self.mode == SweepMode.ZIP and not problems:
            lengths = {point_count(spec) for spec in self.parameters.values()}
            if len(lengths) > 1:
                problems.append(f"zip mode needs lists of one length, got {sorted(lengths)}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class SweepSpec(SweepPlan):
    """A sweep file: the plan and the base scenario file it varies."""

    base: str = Field(description="The base scenario file, relative to the sweep file.")


MAX_POINTS = 1_000_000  # values of one parameter, as runs of a random sweep


def point_count(spec: ParameterSpec) -> int:
    """How many points :func:`values` gives, without making them (a range of 1e16 steps or a
    linspace of 1e14 points is refused here rather than filling the memory)."""
    if isinstance(spec, list):
        return len(spec)
    if isinstance(spec, RangeSpec):
        start, stop, step = spec.range
        if step <= 0 or stop < start:
            raise ValueError("a range needs start <= stop and step > 0")
        count = math.floor((stop - start) / step + 1e-9) + 1
    elif isinstance(spec, LinspaceSpec):
        count = spec.linspace[2]
        if count < 0:
            raise ValueError(f"a linspace needs a number of points >= 0, got {count}")
    else:
        raise ValueError("a distribution has no fixed points")
    if count > MAX_POINTS:
        raise ValueError(f"{count} points, over the {MAX_POINTS:,} a parameter may have")
    return int(count)


def values(spec: ParameterSpec) -> list[Any]:
    """The points of a list, range (stop included when on the step) or linspace."""
    count = point_count(spec)
    if isinstance(spec, RangeSpec):
        start, _, step = spec.range
        return [round(start + k * step, 12) for k in range(count)]
    if isinstance(spec, LinspaceSpec):
        low, high, _ = spec.linspace
        return [float(v) for v in np.linspace(low, high, count)]
    return list(spec)  # a list: point_count refused the rest


def run_count(spec: SweepPlan) -> int:
    """How many runs :func:`expand` makes, without making them. Raises ValueError for a
    parameter :func:`values` refuses."""
    if spec.mode == SweepMode.RANDOM:
        return spec.runs or 0
    counts = [point_count(p) for p in spec.parameters.values()]
    if spec.mode == SweepMode.ZIP:
        return max(counts, default=1)
    return math.prod(counts)


@dataclass(frozen=True)
class RunSpec:
    run_id: int
    values: dict[str, Any]  # path -> value
    seed: int  # for this run's rating noise: depends only on the sweep seed and run id


def expand(spec: SweepPlan) -> list[RunSpec]:
    """Every run of the sweep, numbered; the same spec gives the same runs."""
    paths = list(spec.parameters)
    if spec.mode == SweepMode.GRID:
        combos = list(itertools.product(*(values(spec.parameters[p]) for p in paths)))
    elif spec.mode == SweepMode.ZIP:
        combos = list(zip(*(values(spec.parameters[p]) for p in paths), strict=True))
        combos = combos or [()]
    else:
        rng = np.random.default_rng([spec.seed, 0])
        combos = [
            tuple(_draw(spec.parameters[p], rng) for p in paths) for _ in range(spec.runs or 0)
        ]
    return [
        RunSpec(k, dict(zip(paths, combo, strict=True)), _run_seed(spec.seed, k))
        for k, combo in enumerate(combos)
    ]


def _run_seed(seed: int, run_id: int) -> int:
    return int(np.random.default_rng([seed, run_id + 1]).integers(2**31))


def _draw(spec: ParameterSpec, rng: np.random.Generator) -> Any:
    if isinstance(spec, DistributionSpec):  # its validator guarantees the fields it needs
        if spec.distribution == "uniform":
            return float(rng.uniform(float(spec.low or 0), float(spec.high or 0)))
        if spec.distribution == "normal":
            return float(rng.normal(float(spec.mean or 0), float(spec.sd or 1)))
        choices = spec.values or []
        return choices[int(rng.integers(len(choices)))]
    points = values(spec)
    return points[int(rng.integers(len(points)))]


_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> list[str | int]:
    """``offers[0].fee`` -> ``["offers", 0, "fee"]``; raises ValueError if malformed."""
    tokens: list[str | int] = []
    pos = 0
    for m in _TOKEN.finditer(path):
        between = path[pos : m.start()]
        if between not in ("", "."):
            raise ValueError(f"cannot read path {path!r} at {between!r}")
        tokens.append(int(m.group(2)) if m.group(2) is not None else m.group(1))
        pos = m.end()
    if not tokens or path[pos:] not in ("",):
        raise ValueError(f"cannot read path {path!r}")
    return tokens


def _parent(document: dict[str, Any], path: str) -> tuple[Any, str | int]:
    """The container that holds ``path``'s last step, and that step; KeyError naming what
    is missing."""
    tokens = parse_path(path)
    node: Any = document
    for k, token in enumerate(tokens):
        if node is None:  # an optional part the scenario does not give (rules.finance)
            above = path_text(tuple(tokens[:k]))
            raise KeyError(
                f"{path}: {above} is not given in this scenario, so it has no {token!r} "
                f"to set; set {above} itself"
            )
        if k == len(tokens) - 1:
            break
        here = path_text(tuple(tokens[: k + 1]))
        if (
            isinstance(node, list)
            and isinstance(token, str)
            and k > 0
            and tokens[k - 1] in ("squad", "targets")
        ):
            matches = [row for row in node if isinstance(row, dict) and row.get("id") == token]
            if not matches:
                raise KeyError(f"{path}: no player with id {token!r} in {tokens[k - 1]}")
            node = matches[0]
        elif isinstance(node, list) and isinstance(token, int):
            if not 0 <= token < len(node):
                items = f"{len(node)} item" + ("" if len(node) == 1 else "s")
                raise KeyError(f"{path}: {here} is past the end ({items})")
            node = node[token]
        elif isinstance(node, dict) and isinstance(token, str):
            if token not in node:
                raise KeyError(f"{path}: no field {here!r}")
            node = node[token]
        else:
            raise KeyError(f"{path}: cannot go into {here!r}")
    last = tokens[-1]
    if (
        isinstance(node, list)
        and isinstance(last, str)
        and tokens[-2:-1] in (["squad"], ["targets"])
    ):
        # A whole row by its id (squad.joe-gomez={...}), as by its number (squad[9]={...}).
        ids = [row.get("id") if isinstance(row, dict) else None for row in node]
        if last not in ids:
            raise KeyError(f"{path}: no player with id {last!r} in {tokens[-2]}")
        return node, ids.index(last)
    settable = isinstance(node, dict) and isinstance(last, str)
    settable |= isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node)
    if not settable:
        raise KeyError(f"{path}: cannot set {last!r} here")
    return node, last


def set_path(document: dict[str, Any], path: str, value: Any) -> None:
    """Set ``path`` in a scenario document (in place); raises KeyError naming what is missing.
    A row's new column by the row's key is set where the row keeps it, in its extra (a row
    giving a column both ways is refused, models.people)."""
    node, last = _parent(document, path)
    if _row_column(parse_path(path)) and isinstance(node, dict):
        extra = node.get("extra")
        node["extra"] = {**(extra if isinstance(extra, dict) else {}), last: value}
        return
    node[last] = value


def _row_column(tokens: list[str | int]) -> bool:
    """Whether ``tokens`` are exactly a row and its new column (the row is the container
    :func:`_parent` finds)."""
    return len(tokens) == 3 and _new_column(tokens)


def _new_column(tokens: list[str | int]) -> bool:
    """Whether ``tokens`` name a row's new column by the row's key (``squad.x.league``,
    ``squad[9].league``), which the row keeps in its extra (models.people)."""
    if len(tokens) < 3 or tokens[0] not in ("squad", "targets"):
        return False
    model = Player if tokens[0] == "squad" else Target
    column = tokens[2]
    return isinstance(column, str) and column != "extra" and kept_as_extra(model, column)


def get_path(document: dict[str, Any], path: str) -> Any:
    """The value at ``path`` in a scenario document (None where a field is not given); a
    row's new column by the row's key where the row keeps it, in its extra (a dumped
    scenario has ``squad.joe-gomez.nationality`` at ``squad[9].extra.nationality``)."""
    node, last = _parent(document, path)
    if _row_column(parse_path(path)):
        extra = node.get("extra") if isinstance(node, dict) else None
        return extra.get(last) if isinstance(extra, dict) else None
    return node.get(last) if isinstance(node, dict) else node[last]


def is_count(document: dict[str, Any], path: str) -> bool:
    """Whether ``path`` holds a whole number in the scenario (its model's field is an int:
    a float field, like a fee given as 18, is dumped as 18.0). A field not given (None) is
    asked of the model: a count refuses 1.5 as not an integer. Raises KeyError as
    :func:`get_path`."""
    value = get_path(document, path)
    if value is None:
        return _refused(document, path, 1.5, "valid integer")
    return isinstance(value, int) and not isinstance(value, bool)


def _refused(
    document: dict[str, Any], path: str, value: Any, *words: str, here: bool = False
) -> bool:
    """Whether the scenario, with ``path`` set to ``value``, is refused with a problem that
    says one of ``words`` (``here``: a problem at ``path`` itself, not inside the value set):
    what only the model knows about a path (its field's type, whether a mapping takes new
    keys) asked of the model."""
    probe = copy.deepcopy(document)
    set_path(probe, path, value)
    depth = len(parse_path(path))
    try:
        scenario_from_dict(probe)
    except ScenarioError as exc:
        # Here: at the path's own depth, and said of it (not "players_min: ..." of a
        # field inside the value, which a mapping's own check reports at the key).
        return any(
            (p.message.startswith(w) and len(p.path) == depth) if here else w in p.message
            for p in exc.problems
            for w in words
        )
    return False


def not_a_number(document: dict[str, Any], path: str) -> str | None:
    """Why ``path`` cannot be scanned as a number (its value is a date, a list, a name...),
    or None. Raises KeyError as :func:`get_path`."""
    value = get_path(document, path)
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return None
    return f"{path} is not a number (value: {value!r}): only numbers can be scanned"


def variant(base: dict[str, Any], run: RunSpec, noise: Noise) -> Scenario:
    """The run's scenario: a validated copy of the base document with the run's values.
    A value the scenario rejects raises ScenarioError naming players by id
    (``squad.joe-gomez.availability``), in the paths' own syntax. ``base`` is left as it
    was."""
    # Only the top-level parts a run changes are copied (a deep copy of the whole document
    # was a fifth of a sweep point's time): the rest is shared with ``base`` and only read,
    # since validation builds new objects and never writes to its input.
    touched = {str(parse_path(path)[0]) for path in run.values}
    document = {k: copy.deepcopy(v) if k in touched else v for k, v in base.items()}
    for path, value in run.values.items():
        # A copy: a later path inside this value (offers[0], then offers[0].fee) would
        # change the run's own value in place, which every run shares and records.
        set_path(document, path, copy.deepcopy(value))
    if noise.rating_sd > 0:
        rng = np.random.default_rng(run.seed)
        for table in ("squad", "targets"):
            # New rows: a row may be shared with the base document or be a run's own value
            # (squad[1] set to a whole row), which later runs would see noised again.
            document[table] = [
                {**row, "rating": float(row["rating"]) + rng.normal(0, noise.rating_sd)}
                for row in document.get(table, [])
            ]
    try:
        return scenario_from_dict(document)
    except ScenarioError as exc:
        raise ScenarioError([by_id(p, document) for p in exc.problems]) from None


def id_path(path: tuple[str | int, ...], document: dict[str, Any]) -> str:
    """A field path in the sweep syntax, a player named by id: ``("squad", 9, "wage")`` ->
    ``squad.joe-gomez.wage`` (the same row number means nothing to a person), unless
    another row of the table has his id (then the id names neither: ``squad[9].wage``), and
    a row's new column as it is written, by the row's key (``squad.joe-gomez.league``, kept
    in its ``extra``: models.people)."""
    parts: list[str] = []
    people = path[:1] in (("squad",), ("targets",))
    for k, part in enumerate(path):
        if people and k == 2 and part == "extra" and len(path) > 3:
            continue
        if isinstance(part, int):
            rows = document.get(str(path[0])) if k == 1 else None
            rows = rows if isinstance(rows, list) else []
            row = rows[part] if 0 <= part < len(rows) else None
            if (
                path[0] in ("squad", "targets")
                and isinstance(row, dict)
                and row.get("id")
                and sum(isinstance(r, dict) and r.get("id") == row["id"] for r in rows) == 1
            ):
                parts.append(f".{row['id']}")
            else:
                parts.append(f"[{part}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    return "".join(parts)


def by_id(problem: InputProblem, document: dict[str, Any]) -> InputProblem:
    return InputProblem(
        problem.path, problem.message, problem.value, id_path(problem.path, document)
    )


def parse_setting(text: str) -> tuple[str, Any]:
    """``"offers[0].fee=25"`` -> ``("offers[0].fee", 25)``: a path in the sweep syntax and a
    YAML value (``25``, ``[]``, ``[joe-gomez]``, ``true``). Raises ValueError if malformed."""
    path, equals, value = text.partition("=")
    path = path.strip()
    if not equals or not path:
        raise ValueError(f"expected path=value, e.g. offers[0].fee=25; got {text!r}")
    parse_path(path)
    try:
        return path, parse_yaml(value)
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: the value {value!r} is not YAML ({exc})") from None


def what_if(
    base: Scenario, settings: list[str] | tuple[str, ...], scanned: str | None = None
) -> Scenario:
    """``base`` with each ``path=value`` setting applied, validated as a sweep variant is.
    Raises ScenarioError listing every problem: at path ``("set", k)`` for a setting that
    cannot be read or applied, or whose value the ``scanned`` parameter's values would
    replace, and for a value the scenario rejects, with the field said in the path syntax
    and the value."""
    document = base.model_dump(mode="json")
    problems: list[InputProblem] = []
    # Each applied setting's field where the scenario keeps it: rows by number, a row's new
    # column in its extra; () for a setting not applied.
    fields: list[tuple[str | int, ...]] = []
    for k, text in enumerate(settings):
        try:
            path, value = parse_setting(text)
            field = _field_of(document, parse_path(path))
            wrong = extra_key_problem(field)
            if wrong is not None:  # said at this setting, not at the row's extra as a whole
                raise ValueError(f"{path}: {wrong}")
            earlier = next(iter(_inside(field, fields)), None)
            if earlier is not None:
                # It would silently replace an earlier setting's value (the CLI and the
                # service kept the last one): each field is given one value.
                raise ValueError(
                    f"{path} would overwrite the earlier setting {settings[earlier]!r}: "
                    "give each field once"
                )
            set_path(document, path, value)
            fields.append(field)
        except (KeyError, ValueError) as exc:
            problems.append(InputProblem(("set", k), message_of(exc), text))
            fields.append(())
    if scanned is not None:
        # A scan sets its parameter to each value of its range: a setting of that field (or
        # of one inside it) would be replaced silently, as a later setting would.
        with contextlib.suppress(ValueError):  # a malformed path is the scan's own error
            for k in _inside(_field_of(document, parse_path(scanned)), fields):
                words = f"the scanned parameter {scanned} replaces this setting's value"
                problems.append(InputProblem(("set", k), words, settings[k]))
    try:
        scenario = scenario_from_dict(document)
    except ScenarioError as exc:
        located = list(problems)  # the settings that could not be applied come first
        for p in exc.problems:
            where = id_path(p.path, document)
            places: list[tuple[str | int, ...]] = [
                ("set", k) for k in _settings_at(p.path, fields)
            ] or [p.path]
            located += [InputProblem(at, p.message, p.value, where) for at in places]
        raise ScenarioError(located) from None
    if problems:
        raise ScenarioError(problems)
    return scenario


def _field_of(document: dict[str, Any], tokens: list[str | int]) -> tuple[str | int, ...]:
    """Where the scenario keeps the field ``tokens`` name: a squad or target row named by
    id as its row number (``squad.joe-gomez.wage`` is ``squad[9].wage``), and a row's new
    column in its ``extra`` (``squad.joe-gomez.league`` is ``squad[9].extra.league``,
    models.people). An unknown id is left as it is: setting it fails with its own message."""
    field = list(tokens)
    if len(field) > 1 and field[0] in ("squad", "targets") and isinstance(field[1], str):
        rows = document.get(str(field[0]))
        ids = [row.get("id") if isinstance(row, dict) else None for row in rows or []]
        if field[1] in ids:
            field[1] = ids.index(field[1])
    if len(field) > 2 and isinstance(field[1], int) and _new_column(field):
        field.insert(2, "extra")
    return tuple(field)


def _inside(field: tuple[str | int, ...], fields: list[tuple[str | int, ...]]) -> list[int]:
    """The settings (by index) whose value setting ``field`` would replace: the same field,
    or one inside it. Setting a field inside one that a setting gave refines that value, and
    is not counted."""
    return [k for k, f in enumerate(fields) if f and f[: len(field)] == field]


def _settings_at(path: tuple[str | int, ...], fields: list[tuple[str | int, ...]]) -> list[int]:
    """The settings a problem at ``path`` is about: the one whose field holds it most closely
    (``offers[1]`` does not hold ``offers[10]``; a row set whole, then a field of it, gives
    that field's problem to the second); else every one that set a field inside it (a row's
    extra refusing a key set in it: the part's problem cannot say which key, its message
    does); none otherwise."""
    holding = [k for k, f in enumerate(fields) if f and path[: len(f)] == f]
    if holding:
        return [max(holding, key=lambda k: (len(fields[k]), k))]
    return [k for k, f in enumerate(fields) if path and f[: len(path)] == path]


def load_sweep(path: str | Path) -> tuple[SweepSpec, Scenario]:
    """The sweep spec and its validated base scenario. ScenarioError lists every problem at
    once: the sweep file's fields, its base scenario's problems and every parameter path
    that does not lead into the base."""
    path = Path(path)
    try:
        raw = read_yaml(path)
    except ScenarioError as exc:  # the sweep file's own YAML, not its scenario's
        raise ScenarioError(exc.problems, exc.source, subject="the sweep file") from None
    problems: list[InputProblem] = []
    spec = None
    try:
        spec = SweepSpec.model_validate(raw)
    except ValidationError as exc:
        problems += [InputProblem(tuple(e["loc"]), e["msg"], _input(e)) for e in exc.errors()]
    base = None
    base_name = raw.get("base") if isinstance(raw, dict) else None
    if isinstance(base_name, str):
        try:
            base = load_scenario(path.parent / base_name)
        except ScenarioError as exc:
            problems += [
                InputProblem(("base", *p.path), p.message, p.value, p.where or base_name)
                for p in exc.problems
            ]
    if base is not None:
        problems += (
            parameter_problems(spec, base) if spec is not None else _path_problems(raw, base)
        )
    if problems or spec is None or base is None:
        raise ScenarioError(problems, str(path), subject="the sweep file")
    return spec, base


def _path_problems(raw: dict[str, Any], base: Scenario) -> list[InputProblem]:
    """Paths of a sweep file that did not validate as a whole, checked on their own so one
    report holds every problem."""
    document = base.model_dump(mode="json")
    checks: list[tuple[str, str]] = []
    if isinstance(raw.get("parameters"), dict):
        checks += [("parameters", str(p)) for p in raw["parameters"]]
    exact = raw.get("exact")
    if isinstance(exact, dict):
        if isinstance(exact.get("parameter"), str):
            checks.append(("exact", exact["parameter"]))
        if isinstance(exact.get("fixed"), dict):
            checks += [("exact", str(p)) for p in exact["fixed"]]
    problems = []
    for section, p in checks:
        try:
            set_path(copy.deepcopy(document), p, None)
        except (KeyError, ValueError) as exc:
            problems.append(InputProblem((section, p), message_of(exc), p))
    return problems


def unknown_field(document: dict[str, Any], path: str, value: Any) -> str | None:
    """Why ``path`` names no field of the scenario, or None: a misspelt last step
    (``rules.budget.netspend``, a player's ``ratin``). set_path adds any key to a mapping,
    and only the model knows which mappings take new keys (coverage by role, revenue by
    season), so a key the document lacks is asked of the model with ``value`` set."""
    node, last = _parent(document, path)
    wrong = extra_key_problem(parse_path(path))
    if wrong is not None:
        return wrong
    if not isinstance(node, dict) or last in node:
        return None
    words = ("Extra inputs are not permitted", "not a documented column")
    # At the path itself: a right new key (coverage.RB) whose value has a wrong field inside
    # is that field's problem, said when the value is set.
    refused = _refused(document, path, value, *words, here=True)
    return f"no field {last!r} there in the scenario" if refused else None


def extra_key_problem(tokens: list[str | int] | tuple[str | int, ...]) -> str | None:
    """Why a path into a row's extra (``squad.joe-gomez.extra.wage``) names no new column,
    or None: a row's extra takes new columns only (models.people); a documented one there
    was never read (extra.wage left the row's wage as it was)."""
    if len(tokens) != 4 or tokens[0] not in ("squad", "targets") or tokens[2] != "extra":
        return None
    model = Player if tokens[0] == "squad" else Target
    key = str(tokens[3])
    if kept_as_extra(model, key):
        return None
    if key in model.model_fields:
        return f"{key!r} is a documented column, not a new one: set it without extra"
    return f"column {key!r}: {misnamed(key, model)}"


def _replaced(document: dict[str, Any], paths: list[str]) -> dict[int, int]:
    """For each path (by index) whose value would replace an earlier path's, applied in
    order: the first such earlier path's index (:func:`_inside`: the same field however
    written, or one holding it). Malformed paths are left out: they are their own problem."""
    fields: list[tuple[str | int, ...]] = []
    out: dict[int, int] = {}
    for k, path in enumerate(paths):
        try:
            field = _field_of(document, parse_path(path))
        except ValueError:
            field = ()
        if field and (earlier := _inside(field, fields)):
            out[k] = earlier[0]
        fields.append(field)
    return out


def parameter_problems(spec: SweepPlan, base: Scenario) -> list[InputProblem]:
    """Every parameter path (and exact-scan path) that does not lead into ``base``, has no
    values, or would replace another's values; each problem names the path."""
    document = base.model_dump(mode="json")
    problems = []
    # Each run sets the parameters in the file's order: two naming one field (by id and by
    # number, a row's column by its key and in its extra, a part and a field inside it set
    # first) ran with the last value winning, silently, in every run.
    names = list(spec.parameters)
    for k, earlier in _replaced(document, names).items():
        words = f"{names[k]} would overwrite the parameter {names[earlier]}: give each field once"
        problems.append(InputProblem(("parameters", names[k]), words, names[k]))
    for p, parameter in spec.parameters.items():
        try:
            points = (
                values(parameter)
                if not isinstance(parameter, DistributionSpec)
                else [_draw(parameter, np.random.default_rng(0))]
            )
            set_path(copy.deepcopy(document), p, points[0] if points else None)
            if not points:
                problems.append(InputProblem(("parameters", p), "has no values"))
            elif (why := unknown_field(document, p, points[0])) is not None:
                problems.append(InputProblem(("parameters", p), why))
        except (KeyError, ValueError) as exc:
            problems.append(InputProblem(("parameters", p), message_of(exc), p))
    if spec.exact is not None:
        # The fixed values are set first, in order, then the scanned parameter's.
        fixed = list(spec.exact.fixed)
        for k, earlier in _replaced(document, [*fixed, spec.exact.parameter]).items():
            if k == len(fixed):
                given = fixed[earlier]
                words = f"the scanned parameter {spec.exact.parameter} replaces this fixed value"
            else:
                given = fixed[k]
                words = f"{given} would overwrite the fixed value {fixed[earlier]}"
            problems.append(InputProblem(("exact", given), f"{words}: give each field once"))
        checks = {spec.exact.parameter: spec.exact.low, **spec.exact.fixed}
        for p, value in checks.items():
            try:
                set_path(copy.deepcopy(document), p, value)
                if (why := unknown_field(document, p, value)) is not None:
                    problems.append(InputProblem(("exact", p), why))
            except (KeyError, ValueError) as exc:
                problems.append(InputProblem(("exact", p), message_of(exc), p))
        e = spec.exact
        try:
            count = is_count(document, e.parameter)
            why = not_a_number(document, e.parameter)
        except KeyError:
            count, why = False, None  # named above
        if why is not None:
            problems.append(InputProblem(("exact", "parameter"), why, e.parameter))
        if count and math.floor(e.high) < math.ceil(e.low):  # a count is scanned in wholes
            problems.append(
                InputProblem(
                    ("exact", "low"),
                    f"{e.parameter} is a whole number: none lies from {e.low:g} to {e.high:g}",
                    e.low,
                )
            )
        steps = scan_problem(e.parameter, e.low, e.high, e.tolerance, count)
        if steps is not None:
            where = ("exact", "high") if count else ("exact", "tolerance")
            problems.append(InputProblem(where, steps, e.high if count else e.tolerance))
    return problems


def _input(err: Any) -> Any:
    value = err.get("input")
    return value if isinstance(value, str | int | float | bool) else None
