"""Time in a scenario: the transfer windows and the periods they open, up to ``horizon_end``.

A scenario gives either one ``window`` (today's one-window form: the window, then the rest
of the season from its close to ``season_end``) or a horizon: ``windows`` and the ``periods``
they open, one period per window, and ``horizon_end``. Either way the engine sees a tuple of
:class:`Stage`: window k's moves are made, then period k is played with the squad they leave.
A one-window scenario is the one-stage horizon, and every number of it is what it was before
horizons existed (the weights below are 1 for the first stage).

Weights (documented in the README):

- a period's strength counts in proportion to its length, relative to the first period's
  (``days_t / days_0``), so that one-window objectives are unchanged;
- money and strength are discounted by ``objective.discount_rate`` a year, from the first
  window's close to the window's close (money) or the period's start (strength);
- a period's share of its season, for wage bills pro rata, is its length over the length of
  all the scenario's periods in that season.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from models.days import Day
from models.errors import InputProblem
from models.ids import unknown_id
from models.rules import Window, WindowKind

if TYPE_CHECKING:
    from models.scenario import Scenario

DAYS_PER_YEAR = 365.25
_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class HorizonWindow(BaseModel):
    """One transfer window of a horizon. Its moves take effect for the period it opens."""

    model_config = _FROZEN
    name: str = Field(
        min_length=1, description="e.g. 'Summer 2026'; offers, fees and locks name it."
    )
    kind: WindowKind = WindowKind.OTHER
    opens: Day
    closes: Day


class Period(BaseModel):
    """The stretch of football a window's squad plays; strength is counted over it."""

    model_config = _FROZEN
    name: str = Field(min_length=1, description="e.g. 'rest of 2025-26'.")
    start: Day
    end: Day
    season: str | None = Field(
        None, description="e.g. '2026-27'; default: the season its start falls in (July on)."
    )


class RatingAgeing(BaseModel):
    """Rating points a year: + ``gain`` a year while younger than ``gain_until``, -
    ``loss`` a year from ``loss_from`` on; flat between."""

    model_config = _FROZEN
    gain_until: float = Field(24, ge=0, le=60)
    gain: float = Field(1.5, ge=0, le=100)
    loss_from: float = Field(30, ge=0, le=60)
    loss: float = Field(2.0, ge=0, le=100)


class ValueAgeing(BaseModel):
    """A player's value loses ``loss`` of itself a year from age ``loss_from`` on (on top
    of the fall as his contract runs down)."""

    model_config = _FROZEN
    loss_from: float = Field(29, ge=0, le=60)
    loss: float = Field(0.1, ge=0, lt=1)


class Ageing(BaseModel):
    """How ratings and values move with age over a horizon. Absent: they do not (so a
    one-window scenario is unchanged). ``rating: {}`` takes the documented default curve
    (+1.5 a year under 24, -2.0 a year from 30); a player's ``rating_change`` overrides it."""

    model_config = _FROZEN
    rating: RatingAgeing | None = None
    value: ValueAgeing | None = None


@dataclass(frozen=True)
class Stage:
    """Window ``index`` and the period it opens."""

    index: int
    window: str
    kind: str
    opens: dt.date
    closes: dt.date
    period: str
    start: dt.date
    end: dt.date
    season: str
    season_start_year: int  # the year the season begins (Premier League Rule K age date)

    @property
    def days(self) -> int:
        return max(1, (self.end - self.start).days)

    def holds(self, contract_until: dt.date | None) -> bool:
        """Whether a contract ending on ``contract_until`` (None: no end given) holds a
        player for this whole period. A plan counts a player for whole periods (his fit
        share, wage and squad place), so a contract that ends before the period does
        leaves him for nothing in the window before it, unless a renewal holds him; and a
        target is signed only on a contract that holds him for the window's period."""
        return contract_until is None or contract_until >= self.end


def season_of(day: dt.date, ending: bool = False) -> tuple[str, int]:
    """The season a date falls in, as '2025-26' and its first year: seasons begin in July;
    a season's *end* in July still belongs to the season that began the year before."""
    first = day.year if day.month > 7 or (day.month == 7 and not ending) else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}", first


def window_name(kind: str, opens: dt.date) -> str:
    """The name a one-window scenario's window goes by: 'January 2026'."""
    return f"{kind.capitalize()} {opens.year}" if kind != "other" else f"Window {opens}"


_RECENT: list[tuple[Scenario, tuple[Stage, ...]]] = []  # by identity; holds the scenario


def stages(s: Scenario) -> tuple[Stage, ...]:
    """The scenario's windows and periods, in order."""
    # Asked for hundreds of thousands of times on a large market: the last few scenarios'
    # answers are kept by identity (a kept entry holds its scenario, so its id cannot be
    # reused), then by the (small, frozen) time fields.
    for seen, answer in _RECENT:
        if seen is s:
            return answer
    answer = _stages(s.window, s.windows, s.periods)
    _RECENT.insert(0, (s, answer))
    del _RECENT[4:]
    return answer


@lru_cache(maxsize=256)
def _stages(
    one: Window | None, windows: tuple[HorizonWindow, ...], periods: tuple[Period, ...]
) -> tuple[Stage, ...]:
    if one is not None:
        label, first = season_of(one.season_end, ending=True)
        name = one.name or window_name(one.kind.value, one.opens)
        rest = "rest of the season"
        return (
            Stage(
                0,
                name,
                one.kind.value,
                one.opens,
                one.closes,
                rest,
                one.closes,
                one.season_end,
                label,
                first,
            ),
        )
    out = []
    for k, (w, p) in enumerate(zip(windows, periods, strict=True)):
        label, first = season_of(p.start)
        if p.season is not None:
            label = p.season
            first = int(p.season[:4]) if p.season[:4].isdigit() else first
        kind = w.kind.value
        out.append(Stage(k, w.name, kind, w.opens, w.closes, p.name, p.start, p.end, label, first))
    return tuple(out)


def name_suffix(s: Scenario, stage: Stage) -> str:
    """The stage part of a column or row name: none in a one-window scenario (names as
    ever), ``@<window>`` in a horizon."""
    return "" if s.window is not None else f"@{stage.window}"


def horizon_end(s: Scenario) -> dt.date:
    if s.window is not None:
        return s.window.horizon_end
    assert s.horizon_end is not None  # validation makes it so
    return s.horizon_end


def reference_date(s: Scenario) -> dt.date:
    """Where values and discounting start: the first window's close."""
    return stages(s)[0].closes


def discount(s: Scenario, day: dt.date) -> float:
    """(1 + discount_rate) ** -(years from the first window's close to ``day``)."""
    rate = s.objective.discount_rate
    if rate == 0:
        return 1.0
    years = (day - reference_date(s)).days / DAYS_PER_YEAR
    return float((1.0 + rate) ** -max(0.0, years))


def period_weight(s: Scenario, stage: Stage) -> float:
    """How much a period's strength counts: its length over the first period's, discounted."""
    first = stages(s)[0]
    return stage.days / first.days * discount(s, stage.start)


def season_share(s: Scenario, stage: Stage) -> float:
    """A period's share of its season among the scenario's periods (wage bills pro rata)."""
    same = [t.days for t in stages(s) if t.season == stage.season]
    return stage.days / sum(same)


def _in_range(path: tuple[str | int, ...], day: dt.date) -> list[InputProblem]:
    if 1900 <= day.year <= 2200:
        return []
    return [InputProblem(path, "must be a date from 1900 to 2200", str(day))]


def time_problems(s: Scenario) -> list[InputProblem]:
    """The windows and periods: one form or the other, dates in range and in order, names
    unique, one period per window. Each problem names its field and value."""
    out: list[InputProblem] = []
    horizon = bool(s.windows or s.periods or s.horizon_end is not None)
    if s.window is not None:
        w = s.window
        if horizon:
            out.append(
                InputProblem(
                    ("window",),
                    "give either window (one window) or windows, periods and horizon_end",
                )
            )
        for field in ("opens", "closes", "season_end", "horizon_end"):
            out += _in_range(("window", field), getattr(w, field))
        if not (w.opens <= w.closes <= w.season_end <= w.horizon_end):
            out.append(
                InputProblem(
                    ("window",),
                    "dates out of order: need opens <= closes <= season_end <= horizon_end",
                    f"{w.opens} / {w.closes} / {w.season_end} / {w.horizon_end}",
                )
            )
        return out
    if not horizon:
        return [InputProblem(("window",), "Field required: a window, or windows and periods")]
    if not s.windows:
        out.append(InputProblem(("windows",), "a horizon needs at least one window"))
    if len(s.periods) != len(s.windows):
        out.append(
            InputProblem(
                ("periods",),
                f"one period per window: {len(s.windows)} windows, {len(s.periods)} periods",
                len(s.periods),
            )
        )
    if s.horizon_end is None:
        out.append(InputProblem(("horizon_end",), "Field required with windows and periods"))
    for table, items in (("windows", s.windows), ("periods", s.periods)):
        names = [x.name for x in items]
        for k, name in enumerate(names):
            if name in names[:k]:
                out.append(InputProblem((table, k, "name"), "name used twice", name))
    for k, hw in enumerate(s.windows):
        out += _in_range(("windows", k, "opens"), hw.opens) + _in_range(
            ("windows", k, "closes"), hw.closes
        )
        if hw.closes < hw.opens:
            out.append(
                InputProblem(("windows", k), "closes before it opens", f"{hw.opens} / {hw.closes}")
            )
        if k and hw.opens < s.windows[k - 1].closes:
            out.append(
                InputProblem(
                    ("windows", k, "opens"),
                    "opens before the window before it closes",
                    str(hw.opens),
                )
            )
    for k, p in enumerate(s.periods):
        out += _in_range(("periods", k, "start"), p.start) + _in_range(("periods", k, "end"), p.end)
        if p.end <= p.start:
            out.append(
                InputProblem(("periods", k), "ends before it starts", f"{p.start} / {p.end}")
            )
        if k and p.start < s.periods[k - 1].end:
            out.append(
                InputProblem(
                    ("periods", k, "start"), "starts before the period before it ends", str(p.start)
                )
            )
        if k < len(s.windows) and p.end < s.windows[k].closes:
            out.append(
                InputProblem(
                    ("periods", k, "end"),
                    f"ends before its window ({s.windows[k].name}) closes",
                    str(p.end),
                )
            )
    if s.horizon_end is not None:
        out += _in_range(("horizon_end",), s.horizon_end)
        if s.periods and s.horizon_end < s.periods[-1].end:
            out.append(
                InputProblem(("horizon_end",), "before the last period ends", str(s.horizon_end))
            )
    return out


def reference_problems(s: Scenario) -> list[InputProblem]:
    """Window names and player ids that offers, fees, extensions, locks and budgets use."""
    out: list[InputProblem] = []
    names = [stage.window for stage in stages(s)]
    squad = {p.id: p for p in s.squad}
    targets = {t.id for t in s.targets}

    def window(path: tuple[str | int, ...], name: str | None) -> None:
        if name is not None and name not in names:
            out.append(InputProblem(path, f"not a window (windows: {', '.join(names)})", name))

    for k, offer in enumerate(s.offers):
        window(("offers", k, "window"), offer.window)
    for k, fee in enumerate(s.fees):
        window(("fees", k, "window"), fee.window)
        if fee.player not in targets:
            out.append(
                InputProblem(
                    ("fees", k, "player"),
                    unknown_id(fee.player, targets, "not an id in the targets"),
                    fee.player,
                )
            )
    for k, ext in enumerate(s.extensions):
        window(("extensions", k, "window"), ext.window)
        player = squad.get(ext.player)
        if player is None:
            out.append(
                InputProblem(
                    ("extensions", k, "player"),
                    unknown_id(ext.player, squad, "not a player in the squad"),
                    ext.player,
                )
            )
        elif player.contract_until is not None and ext.until <= player.contract_until:
            out.append(
                InputProblem(
                    ("extensions", k, "until"),
                    f"does not extend his contract (it runs to {player.contract_until})",
                    str(ext.until),
                )
            )
        elif player.contract_until is None:
            out.append(
                InputProblem(
                    ("squad", list(squad).index(ext.player), "contract_until"),
                    "an extension needs his contract_until",
                )
            )
    for name in s.rules.budget.net_spend_by_window:
        window(("rules", "budget", "net_spend_by_window"), name)
    if isinstance(s.locks.sign, dict):
        for pid, chosen in s.locks.sign.items():
            window(("locks", "sign", pid), chosen)
    return out
