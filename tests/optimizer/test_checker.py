"""The independent checker catches every kind of tampering with a sound plan."""

from __future__ import annotations

import pytest

from models.plan import Action, Move, Plan, SlotAssignment
from optimizer.checker import check_plan
from optimizer.solve import solve
from scenarios import load_bundled


@pytest.fixture(scope="module")
def sound() -> tuple:
    scenario = load_bundled("teaching-centre-back")
    return scenario, solve(scenario)


def _tamper(plan: Plan, **update) -> Plan:  # type: ignore[no-untyped-def]
    return plan.model_copy(update=update)


def test_sound_plan_passes(sound) -> None:
    scenario, plan = sound
    assert check_plan(scenario, plan) == []


def test_liverpool_plan_passes(liverpool) -> None:
    assert check_plan(liverpool, solve(liverpool)) == []


def test_wrong_fee(sound) -> None:
    scenario, plan = sound
    moves = tuple(
        m.model_copy(update={"fee": 1.0}) if m.action == Action.BUY else m for m in plan.moves
    )
    assert any("not his fee" in v for v in check_plan(scenario, _tamper(plan, moves=moves)))


def test_selling_without_offer(sound) -> None:
    scenario, plan = sound
    extra = Move(
        player="van-dijk",
        name="Van Dijk",
        action=Action.SELL,
        counterparty="X",
        fee=50,
        wage_change=-10,
        offer=None,
    )
    violations = check_plan(scenario, _tamper(plan, moves=(*plan.moves, extra)))
    assert any("without an offer" in v for v in violations)


def test_over_budget_and_coverage(sound) -> None:
    scenario, plan = sound
    # Drop the sale of Gomez: buying Guehi alone costs 35 > 20, and the squad differs.
    moves = tuple(m for m in plan.moves if m.action != Action.SELL)
    violations = check_plan(scenario, _tamper(plan, moves=moves))
    assert any("over the budget" in v for v in violations)
    assert any("squad listed" in v for v in violations)


def test_injured_player_in_xi(sound) -> None:
    scenario, plan = sound
    xi = (*plan.first_xi[:1], SlotAssignment(slot="CB", player="leoni", name="Leoni", strength=0.0))
    violations = check_plan(scenario, _tamper(plan, first_xi=xi))
    assert any("leoni is not in the squad" in v or "cannot fill" in v for v in violations)


def test_objective_misreported(sound) -> None:
    scenario, plan = sound
    violations = check_plan(scenario, _tamper(plan, objective=plan.objective + 1))
    assert any("objective reported" in v for v in violations)


def test_lock_broken() -> None:
    scenario = load_bundled("teaching-centre-back")
    plan = solve(scenario)  # sells Gomez
    locked = scenario.evolve(locks={"keep": ["gomez"]})
    assert any("locked to stay" in v for v in check_plan(locked, plan))


def test_a_limit_is_over_only_beyond_a_tolerance_relative_to_its_size() -> None:
    from optimizer.replay import over

    assert not over(60.0 + 1.5e-5, 60.0)  # HiGHS's plan at a fee of 5.99998 (below)
    assert over(60.0 + 1e-3, 60.0)
    assert over(1e-5, 0.0) and not over(5e-7, 0.0)  # at least an absolute 1e-6


def test_a_fine_threshold_scan_is_not_refused_by_the_checker() -> None:
    # Regression: at a fee of 5.99998 HiGHS's plan was 1.5e-5 over the 60 m budget, within
    # its feasibility tolerance; the checker's absolute 1e-6 failed the whole scan (exit 1).
    from api.application import Question, threshold
    from scenarios import load_bundled

    found = threshold(
        load_bundled("liverpool-2026-01"),
        Question.SELL,
        "joe-gomez",
        "offers[0].fee",
        (0.0, 40.0),
        "highs",
        tolerance=1e-4,
    )
    assert found.thresholds and all(0 < t < 40 for t in found.thresholds)
