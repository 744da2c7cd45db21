"""Numbers derived from a scenario and one person: fitness, age, strength, residual value.

The formulation and the independent plan checker both read these definitions; they are part
of the scenario's meaning, so they live with the data, not with either consumer.
"""

from __future__ import annotations

import datetime as dt

from models.horizon import DAYS_PER_YEAR, Stage, horizon_end, reference_date, stages
from models.injury import matchday_availability
from models.people import Person, Player, Target
from models.scenario import Scenario


def _stage(s: Scenario, stage: Stage | None) -> Stage:
    return stage if stage is not None else stages(s)[0]


def fit_share(s: Scenario, p: Person, stage: Stage | None = None) -> float:
    """Expected share of a period (default: the first, the rest of the season) he is fit.

    ``availability`` (injury-proneness; from his injury columns when he has them,
    :mod:`models.injury`) times the part of the period after ``injured_until``; an injury
    running past the period's end makes it 0 (Leoni, this season; back for the next).
    """
    period = _stage(s, stage)
    start, end = period.start, period.end
    if p.injured_until is None or p.injured_until <= start:
        part = 1.0
    elif p.injured_until >= end:
        part = 0.0
    else:
        part = (end - p.injured_until).days / (end - start).days
    return matchday_availability(s, p) * part


def fit_to_play(s: Scenario, p: Person, stage: Stage | None = None) -> bool:
    """Fit for at least ``rules.available_from`` of the period (and at all): only such
    players fill XI slots or count as cover in it."""
    return fit_enough(s, fit_share(s, p, stage))


def fit_enough(s: Scenario, share: float) -> bool:
    """A fit share that lets a player fill XI slots or count as cover (see fit_to_play)."""
    return share > 0 and share >= s.rules.available_from


def covers(s: Scenario, p: Person, role: str, stage: Stage | None = None) -> bool:
    """Counts as cover for ``role`` in a period: fit to play, plays the role, and rating x
    competence reaches ``rules.cover_min_rating`` when it is given (a youth player who can
    nominally play there is not first-team cover)."""
    return can_cover(s, p, role, stage) and fit_to_play(s, p, stage)


def can_cover(s: Scenario, p: Person, role: str, stage: Stage | None = None) -> bool:
    """Covers ``role`` on a matchday he is fit: plays it, and rating x competence reaches
    ``rules.cover_min_rating`` when it is given (depth with a probability counts him on the
    matchdays he is fit, whatever his share of the period)."""
    competence = p.positions.get(role, 0.0)
    if competence <= 0:
        return False
    threshold = s.rules.cover_min_rating
    return threshold is None or meets(rating(s, p, stage) * competence, threshold)


def meets(value: float, threshold: float) -> bool:
    """``value >= threshold`` up to float rounding relative to their size: 43 x 0.7 is
    30.099999999999998 in floating point and must meet a threshold of 30.1."""
    return value >= threshold - 1e-9 * max(1.0, abs(value), abs(threshold))


def age(s: Scenario, p: Person, stage: Stage | None = None) -> float | None:
    """Age in whole years on the registration reference date of a period's season (1
    January of the year it began: Premier League Rule K), or ``registration.age_on``."""
    if s.rules.registration.age_on is not None or stage is None:
        return p.age_on(s.age_reference)
    return p.age_on(dt.date(stage.season_start_year, 1, 1))


def is_senior(s: Scenario, p: Person, stage: Stage | None = None) -> bool:
    """Counts on the registration list (not under ``senior_from_age``). Needs an age."""
    years = age(s, p, stage)
    if years is None:
        raise ValueError(f"{p.id}: registration needs birth_date or age")
    return years >= s.rules.registration.senior_from_age


def _years(start: dt.date, end: dt.date) -> float:
    return (end - start).days / DAYS_PER_YEAR


def rating(s: Scenario, p: Person, stage: Stage | None = None) -> float:
    """His rating in a period: the table's, moved by ``rating_change`` (or the scenario's
    ageing curve, at his age halfway there) a year from the first period's start."""
    if stage is None or stage.index == 0:
        return p.rating
    first = stages(s)[0]
    years = _years(first.start, stage.start)
    if years <= 0:
        return p.rating
    per_year = p.rating_change
    curve = s.ageing.rating if s.ageing is not None else None
    if per_year is None and curve is not None:
        # His exact age: in whole years, one born a day after the period's start was taken
        # as nearly a year younger halfway (Gomez, 30 on 2026-02-02, kept +0 not -2 a year).
        now = p.exact_age_on(first.start)
        if now is None:
            return p.rating
        halfway = now + years / 2
        per_year = curve.gain if halfway < curve.gain_until else 0.0
        per_year -= curve.loss if halfway >= curve.loss_from else 0.0
    return p.rating + (per_year or 0.0) * years


def strength(s: Scenario, p: Person, role: str, stage: Stage | None = None) -> float:
    """Expected contribution in a role over a period (0 in a role he does not play)."""
    return role_strengths(s, p, stage).get(role, 0.0)


def role_strengths(s: Scenario, p: Person, stage: Stage | None = None) -> dict[str, float]:
    """His strength in each role he plays, in his positions' order: rating x competence x
    fit share (his rating and fit share once, not once per role)."""
    rated, share = rating(s, p, stage), fit_share(s, p, stage)
    return {role: rated * competence * share for role, competence in p.positions.items()}


def _contract_factor(s: Scenario, contract_end: dt.date, day: dt.date) -> float:
    """min(1, years left / residual_decay_years): a fee falls as the contract runs out (a
    buyer can wait and sign him free); 0 once it has."""
    left = _years(day, contract_end)
    return 0.0 if left <= 0 else min(1.0, left / s.objective.residual_decay_years)


def _age_factor(s: Scenario, p: Person, day: dt.date) -> float:
    curve = s.ageing.value if s.ageing is not None else None
    years = p.age_on(day) if curve is not None else None
    if curve is None or years is None:
        return 1.0
    return float((1.0 - curve.loss) ** max(0.0, years - curve.loss_from))


def value_at(s: Scenario, p: Person, day: dt.date, contract_end: dt.date | None = None) -> float:
    """His value on ``day`` (millions): ``market_value`` (his value at the first window's
    close, with the contract he has) times the contract factor on ``day`` (under
    ``contract_end``, e.g. an extension, default his contract) over the factor at the first
    close, times the age factor on ``day`` over that at the first close. 0 without a
    contract or value, or once the contract has ended.

    Gomez, contract to June 2027, decay 2: by June 2026 he is worth 1.0/1.5 of today's value.
    A longer contract never lowers the path (the factor on ``day`` grows with it).
    """
    if p.contract_until is None or p.market_value is None:
        return 0.0
    ref = reference_date(s)
    now = _contract_factor(s, p.contract_until, ref)
    then = _contract_factor(s, contract_end or p.contract_until, day)
    if then <= 0 or now <= 0:
        return 0.0
    return p.market_value * then / now * (_age_factor(s, p, day) / _age_factor(s, p, ref))


def residual_value(s: Scenario, p: Person, contract_end: dt.date | None = None) -> float:
    """Asset value at ``horizon_end`` (:func:`value_at`)."""
    return value_at(s, p, horizon_end(s), contract_end)


def sale_options(
    s: Scenario, p: Person, stage: Stage | None = None
) -> list[tuple[int | None, float]]:
    """How he may be sold in a window (default: the first): (offer index, fee) per sale
    offer in it, and (None, his value then) when the rules allow sales without a bid and
    his contract runs past the window. Empty when he is not sellable."""
    window = _stage(s, stage)
    if not getattr(p, "sellable", True):
        return []
    first = stages(s)[0].window
    options: list[tuple[int | None, float]] = [
        (k, o.fee)
        for k, o in enumerate(s.offers)
        if o.player == p.id and o.kind == "sale" and (o.window or first) == window.window
    ]
    if s.rules.sell_without_offer and p.market_value is not None:
        if window.index == 0:
            options.append((None, p.market_value))
        elif (value := value_at(s, p, window.closes)) > 0:
            options.append((None, value))
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


def loan_out_options(s: Scenario, p: Person, stage: Stage | None = None) -> list[int]:
    """Indices of loan offers he may go out on in a window, for its period (none when he is
    not loanable)."""
    window = _stage(s, stage)
    if not getattr(p, "loanable", True):
        return []
    first = stages(s)[0].window
    return [
        k
        for k, o in enumerate(s.offers)
        if o.player == p.id and o.kind == "loan" and (o.window or first) == window.window
    ]


def asking_fee(s: Scenario, t: Target, stage: Stage) -> float | None:
    """What buying him costs in a window: the scenario's ``fees`` for that window, else his
    ``fee`` moved along the value path of his contract with his club (to ``free_from``) and
    his age; None once he is free (from then he signs on a free)."""
    if t.free_from is not None and stage.closes >= t.free_from:
        return None
    for given in s.fees:
        if given.player == t.id and given.window == stage.window:
            return given.fee
    if stage.index == 0:
        return t.fee
    ref = reference_date(s)
    factor = _age_factor(s, t, stage.closes) / _age_factor(s, t, ref)
    if t.free_from is not None:
        now = _contract_factor(s, t.free_from, ref)
        factor *= _contract_factor(s, t.free_from, stage.closes) / now if now > 0 else 0.0
    return t.fee * factor


def can_sign_free(t: Target, stage: Stage) -> bool:
    """He is a free agent for this window's period: his contract with his club has ended by
    the time the window closes."""
    return t.free_from is not None and stage.closes >= t.free_from
