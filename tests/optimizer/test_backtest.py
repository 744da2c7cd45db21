"""The backtest: plans made with the absences known at the window, judged on the matchdays
that followed, by hand on a tiny squad and on Liverpool's real 2025-26 absences."""

from __future__ import annotations

import datetime as dt

import pytest

from models.absences import Spell, read_absences
from models.horizon import DAYS_PER_YEAR
from models.injury import DEFAULT_DAYS, PRIOR_SHAPE, fit_from_rates
from models.scenario import Scenario
from optimizer.injury.backtest import run_backtest, without_injury_model
from scenarios import load_bundled
from tests.conftest import SHARED_DATA
from tests.optimizer.test_coverage_risk import centre_backs


def _tiny() -> Scenario:
    """The two-centre-back squad of the probability tests, at least two fit on 80 % of
    matchdays, fielding both as its XI."""
    base = centre_backs(0.8)
    return base.evolve(rules={**base.rules.model_dump(), "formation": ["CB", "CB"]})


SPELLS = [
    # Known on deadline day (2026-02-02): ours-1 out until 8 February.
    Spell.model_validate({"player": "ours-1", "from": "2026-01-10", "until": "2026-02-08"}),
    # Not known then: ours-2 out 1-20 March (the Saturdays 7 and 14 March).
    Spell.model_validate({"player": "ours-2", "from": "2026-03-01", "until": "2026-03-20"}),
]


def test_a_tiny_squad_judged_by_hand() -> None:
    result = run_backtest(_tiny(), SPELLS)
    assert (result.known_by, result.since) == (dt.date(2026, 2, 2), dt.date(2025, 7, 1))
    assert len(result.matchdays) == 16 and (result.spells_known, result.spells_after) == (1, 1)
    engine, still, without = result.plans
    short = (dt.date(2026, 2, 7), dt.date(2026, 3, 7), dt.date(2026, 3, 14))
    # No moves, and the plan without the injury model (two players each fit 90 % of the
    # season meet the count): short of two fit centre-backs on those three Saturdays.
    for outcome in (still, without):
        assert [m.player for m in outcome.moves] == []
        (role,) = outcome.roles
        assert role.covered == 13 and role.short_on == short
        assert outcome.fully_covered == 13
        assert outcome.xi_mean == pytest.approx((13 * 140 + 3 * 70) / 16)
        assert outcome.xi_worst == 70
    # The model the history gives: ours-1 one injury of 30 days in 0.59 seasons, back on
    # 9 February; ours-2 none. Two fit on 71.5 % of matchdays: short of 80 %, so the engine
    # buys the cheaper centre-back, and on the real matchdays it is never short.
    seasons = (dt.date(2026, 2, 2) - dt.date(2025, 7, 1)).days / DAYS_PER_YEAR
    one = fit_from_rates(
        (PRIOR_SHAPE + 1) / (PRIOR_SHAPE / 2.0 + seasons), (2 * DEFAULT_DAYS + 30) / 3
    )
    two = fit_from_rates(PRIOR_SHAPE / (PRIOR_SHAPE / 2.0 + seasons), DEFAULT_DAYS)
    assert still.roles[0].predicted == pytest.approx(15 * one * two / 16)
    assert [m.player for m in engine.moves] == ["cheap"] and engine.net_spend == 10
    assert engine.roles[0].covered == 16 and engine.fully_covered == 16
    assert engine.xi_mean == 140


def test_without_the_injury_model_reads_a_probability_as_its_count() -> None:
    plain = without_injury_model(_tiny())
    assert plain.rules.coverage == {"CB": 2}
    assert all(p.injuries_per_season is None for p in plain.squad)


def test_liverpool_replayed_with_the_real_absences() -> None:
    spells = read_absences(SHARED_DATA / "airsenal_absences_2526.csv")
    result = run_backtest(load_bundled("liverpool-2026-01-matchdays"), spells)
    assert len(result.matchdays) == 16
    names = [o.plan for o in result.plans]
    assert names == ["engine", "no moves", "without the injury model"]
    for outcome in result.plans:
        assert outcome.status in ("optimal", "squad as it is") and len(outcome.xi) == 16
        days_short = {day for role in outcome.roles for day in role.short_on}
        assert outcome.fully_covered == 16 - len(days_short)
        for role in outcome.roles:
            assert role.covered == 16 - len(role.short_on)
    # The squad as it was, on the real matchdays (read off the table): Bradley out for the
    # season, Frimpong until 25 February and Gomez until 9 February leave no right-back on
    # 7 February; Alisson (20 March - 20 May) and Mamardashvili (20 April - 6 May) no
    # goalkeeper on 25 April and 2 May; Salah and Chiesa no right winger on 28 March.
    still = result.plans[1]
    short = {role.role: role.short_on for role in still.roles if role.short_on}
    assert short == {
        "RB": (dt.date(2026, 2, 7),),
        "GK": (dt.date(2026, 4, 25), dt.date(2026, 5, 2)),
        "RW": (dt.date(2026, 3, 28),),
    }
