"""The window, the rules of the plan, the locks and the objective weights.

Every rule is optional: a rule the scenario leaves out does not constrain the plan (there are
no hidden defaults), and an objective weight left out is 0.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    WrapValidator,
    field_validator,
)
from pydantic_core import PydanticCustomError

from models.bounds import MAX_BUDGET, MAX_COUNT, MAX_RATING, MAX_WEIGHT
from models.days import Day

FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


@cache
def _day() -> TypeAdapter[dt.date | None]:
    """A lock's date as a Day reads it (built on first use: ~5 ms at import otherwise)."""
    return TypeAdapter(Day | None)


class WindowKind(StrEnum):
    JANUARY = "january"
    SUMMER = "summer"
    OTHER = "other"


class Window(BaseModel):
    """Dates of the window (the one-window form of a scenario). Moves take effect when it
    closes; "the rest of the season" is ``closes`` .. ``season_end``; residual values are
    taken at ``horizon_end``."""

    model_config = FROZEN
    name: str | None = Field(None, description="Default: kind and year, e.g. 'January 2026'.")
    kind: WindowKind = WindowKind.OTHER
    opens: Day
    closes: Day
    season_end: Day
    horizon_end: Day


class Budget(BaseModel):
    model_config = FROZEN
    net_spend: float | None = Field(
        None,
        ge=-MAX_BUDGET,
        le=MAX_BUDGET,
        description="Fees paid - fees received in a window, millions (each window).",
    )
    net_spend_by_window: dict[str, float] = Field(
        default_factory=dict, description="Window name -> its own net-spend budget."
    )
    net_spend_total: float | None = Field(
        None, ge=-MAX_BUDGET, le=MAX_BUDGET, description="Net spend over the whole horizon."
    )
    wage_bill: float | None = Field(
        None, ge=0, le=MAX_BUDGET, description="Annual wages of members, millions."
    )


class SquadSize(BaseModel):
    model_config = FROZEN
    min: int | None = Field(None, ge=0, le=MAX_COUNT)
    max: int | None = Field(None, ge=0, le=MAX_COUNT)


class Registration(BaseModel):
    """Premier League Rule K (squad lists): at most 25 players, of whom at most 17 not
    homegrown, not counting players under 21 on 1 January of the year the season began."""

    model_config = FROZEN
    max_senior: int | None = Field(None, ge=0, le=MAX_COUNT)
    max_non_homegrown: int | None = Field(None, ge=0, le=MAX_COUNT)
    senior_from_age: int = Field(21, ge=0, le=60)
    age_on: Day | None = Field(
        None, description="Date ages are taken on; default 1 January of the season's first year."
    )


class GroupLimit(BaseModel):
    """At most ``max`` members sharing a value of ``column`` (only ``value`` when given).

    Values are compared by type (:mod:`models.groups`): ``value: 25`` and ``value: "25"``
    both match an age of 25, ``value: true`` a homegrown player."""

    model_config = FROZEN
    column: str = Field(min_length=1)
    max: int = Field(ge=0, le=MAX_COUNT)
    value: bool | int | float | str | None = None


class CoverageChance(BaseModel):
    """Depth as a probability: at least ``players`` fit cover on ``probability`` of the
    period's matchdays (:mod:`models.injury` says how matchdays are drawn)."""

    model_config = FROZEN
    players: int = Field(ge=0, le=MAX_COUNT)
    probability: float = Field(gt=0, le=1, description="Share of matchdays, e.g. 0.95.")


def _one_problem(value: Any, handler: Any) -> Any:
    # A coverage value is a count or a {players, probability} mapping: pydantic would report
    # a bad one once per kind, at a path ending in the kind's name; one problem at the
    # role's own path, about the kind that was given, says it better.
    try:
        return handler(value)
    except ValidationError as exc:
        errors = exc.errors()
        given = [
            e for e in errors if (e["loc"][:1] == ("CoverageChance",)) == isinstance(value, dict)
        ]
        error = (given or errors)[0]
        field = ".".join(str(part) for part in error["loc"][1:])
        message = (
            f"{field}: {error['msg']}" if field else f"{error['msg']}, or {{players, probability}}"
        )
        # The value is the one at fault (1.5), not the role's whole mapping: "given".
        context = {} if error["type"] == "missing" else {"given": error.get("input")}
        # pydantic fills in only {given} (a context key), so other braces need no escaping.
        raise PydanticCustomError(error["type"], message, context) from None


CoverageNeed = Annotated[
    Annotated[int | CoverageChance, Field(union_mode="left_to_right")], WrapValidator(_one_problem)
]


class FinanceRules(BaseModel):
    """Club finance rules, per season (the squad cost of a season is its annual rate over the
    scenario's periods in it: wages and amortisation pro rata, plus what is expensed in its
    windows). Absent: the engine counts cash only."""

    model_config = FROZEN
    squad_cost_ratio: float | None = Field(
        None,
        gt=0,
        le=2,
        description="Squad cost <= this x (revenue + net profit on player sales + loan fees "
        "received): 0.85 for the Premier League's Squad Cost Ratio from 2026-27, 0.70 for "
        "UEFA's.",
    )
    squad_cost: float | None = Field(
        None, ge=0, le=MAX_BUDGET, description="A P&L budget: squad cost per season, millions."
    )
    from_season: str | None = Field(
        None,
        pattern=r"^[0-9]{4}-[0-9]{2}$",
        description="The first season the limits bind ('2026-27': the Premier League's ratio "
        "starts then); earlier seasons are reported, not limited. Blank: every season.",
    )

    def binds(self, season: str) -> bool:
        """Do the limits bind in ``season`` ('2026-27')? Season names sort as their years."""
        return self.from_season is None or season >= self.from_season


class Rules(BaseModel):
    model_config = FROZEN
    budget: Budget = Budget()
    finance: FinanceRules | None = None
    squad_size: SquadSize = SquadSize()
    registration: Registration = Registration()
    max_signings: int | None = Field(None, ge=0, le=MAX_COUNT)
    max_loans_in: int | None = Field(None, ge=0, le=MAX_COUNT)
    coverage: dict[str, CoverageNeed] = Field(
        default_factory=dict,
        description="Role -> fit players needed (fit for available_from of the period), or "
        "{players, probability}: that many fit on that share of matchdays.",
    )
    available_from: float = Field(
        0.0, ge=0, le=1, description="Fit share of the rest of the season to count as cover."
    )
    cover_min_rating: float | None = Field(
        None,
        ge=-MAX_RATING,
        le=MAX_RATING,
        description="rating x competence needed to count as cover for a role; absent: no "
        "threshold. May be negative (ratings centred on zero).",
    )
    groups: tuple[GroupLimit, ...] = ()
    formation: tuple[str, ...] = Field(default=(), description="XI slots by role; () = no XI.")
    sell_without_offer: bool = Field(
        False, description="Allow selling any sellable player at market_value without a bid."
    )

    @property
    def coverage_counts(self) -> dict[str, int]:
        """The count rules of ``coverage`` (role -> players fit for ``available_from``)."""
        return {role: need for role, need in self.coverage.items() if isinstance(need, int)}

    @property
    def coverage_chances(self) -> dict[str, CoverageChance]:
        """The probability rules of ``coverage`` (role -> players and share of matchdays)."""
        return {
            role: need for role, need in self.coverage.items() if isinstance(need, CoverageChance)
        }

    def players_needed(self, role: str) -> int | None:
        """How many fit players ``coverage`` asks for in ``role``, by count or probability."""
        need = self.coverage.get(role)
        return need.players if isinstance(need, CoverageChance) else need


class Locks(BaseModel):
    """What a person insists on. ``keep`` and ``sell`` take a list of ids (for the whole
    horizon: kept in every period; sold in some window) or ids with a date (kept in every
    period that starts before it: the manager's "until the end of the season"; sold in a
    window that closes by it). ``sign`` takes ids, or ids with the window to sign in."""

    model_config = FROZEN
    keep: tuple[str, ...] | dict[str, Day | None] = ()
    sell: tuple[str, ...] | dict[str, Day | None] = ()
    sign: tuple[str, ...] | dict[str, str | None] = ()
    never_sign: tuple[str, ...] = ()

    @field_validator("keep", "sell", "sign", mode="before")
    @classmethod
    def _ids_or_dated(cls, value: Any, info: ValidationInfo) -> Any:
        """One problem in the analyst's words: left to the union of its two forms, a lock
        failed both and said each under its type's name (locks.keep.tuple[str, ...]:
        "Input should be a valid tuple"; locks.keep.dict[str,nullable[...]]...)."""
        sign = info.field_name == "sign"
        when = "a window ({guehi: Summer 2026})" if sign else "a date ({joe-gomez: 2026-05-31})"
        shape = f"a list of ids ([joe-gomez]) or ids with {when}"
        if isinstance(value, list | tuple):
            for pid in value:
                if not isinstance(pid, str):
                    raise PydanticCustomError("lock", f"{shape}: an id is text, not {pid!r}")
            return value
        if not isinstance(value, dict):
            raise PydanticCustomError("lock", shape)
        for pid, given in value.items():
            if not isinstance(pid, str):
                raise PydanticCustomError("lock", f"{shape}: an id is text, not {pid!r}")
            if sign and given is not None and not isinstance(given, str):
                said = f"{pid}: {given!r} is not a window's name, nor blank for any window"
                raise PydanticCustomError("lock", said)
            if not sign:
                try:
                    _day().validate_python(given)
                except ValidationError:
                    said = f"{pid}: {given!r} is not a date (YYYY-MM-DD), nor blank for the horizon"
                    raise PydanticCustomError("lock", said) from None
        return value

    def when(self, field: str, pid: str) -> dt.date | str | None:
        """The date (keep, sell) or window (sign) of a lock; None: the whole horizon."""
        value = getattr(self, field)
        return value.get(pid) if isinstance(value, dict) else None

    def adding(self, field: str, pid: str) -> Locks:
        """A copy with ``pid`` locked in ``field`` for the whole horizon."""
        value = getattr(self, field)
        if isinstance(value, dict):
            return self.model_copy(update={field: {**value, pid: None}})
        return self.model_copy(update={field: tuple(dict.fromkeys((*value, pid)))})

    def without(self, field: str, pid: str) -> Locks:
        """A copy with ``pid``'s lock in ``field`` dropped."""
        value = getattr(self, field)
        if isinstance(value, dict):
            return self.model_copy(update={field: {k: v for k, v in value.items() if k != pid}})
        return self.model_copy(update={field: tuple(x for x in value if x != pid)})


class Objective(BaseModel):
    """Weights of the objective terms (all >= 0; an absent weight is 0).

    ``money`` is per million of net spend and ``wages`` per million of annual wage bill, both
    subtracted; ``residual_value`` is per million of squad asset value at the horizon.
    """

    model_config = FROZEN
    first_xi: float = Field(0.0, ge=0, le=MAX_WEIGHT)
    second_xi: float = Field(0.0, ge=0, le=MAX_WEIGHT)
    squad_rating: float = Field(0.0, ge=0, le=MAX_WEIGHT)
    money: float = Field(0.0, ge=0, le=MAX_WEIGHT)
    wages: float = Field(0.0, ge=0, le=MAX_WEIGHT)
    residual_value: float = Field(0.0, ge=0, le=MAX_WEIGHT)
    residual_decay_years: float = Field(
        2.0, gt=0, le=50, description="Value falls linearly over the last N contract years."
    )
    discount_rate: float = Field(
        0.0, ge=0, le=1, description="A year's discount on later money and strength (0.07 = 7 %)."
    )
    money_basis: Literal["cash", "pnl"] = Field(
        "cash",
        description="What `money` weighs: cash (net spend per window) or pnl (the profit and "
        "loss effect: amortisation, expensed fees, minus profit on sales).",
    )
