"""Absence spells (``shared/data/airsenal_absences_2526.csv``: a player, from, until, days,
reason) and the injury history they give each person of a scenario.

A table's columns: ``player`` (name), ``from`` (first day out), ``until`` (last day out;
blank: ``from`` + ``days`` - 1, a spell still running when the table was made), ``days``
(blank: from the dates), optional ``reason`` (blank or ``injury``: an injury; anything else,
a suspension say, makes him unavailable but is not counted as an injury), ``details`` and
``url`` (a Transfermarkt path, ``/joe-gomez/profil/spieler/...``, whose first part is matched
to a scenario id), ``season`` (``2526``, ``25/26`` or ``2025-26``: when every row has one,
the table covers those seasons, and a date whose season is not among them is refused:
:func:`covered`). Its other column (``games``) is not used; a column close to
a used one (``untill``, ``urll``) is an error that names it, as in the scenario tables, not
a column quietly ignored (in a file, said once for its header). A row is matched
to the person whose id is the url's first part, else whose name is the same once accents,
case and hyphens are set aside (two 2025-26 players are called Gomez: full names tell them
apart), else, for a one-word name ('Alisson'), to the one person whose name begins or ends
with it. Every bad row is reported at once with its file, line, field and value.

From the spells known on a date (those that began before it), each person of a scenario
gets an injury model (:func:`with_history`, documented in :mod:`models.injury`):

- injuries a season: the posterior mean of a gamma-Poisson model whose prior is the age
  default lambda_0 with shape k = 1.6: (k + injuries seen) / (k / lambda_0 + seasons
  watched), the seasons watched running from ``since`` (1 July of that season) to the
  date. With k = 1.6 a player injured one season is expected to be injured 2.7 times as
  often the next as one who was not (:func:`previous_injury_ratio`), the ratio Hägglund,
  Waldén and Ekstrand measured (BJSM 2006). A player with no spell is below the default.
- days per injury: (2 x 36.6 + the days of his injuries) / (2 + injuries): the default
  counts as two injuries' worth of evidence (our estimate).
- ``injured_until``: the day after a spell running on the date ends (its reported return),
  or the scenario's own date if that is later.
- ``availability`` goes back to 1: the injury columns now state it. What it was is kept in
  the history row, so the change is said, never silent (``transfers solve --absences``
  lists every change and the people no spell matched).

A person no spell matches gets the model too, not his own ``availability``: the table lists
every absence of a league's season, so a player it does not list had none, and that is
evidence (his rate falls below the age default). The cost: a name the matching misses
('Gomez' for Joe Gomez) or a player from outside the table's league is taken as injury-free
since July. Hence the list of people no spell matched: give their url or full name.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from models.days import Day
from models.errors import InputProblem, ScenarioError
from models.horizon import DAYS_PER_YEAR, season_of, stages
from models.injury import (
    DEFAULT_DAYS,
    PRIOR_SHAPE,
    default_injuries,
    fit_from_rates,
    matchday_availability,
)
from models.people import Person, close_name, did_you_mean
from models.scenario import Scenario
from models.tables import TableError, read_table

COLUMNS = ("player", "from", "until", "days", "reason", "details", "url", "season")
UNUSED_COLUMNS = ("games",)  # in the real table; read, not used
DAYS_PRIOR_WEIGHT = 2.0  # the default days per injury count as two injuries' evidence
INJURY_REASONS = ("", "injury")
_SEASON = re.compile(r"(\d{2}|\d{4})[-/]?(\d{2}|\d{4})")


class FieldProblem(ValueError):
    """A problem a spell's checks find in one field (pydantic would put it on the row)."""

    def __init__(self, field: str, value: str | int, message: str) -> None:
        self.field, self.value = field, value
        super().__init__(message)


class Spell(BaseModel):
    """One absence: out from ``start`` to ``end`` (both days included)."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)
    player: str = Field(min_length=1)
    start: Day = Field(alias="from")
    end: Day | None = Field(None, alias="until")
    days: int | None = Field(None, ge=1, le=5000)
    reason: str = ""
    details: str = ""
    url: str = ""
    season: str = ""

    @model_validator(mode="before")
    @classmethod
    def _blanks(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in data:
                hint = misnamed_column(str(key))
                if hint is not None:
                    raise FieldProblem(str(key), str(key), hint)
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    @model_validator(mode="after")
    def _dates(self) -> Spell:
        if self.season and self.season_start_year is None:
            raise FieldProblem(
                "season",
                self.season,
                f"{self.season!r} is not a season: write 2526, 25/26 or 2025-26",
            )
        for name, day in (("from", self.start), ("until", self.end)):
            if day is not None and not 1900 <= day.year <= 2200:
                raise FieldProblem(name, str(day), f"{day} is not a date from 1900 to 2200")
        if self.end is None and self.days is None:
            raise ValueError("give until or days: the spell has no end")
        if self.end is not None and self.end < self.start:
            raise FieldProblem(
                "until", str(self.end), f"until ({self.end}) is before from ({self.start})"
            )
        if self.end is not None and self.days is not None:
            # Exact: every one of the real table's 634 spells with both agrees to the day.
            span = (self.end - self.start).days + 1
            if self.days != span:
                raise FieldProblem(
                    "days",
                    self.days,
                    f"from {self.start} until {self.end} is {span} days (both counted), "
                    f"not {self.days}: correct one of them, or leave days blank",
                )
        return self

    @property
    def season_start_year(self) -> int | None:
        """2025 for a season written 2526, 25/26, 2025-26 or 2025/2026; None without one."""
        found = _SEASON.fullmatch(self.season.strip())
        if found is None:
            return None
        first, second = found.groups()
        start = int(first) if len(first) == 4 else 2000 + int(first)
        return start if int(second) in ((start + 1) % 100, start + 1) else None

    @property
    def last_day(self) -> dt.date:
        if self.end is not None:
            return self.end
        assert self.days is not None  # validation makes it so
        return self.start + dt.timedelta(days=self.days - 1)

    @property
    def length(self) -> int:
        return (self.last_day - self.start).days + 1

    @property
    def is_injury(self) -> bool:
        return self.reason.strip().lower() in INJURY_REASONS

    @property
    def slug(self) -> str:
        return self.url.strip("/").split("/")[0] if self.url else ""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.last_day


def misnamed_column(column: str) -> str | None:
    """The error for a column close to a used one (``untill``); None for any other."""
    if column in UNUSED_COLUMNS:
        return None
    name = close_name(column, COLUMNS)
    return None if name is None else f"column {column!r}: {did_you_mean(name)}"


def field_problem(err: Mapping[str, Any]) -> FieldProblem | None:
    """The FieldProblem behind a pydantic error, if a spell's checks raised one."""
    cause = err.get("ctx", {}).get("error")
    return cause if isinstance(cause, FieldProblem) else None


def spells_from_rows(
    rows: Sequence[Mapping[str, Any]],
    source: str = "absences",
    lines: Sequence[int] = (),
    table: str = "",
) -> list[Spell]:
    """Validate rows (a table read, or a request's JSON); every bad row is reported at once,
    by ``source`` and line (or row number). Raises ScenarioError headed "in the absences
    table ``table``" (default: ``source``); when dates do not read, it says once how they
    are written."""
    spells: list[Spell] = []
    problems: list[InputProblem] = []
    dates = 0  # cells that are not dates: said once, not only once a cell
    for i, row in enumerate(rows):
        where = f"{source} line {lines[i]}" if lines else f"{source} row {i + 1}"
        try:
            spells.append(Spell.model_validate(row))
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(part) for part in err["loc"]) or "row"
                value = err.get("input") if err["loc"] else None
                cause = field_problem(err)
                if cause is not None:
                    field, value = cause.field, cause.value
                shown = value if isinstance(value, str | int | float) else None
                message = str(err["msg"]).removeprefix("Value error, ")
                dates += str(err["type"]).startswith("date_")
                problems.append(
                    InputProblem(
                        ("absences", i, field), message, shown, f"{where}, field {field!r}"
                    )
                )
    if dates:
        hint = f"dates are YYYY-MM-DD (2026-02-01); {dates} here are not (listed below)"
        problems.insert(0, InputProblem(("absences",), hint, None, source))
    if problems:
        raise ScenarioError(problems, subject=f"the absences table {table or source}")
    return spells


def read_absences(path: Path) -> list[Spell]:
    """The spells of an absences table file (CSV or .xlsx). Raises ScenarioError naming the
    file, line, field and value of every problem."""
    try:
        table = read_table(path, "absences", None, ("days",))
    except TableError as exc:
        raise ScenarioError(
            [
                InputProblem(("absences",), what, value, where)
                for where, what, value in exc.messages
            ],
            subject=f"the absences table {path}",
        ) from None
    header = f"{table.source} line {table.header_line} (header)"
    misnamed = {c: hint for c in table.columns if (hint := misnamed_column(c)) is not None}
    problems = [InputProblem(("absences",), hint, c, header) for c, hint in misnamed.items()]
    problems += [
        InputProblem(
            ("absences",),
            f"no column {column!r} (columns found: {', '.join(table.columns)})",
            column,
            header,
        )
        for column in ("player", "from")
        if column not in table.columns
    ]
    if not problems and not table.rows:
        # Not a league's season without an absence: every person would read as injury-free.
        problems.append(
            InputProblem(("absences",), "no spells: the table has only its header", None, header)
        )
    if problems:
        raise ScenarioError(problems, subject=f"the absences table {path}")
    return spells_from_rows(table.rows, table.source, table.lines, str(path))


def plain_name(name: str) -> str:
    """'Ékitiké-Hugo ' -> 'ekitike hugo': accents, case, hyphens and spacing set aside."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("-", " ").split())


def spells_by_person(s: Scenario, spells: Sequence[Spell]) -> dict[str, list[Spell]]:
    """Each squad player's and target's spells (by id; an empty list when he has none)."""
    people = (*s.squad, *s.targets)
    by_id = {p.id: p.id for p in people}
    by_name = {plain_name(p.label): p.id for p in people}
    by_word = _one_word_names(people, spells)
    out: dict[str, list[Spell]] = {p.id: [] for p in people}
    for spell in spells:
        name = plain_name(spell.player)
        pid = by_id.get(spell.slug) or by_name.get(name) or by_word.get(name)
        if pid is not None:
            out[pid].append(spell)
    return out


def _one_word_names(people: Sequence[Person], spells: Sequence[Spell]) -> dict[str, str]:
    """A table that names a player by one word ('Alisson' for Alisson Becker): that word,
    when it is the first or last word of exactly one person's name, and no fuller name in
    the table begins or ends with it, matches him. (A table that also says 'Joe Gomez' names
    players in full: its 'Gómez' is someone else, Diego Gómez, whose knee injury once went
    to Joe.)"""
    named = {plain_name(x.player) for x in spells}
    fuller = {
        end for name in named if len(parts := name.split()) > 1 for end in (parts[0], parts[-1])
    }
    words: dict[str, list[str]] = {}
    for p in people:
        parts = plain_name(p.label).split()
        for word in {parts[0], parts[-1]} if len(parts) > 1 else set():
            words.setdefault(word, []).append(p.id)
    return {
        word: ids[0]
        for word, ids in words.items()
        if len(ids) == 1 and word in named and len(word.split()) == 1 and word not in fuller
    }


class History(BaseModel):
    """What the spells known on a date say about one person, and the injury model it gives."""

    model_config = ConfigDict(frozen=True)
    person: str
    name: str
    spells: int = Field(description="Spells of the table matched to him, whenever they began.")
    injuries: int = Field(
        description="Injuries that began between since and the date: spells of injury, those "
        "that overlap or follow on the next day counted as one continuous absence."
    )
    joined: int = Field(
        0, description="Injury spells among them counted with an earlier one (see injuries)."
    )
    days_out: int = Field(description="Their days (each day once).")
    not_injuries: tuple[str, ...] = Field(
        (),
        description="The reason of each spell begun in those months that is not an injury "
        "(reason other than blank or 'injury'), not counted.",
    )
    injuries_per_season: float
    days_per_injury: float
    injured_until: dt.date | None
    availability_before: float = Field(
        description="Fit on a matchday outside a known injury, as the scenario said."
    )
    availability_after: float = Field(description="The same, from the history.")


def history_of(
    s: Scenario, p: Person, spells: Sequence[Spell], known_by: dt.date, since: dt.date
) -> History:
    """The injury model one person's spells known on ``known_by`` give (see the module)."""
    seasons = max(0.0, (known_by - since).days / DAYS_PER_YEAR)
    watched = [x for x in spells if since <= x.start < known_by]
    injuries = absences([x for x in watched if x.is_injury])
    joined = sum(len(group) - 1 for group in injuries)
    prior = default_injuries(p.age_on(stages(s)[0].start))
    rate = (PRIOR_SHAPE + len(injuries)) / (PRIOR_SHAPE / prior + seasons)
    days_out = sum((max(x.last_day for x in group) - group[0].start).days + 1 for group in injuries)
    days = (DAYS_PRIOR_WEIGHT * DEFAULT_DAYS + days_out) / (DAYS_PRIOR_WEIGHT + len(injuries))
    returns = [
        x.last_day + dt.timedelta(days=1) for x in spells if x.start < known_by <= x.last_day
    ]
    until = max([*returns, *([p.injured_until] if p.injured_until else [])], default=None)
    return History(
        person=p.id,
        name=p.label,
        spells=len(spells),
        injuries=len(injuries),
        joined=joined,
        days_out=days_out,
        not_injuries=tuple(x.reason.strip() for x in watched if not x.is_injury),
        injuries_per_season=rate,
        days_per_injury=days,
        injured_until=until,
        availability_before=matchday_availability(s, p),
        availability_after=fit_from_rates(rate, days),
    )


def absences(spells: Sequence[Spell]) -> list[list[Spell]]:
    """One person's spells as continuous absences, in order: a spell that begins on or
    before the day after the absence so far ends joins it. Public tables list one injury
    twice (Frimpong's hamstring from 2025-08-21, until 09-02 and until 09-10, in the
    2025-26 table) and a relapse from the day of the return; counted apart, their shared
    days would count twice in days out and the absence twice in the injury rate."""
    groups: list[list[Spell]] = []
    end = dt.date.min  # the last day of the absence so far
    for spell in sorted(spells, key=lambda x: (x.start, x.last_day)):
        if groups and spell.start <= end + dt.timedelta(days=1):
            groups[-1].append(spell)
            end = max(end, spell.last_day)
        else:
            groups.append([spell])
            end = spell.last_day
    return groups


def covered(spells: Sequence[Spell]) -> tuple[dt.date, dt.date] | None:
    """The days the table covers, when every spell says its season (a table of a season's
    absences covers all of it, before its first spell and after its last): from 1 July of
    its first season to 1 July after its last (excluded); else None."""
    years = [x.season_start_year for x in spells]
    known = [year for year in years if year is not None]
    if not known or len(known) < len(years):
        return None
    return dt.date(min(known), 7, 1), dt.date(max(known) + 1, 7, 1)


def season_start(day: dt.date) -> dt.date:
    """1 July of the season ``day`` falls in."""
    return dt.date(season_of(day)[1], 7, 1)


def with_history(
    s: Scenario, spells: Sequence[Spell], known_by: dt.date, since: dt.date | None = None
) -> tuple[Scenario, list[History]]:
    """``s`` with every person's injury model taken from the spells known on ``known_by``
    (watched since ``since``, default 1 July of that season), and the history of each."""
    since = since if since is not None else season_start(known_by)
    found = spells_by_person(s, spells)
    histories: list[History] = []
    tables: dict[str, list[dict[str, Any]]] = {}
    for table, people in (("squad", s.squad), ("targets", s.targets)):
        rows = []
        for p in people:
            h = history_of(s, p, found[p.id], known_by, since)
            histories.append(h)
            row = p.model_dump(mode="python")
            row.update(
                injuries_per_season=h.injuries_per_season,
                days_per_injury=h.days_per_injury,
                injured_until=h.injured_until,
                availability=1.0,
            )
            rows.append(row)
        tables[table] = rows
    return s.evolve(**tables), histories


def previous_injury_ratio(shape: float, mean: float) -> float:
    """How much likelier to be injured next season a player injured this season is than one
    who was not, when rates vary between players as gamma(shape, mean / shape) and injuries
    are Poisson: E[rate | >= 1 injury] / E[rate | none] (a negative-binomial calculation)."""
    none = (shape / (shape + mean)) ** shape  # P(no injury in a season)
    rate_none = shape / (shape / mean + 1.0)  # E[rate | none]
    rate_some = (mean - none * rate_none) / (1.0 - none)
    return rate_some / rate_none
