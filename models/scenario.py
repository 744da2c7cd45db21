"""The scenario: one transfer window written down, validated as a whole.

``Scenario`` objects are immutable. Build them with :func:`scenario_from_dict` (or the file
loader in :mod:`models.loader`), which checks field types *and* the rules that span fields
(unknown ids, duplicate ids, unknown roles, dates out of order, values a rule needs) and
raises one :class:`~models.errors.ScenarioError` listing every problem. Variants (for
sweeps) come from :meth:`Scenario.evolve`, which re-validates the changed copy.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from models.bounds import MAX_BUDGET, MAX_COUNT, MAX_FEE
from models.collector import collector_paused
from models.days import Day
from models.deals import AskingFee, Extension
from models.errors import InputProblem, ScenarioError
from models.groups import seen_keys, shown, wanted_key
from models.horizon import (
    Ageing,
    HorizonWindow,
    Period,
    reference_problems,
    stages,
    time_problems,
)
from models.ids import id_key, unknown_id
from models.injury import InjurySettings, injury_problems
from models.people import Player, Target, misnamed
from models.rules import Locks, Objective, Rules, Window

DEFAULT_ROLES = ("GK", "RB", "CB", "LB", "DM", "CM", "AM", "RW", "LW", "ST")


Money = Annotated[float, Field(ge=0, le=MAX_BUDGET)]  # millions a season


class OfferKind(StrEnum):
    SALE = "sale"
    LOAN = "loan"


class Offer(BaseModel):
    """A bid received for one of our players.

    For a loan, ``fee`` is the loan fee and ``loan_wage_share`` the share of his wage the
    borrowing club pays (the rest stays on our wage bill).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
    player: str = Field(min_length=1)
    club: str = ""
    kind: OfferKind = OfferKind.SALE
    fee: float = Field(ge=0, le=MAX_FEE)
    loan_wage_share: float = Field(1.0, ge=0, le=1)
    window: str | None = Field(
        None,
        description="The window of the bid (an expected bid in a later one); default: the first.",
    )
    instalments: int = Field(
        1, ge=1, le=10, description="A sale fee received in this many equal yearly parts."
    )


class Scenario(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: str = Field(min_length=1)
    club: str = ""
    currency: str = "EUR"
    window: Window | None = Field(None, description="The one-window form; or windows + periods.")
    windows: tuple[HorizonWindow, ...] = Field((), description="A horizon's windows, in order.")
    periods: tuple[Period, ...] = Field((), description="The period each window opens.")
    horizon_end: Day | None = Field(None, description="A horizon's end (residual values).")
    squad: tuple[Player, ...] = ()
    targets: tuple[Target, ...] = ()
    offers: tuple[Offer, ...] = ()
    rules: Rules = Rules()
    roles: tuple[str, ...] = DEFAULT_ROLES
    locks: Locks = Locks()
    objective: Objective = Objective()
    extensions: tuple[Extension, ...] = ()
    fees: tuple[AskingFee, ...] = Field((), description="Targets' asking fees in later windows.")
    ageing: Ageing | None = None
    revenue: dict[str, Money] = Field(
        default_factory=dict,
        description="Football revenue per season ('2026-27': 720), millions (club finance).",
    )
    other_squad_cost: dict[str, Money] = Field(
        default_factory=dict,
        description="Squad cost per season outside the scenario's players (the rest of the "
        "squad's wages and amortisation, bonuses), millions; added to the season's squad cost.",
    )
    injury: InjurySettings = Field(
        InjurySettings(), description="How depth with a probability is enforced and reported."
    )

    def player(self, player_id: str) -> Player:
        for p in self.squad:
            if p.id == player_id:
                return p
        raise KeyError(player_id)

    def target(self, target_id: str) -> Target:
        for t in self.targets:
            if t.id == target_id:
                return t
        raise KeyError(target_id)

    @property
    def age_reference(self) -> dt.date:
        """The date ages are taken on for registration.

        Premier League Rule K: a player is under 21 if born on or after 1 January of the year
        in which the season commences. A season ending in January-July began the year before.
        """
        if self.rules.registration.age_on is not None:
            return self.rules.registration.age_on
        return dt.date(stages(self)[0].season_start_year, 1, 1)

    def evolve(self, **changes: Any) -> Scenario:
        """A validated copy with top-level fields replaced (the original is untouched)."""
        data = self.model_dump(mode="python")
        data.update(changes)
        return scenario_from_dict(data)


def scenario_from_dict(data: Any, source: str = "") -> Scenario:
    """Validate a scenario document (the YAML/JSON structure with tables inline).

    Raises ScenarioError listing every problem, each with its field path.
    """
    roles = data.get("roles", DEFAULT_ROLES) if isinstance(data, dict) else DEFAULT_ROLES
    context = {"roles": tuple(roles)} if isinstance(roles, list | tuple) else None
    try:
        with collector_paused():
            scenario = Scenario.model_validate(data, context=context)
    except ValidationError as exc:
        problems = [
            InputProblem(path=tuple(err["loc"]), message=error_message(err), value=_shown(err))
            for err in exc.errors()
        ]
        problems += _cross_field_problems_of_valid_rows(data, problems, context)
        raise ScenarioError(problems, source) from None
    problems = cross_field_problems(scenario)
    if problems:
        raise ScenarioError(problems, source)
    return scenario


ROW_TABLES = {"squad": Player, "targets": Target, "offers": Offer}


def _cross_field_problems_of_valid_rows(
    data: Any, type_problems: list[InputProblem], context: dict[str, Any] | None
) -> list[InputProblem]:
    """The cross-field problems among the rows that are valid, so that one report holds
    both kinds (a user fixing a table should not find the second kind on the next run).

    Only when every type problem sits inside a table row: the invalid rows are set aside,
    the rest validated, and paths mapped back to the original row numbers. A reference to
    an id whose row was set aside is not reported (the row exists, it is just invalid).
    """
    if not isinstance(data, dict):
        return []
    broken: dict[str, set[int]] = {table: set() for table in ROW_TABLES}
    for p in type_problems:
        if len(p.path) < 2 or p.path[0] not in ROW_TABLES or not isinstance(p.path[1], int):
            return []
        broken[str(p.path[0])].add(p.path[1])
    salvaged = dict(data)
    index: dict[str, list[int]] = {}
    set_aside_ids: set[str] = set()
    for table in ROW_TABLES:
        rows = data.get(table)
        if not isinstance(rows, list):
            continue
        index[table] = [k for k in range(len(rows)) if k not in broken[table]]
        salvaged[table] = [rows[k] for k in index[table]]
        for k in broken[table]:
            if isinstance(rows[k], dict) and isinstance(rows[k].get("id"), str):
                set_aside_ids.add(rows[k]["id"].strip())
    try:
        partial = Scenario.model_validate(salvaged, context=context)
    except ValidationError:
        return []
    out = []
    for p in cross_field_problems(partial):
        if p.value in set_aside_ids and "not a" in p.message:
            continue
        path = p.path
        if len(path) >= 2 and path[0] in index and isinstance(path[1], int):
            path = (path[0], index[str(path[0])][path[1]], *path[2:])
        out.append(InputProblem(path, p.message, p.value, p.where))
    return out


def error_message(err: Any, table_at: int = 0) -> str:
    """Pydantic's message, except for a table column close to a documented one: that names
    the field it is probably meant to be. ``table_at``: where the table name is in ``loc``
    (0 in a scenario document, 1 in an HTTP body's ``("body", "squad", ...)``)."""
    loc = err["loc"]
    if err["type"] == "extra_forbidden" and len(loc) == table_at + 3:
        model = ROW_TABLES.get(str(loc[table_at]))
        if model is Player or model is Target:
            hint = misnamed(str(loc[-1]), model)
            if hint is not None:
                return hint
    return str(err["msg"])


def given_input(err: Any) -> Any:
    """The value at fault: a validator that reports a part of its input names it ``given``
    in the error's context (models/rules.py ``_one_problem``); else pydantic's input."""
    ctx = err.get("ctx") or {}
    return ctx["given"] if "given" in ctx else err.get("input")


def _shown(err: Any) -> Any:
    # Pydantic reports the whole parent object as input for a missing field; show nothing then.
    if err["type"] == "missing":
        return None
    value = given_input(err)
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def cross_field_problems(s: Scenario) -> list[InputProblem]:
    """Rules that span fields. Each problem names its field path and value."""
    out: list[InputProblem] = []
    add = out.append
    roles = set(s.roles)

    time = time_problems(s)
    out += time
    age_on = s.rules.registration.age_on
    if age_on is not None and not 1900 <= age_on.year <= 2200:
        add(
            InputProblem(
                ("rules", "registration", "age_on"), "must be a date from 1900 to 2200", str(age_on)
            )
        )
    if len(roles) != len(s.roles):
        add(InputProblem(("roles",), "a role is listed twice", list(s.roles)))
    if time:
        return out  # the rest needs the windows in order
    first = stages(s)[0]
    out += reference_problems(s)
    out += finance_problems(s)

    seen: set[str] = set()
    keys: dict[str, str] = {}  # id_key -> the first id with it
    people: list[tuple[str, int, Player | Target]] = [
        ("squad", i, p) for i, p in enumerate(s.squad)
    ] + [("targets", i, t) for i, t in enumerate(s.targets)]
    needs_age = (
        s.rules.registration.max_senior is not None
        or s.rules.registration.max_non_homegrown is not None
    )
    wants_residual = s.objective.residual_value > 0
    for table, i, person in people:
        here: tuple[str | int, ...] = (table, i)
        # Said without the earlier row's number: when invalid rows are set aside (see
        # _cross_field_problems_of_valid_rows) that number would be the wrong one.
        if person.id in seen:
            add(InputProblem((*here, "id"), "duplicate id: an earlier row has it too", person.id))
        elif id_key(person.id) in keys:
            # One person listed twice could be bought twice, or kept and sold.
            add(
                InputProblem(
                    (*here, "id"),
                    f"duplicate id: an earlier row has {keys[id_key(person.id)]!r}, the same "
                    "but for case or how an accent is encoded",
                    person.id,
                )
            )
        seen.add(person.id)
        keys.setdefault(id_key(person.id), person.id)
        for role in person.positions:
            if role not in roles:
                add(InputProblem((*here, "positions"), f"unknown role {role!r}", role))
        if needs_age and person.birth_date is None and person.age is None:
            add(
                InputProblem(
                    (*here, "birth_date"),
                    "registration rules need an age: give birth_date or age",
                )
            )
        if table == "squad" and person.contract_until is not None:
            if person.contract_until < first.opens:
                add(
                    InputProblem(
                        (*here, "contract_until"),
                        f"contract ends before the window opens ({first.opens})",
                        str(person.contract_until),
                    )
                )
        elif person.contract_until is not None and not first.holds(person.contract_until):
            # A target's contract_until is the contract he would sign with us (his club's
            # ends at free_from); one that does not hold him for the first period holds him
            # for no later one either: he could be signed in no window.
            add(
                InputProblem(
                    (*here, "contract_until"),
                    f"contract ends before {first.period} ends ({first.end}): he could be "
                    "signed in no window (it is the contract he would sign with us; free_from "
                    "is when his club's ends)",
                    str(person.contract_until),
                )
            )
        if wants_residual:
            for field in ("contract_until", "market_value"):
                if getattr(person, field) is None:
                    add(
                        InputProblem(
                            (*here, field),
                            f"objective.residual_value > 0 needs {field} for every player",
                        )
                    )
        if (
            table == "squad"
            and s.rules.sell_without_offer
            and isinstance(person, Player)
            and person.sellable
            and person.market_value is None
        ):
            add(
                InputProblem(
                    (*here, "market_value"),
                    "rules.sell_without_offer needs market_value for every sellable player",
                )
            )

    squad_ids = {p.id for p in s.squad}
    target_ids = {t.id for t in s.targets}
    for k, offer in enumerate(s.offers):
        if offer.player not in squad_ids:
            add(
                InputProblem(
                    ("offers", k, "player"),
                    unknown_id(offer.player, squad_ids, "not a player in the squad"),
                    offer.player,
                )
            )
        if offer.kind == OfferKind.LOAN and offer.instalments > 1:
            add(
                InputProblem(
                    ("offers", k, "instalments"),
                    "a loan fee is paid at once: instalments are for sales",
                    offer.instalments,
                )
            )

    lock_tables = {
        "keep": squad_ids,
        "sell": squad_ids,
        "sign": target_ids,
        "never_sign": target_ids,
    }
    for field, ids in lock_tables.items():
        for k, pid in enumerate(getattr(s.locks, field)):
            if pid not in ids:
                where = "the squad" if ids is squad_ids else "the targets"
                add(
                    InputProblem(
                        ("locks", field, k), unknown_id(pid, ids, f"not an id in {where}"), pid
                    )
                )
    players = {p.id: p for p in s.squad}
    for k, pid in enumerate(s.locks.sell):
        player = players.get(pid)
        if player is None:
            continue
        if not player.sellable:
            add(InputProblem(("locks", "sell", k), "locked to be sold but sellable is false", pid))
        elif not s.rules.sell_without_offer and not any(
            o.player == pid and o.kind == OfferKind.SALE for o in s.offers
        ):
            add(
                InputProblem(
                    ("locks", "sell", k),
                    "locked to be sold but there is no sale offer for him and "
                    "rules.sell_without_offer is off",
                    pid,
                )
            )
    for pid in sorted(set(s.locks.sign) & set(s.locks.never_sign)):
        add(
            InputProblem(
                ("locks", "never_sign"), f"{pid!r} is locked both sign and never_sign", pid
            )
        )
    for pid in sorted(set(s.locks.keep) & set(s.locks.sell)):
        # Kept until a date and sold by a later one is a plan ("keep him this season, sell
        # him in the summer"); it contradicts itself when no window allows both.
        keep_until, sell_by = s.locks.when("keep", pid), s.locks.when("sell", pid)
        if not any(
            isinstance(keep_until, dt.date)
            and stage.start >= keep_until
            and (not isinstance(sell_by, dt.date) or stage.closes <= sell_by)
            for stage in stages(s)
        ):
            add(InputProblem(("locks", "sell"), f"{pid!r} is locked both keep and sell", pid))

    for role in s.rules.coverage:
        if role not in roles:
            add(InputProblem(("rules", "coverage", role), "unknown role", role))
    for k, role in enumerate(s.rules.formation):
        if role not in roles:
            add(InputProblem(("rules", "formation", k), "unknown role", role))
    for role, need in s.rules.coverage_counts.items():
        if not 0 <= need <= MAX_COUNT:
            add(InputProblem(("rules", "coverage", role), f"must be from 0 to {MAX_COUNT}", need))
    out += injury_problems(s)
    size = s.rules.squad_size
    if size.min is not None and size.max is not None and size.min > size.max:
        add(InputProblem(("rules", "squad_size"), "min is above max", f"{size.min} > {size.max}"))
    for k, group in enumerate(s.rules.groups):
        known = (
            group.column in Player.model_fields
            or group.column in Target.model_fields
            or any(group.column in person.extra for _, _, person in people)
        )
        if people and not known:
            add(
                InputProblem(
                    ("rules", "groups", k, "column"), "no player has this column", group.column
                )
            )
        elif people and group.value is not None:
            present = seen_keys(s, group.column)
            if wanted_key(s, group) not in present:
                values = ", ".join(sorted(shown(key) for key in present)[:8]) or "none"
                add(
                    InputProblem(
                        ("rules", "groups", k, "value"),
                        f"no player has {group.column} = this value, so the limit could never "
                        f"count anyone (values in the tables: {values})",
                        group.value,
                    )
                )
    return out


def finance_problems(s: Scenario) -> list[InputProblem]:
    """What club finance needs (when ``rules.finance`` is given or ``objective.money_basis``
    is pnl): each squad player's contract and book value (``book_value``, or
    ``acquisition_fee`` with ``acquired_on``), each target's contract with us, and the
    revenue of every season the squad cost ratio is measured in."""
    if s.rules.finance is None and s.objective.money_basis != "pnl":
        return [
            InputProblem(
                (field,),
                "is read only with club finance: give rules.finance (or objective.money_basis: "
                "pnl), or leave it out",
            )
            for field in ("revenue", "other_squad_cost")
            if getattr(s, field)
        ]
    out: list[InputProblem] = []
    first_close = stages(s)[0].closes
    for i, p in enumerate(s.squad):
        if p.contract_until is None:
            out.append(InputProblem(("squad", i, "contract_until"), "club finance needs it"))
        if p.book_value is not None and (p.acquisition_fee, p.acquired_on) != (None, None):
            out.append(
                InputProblem(
                    ("squad", i, "book_value"),
                    "give book_value, or acquisition_fee with acquired_on, not both",
                    p.book_value,
                )
            )
        if p.acquired_on is not None and p.acquired_on > first_close:
            out.append(
                InputProblem(
                    ("squad", i, "acquired_on"),
                    f"after the first window closes ({first_close}): a squad player is ours",
                    str(p.acquired_on),
                )
            )
        elif p.acquired_on and p.contract_until and p.acquired_on >= p.contract_until:
            out.append(
                InputProblem(
                    ("squad", i, "acquired_on"),
                    f"not before his contract ends ({p.contract_until})",
                    str(p.acquired_on),
                )
            )
        if p.book_value is None and (p.acquisition_fee is None or p.acquired_on is None):
            out.append(
                InputProblem(
                    ("squad", i, "book_value"),
                    "club finance needs book_value, or acquisition_fee with acquired_on "
                    "(0 for an academy player or a fee fully amortised)",
                )
            )
    for i, t in enumerate(s.targets):
        if t.contract_until is None:
            out.append(
                InputProblem(
                    ("targets", i, "contract_until"),
                    "club finance needs the contract he would sign (his fee is amortised over it)",
                )
            )
    seasons = list(dict.fromkeys(stage.season for stage in stages(s)))
    finance = s.rules.finance
    if finance is not None and not any(finance.binds(season) for season in seasons):
        out.append(
            InputProblem(
                ("rules", "finance", "from_season"),
                f"no season of the scenario is from it (its seasons: {', '.join(seasons)}): "
                "the limits would never bind",
                finance.from_season,
            )
        )
    missing = [season for season in seasons if season not in s.other_squad_cost]
    if s.other_squad_cost and missing:
        out.append(
            InputProblem(
                ("other_squad_cost",),
                f"once given, it needs every season of the scenario: {', '.join(missing)} "
                "missing (0 if there is none)",
            )
        )
    if finance is not None and finance.squad_cost_ratio is not None:
        for season in seasons:
            if finance.binds(season) and season not in s.revenue:
                out.append(
                    InputProblem(
                        ("revenue",),
                        f"the squad cost ratio needs the revenue of {season} (given: "
                        f"{', '.join(sorted(s.revenue)) or 'none'})",
                    )
                )
    for field in ("revenue", "other_squad_cost"):
        for season in getattr(s, field):
            if season not in seasons:
                out.append(
                    InputProblem(
                        (field, season),
                        f"no period of the scenario is in that season (its seasons: "
                        f"{', '.join(seasons)})",
                    )
                )
    return out
