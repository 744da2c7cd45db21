"""Words for charts: a sweep parameter's path as an axis title with its unit, a swept value
as a person says it, a move with the player's full name. Presentation only.

``offers[0].fee`` becomes "AC Milan's bid for Joe Gomez (m EUR)", ``["joe-gomez"]`` becomes
"Joe Gomez", ``sell:joe-gomez`` becomes "sell Joe Gomez".
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

from models.moves import label_words
from models.scenario import Scenario
from models.sweep import parse_path

# A person's field -> (words, unit); "{m}" is the scenario's money unit.
PERSON_FIELDS = {
    "availability": ("expected availability", "share of the rest of the season"),
    "rating": ("rating", "rating points"),
    "wage": ("wage", "{m} a year"),
    "market_value": ("market value", "{m}"),
    "book_value": ("book value", "{m}"),
    "fee": ("fee", "{m}"),
    "loan_fee": ("loan fee", "{m}"),
    "loan_wage_share": ("share of his wage we pay on loan", "0 to 1"),
    "age": ("age", "years"),
    "injured_until": ("injured until", "date"),
    "contract_until": ("contract until", "date"),
}
RULES = {
    "budget.net_spend": ("net-spend budget", "{m}"),
    "budget.wage_bill": ("wage-bill limit", "{m} a year"),
    "squad_size.min": ("smallest squad allowed", "players"),
    "squad_size.max": ("largest squad allowed", "players"),
    "max_signings": ("most signings allowed", "players"),
    "max_loans_in": ("most loans in allowed", "players"),
    "cover_min_rating": ("least rating that counts as cover", "rating points"),
    "available_from": ("least fit share to play", "share of the rest of the season"),
    "registration.max_senior": ("most senior players registered", "players"),
    "registration.max_non_homegrown": ("most non-homegrown seniors registered", "players"),
}
OBJECTIVE = {
    "first_xi": ("weight of first-XI strength", "points per rating point"),
    "second_xi": ("weight of second-XI strength", "points per rating point"),
    "squad_rating": ("weight of squad rating", "points per rating point"),
    "money": ("weight of money", "points per {m}"),
    "wages": ("weight of wages", "points per {m} a year"),
    "residual_value": ("weight of residual value", "points per {m}"),
    "residual_decay_years": ("years over which value decays", "years"),
}
LOCKS = {
    "keep": "players locked to stay",
    "sell": "players locked to be sold",
    "sign": "players locked to be signed",
    "never_sign": "players never to sign",
}


def _names(scenario: Scenario) -> dict[str, str]:
    return {p.id: p.label for p in (*scenario.squad, *scenario.targets)}


def parameter_words(path: str, scenario: Scenario) -> str:
    """An axis title: what the path is, in words, with its unit in brackets."""
    money = f"m {scenario.currency}"
    tokens = parse_path(path)
    names = _names(scenario)
    words: tuple[str, str] | None = None
    head, rest = tokens[0], tokens[1:]
    if head == "rules":
        words = RULES.get(".".join(str(t) for t in rest))
    elif head == "objective" and len(rest) == 1:
        words = OBJECTIVE.get(str(rest[0]))
    elif head == "locks" and len(rest) == 1 and str(rest[0]) in LOCKS:
        return LOCKS[str(rest[0])]
    elif head == "offers" and len(rest) == 2 and isinstance(rest[0], int):
        k, field = rest[0], str(rest[1])
        if 0 <= k < len(scenario.offers):
            offer = scenario.offers[k]
            who = names.get(offer.player, offer.player)
            club = f"{offer.club}'s " if offer.club else ""
            kind = "bid" if offer.kind.value == "sale" else "loan bid"
            if field == "fee":
                words = (f"{club}{kind} for {who}", "{m}")
            elif field == "loan_wage_share":
                words = (f"share of {who}'s wage {offer.club or 'the borrower'} pays", "0 to 1")
    elif head in ("squad", "targets") and len(rest) == 2:
        who = names.get(str(rest[0]), str(rest[0]))
        known = PERSON_FIELDS.get(str(rest[1]))
        if known is not None:
            words = (f"{who}'s {known[0]}", known[1])
    if words is None:
        return path.replace("_", " ")
    text, unit = words
    return f"{text} ({unit.format(m=money)})"


def value_words(value: Any, scenario: Scenario) -> str:
    """A swept value as a tick label: ids as names, lists joined, numbers short."""
    if isinstance(value, str) and value.startswith(("[", "{")):
        with contextlib.suppress(ValueError):
            value = json.loads(value)  # list values are stored as JSON text in the tables
    if isinstance(value, list):
        names = _names(scenario)
        return ", ".join(names.get(str(v), str(v)) for v in value) or "none"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def move_words(label: str, scenario: Scenario) -> str:
    """``sell:joe-gomez`` -> "sell Joe Gomez" (:func:`models.moves.label_words`)."""
    return label_words(label, _names(scenario))
