"""Squad players and transfer targets, one validated, immutable record each.

``positions`` is written ``CB;RB:0.9`` in a table: the roles a player can fill, each with a
competence factor in (0, 1] (1.0 where none is given, i.e. the primary role). Columns a
scenario adds beyond the documented ones are kept in ``extra`` so that ``groups`` limits can
count over them (``club``, ``nationality``, ...); nothing in a row is dropped. A column whose
name is close to a documented one (``wages``, ``injury_until``, ``Market Value``) is not
kept quietly as an extra, which would leave every wage at 0: it is an error that names the
field it is probably meant to be (:func:`close_field`).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)

from models.bounds import MAX_FEE, MAX_RATING
from models.days import Day
from models.horizon import DAYS_PER_YEAR


def _table_value(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """One extra column's value: one message for a value of no kind a table holds (the
    union said four, one per kind: "valid string", "finite number" twice, "valid boolean")."""
    try:
        out = handler(value)
    except ValidationError:
        raise ValueError(
            f"{value!r} is not a table's value: give text, a finite number, true or false, "
            "or leave it blank"
        ) from None
    # A whole number beyond 64 bits is no table's value either: written to runs.parquet it
    # failed (a 500 on the download, a traceback at the end of `transfers sweep`).
    if isinstance(out, int) and not isinstance(out, bool) and abs(out) >= 2**63:
        raise ValueError(f"{out} is beyond a 64-bit whole number")
    return out


ExtraValue = Annotated[str | int | float | bool | None, WrapValidator(_table_value)]
CLOSE_NAME = 0.8  # difflib ratio: wages/wage 0.89, injury_until/injured_until 0.88


def close_field(column: str, model: type[Person]) -> str | None:
    """The documented field that ``column`` is probably a misspelling of, or None.

    Compared case-blind with spaces and hyphens as underscores, so ``Market Value`` is
    ``market_value``; a genuinely new column (``nationality``, ``league``) matches none.
    """
    return close_name(column, [name for name in model.model_fields if name != "extra"])


def close_name(column: str, names: Sequence[str]) -> str | None:
    """The one of ``names`` that ``column`` is probably a misspelling of, or None (see
    :func:`close_field`; also used for the absences table's columns)."""
    if column in names:
        return None
    normal = column.strip().lower().replace(" ", "_").replace("-", "_")
    if normal in names:
        return normal
    close = difflib.get_close_matches(normal, names, n=1, cutoff=CLOSE_NAME)
    return close[0] if close else None


def did_you_mean(name: str) -> str:
    return f"not a documented column; did you mean {name!r}?"


def misnamed(column: str, model: type[Person]) -> str | None:
    """The error for a column that is close to a documented field, or that is the other
    kind of person's field; None otherwise."""
    if column in _sibling_fields(model):
        kind = "a target's" if model is Player else "a squad player's"
        return f"{kind} field, not read for this table"
    field = close_field(column, model)
    return None if field is None else did_you_mean(field)


def parse_positions(value: Any) -> dict[str, float]:
    """``"CB;RB:0.9"`` -> ``{"CB": 1.0, "RB": 0.9}``; a mapping passes through."""
    if isinstance(value, dict):
        items = [(str(k).strip(), v) for k, v in value.items()]
    elif isinstance(value, str):
        items = []
        for chunk in value.split(";"):
            chunk = chunk.strip()
            if not chunk:
                continue
            role, colon, factor = chunk.partition(":")
            if colon and not factor.strip():  # "RB:" is a competence left out, not 1.0
                raise ValueError(f"competence of {role.strip()!r} is missing after ':'")
            items.append((role.strip(), factor.strip() or 1.0))
    else:
        raise ValueError("positions must be text like 'CB;RB:0.9' or a mapping role -> factor")
    if not items:
        raise ValueError("positions is empty: a player needs at least one role")
    result: dict[str, float] = {}
    for role, factor in items:
        if role in result:
            raise ValueError(f"role {role!r} is listed twice")
        try:
            number = float(factor)
        except (TypeError, ValueError):
            raise ValueError(f"competence of {role!r} is not a number: {factor!r}") from None
        if not 0.0 < number <= 1.0:
            raise ValueError(f"competence of {role!r} must be in (0, 1], got {number}")
        result[role] = number
    return result


class Person(BaseModel):
    """What squad players and targets share."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, allow_inf_nan=False
    )

    id: str = Field(min_length=1, description="Unique id, e.g. 'joe-gomez'.")
    name: str = Field("", description="Display name; the id when blank.")
    positions: dict[str, float] = Field(description="Role -> competence in (0, 1].")
    rating: float = Field(
        ge=-MAX_RATING,
        le=MAX_RATING,
        description="Overall strength on the scenario's scale; any finite number (ratings "
        "centred on zero, such as plus-minus or VAEP, are negative for weak players).",
    )
    birth_date: Day | None = None
    age: float | None = Field(None, ge=0, le=60, description="Used when birth_date is absent.")
    contract_until: Day | None = None
    wage: float = Field(0.0, ge=0, le=MAX_FEE, description="Annual wage, millions.")
    market_value: float | None = Field(None, ge=0, le=MAX_FEE, description="Millions.")
    homegrown: bool = False
    injured_until: Day | None = None
    availability: float = Field(
        1.0, ge=0, le=1, description="Expected share of the rest of the season fit."
    )
    injuries_per_season: float | None = Field(
        None,
        ge=0,
        le=50,
        description="Injury model: time-loss injuries a season (blank: by age, models.injury).",
    )
    days_per_injury: float | None = Field(
        None, gt=0, le=1000, description="Injury model: mean days out per injury (blank: 36.6)."
    )
    rating_change: float | None = Field(
        None,
        ge=-MAX_RATING,
        le=MAX_RATING,
        description="Rating points a year over a horizon; overrides the ageing curve.",
    )
    extra: dict[str, ExtraValue] = Field(
        default_factory=dict, description="Further columns, usable by groups limits."
    )

    @model_validator(mode="before")
    @classmethod
    def _blank_and_extra(cls, data: Any) -> Any:
        # Tables give "" for an empty cell: that means "not given", so the documented
        # default applies. Unknown columns go to ``extra`` rather than being dropped; one
        # close to a documented name stays where it is, so that ``extra="forbid"`` reports
        # it at its own place, beside the row's other problems (see ``misnamed``).
        if not isinstance(data, dict) or not isinstance(data.get("extra") or {}, dict):
            return data  # pydantic reports the wrong type, with its field path
        known = _field_names(cls)
        out: dict[str, Any] = {}
        given = dict(data.get("extra") or {})
        extra: dict[str, Any] = dict(given)
        for key, value in data.items():
            if key == "extra":
                continue
            if isinstance(value, str) and value.strip() == "":
                value = None
            if key in known:
                if value is not None:
                    out[key] = value
            elif kept_as_extra(cls, str(key)):
                if key in given:  # the column would silently replace the value in extra
                    raise ValueError(f"{key!r} is given twice: as the row's {key} and in its extra")
                extra[key] = value
            else:  # input in the wrong place, reported there
                out[key] = value
        out["extra"] = extra
        return out

    @field_validator("extra")
    @classmethod
    def _extra_is_new_columns(cls, extra: dict[str, Any]) -> dict[str, Any]:
        # Only new columns belong here: a documented field written inside extra (extra.wage,
        # or a near miss, extra.wages) was kept and never read, so the row's own wage held.
        for key in extra:
            if kept_as_extra(cls, key):
                continue
            if key in _field_names(cls):
                raise ValueError(f"{key!r} is a documented column: give it as the row's {key}")
            raise ValueError(f"column {key!r}: {misnamed(key, cls)}")
        return extra

    @field_validator("positions", mode="before")
    @classmethod
    def _positions(cls, value: Any, info: ValidationInfo) -> dict[str, float]:
        positions = parse_positions(value)
        # The scenario passes its roles as context so an unknown role is reported together
        # with the row's other type errors, not in a second round.
        roles = (info.context or {}).get("roles")
        if roles is not None:
            unknown = [r for r in positions if r not in roles]
            if unknown:
                raise ValueError(f"unknown role {unknown[0]!r} (roles: {', '.join(roles)})")
        return positions

    @property
    def label(self) -> str:
        return self.name or self.id

    def exact_age_on(self, day: dt.date) -> float | None:
        """Age in years and their fraction on ``day`` from ``birth_date`` (365.25 days a
        year), else the given ``age``."""
        if self.birth_date is None:
            return self.age
        return (day - self.birth_date).days / DAYS_PER_YEAR

    def age_on(self, day: dt.date) -> float | None:
        """Age in whole years on ``day`` from ``birth_date``, else the given ``age``."""
        if self.birth_date is None:
            return self.age
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return float(years)


class Player(Person):
    """One of our squad players."""

    sellable: bool = True
    loanable: bool = True
    book_value: float | None = Field(
        None,
        ge=0,
        le=MAX_FEE,
        description="Millions, at the first window's close: what is left of his fee to amortise "
        "(club finance); or give acquisition_fee and acquired_on.",
    )
    acquisition_fee: float | None = Field(
        None, ge=0, le=MAX_FEE, description="The fee paid for him, millions (club finance)."
    )
    acquired_on: Day | None = Field(None, description="When he was signed (club finance).")
    release_fee: float | None = Field(
        None, ge=0, le=MAX_FEE, description="Pay-off to end his contract; blank: not released."
    )


class Target(Person):
    """A player we could sign (``fee``) or, when ``loan_fee`` is given, loan in.

    ``contract_until`` is the contract he would sign with us (it sets his residual value);
    ``loan_wage_share`` is the share of his wage we pay while he is on loan with us.
    """

    club: str = ""
    fee: float = Field(ge=0, le=MAX_FEE, description="Transfer fee, millions.")
    loan_fee: float | None = Field(
        None, ge=0, le=MAX_FEE, description="Blank: not available on loan."
    )
    loan_wage_share: float = Field(1.0, ge=0, le=1)
    free_from: Day | None = Field(
        None,
        description="His contract with his club ends: from the first window after it he can "
        "sign on a free (a pre-contract agreed from the January before).",
    )
    free_fee: float = Field(0.0, ge=0, le=MAX_FEE, description="Signing-on fee on a free.")
    agent_fee: float = Field(
        0.0, ge=0, le=MAX_FEE, description="Agents' fees on signing him, millions (expensed)."
    )
    instalments: int = Field(
        1, ge=1, le=10, description="The fee is paid in this many equal yearly parts."
    )


@cache
def kept_as_extra(cls: type[Person], column: str) -> bool:
    """Whether a row's ``column`` is kept in its ``extra``: not a documented field, not near
    one (``wages``) and not the other kind of person's (a target's ``fee`` on a squad row),
    which stay where they are to be reported as input in the wrong place."""
    return (
        column not in _field_names(cls)
        and close_field(column, cls) is None
        and column not in _sibling_fields(cls)
    )


@cache
def _field_names(cls: type[Person]) -> frozenset[str]:
    """A model's field names (asked once per row of every table: made once)."""
    return frozenset(cls.model_fields)


def _sibling_fields(cls: type) -> set[str]:
    """The fields only the other kind of person has (a target's ``fee`` for a squad row)."""
    others: dict[type, type[Person]] = {Player: Target, Target: Player}
    other = others.get(cls)
    return set() if other is None else set(other.model_fields) - set(Person.model_fields)
