"""Derived quantities, each checked against a value worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from models.horizon import stages
from models.quantities import age, covers, fit_share, fit_to_play, is_senior, residual_value


def test_gomez_residual_value_falls_with_his_contract(liverpool) -> None:
    gomez = liverpool.player("joe-gomez")
    # Contract to 2027-06-30. Years left at the window close (2026-02-02): 513 days / 365.25
    # = 1.4045; at the horizon (2026-06-30): 365 / 365.25 = 0.99932. Decay over 2 years:
    # value x min(1, 0.99932/2) / min(1, 1.4045/2) = 15 x 0.49966 / 0.70226 = 10.6725.
    left_then = 365 / 365.25
    left_now = 513 / 365.25
    assert residual_value(liverpool, gomez) == pytest.approx(15 * (left_then / 2) / (left_now / 2))
    assert residual_value(liverpool, gomez) == pytest.approx(10.6725, abs=1e-3)


def test_contract_ending_before_horizon_has_no_residual(liverpool) -> None:
    konate = liverpool.player("ibrahima-konate")  # contract to 2026-06-30 = horizon
    assert konate.contract_until == dt.date(2026, 6, 30)
    assert residual_value(liverpool, konate) == 0.0


def test_leoni_is_out_for_the_season(liverpool) -> None:
    leoni = liverpool.player("giovanni-leoni")
    assert fit_share(liverpool, leoni) == 0.0
    assert not fit_to_play(liverpool, leoni)
    assert not covers(liverpool, leoni, "CB")


def test_isak_fit_share_counts_days_after_his_return(liverpool) -> None:
    isak = liverpool.player("alexander-isak")
    # Back 2026-04-11; rest of season 2026-02-02..2026-05-24 = 111 days, 43 after his return.
    assert fit_share(liverpool, isak) == pytest.approx(0.85 * 43 / 111)
    assert not covers(liverpool, isak, "ST")  # 0.33 < available_from 0.5


def test_gomez_covers_cb_and_rb_but_not_lb(liverpool) -> None:
    gomez = liverpool.player("joe-gomez")
    assert covers(liverpool, gomez, "CB")  # 78 >= 72
    assert covers(liverpool, gomez, "RB")  # 78 x 0.95 = 74.1 >= 72
    assert not covers(liverpool, gomez, "LB")  # 78 x 0.7 = 54.6 < 72


def test_registration_age_is_taken_on_first_january_of_the_season(liverpool) -> None:
    # Premier League: under 21 = born on or after 1 January 2004 for 2025-26.
    assert liverpool.age_reference == dt.date(2025, 1, 1)
    kerkez = liverpool.player("milos-kerkez")  # born 2003-11-07: 21 on 2025-01-01
    bajcetic = liverpool.player("stefan-bajcetic")  # born 2004-10-22: 20
    assert age(liverpool, kerkez) == 21 and is_senior(liverpool, kerkez)
    assert age(liverpool, bajcetic) == 20 and not is_senior(liverpool, bajcetic)


def _one_player(rating: float, positions: str = "CB", **rules: object) -> tuple:  # type: ignore[type-arg]
    from models.scenario import scenario_from_dict
    from tests.conftest import WINDOW

    scenario = scenario_from_dict(
        {
            "name": "one",
            "window": WINDOW,
            "roles": ["CB", "RB"],
            "squad": [{"id": "p", "positions": positions, "rating": rating}],
            "rules": rules,
        }
    )
    return scenario, scenario.player("p")


def test_cover_threshold_meets_with_float_rounding() -> None:
    # 43 x 0.7 is 30.099999999999998 in floating point: it must meet 30.1 (regression).
    scenario, p = _one_player(43, "RB:0.7", cover_min_rating=30.1)
    assert covers(scenario, p, "RB")
    scenario, p = _one_player(43, "RB:0.7", cover_min_rating=30.11)
    assert not covers(scenario, p, "RB")


def test_ratings_centred_on_zero_cover_without_a_threshold() -> None:
    # FTCP ratings such as -0.08: an absent cover_min_rating is no threshold (regression:
    # it was 0, so every negative-rated player was silently no cover).
    scenario, p = _one_player(-0.08)
    assert scenario.rules.cover_min_rating is None and covers(scenario, p, "CB")


@pytest.mark.parametrize(("rating", "expected"), [(-0.08, False), (-0.05, True), (-0.03, True)])
def test_a_negative_cover_threshold(rating: float, expected: bool) -> None:
    scenario, p = _one_player(rating, cover_min_rating=-0.05)
    assert covers(scenario, p, "CB") is expected


@pytest.mark.parametrize(
    ("born", "expected"), [("1996-02-02", 80.0 - 2.0 * 195 / 365.25), ("1996-09-01", 80.0)]
)
def test_the_ageing_curve_reads_his_exact_age_halfway(born: str, expected: float) -> None:
    # Regression: his age in whole years on the first period's start (2026-02-01) made
    # Gomez, 30 the next day, 29 + 0.27 halfway to the first half of 2026-27 (starts
    # 2026-08-15, 195 days on): no loss. By hand: 29.997 + 195 / 365.25 / 2 = 30.26 >= 30,
    # so -2.0 a year for 195 / 365.25 years: 80 - 1.068 = 78.93. Born 1996-09-01 he is
    # 29.42 + 0.27 = 29.69 halfway: unchanged.
    from models.quantities import rating
    from models.sweep import what_if
    from scenarios import load_bundled

    scenario = what_if(
        load_bundled("teaching-sell-now-or-later"),
        ["ageing={rating: {}}", f"squad.gomez.birth_date={born}"],
    )
    summer = stages(scenario)[1]
    assert rating(scenario, scenario.player("gomez"), summer) == pytest.approx(expected)
