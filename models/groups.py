"""What ``groups`` limits count: a person's value in a column, compared by type, not as text.

A table cell arrives as text (``"25"``, ``"true"``), a documented field as its own type
(``age`` 25.0, ``homegrown`` True), a YAML value as whatever YAML made of it (``25``,
``"25"``, ``true``). Comparing ``str()`` of each silently matched nothing (``str(25.0)`` is
``"25.0"``), so every value is turned into a typed key first: booleans, numbers (ints and
floats alike), ISO dates, and other text, stripped. Text that reads as one of the first
three is that type, on both sides, so a CSV column and a YAML limit agree.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from typing import TYPE_CHECKING

from models.people import Person

if TYPE_CHECKING:
    from models.rules import GroupLimit
    from models.scenario import Scenario

Key = tuple[str, object]  # (kind, value): kind is "bool", "number", "date" or "text"
TRUE_WORDS = {"true": True, "false": False}


@lru_cache(maxsize=4096, typed=True)  # typed: True, 1 and 1.0 are equal as dict keys
def value_key(value: object) -> Key | None:
    """The typed key of one value; None for a missing value (counted in no group). Asked
    once per person and limit, mostly of a few values (clubs, leagues): kept."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return None if math.isnan(value) else ("number", float(value))
    if isinstance(value, dt.date):
        return ("date", value)
    text = str(value).strip()
    if not text:
        return None
    if text.lower() in TRUE_WORDS:
        return ("bool", TRUE_WORDS[text.lower()])
    # Neither a finite number nor an ISO date starts otherwise; the guard spares two raised
    # exceptions per name-like value ("Crystal Palace": one per target and group limit).
    if not (text[0].isdigit() or text[0] in "+-."):
        return ("text", text)
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        if math.isfinite(number):
            return ("number", number)
    try:
        return ("date", dt.date.fromisoformat(text))
    except ValueError:
        return ("text", text)


def column_value(person: Person, column: str, age_on: dt.date) -> object:
    """A documented field or an extra column; ``age`` is the age on ``age_on`` (the
    registration reference date), also when the table gives ``birth_date`` only."""
    if column == "age":
        return person.age_on(age_on)
    if column in type(person).model_fields and column != "extra":
        return getattr(person, column)
    return person.extra.get(column)


def column_key(person: Person, column: str, age_on: dt.date) -> Key | None:
    return value_key(column_value(person, column, age_on))


def limit_key(value: object, seen: set[Key]) -> Key | None:
    """The key a limit's ``value`` matches in a column whose keys are ``seen``.

    When the column holds booleans and the limit says ``1``/``0``/``yes``/``no``/``on``/
    ``off``, it means true/false (as a boolean field reads them); otherwise the plain typed
    key.
    """
    key = value_key(value)
    if key is None or key in seen or not any(kind == "bool" for kind, _ in seen):
        return key
    words = {"1": True, "0": False, "yes": True, "no": False, "1.0": True, "0.0": False}
    words |= {"on": True, "off": False, "y": True, "n": False}
    flag = words.get(str(value).strip().lower())
    return key if flag is None else ("bool", flag)


def seen_keys(s: Scenario, column: str) -> set[Key]:
    """The keys of ``column`` over the squad and the targets."""
    people: list[Person] = [*s.squad, *s.targets]
    return {k for p in people if (k := column_key(p, column, s.age_reference)) is not None}


def wanted_key(s: Scenario, limit: GroupLimit) -> Key | None:
    """The key a limit counts (None: it counts every value, one row per value)."""
    return None if limit.value is None else limit_key(limit.value, seen_keys(s, limit.column))


def shown(key: Key) -> str:
    """A key as a person writes it: ``25``, ``true``, ``2027-06-30``, ``ENG``."""
    kind, value = key
    if kind == "bool":
        return "true" if value else "false"
    if kind == "number" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
