"""The injury model: a player's chance of being fit on a matchday, the seeded matchday draws,
the exact probability of depth, and what a scenario may not say about them."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from models.errors import ScenarioError
from models.horizon import stages
from models.injury import (
    DEFAULT_DAYS,
    FRESH,
    OPTIMISED,
    default_injuries,
    draws,
    exact_probability,
    fit_chances,
    fit_from_rates,
    matchday_availability,
    matchdays,
    sampled_probability,
)
from models.quantities import fit_share
from models.scenario import Scenario, scenario_from_dict
from tests.conftest import small_document

BACK_ON = "2026-03-29"  # a Sunday: out for the first 8 of the period's 16 Saturdays


def centre_backs(*rows: dict[str, Any], **rules: Any) -> Scenario:
    """A squad of centre-backs and nothing else, with the standard window (the rest of the
    season is 2026-02-02 to 2026-05-24: 16 Saturdays)."""
    squad = [{"id": f"cb{k}", "positions": "CB", "rating": 70, **row} for k, row in enumerate(rows)]
    return scenario_from_dict(
        small_document(roles=["CB"], squad=squad, targets=[], offers=[], rules=rules)
    )


def test_the_defaults_are_the_documented_rates() -> None:
    assert default_injuries(26) == pytest.approx(2.0)
    assert default_injuries(30) == pytest.approx(2.0 * 1.05**4)
    assert default_injuries(None) == 2.0
    # A default 26-year-old: fit on 365.25 / (365.25 + 2 x 36.6) of matchdays.
    assert fit_from_rates(2.0, DEFAULT_DAYS) == pytest.approx(0.8330, abs=1e-4)


def test_availability_comes_from_the_injury_columns_when_given() -> None:
    s = centre_backs(
        {"availability": 0.7},
        {"injuries_per_season": 3, "days_per_injury": 20},
        {"injuries_per_season": 1, "age": 30},  # days by default
        {"days_per_injury": 10, "age": 22},  # injuries by age
    )
    a, b, c, d = s.squad
    assert matchday_availability(s, a) == 0.7
    assert matchday_availability(s, b) == pytest.approx(365.25 / (365.25 + 60))
    assert matchday_availability(s, c) == pytest.approx(365.25 / (365.25 + DEFAULT_DAYS))
    expected = 365.25 / (365.25 + 2.0 * 1.05**-4 * 10)
    assert matchday_availability(s, d) == pytest.approx(expected)
    # XI strength and the count rules of coverage use the same number.
    assert fit_share(s, b) == pytest.approx(matchday_availability(s, b))


def test_matchdays_are_the_periods_saturdays() -> None:
    stage = stages(centre_backs({}))[0]
    days = matchdays(stage)
    assert days[0] == dt.date(2026, 2, 7) and days[-1] == dt.date(2026, 5, 23)
    assert len(days) == 16 and all(d.weekday() == 5 for d in days)
    short = replace(stage, start=dt.date(2026, 2, 2), end=dt.date(2026, 2, 4))
    assert matchdays(short) == (dt.date(2026, 2, 2),)


def test_a_known_injury_makes_him_unfit_until_he_is_back() -> None:
    s = centre_backs({"availability": 0.9, "injured_until": BACK_ON})
    chances = fit_chances(s, s.squad, stages(s)[0])[:, 0]
    assert list(chances) == [0.0] * 8 + [0.9] * 8


@pytest.mark.parametrize(
    ("chances", "need", "by_hand"),
    [
        ([0.9, 0.9], 2, 0.81),
        ([0.9, 0.9, 0.9], 2, 0.9**3 + 3 * 0.9**2 * 0.1),  # 0.972
        ([0.9] * 4, 2, 1 - 0.1**4 - 4 * 0.9 * 0.1**3),  # 0.9963
        ([0.5, 0.8], 1, 1 - 0.5 * 0.2),
        ([0.5, 0.8], 0, 1.0),
        ([0.5, 0.8], 3, 0.0),
    ],
)
def test_the_exact_probability_is_the_binomial_one(
    chances: list[float], need: int, by_hand: float
) -> None:
    assert exact_probability(np.array([chances]), need) == pytest.approx(by_hand, abs=1e-12)


def test_the_exact_probability_averages_over_the_matchdays() -> None:
    s = centre_backs({"availability": 0.9}, {"availability": 0.9, "injured_until": BACK_ON})
    stage = stages(s)[0]
    # Eight matchdays with one fit at most, eight with P(both) = 0.81.
    assert exact_probability(fit_chances(s, s.squad, stage), 2) == pytest.approx(0.405)
    assert exact_probability(fit_chances(s, s.squad, stage), 1) == pytest.approx(
        (8 * 0.9 + 8 * (1 - 0.01)) / 16
    )


def test_the_sampled_probability_converges_to_the_exact_one() -> None:
    s = centre_backs(
        {"availability": 0.9},
        {"availability": 0.8, "injured_until": BACK_ON},
        {"injuries_per_season": 3, "days_per_injury": 30},
    )
    stage = stages(s)[0]
    exact = exact_probability(fit_chances(s, s.squad, stage), 2)
    errors = []
    for count in (100, 1_000, 10_000, 200_000):
        found = sampled_probability(draws(s, s.squad, stage, count, FRESH).fit, 2)
        error = abs(found - exact)
        # Within four standard errors of a share of `count` independent draws.
        assert error <= 4 * math.sqrt(exact * (1 - exact) / count), (count, found, exact)
        errors.append(error)
    assert errors[-1] < 0.004 and errors[-1] < errors[0]


def test_draws_are_seeded_per_person_and_nest() -> None:
    s = centre_backs({"availability": 0.9}, {"availability": 0.6}, {"availability": 0.7})
    stage = stages(s)[0]
    a, b, c = s.squad
    first = draws(s, [a, b, c], stage, 500)
    again = draws(s, [a, b, c], stage, 500)
    assert np.array_equal(first.fit, again.fit) and np.array_equal(first.day, again.day)
    # A person's draws do not depend on who else is drawn, or in what order.
    alone = draws(s, [c, a], stage, 500)
    assert np.array_equal(alone.fit[:, 0], first.fit[:, 2])
    assert np.array_equal(alone.fit[:, 1], first.fit[:, 0])
    # The first N draws of a longer run are the N draws of a shorter one.
    longer = draws(s, [a, b, c], stage, 2_000)
    assert np.array_equal(longer.fit[:500], first.fit) and np.array_equal(
        longer.day[:500], first.day
    )
    # Fresh draws and another seed are other draws.
    assert not np.array_equal(draws(s, [a, b, c], stage, 500, FRESH).fit, first.fit)
    other = s.model_copy(update={"injury": s.injury.model_copy(update={"seed": 1})})
    assert not np.array_equal(draws(other, [a, b, c], stage, 500, OPTIMISED).fit, first.fit)


@pytest.mark.parametrize(
    ("coverage", "words", "value"),
    [
        (
            {"CB": "many"},
            "Input should be a valid integer, unable to parse string as an integer, or "
            "{players, probability}",
            "many",
        ),
        # The value at fault, not the role's whole mapping (it was shown as the value).
        (
            {"CB": {"players": 2, "probability": 1.5}},
            "probability: Input should be less than or equal to 1",
            1.5,
        ),
        ({"CB": {"players": 2}}, "probability: Field required", None),
        (
            {"CB": {"players": -1, "probability": 0.9}},
            "players: Input should be greater than or equal to 0",
            -1,
        ),
        ({"CB": {"players": 2, "probability": 0.9, "when": 1}}, "when: Extra inputs", 1),
        ({"CB": 2.5}, "fractional part, or {players, probability}", 2.5),
    ],
)
def test_bad_coverage_values_name_the_role_and_the_value(
    coverage: Any, words: str, value: Any
) -> None:
    doc = small_document(roles=["GK", "CB", "ST"])
    doc["rules"]["coverage"] = coverage
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(doc)
    (problem,) = caught.value.problems
    assert problem.path == ("rules", "coverage", "CB") and words in problem.message
    assert problem.value == value


def test_availability_and_injury_columns_are_not_both_given() -> None:
    with pytest.raises(ScenarioError) as caught:
        centre_backs({"availability": 0.8, "injuries_per_season": 2})
    (problem,) = caught.value.problems
    assert problem.path == ("squad", 0, "availability") and problem.value == 0.8
    assert "not both" in problem.message


def test_exact_enumeration_refuses_too_many_uncertain_players() -> None:
    rows = [{"availability": 0.9}] * 15
    rule = {"CB": {"players": 2, "probability": 0.9}}
    with pytest.raises(ScenarioError, match="CB has 15 players who may or may not be fit"):
        scenario_from_dict(
            {
                **small_document(
                    roles=["CB"],
                    squad=[
                        {"id": f"cb{k}", "positions": "CB", "rating": 70, **r}
                        for k, r in enumerate(rows)
                    ],
                    targets=[],
                    offers=[],
                    rules={"coverage": rule},
                ),
                "injury": {"method": "exact"},
            }
        )
    # Players sure to be fit (or sure not to be) are not enumerated.
    sure = [{"availability": 1.0}] * 20 + [{"availability": 0.9}] * 14
    scenario_from_dict(
        {
            **small_document(
                roles=["CB"],
                squad=[
                    {"id": f"cb{k}", "positions": "CB", "rating": 70, **r}
                    for k, r in enumerate(sure)
                ],
                targets=[],
                offers=[],
                rules={"coverage": rule},
            ),
            "injury": {"method": "exact"},
        }
    )
