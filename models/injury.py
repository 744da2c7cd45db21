r"""The injury model: how likely each player is to be fit on a matchday, and the seeded
matchday draws that depth with a probability is enforced on
(``rules.coverage: {CB: {players: 2, probability: 0.95}}``).

One player
----------
- ``injuries_per_season`` (lambda): time-loss injuries a season. Blank: the age default
  ``2.0 x 1.05 ** (age - 26)``, age on the first period's start (2.0 without an age).
- ``days_per_injury`` (d): mean days out per injury. Blank: 36.6.
- Fit on a matchday, outside a known injury: ``a = 365.25 / (365.25 + lambda d)``, the
  long-run share of days fit of a player whose fit spells last 365.25 / lambda days on
  average and whose injuries last d (an alternating renewal process). The defaults give a
  26-year-old a = 0.833.
- A player with neither column keeps ``availability`` as that probability (the scenario's
  own estimate, as before this model existed). A player with either column must leave
  ``availability`` at 1: the model states that number, and two statements of one number
  could disagree.
- ``injured_until``: not fit on a matchday before it. With the above, a player's expected
  share of a period fit is a x the part of it after ``injured_until``: the fit share that
  XI strength and the count rules of coverage use (:func:`models.quantities.fit_share`).

The defaults, and where they come from:

- 2.0 injuries a season: a squad of 25 can expect about 50 time-loss injuries a season
  (UEFA Elite Club Injury Study; Ekstrand, Hägglund and Waldén, BJSM 2011).
- x 1.05 a year of age: older players are injured more often (Arnason et al., AJSM 2004,
  odds ratio 1.1 a year; Sonesson, Lindblom and Hägglund, KSSTA 2023, rate ratio 1.05 a
  year); we take the smaller.
- 36.6 days: the mean length of the 650 spells in the 2025-26 Premier League absences table
  (``shared/data/airsenal_absences_2526.csv``). Such public tables list fewer of the short
  injuries a club doctor records, so this leans long; with 2.0 injuries a season it leaves
  a player fit on 83 % of matchdays, close to the 85 % of a squad the same UEFA study says a
  coach can plan with for a match.
- A previous injury raises the risk: players injured one season are 2.7 times as likely to
  be injured the next (Hägglund, Waldén and Ekstrand, BJSM 2006). The absences importer
  (:mod:`models.absences`) uses it: rates vary between players as a gamma distribution of
  shape 1.6, the shape at which a player injured last season is expected to be injured 2.7
  times as often as one who was not (a negative-binomial calculation, tested).

Matchdays and draws
-------------------
A period's matchdays are its Saturdays (its first day when it has none). A *draw* is one
matchday picked uniformly among them and, for each person, whether he is fit that day:
fit when the day is on or after ``injured_until`` and ``U < a``, U uniform on [0, 1).
Players are independent given the day (an injury to one does not make another's likelier).

Every number is seeded: the day from ``(injury.seed, stream, period)``, a person's U from
``(injury.seed, stream, period, his id)``. So the same seed gives the same draws whatever
else is in the scenario, the order of its rows, the process or the number of workers; a
sweep's runs share them (common random numbers); and the first N draws of a longer run are
the N draws of a shorter one. Stream 0 holds the draws the plan is optimised on
(``injury.samples``), stream 1 fresh draws to judge it out of sample (``fresh_samples``).

Exactly, the probability that at least n of a set of people are fit is the mean over the
matchdays of a Poisson-binomial tail (:func:`exact_probability`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from models.errors import InputProblem
from models.horizon import DAYS_PER_YEAR, Stage, stages
from models.people import Person

if TYPE_CHECKING:
    from models.scenario import Scenario

DEFAULT_INJURIES = 2.0  # a season, at REFERENCE_AGE
REFERENCE_AGE = 26.0
AGE_FACTOR = 1.05  # a year of age
DEFAULT_DAYS = 36.6  # out per injury
PRIOR_SHAPE = 1.6  # the gamma shape that gives a previous injury a hazard ratio of 2.7
MAX_EXACT_UNCERTAIN = 14  # method exact: 2 ** 14 fit patterns per role and period at most
OPTIMISED, FRESH = 0, 1  # the draw streams

Bools = NDArray[np.bool_]
Floats = NDArray[np.float64]
_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Method(StrEnum):
    SAMPLED = "sampled"
    EXACT = "exact"


class InjurySettings(BaseModel):
    """How depth with a probability is enforced and reported."""

    model_config = _FROZEN
    method: Method = Field(
        Method.SAMPLED,
        description="sampled: on seeded matchday draws (sample average approximation); "
        "exact: on every fit pattern of a role's uncertain players, with its probability "
        f"(at most {MAX_EXACT_UNCERTAIN} of them per role).",
    )
    samples: int = Field(500, ge=1, le=20_000, description="Draws a period, method sampled.")
    seed: int = Field(0, ge=0, le=2**32 - 1)
    fresh_samples: int = Field(
        10_000,
        ge=0,
        le=1_000_000,
        description="New draws to report each probability out of sample.",
    )
    xi_samples: int = Field(
        1_000,
        ge=0,
        le=20_000,
        description="Fresh draws on which the best fit XI is picked, for its expected strength "
        "and 10th percentile; 0: not reported.",
    )
    price_step: float = Field(
        0.05, gt=0, le=0.5, description="The trade-offs price the probability lowered by this."
    )


def has_injury_model(p: Person) -> bool:
    """He has injury columns: his matchday fitness comes from them, not ``availability``."""
    return p.injuries_per_season is not None or p.days_per_injury is not None


def default_injuries(age: float | None) -> float:
    """Injuries a season expected at ``age`` (2.0 when it is not known)."""
    if age is None:
        return DEFAULT_INJURIES
    return DEFAULT_INJURIES * AGE_FACTOR ** (age - REFERENCE_AGE)


def injuries_per_season(s: Scenario, p: Person) -> float:
    if p.injuries_per_season is not None:
        return p.injuries_per_season
    return default_injuries(p.age_on(stages(s)[0].start))


def days_per_injury(p: Person) -> float:
    return p.days_per_injury if p.days_per_injury is not None else DEFAULT_DAYS


def fit_from_rates(injuries: float, days: float) -> float:
    """The long-run share of matchdays fit: 365.25 / (365.25 + injuries x days)."""
    return DAYS_PER_YEAR / (DAYS_PER_YEAR + injuries * days)


def matchday_availability(s: Scenario, p: Person) -> float:
    """The chance he is fit on a matchday outside a known injury: from his injury columns,
    else his ``availability``."""
    if not has_injury_model(p):
        return p.availability
    return fit_from_rates(injuries_per_season(s, p), days_per_injury(p))


def matchdays(stage: Stage) -> tuple[dt.date, ...]:
    """The period's Saturdays (its first day when it has none)."""
    first = stage.start + dt.timedelta(days=(5 - stage.start.weekday()) % 7)
    days = []
    day = first
    while day <= stage.end:
        days.append(day)
        day += dt.timedelta(days=7)
    return tuple(days) or (stage.start,)


def fit_chances(s: Scenario, people: Sequence[Person], stage: Stage) -> Floats:
    """P(fit) of each person (columns) on each matchday of the period (rows)."""
    days = matchdays(stage)
    out = np.empty((len(days), len(people)))
    for j, p in enumerate(people):
        a = matchday_availability(s, p)
        back = p.injured_until
        out[:, j] = [0.0 if back is not None and day < back else a for day in days]
    return out


@dataclass(frozen=True)
class Draws:
    """``fit[i, j]``: person j is fit on draw i, which is matchday ``days[day[i]]``."""

    days: tuple[dt.date, ...]
    day: NDArray[np.int64]
    fit: Bools


def _key(person_id: str) -> int:
    """A person's part of his stream's seed: stable across processes (unlike ``hash``)."""
    return int.from_bytes(hashlib.sha256(person_id.encode("utf-8")).digest()[:8], "big")


def draws(
    s: Scenario, people: Sequence[Person], stage: Stage, count: int, stream: int = OPTIMISED
) -> Draws:
    """``count`` seeded matchday draws of the period for ``people`` (see the module)."""
    days = matchdays(stage)
    chances = fit_chances(s, people, stage)
    base = [s.injury.seed, stream, stage.index]
    day = np.random.default_rng([*base, 0]).integers(len(days), size=count)
    fit = np.empty((count, len(people)), dtype=bool)
    for j, p in enumerate(people):
        u = np.random.default_rng([*base, 1, _key(p.id)]).random(count)
        fit[:, j] = u < chances[day, j]
    return Draws(days, day.astype(np.int64), fit)


def sampled_probability(fit: Bools, need: int) -> float:
    """The share of draws (rows) on which at least ``need`` of the columns are fit."""
    if len(fit) == 0:
        return 0.0
    return float(np.mean(fit.sum(axis=1) >= need))


def exact_probability(chances: Floats, need: int) -> float:
    """P(at least ``need`` fit) on a matchday drawn uniformly, people independent given the
    day: each day's Poisson-binomial tail (a recursion over people), then their mean."""
    if need <= 0:
        return 1.0
    dist = np.zeros((chances.shape[0], need + 1))  # column need: "need or more"
    dist[:, 0] = 1.0
    for j in range(chances.shape[1]):
        q = chances[:, j : j + 1]
        fit = dist * q
        dist = dist * (1.0 - q)
        dist[:, 1:] += fit[:, :-1]
        dist[:, need] += fit[:, need]
    return float(np.mean(dist[:, need]))


def meets_probability(probability: float, wanted: float) -> bool:
    """``probability >= wanted`` up to float rounding (0.95 x 500 draws is 475)."""
    return probability >= wanted - 1e-9


def injury_problems(s: Scenario) -> list[InputProblem]:
    """A person giving both ``availability`` and injury columns; ``injury.method: exact``
    with more uncertain candidates for a role than can be enumerated."""
    from models.quantities import can_cover

    out: list[InputProblem] = []
    for table, people in (("squad", s.squad), ("targets", s.targets)):
        for i, p in enumerate(people):
            if has_injury_model(p) and p.availability != 1.0:
                out.append(
                    InputProblem(
                        (table, i, "availability"),
                        "give availability or the injury columns (injuries_per_season, "
                        "days_per_injury), not both: with them it is derived",
                        p.availability,
                    )
                )
    if s.injury.method != Method.EXACT:
        return out
    everyone = (*s.squad, *s.targets)
    for stage in stages(s):
        for role in s.rules.coverage_chances:
            able = [p for p in everyone if can_cover(s, p, role, stage)]
            chances = fit_chances(s, able, stage)
            uncertain = int(np.sum(~(np.all(chances == 0, axis=0) | np.all(chances == 1, axis=0))))
            if uncertain > MAX_EXACT_UNCERTAIN:
                out.append(
                    InputProblem(
                        ("injury", "method"),
                        f"exact enumerates every fit pattern; {role} has {uncertain} players "
                        f"who may or may not be fit in {stage.period} (at most "
                        f"{MAX_EXACT_UNCERTAIN}): use method sampled",
                        "exact",
                    )
                )
    return out
