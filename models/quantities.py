"""Numbers derived from a scenario and one person: fitness, age, strength, residual value.

The formulation and the independent plan checker both read these definitions; they are part
of the scenario's meaning, so they live with the data, not with either consumer.
"""

from __future__ import annotations

from models.people import Person, Player
from models.scenario import Scenario

DAYS_PER_YEAR = 365.25


def fit_share(s: Scenario, p: Person) -> float:
    """Expected share of the rest of the season (window close .. season end) he is fit.

    ``availability`` (injury-proneness) times the part of the rest of the season after
    ``injured_until``; an injury running past the season's end makes it 0 (Leoni).
    """
    start, end = s.window.closes, s.window.season_end
    if p.injured_until is None or p.injured_until <= start:
        part = 1.0
    elif p.injured_until >= end:
        part = 0.0
    else:
        part = (end - p.injured_until).days / (end - start).days
    return p.availability * part


def fit_to_play(s: Scenario, p: Person) -> bool:
    """Fit for at least ``rules.available_from`` of the rest of the season (and at all):
    only such players fill XI slots or count as cover."""
    share = fit_share(s, p)
    return share > 0 and share >= s.rules.available_from


def covers(s: Scenario, p: Person, role: str) -> bool:
    """Counts as cover for ``role``: fit to play, plays the role, and rating x competence
    reaches ``rules.cover_min_rating`` (a youth player who can nominally play there is not
    first-team cover)."""
    competence = p.positions.get(role, 0.0)
    if competence <= 0 or not fit_to_play(s, p):
        return False
    threshold = s.rules.cover_min_rating
    return threshold is None or meets(p.rating * competence, threshold)


def meets(value: float, threshold: float) -> bool:
    """``value >= threshold`` up to float rounding relative to their size: 43 x 0.7 is
    30.099999999999998 in floating point and must meet a threshold of 30.1."""
    return value >= threshold - 1e-9 * max(1.0, abs(value), abs(threshold))


def age(s: Scenario, p: Person) -> float | None:
    """Age in whole years on the registration reference date (or the given ``age``)."""
    return p.age_on(s.age_reference)


def is_senior(s: Scenario, p: Person) -> bool:
    """Counts on the registration list (not under ``senior_from_age``). Needs an age."""
    years = age(s, p)
    if years is None:
        raise ValueError(f"{p.id}: registration needs birth_date or age")
    return years >= s.rules.registration.senior_from_age


def strength(s: Scenario, p: Person, role: str) -> float:
    """Expected contribution in a role: rating x competence x fit share."""
    return p.rating * p.positions.get(role, 0.0) * fit_share(s, p)


def residual_value(s: Scenario, p: Person) -> float:
    """Asset value at ``horizon_end`` (millions); 0 when the contract ends first.

    A player's fee falls as his contract runs out (a buyer can wait and sign him free): we
    model value as proportional to min(1, years left / residual_decay_years), so today's
    ``market_value`` is scaled by that factor at the horizon over the factor now. Gomez, with
    his contract to June 2027, is worth 1.0/1.5 of today's value by June 2026 at decay 2.
    """
    if p.contract_until is None or p.market_value is None:
        return 0.0
    decay = s.objective.residual_decay_years
    left_then = (p.contract_until - s.window.horizon_end).days / DAYS_PER_YEAR
    left_now = (p.contract_until - s.window.closes).days / DAYS_PER_YEAR
    if left_then <= 0 or left_now <= 0:
        return 0.0
    return p.market_value * min(1.0, left_then / decay) / min(1.0, left_now / decay)


def sale_options(s: Scenario, p: Player) -> list[tuple[int | None, float]]:
    """How he may be sold: (offer index, fee) per sale offer, and (None, market value) when
    the rules allow sales without a bid. Empty when he is not sellable."""
    if not p.sellable:
        return []
    options: list[tuple[int | None, float]] = [
        (k, o.fee) for k, o in enumerate(s.offers) if o.player == p.id and o.kind == "sale"
    ]
    if s.rules.sell_without_offer and p.market_value is not None:
        options.append((None, p.market_value))
    return options


def sale_barrier(s: Scenario, p: Player) -> str | None:
    """Why he cannot be sold at all, in words (None: he can be)."""
    if not p.sellable:
        return "he is marked sellable: false"
    if not sale_options(s, p):
        return (
            "no club has bid for him and rules.sell_without_offer is off (turn it on, with "
            "his market_value, to allow a sale at his value)"
        )
    return None


def loan_out_options(s: Scenario, p: Player) -> list[int]:
    """Indices of loan offers he may go out on (none when he is not loanable)."""
    if not p.loanable:
        return []
    return [k for k, o in enumerate(s.offers) if o.player == p.id and o.kind == "loan"]
