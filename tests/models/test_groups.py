"""Typed keys of group-limit columns: text, numbers, dates and booleans as a person means them."""

from __future__ import annotations

import datetime as dt

import pytest

from models.groups import value_key


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Crystal Palace", ("text", "Crystal Palace")),
        (" 3 ", ("number", 3.0)),
        ("+4", ("number", 4.0)),
        (".5", ("number", 0.5)),
        ("-2.5", ("number", -2.5)),
        ("1_000", ("number", 1000.0)),  # as Python's float reads it
        ("٣", ("number", 3.0)),  # a digit in another script is still a number
        ("inf", ("text", "inf")),  # not a finite number: a word
        ("NaN", ("text", "NaN")),
        ("2026-01-05", ("date", dt.date(2026, 1, 5))),
        ("2026-13-01", ("text", "2026-13-01")),
        ("True", ("bool", True)),
        ("x1", ("text", "x1")),
        ("", None),
        (3, ("number", 3.0)),
        (False, ("bool", False)),
    ],
)
def test_value_keys(value: object, key: object) -> None:
    assert value_key(value) == key
