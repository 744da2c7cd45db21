"""The service's non-finite screen: a body skips the second parse only when it cannot hold a
number JSON cannot carry back."""

from __future__ import annotations

import json
import math
import random

import pytest

from api.request_checks import non_finite_problems


def _literal(rng: random.Random) -> str:
    """A JSON number literal: up to 400 digits before the point, some after, and an
    exponent of 0 to 3 digits either way (the sizes around a float's range, 1.8e308)."""
    whole = str(rng.randint(1, 9)) + "".join(rng.choices("0123456789", k=rng.randint(0, 400)))
    text = rng.choice(["", "-"]) + whole
    if rng.random() < 0.5:
        text += "." + "".join(rng.choices("0123456789", k=rng.randint(1, 30)))
    if rng.random() < 0.7:
        exponent = rng.choice([rng.randint(0, 9), rng.randint(10, 99), rng.randint(100, 999)])
        text += rng.choice("eE") + rng.choice(["", "+", "-"]) + str(exponent)
    return text


def test_the_screen_misses_no_number_beyond_a_float_seed_0() -> None:
    rng = random.Random(0)
    beyond = 0
    for _ in range(3000):
        text = _literal(rng)
        body = json.dumps({"squad": [{"rating": 1.0, "note": "x"}]}).replace("1.0", text)
        found = non_finite_problems(body.encode())
        # A literal without point or exponent is a JSON integer: Python keeps it exact, and
        # a float field refuses one beyond a float's range itself ("a valid number").
        is_float = any(c in text for c in ".eE")
        infinite = is_float and not math.isfinite(float(text))
        beyond += infinite
        assert bool(found) == infinite, text
    assert 300 < beyond < 2700  # both kinds were drawn


@pytest.mark.parametrize(
    "text",
    [
        "NaN",
        "-Infinity",
        "1e309",
        "1E+400",
        "1e0400",
        "2" + "0" * 308 + ".5",  # 309 digits before the point
        "1" + "0" * 220 + "e99",  # a two-digit exponent on a long mantissa
    ],
)
def test_each_kind_of_non_finite_number_is_found(text: str) -> None:
    (problem,) = non_finite_problems(f'{{"offers": [{{"fee": {text}}}]}}'.encode())
    assert problem.path == ("offers", 0, "fee") and problem.value == text


def test_finite_bodies_with_the_screen_s_text_in_strings_are_walked_and_pass() -> None:
    # "NaN" in a name and a long digit run in an id send the body to the full parse, which
    # finds nothing: the screen only decides whether to look.
    body = {"squad": [{"name": "NaNa", "id": "p" + "1" * 25, "rating": 1e-100}]}
    assert non_finite_problems(json.dumps(body).encode()) == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
@pytest.mark.parametrize("text", ["NaN", "Infinity", "1e400"])
def test_bodies_in_utf_16_and_32_are_walked(encoding: str, text: str) -> None:
    # Regression: json reads UTF-16 and UTF-32 bytes too, where no byte shape matches
    # ("N\0a\0N\0"): the screen let NaN through to a 202 sweep of failing runs.
    body = f'{{"offers": [{{"fee": {text}}}]}}'.encode(encoding)
    (problem,) = non_finite_problems(body)
    assert problem.path == ("offers", 0, "fee") and problem.value == text


def test_a_body_is_parsed_as_json_parses_it_and_repeated_keys_are_found_at_their_place() -> None:
    from api.request_checks import parse_json_body

    body = {"a": [1, {"b": 2.5}], "c": {"d": "x"}}
    assert parse_json_body(json.dumps(body).encode()) == (body, [])
    assert parse_json_body(b"not json") == (None, [])
    document, problems = parse_json_body(b'{"a": [{"b": 1, "b": 2}], "c": 1, "c": 3}')
    assert document == {"a": [{"b": 2}], "c": 3}  # the last value, as json.loads keeps
    assert [(p.path, p.value) for p in problems] == [(("c",), "c"), (("a", 0, "b"), "b")]
