"""models.yaml_file: how scenario YAML (and a what-if's value) is read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models.errors import ScenarioError
from models.loader import load_scenario
from models.sweep import parse_setting, what_if
from models.yaml_file import parse_yaml, read_yaml
from scenarios import load_bundled

LIVERPOOL = Path(__file__).resolve().parents[2] / "scenarios" / "liverpool-2026-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fee: 1:20", "1:20"),  # YAML 1.1 read it as 80 (base 60)
        ("fee: 012", "012"),  # ... and this as 10 (octal); validation reads the text as 12
        ("kick_off: 12:30:00", "12:30:00"),
        ("fee: 12.5", 12.5),
        ("fee: 1_200", 1200),
        ("fee: -0", 0),
        ("fee: 1.0e+3", 1000.0),
        ("day: 2026-02-03", dt.date(2026, 2, 3)),
        ("NO: 3", 3),  # the key: Norway in a group limit, not false
        ("homegrown: yes", "yes"),  # validation reads it as true where a field is a boolean
        ("homegrown: false", False),
    ],
)
def test_numbers_are_read_as_an_analyst_means_them(text: str, expected: object) -> None:
    assert list(parse_yaml(text).values()) == [expected]
    if text.startswith("NO"):
        assert list(parse_yaml(text)) == ["NO"]


@pytest.mark.parametrize("day", ["2026-02-30", "2026-31-05"])
def test_an_impossible_date_is_a_yaml_problem_at_its_line(tmp_path: Path, day: str) -> None:
    # Regression: PyYAML raised ValueError while building the date: a traceback (exit 1) in
    # the CLI and a 500 from POST /v1/uploads.
    path = tmp_path / "scenario.yaml"
    path.write_text(f"name: x\nwindow: {{closes: {day}}}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        read_yaml(path)
    (problem,) = caught.value.problems
    assert f"'{day}' is not a date" in problem.message and "line 2" in problem.message


def test_a_base_60_fee_is_refused_not_read_as_80(tmp_path: Path) -> None:
    for name in ("squad.csv", "targets.csv"):
        (tmp_path / name).write_bytes((LIVERPOOL / name).read_bytes())
    text = (LIVERPOOL / "scenario.yaml").read_text(encoding="utf-8")
    (tmp_path / "scenario.yaml").write_text(
        text.replace("kind: sale, fee: 18.0", "kind: sale, fee: 1:20", 1), encoding="utf-8"
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "scenario.yaml")
    (problem,) = caught.value.problems
    assert problem.path == ("offers", 0, "fee") and problem.value == "1:20"
    with pytest.raises(ScenarioError, match=r"offers\[0\]\.fee: Input should be a valid number"):
        what_if(load_bundled("liverpool-2026-01"), ["offers[0].fee=1:20"])
    assert parse_setting("offers[0].fee=012") == ("offers[0].fee", "012")
    assert what_if(load_bundled("liverpool-2026-01"), ["offers[0].fee=012"]).offers[0].fee == 12


def test_a_lock_in_the_wrong_shape_is_one_problem_in_words() -> None:
    # Regression: two problems under pydantic's type names (locks.keep.tuple[str, ...]: Input
    # should be a valid tuple; locks.keep.dict[str,nullable[function-before[...]]]...).
    base = load_bundled("liverpool-2026-01")
    for value, words in (
        ("joe-gomez", "a list of ids ([joe-gomez]) or ids with a date"),
        ("[joe-gomez, 7]", "an id is text, not 7"),
        ("{joe-gomez: 31/05/2026}", "joe-gomez: '31/05/2026' is not a date (YYYY-MM-DD)"),
        ("[joe-gomez, ~]", "an id is text, not None"),
        ("{1: 2026-05-31}", "an id is text, not 1"),
    ):
        with pytest.raises(ScenarioError) as caught:
            what_if(base, [f"locks.keep={value}"])
        (problem,) = caught.value.problems
        assert problem.where == "locks.keep" and words in problem.message, problem
    with pytest.raises(ScenarioError, match="ids with a window"):
        what_if(base, ["locks.sign=guehi"])
    with pytest.raises(ScenarioError, match="marc-guehi: 2026 is not a window's name"):
        what_if(base, ["locks.sign={marc-guehi: 2026}"])
