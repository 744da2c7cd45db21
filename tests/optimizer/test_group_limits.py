"""Group limits count typed values: a limit written ``"25"`` or ``25`` on ``age``, or
``true`` on ``homegrown``, limits the plan (regression: values were compared as text,
``"25"`` against ``str(25.0)``, and such limits silently limited nothing)."""

from __future__ import annotations

import pytest

from models.scenario import scenario_from_dict
from optimizer.solve import solve
from tests.conftest import small_document


def _signed(**rules: object) -> set[str]:
    doc = small_document()
    doc["rules"].update(rules)
    plan = solve(scenario_from_dict(doc))
    assert plan.status == "optimal" and plan.checked
    return {m.player for m in plan.moves if m.action in ("buy", "loan_in")}


def test_without_a_limit_the_25_year_old_centre_back_is_signed() -> None:
    assert "t-cb" in _signed()  # t-cb is 25; the limits below must stop him


@pytest.mark.parametrize("value", ["25", 25, 25.0])
def test_a_limit_on_an_age_stops_the_signing(value: object) -> None:
    assert "t-cb" not in _signed(groups=[{"column": "age", "max": 0, "value": value}])


def test_a_limit_on_age_uses_the_age_from_the_birth_date() -> None:
    doc = small_document()
    for table in ("squad", "targets"):
        for row in doc[table]:
            age = row.pop("age")
            row["birth_date"] = f"{2025 - int(age) - 1}-06-01"  # that age on 1 Jan 2025
    doc["rules"]["groups"] = [{"column": "age", "max": 0, "value": 25}]
    plan = solve(scenario_from_dict(doc))
    assert "t-cb" not in {m.player for m in plan.moves}


# "on": YAML read it as true until the strict loader (models.yaml_file) kept it as text.
@pytest.mark.parametrize("value", [True, "true", "yes", 1, "on", "Y"])
def test_a_limit_on_homegrown_counts_homegrown_players(value: object) -> None:
    doc = small_document()
    doc["targets"][0]["homegrown"] = True
    doc["rules"]["groups"] = [{"column": "homegrown", "max": 0, "value": value}]
    plan = solve(scenario_from_dict(doc))
    assert "t-cb" not in {m.player for m in plan.moves}


def test_a_text_column_from_a_table_matches_a_number_in_yaml() -> None:
    doc = small_document()
    for row in doc["squad"] + doc["targets"]:
        row["tier"] = "2"  # as a CSV cell arrives
    doc["targets"][0]["tier"] = "3"
    doc["rules"]["groups"] = [{"column": "tier", "max": 0, "value": 3}]
    plan = solve(scenario_from_dict(doc))
    assert "t-cb" not in {m.player for m in plan.moves}
