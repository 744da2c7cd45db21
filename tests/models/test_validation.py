"""Every bad-input case gives a clear error naming the field (or file and row) and value."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from models.errors import ScenarioError
from models.loader import load_scenario
from models.scenario import scenario_from_dict
from tests.conftest import small_document


def _with(path: str, value: Any) -> dict[str, Any]:
    """small_document() with the field at dotted ``path`` set (``squad.0.rating``)."""
    doc = small_document()
    node: Any = doc
    parts = path.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
    last = parts[-1]
    if last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value
    return doc


def _without(path: str) -> dict[str, Any]:
    doc = small_document()
    node: Any = doc
    parts = path.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    del node[parts[-1]]
    return doc


BAD = [
    # (document, field path the error must name, words the message must contain, value shown)
    (_with("squad.0.rating", -5000), "squad[0].rating", "greater than or equal to -1000", None),
    (_with("squad.0.rating", "strong"), "squad[0].rating", "valid number", "strong"),
    (_without("squad.1.positions"), "squad[1].positions", "Field required", None),
    (_without("targets.0.fee"), "targets[0].fee", "Field required", None),
    (_with("targets.0.fee", -1), "targets[0].fee", "greater than or equal to 0", "-1"),
    (_with("squad.0.positions", "GK;XX"), "squad[0].positions", "unknown role 'XX'", "XX"),
    (_with("squad.0.positions", "CB:1.5"), "squad[0].positions", "must be in (0, 1]", None),
    (_with("squad.0.positions", "CB:abc"), "squad[0].positions", "not a number", None),
    (_with("squad.0.positions", "CB;CB"), "squad[0].positions", "listed twice", None),
    # Regression: "CB;RB:" (the competence left out) was read as RB 1.0.
    (_with("squad.0.positions", "CB;RB:"), "squad[0].positions", "'RB' is missing", None),
    (_with("squad.0.positions", ""), "squad[0].positions", "Field required", None),
    (_with("squad.1.id", "keeper"), "squad[1].id", "duplicate id", "keeper"),
    (_with("targets.0.id", "keeper"), "targets[0].id", "duplicate id", "keeper"),
    # Regression: accepted, then the plan failed the checker (exit 1, HTTP 500).
    (
        _with("targets.0.contract_until", "2020-06-30"),
        "targets[0].contract_until",
        "contract ends before rest of the season ends (2026-05-24): he could be signed in no",
        "2020-06-30",
    ),
    (_with("offers.0.player", "nobody"), "offers[0].player", "not a player in the squad", "nobody"),
    # Regressions: ids that look the same were two people (JOE-GOMEZ beside joe-gomez; a
    # target listed twice with the accent encoded two ways could be bought twice), and a
    # reference to one was "not an id" with nothing to see.
    (
        _with("squad.1.id", "KEEPER"),
        "squad[1].id",
        "an earlier row has 'keeper', the same",
        "KEEPER",
    ),
    (
        _with("locks", {"keep": ["Keeper"]}),
        "locks.keep[0]",
        "not an id in the squad: 'keeper' differs from it only in case",
        "Keeper",
    ),
    (_with("offers.0.kind", "swap"), "offers[0].kind", "'sale' or 'loan'", "swap"),
    (_with("offers.0.fee", -3), "offers[0].fee", "greater than or equal to 0", "-3"),
    (_with("locks", {"keep": ["ghost"]}), "locks.keep[0]", "not an id in the squad", "ghost"),
    (_with("locks", {"sign": ["keeper"]}), "locks.sign[0]", "not an id in the targets", "keeper"),
    (
        _with("locks", {"keep": ["back"], "sell": ["back"]}),
        "locks.sell",
        "locked both keep and sell",
        "back",
    ),
    (_with("window.closes", "2025-12-01"), "window", "dates out of order", None),
    (_with("window.opens", "not a date"), "window.opens", "valid date", "not a date"),
    # Regressions: a number in a date field was read as a Unix timestamp (0 is 1970-01-01,
    # "1774224000" 2026-03-23), silently, in YAML and in tables.
    (
        _with("squad.0.contract_until", 0),
        "squad[0].contract_until",
        "a date is written YYYY-MM-DD, not as a number",
        "0",
    ),
    (
        _with("squad.0.injured_until", "1774224000"),
        "squad[0].injured_until",
        "a date is written YYYY-MM-DD, not as a number",
        "1774224000",
    ),
    (_with("rules.coverage", {"LW": 1}), "rules.coverage.LW", "unknown role", "LW"),
    (_with("rules.coverage", {"GK": -1}), "rules.coverage.GK", "must be from 0 to 100000", "-1"),
    (_with("rules.formation", ["GK", "AM"]), "rules.formation[1]", "unknown role", "AM"),
    (_with("rules.squad_size", {"min": 5, "max": 3}), "rules.squad_size", "min is above max", None),
    (
        _with("rules.budget", {"wage_bill": -1}),
        "rules.budget.wage_bill",
        "greater than or equal to 0",
        "-1",
    ),
    (_with("rules.available_from", 1.5), "rules.available_from", "less than or equal to 1", "1.5"),
    (
        _with("rules.groups", [{"column": "shoe_size", "max": 1}]),
        "rules.groups[0].column",
        "no player has this column",
        "shoe_size",
    ),
    (
        _with("rules.registration", {"max_senior": 2}),
        "squad[0].birth_date",
        None,
        None,
    ),  # replaced below: ages removed
    (_with("objective.money", -0.1), "objective.money", "greater than or equal to 0", "-0.1"),
    (_with("objective.residual_value", 0.1), "targets[1].contract_until", None, None),
    (_with("squad.0.availability", 2), "squad[0].availability", "less than or equal to 1", "2"),
    (
        _with("squad.0.contract_until", "2025-06-30"),
        "squad[0].contract_until",
        "contract ends before the window opens",
        "2025-06-30",
    ),
    (_with("rules.sell_without_offer", True), "squad[0].market_value", None, None),
    (_with("surprise", 1), "surprise", "Extra inputs are not permitted", "1"),
    (_with("roles", ["GK", "GK", "CB", "ST"]), "roles", "listed twice", None),
    (_with("squad.0.rating", float("nan")), "squad[0].rating", "finite number", None),
    (_with("targets.0.fee", float("inf")), "targets[0].fee", "finite number", None),
    (_with("targets.0.fee", 1e12), "targets[0].fee", "less than or equal to 100000", None),
    (
        _with("rules.budget", {"net_spend": 1e300}),
        "rules.budget.net_spend",
        "less than or equal to 1000000",
        None,
    ),
    (_with("window.opens", "0001-01-01"), "window.opens", "from 1900 to 2200", "0001-01-01"),
    # regression: a group value compared as text matched nobody and limited nothing
    (
        _with("rules.groups", [{"column": "age", "max": 1, "value": 99}]),
        "rules.groups[0].value",
        "no player has age = this value",
        "99",
    ),
    (
        _with("rules.groups", [{"column": "homegrown", "max": 1, "value": "maybe"}]),
        "rules.groups[0].value",
        "values in the tables: false",
        "maybe",
    ),
    # regression: a sell lock the permissions forbid was "explained" as an infeasible lock
    (
        _with("locks", {"sell": ["keeper"]}),
        "locks.sell[0]",
        "no sale offer for him and rules.sell_without_offer is off",
        "keeper",
    ),
    (
        _with("squad.2.sellable", False),
        "locks.sell[0]",
        "locked to be sold but sellable is false",
        "forward",
    ),
    (
        _with("rules.cover_min_rating", -2000),
        "rules.cover_min_rating",
        "greater than or equal to -1000",
        None,
    ),
    # club finance: what the accounts need, and no figure that would be silently ignored
    (_with("rules.finance", {"squad_cost": 50}), "squad[0].book_value", "acquisition_fee", None),
    (_with("objective.money_basis", "accrual"), "objective.money_basis", "'cash' or 'pnl'", None),
    (_with("revenue", {"2025-26": 100}), "revenue", "read only with club finance", None),
    (_with("rules.finance", {"squad_cost_ratio": 0.85}), "revenue", "revenue of 2025-26", None),
    (
        _with("rules.finance", {"squad_cost_ratio": 0.85, "from_season": "2026"}),
        "rules.finance.from_season",
        "should match pattern",
        "2026",
    ),
    (_with("revenue", {"2031-32": 100}), "revenue.2031-32", "no period of the scenario", None),
    (
        _with("targets.0.instalments", 0),
        "targets[0].instalments",
        "greater than or equal to 1",
        "0",
    ),
    (_with("revenue", {"2025-26": -1}), "revenue.2025-26", "greater than or equal to 0", "-1"),
    (_with("squad.0.agent_fee", 3), "squad[0].agent_fee", "a target's field", "3"),
    (_with("targets.0.book_value", 3), "targets[0].book_value", "a squad player's field", "3"),
    (
        _with(
            "offers",
            [{"player": "forward", "club": "X", "kind": "loan", "fee": 1, "instalments": 2}],
        ),
        "offers[0].instalments",
        "instalments are for sales",
        "2",
    ),
    (_with("squad.0.acquired_on", "2026-03-01"), "squad[0].acquired_on", "first window", None),
    (_with("squad.1.acquired_on", "2026-01-20"), "squad[1].acquired_on", "contract ends", None),
    (_with("squad.0.acquisition_fee", 9), "squad[0].book_value", "not both", None),
    (
        _with("rules.finance", {"from_season": "2030-31"}),
        "rules.finance.from_season",
        "never",
        None,
    ),
    (_with("other_squad_cost", {"2030-31": 1}), "other_squad_cost", "2025-26 missing", None),
    # regression: a non-mapping "extra" crashed the row pre-validator (found by schemathesis)
    (_with("squad.0.extra", [None, None]), "squad[0].extra", "valid dictionary", None),
]


def _fix_special_cases() -> list[tuple[dict[str, Any], str, str | None, str | None]]:
    cases = []
    for doc, path, words, value in BAD:
        if path == "squad[0].birth_date":
            for person in doc["squad"]:
                person.pop("age")
            words = "registration rules need an age"
        elif path == "targets[1].contract_until":
            del doc["targets"][1]["contract_until"]
            words = "residual_value > 0 needs contract_until"
        elif path == "locks.sell[0]" and value == "forward":
            doc["locks"] = {"sell": ["forward"]}
        elif path in ("revenue.2031-32", "revenue.2025-26", "other_squad_cost") or words in (
            "revenue of 2025-26",
            "first window",
            "contract ends",
            "not both",
            "never",
        ):
            for person in doc["squad"]:
                person["book_value"] = 0
            doc["rules"].setdefault("finance", {"squad_cost": 100})
        if words == "contract ends":
            doc["squad"][1]["contract_until"] = "2026-01-15"  # ends in the window, before it
        if path == "squad[0].market_value":
            del doc["squad"][0]["market_value"]
            words = "sell_without_offer needs market_value"
        cases.append((doc, path, words, value))
    return cases


@pytest.mark.parametrize(("doc", "path", "words", "value"), _fix_special_cases())
def test_bad_document_names_field_and_value(doc, path, words, value) -> None:
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(doc)
    text = str(info.value)
    assert path in text, text
    assert words in text, text
    if value is not None:
        assert repr(value) in text or f"'{value}'" in text or value in text, text


def test_every_problem_reported_at_once() -> None:
    doc = small_document()
    doc["squad"][0]["rating"] = "strong"
    doc["targets"][1]["fee"] = -2
    doc["offers"][0]["player"] = "nobody"
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(doc)
    assert len(info.value.problems) >= 2
    text = str(info.value)
    assert "squad[0].rating" in text and "targets[1].fee" in text


def test_type_and_cross_field_problems_in_one_report() -> None:
    doc = small_document()
    doc["squad"][0]["rating"] = "high"  # a type problem in row 0
    doc["offers"].append({"player": "ghost", "fee": 1})  # a cross-field problem
    doc["targets"][1]["id"] = "t-cb"  # a duplicate id among valid rows
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(doc)
    paths = {p.path for p in info.value.problems}
    assert ("squad", 0, "rating") in paths
    assert ("offers", 1, "player") in paths
    assert ("targets", 1, "id") in paths


def test_a_reference_to_an_invalid_row_is_not_reported_as_missing() -> None:
    doc = small_document()
    doc["squad"][2]["rating"] = "strong"  # 'forward' is invalid but exists; the offer names him
    doc["squad"][1]["id"] = "keeper"  # and a duplicate after the set-aside row keeps its number
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(doc)
    text = str(info.value)
    assert "squad[2].rating" in text and "not a player in the squad" not in text
    assert "squad[1].id: duplicate id" in text


def test_valid_document_is_not_altered() -> None:
    doc = small_document()
    before = copy.deepcopy(doc)
    s = scenario_from_dict(doc)
    assert doc == before
    assert [p.id for p in s.squad] == ["keeper", "back", "forward"]
    assert s.squad[2].positions == {"ST": 1.0, "CB": 0.5}


def test_scenarios_are_immutable(small) -> None:
    with pytest.raises(Exception, match="frozen"):
        small.name = "changed"  # type: ignore[misc]
    changed = small.evolve(name="variant")
    assert changed.name == "variant" and small.name == "small"


def _write(tmp: Path, squad_csv: str, extra_yaml: str = "") -> Path:
    (tmp / "squad.csv").write_text(squad_csv, encoding="utf-8")
    (tmp / "scenario.yaml").write_text(
        "name: files\n"
        "window: {opens: 2026-01-01, closes: 2026-02-02, season_end: 2026-05-24,"
        " horizon_end: 2026-06-30}\n"
        "squad: squad.csv\n" + extra_yaml,
        encoding="utf-8",
    )
    return tmp / "scenario.yaml"


def test_csv_error_names_file_row_id_field_value(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "id,positions,rating\nalpha,CB,70\nbeta,CB,seventy\ngamma,QB,60\n",
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    text = str(info.value)
    assert "squad.csv row 3 (id beta), field 'rating'" in text
    assert "'seventy'" in text
    assert "squad.csv row 4 (id gamma), field 'positions'" in text and "'QB'" in text


def test_csv_blank_optional_cell_takes_documented_default(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,positions,rating,wage,availability,nation\na,CB,70,,,\n")
    s = load_scenario(path)
    assert s.squad[0].wage == 0.0 and s.squad[0].availability == 1.0
    assert s.squad[0].extra == {"nation": None}


def test_csv_extra_columns_are_kept(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,positions,rating,nation\na,CB,70,Italy\n")
    assert load_scenario(path).squad[0].extra == {"nation": "Italy"}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "no such file"),
        ("name: [unclosed", "not valid YAML"),
        ("- a list\n- not a mapping\n", "must be a mapping"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: str | None, words: str) -> None:
    path = tmp_path / "scenario.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ScenarioError, match=words):
        load_scenario(path)


def test_missing_table_file_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,positions,rating\n", "targets: nowhere.csv\n")
    with pytest.raises(ScenarioError, match=r"nowhere\.csv: no such file"):
        load_scenario(path)


def test_empty_squad_and_market_are_valid() -> None:
    doc = small_document(squad=[], targets=[], offers=[], rules={})
    s = scenario_from_dict(doc)
    assert s.squad == () and s.targets == ()


def test_an_accent_encoded_two_ways_is_one_id() -> None:
    composed, decomposed = "gu\u00e9hi", "gue\u0301hi"  # both read "guéhi"
    doc = small_document()
    doc["targets"][0]["id"] = composed
    doc["targets"].append({**doc["targets"][0], "id": decomposed})
    doc["locks"] = {"sign": [decomposed]}
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(doc)
    said = {(p.path, p.message) for p in info.value.problems}
    assert any(
        path == ("targets", len(doc["targets"]) - 1, "id") and "the same but for case" in words
        for path, words in said
    ), said
