"""Club finance as clubs account for it: amortisation, book values, profit on sale, and when
cash moves. Definitions of the scenario's meaning; the formulation and the checker both read
them.

- A fee is amortised straight-line over the contract it buys (IAS 38). For a contract signed
  or extended on or after 2023-12-12 the period is at most five years (Premier League rule,
  in line with UEFA's): ``amortisation_years``.
- A squad player's book value at the first window's close is ``book_value`` when given,
  else his ``acquisition_fee`` amortised from ``acquired_on``; it then runs down to 0 at the
  end of his amortisation (the contract's end, or five years). ``book_value_at``.
- A player signed in a window is amortised from its close over his new contract.
- A renewal re-spreads what is left of his book value over the new term (capped: a renewal
  is a contract extended after 2023-12-12).
- Profit on a sale = fee - book value at the window's close; a release writes the book value
  off (a loss) and pays its pay-off (a cost).
- A fee in ``instalments`` is paid in equal parts at the window's close and each year after;
  a part counts in the cash of the window open on its due date, or of the last one before
  it (a window's cash runs from its opening to the next one's), or after the horizon when it
  falls due after ``horizon_end``. ``instalment_windows``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.horizon import DAYS_PER_YEAR, Stage, horizon_end, reference_date, stages
from models.people import Person, Player
from models.scenario import Scenario

CAP_FROM = dt.date(2023, 12, 12)  # contracts signed or extended from here: at most 5 years
CAP_YEARS = 5.0


def _years(a: dt.date, b: dt.date) -> float:
    return (b - a).days / DAYS_PER_YEAR


def amortisation_years(signed: dt.date, until: dt.date) -> float:
    """The amortisation period of a contract signed on ``signed`` running to ``until``."""
    years = max(0.0, _years(signed, until))
    return min(years, CAP_YEARS) if signed >= CAP_FROM else years


@dataclass(frozen=True)
class Amortisation:
    """``value`` at ``start``, falling straight-line to 0 over ``years``."""

    value: float
    start: dt.date
    years: float

    def at(self, day: dt.date) -> float:
        if self.years <= 0:
            return 0.0 if day >= self.start else self.value
        done = max(0.0, _years(self.start, day)) / self.years
        return self.value * max(0.0, 1.0 - done)

    def rate(self, a: dt.date, b: dt.date) -> float:
        """The average charge a year between ``a`` and ``b`` (millions a year)."""
        span = _years(a, b)
        return 0.0 if span <= 0 else (self.at(a) - self.at(b)) / span


def squad_amortisation(s: Scenario, p: Player) -> Amortisation:
    """A squad player's book value from the first window's close on."""
    ref = reference_date(s)
    end = p.contract_until
    if p.book_value is not None or p.acquisition_fee is None or p.acquired_on is None:
        value = p.book_value or 0.0
        if end is None:
            return Amortisation(value, ref, 0.0)
        remaining = max(0.0, _years(ref, end))
        if p.acquired_on is not None and p.acquired_on >= CAP_FROM:
            remaining = min(remaining, max(0.0, CAP_YEARS - _years(p.acquired_on, ref)))
        return Amortisation(value, ref, remaining)
    life = amortisation_years(p.acquired_on, end) if end is not None else 0.0
    bought = Amortisation(p.acquisition_fee, p.acquired_on, life)
    return Amortisation(bought.at(ref), ref, max(0.0, life - _years(p.acquired_on, ref)))


def signing_amortisation(p: Person, fee: float, stage: Stage) -> Amortisation:
    """A player signed in ``stage``'s window for ``fee``: amortised from its close."""
    end = p.contract_until
    life = amortisation_years(stage.closes, end) if end is not None else 0.0
    return Amortisation(fee, stage.closes, life)


def renewed_amortisation(before: Amortisation, stage: Stage, until: dt.date) -> Amortisation:
    """A renewal in ``stage``'s window to ``until``: the book value left is spread again."""
    return Amortisation(
        before.at(stage.closes), stage.closes, amortisation_years(stage.closes, until)
    )


def period_rate(path: Amortisation, stage: Stage) -> float:
    """The amortisation charge a year over a period."""
    return path.rate(stage.start, stage.end)


def instalment_windows(s: Scenario, stage: Stage, parts: int) -> list[tuple[int | None, float]]:
    """Where the parts of a fee paid in ``parts`` yearly instalments from ``stage``'s window
    fall: (the window index, or None after the horizon; the share of the fee)."""
    all_stages = stages(s)
    end = horizon_end(s)
    out: list[tuple[int | None, float]] = []
    for k in range(parts):
        due = _add_years(stage.closes, k)
        if due > end:
            out.append((None, 1.0 / parts))
            continue
        # Cash due while a window is open, or between it and the next one, is that window's.
        opened = [st.index for st in all_stages if st.opens <= due]
        out.append((opened[-1], 1.0 / parts))
    return out


def due_dates(stage: Stage, parts: int) -> list[dt.date]:
    return [_add_years(stage.closes, k) for k in range(parts)]


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def accounting(s: Scenario) -> bool:
    """Does the scenario ask for the accounts (finance rules or a P&L money objective)?"""
    return s.rules.finance is not None or s.objective.money_basis == "pnl"
