"""The exact market reduction keeps the optimum: same value with and without it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from models.plan import SolveStatus
from models.scenario import Scenario
from optimizer.formulation import build
from optimizer.market_reduction import MIN_MARKET, reduce_market
from optimizer.solve import solve

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from markets import synthetic_market


def _rules(s: Scenario, **changes: object) -> Scenario:
    return s.evolve(rules={**s.rules.model_dump(), **changes})


def _variants() -> list[tuple[str, Scenario]]:
    base = synthetic_market(600, seed=3)
    weak = min(base.targets, key=lambda t: t.rating).id
    best = max(base.targets, key=lambda t: t.rating).id
    return [
        ("seed 3", base),
        ("seed 11, 1000 targets", synthetic_market(1000, seed=11)),
        ("tight budget", _rules(base, budget={"net_spend": 5.0, "wage_bill": 175.0})),
        ("rich", _rules(base, budget={"net_spend": 300.0, "wage_bill": 400.0})),
        ("no signing limit", _rules(base, max_signings=None, max_loans_in=None)),
        ("more cover", _rules(base, coverage={**base.rules.coverage, "ST": 4, "GK": 3})),
        ("locks", base.evolve(locks={"keep": ["joe-gomez"], "sign": [weak], "never_sign": [best]})),
        (
            "money-blind",
            base.evolve(objective={**base.objective.model_dump(), "money": 0.0, "wages": 0.0}),
        ),
        (
            "squad rating",
            base.evolve(objective={**base.objective.model_dump(), "squad_rating": 0.05}),
        ),
    ]


@pytest.mark.parametrize(
    ("label", "scenario"), _variants(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_same_optimum_with_and_without_reduction(label: str, scenario: Scenario) -> None:
    reduced = solve(scenario)
    full = solve(scenario, reduce=False)
    assert reduced.status == full.status
    if full.status == SolveStatus.OPTIMAL:
        assert reduced.objective == pytest.approx(full.objective, rel=1e-7, abs=1e-6), label
        assert reduced.checked and reduced.solver.targets_kept < len(scenario.targets)


def test_bound_and_incumbent_bracket_the_optimum() -> None:
    scenario = synthetic_market(800, seed=5)
    reduction = reduce_market(build(scenario))
    assert reduction is not None
    optimum = solve(scenario, reduce=False).objective
    assert optimum is not None
    assert reduction.incumbent <= optimum + 1e-6
    assert reduction.lp_bound >= optimum - 1e-6
    assert len(reduction.kept) < 800


def test_small_markets_are_left_alone(liverpool) -> None:
    assert len(liverpool.targets) < MIN_MARKET
    assert reduce_market(build(liverpool)) is None
    plan = solve(liverpool)
    assert plan.solver.targets_kept == plan.solver.targets_considered == 30


def test_infeasible_large_market_is_still_infeasible() -> None:
    scenario = _rules(synthetic_market(500, seed=2), squad_size={"max": 10})
    assert solve(scenario).status == SolveStatus.INFEASIBLE


def _plain_seed(scenario: Scenario, per_role: int) -> set[str]:
    """The seed market as first written, one sort of Person objects per role: the
    reference the array version must equal (ties kept in market order)."""
    from models.quantities import covers, strength

    s, chosen = scenario, set()
    for role in set(s.rules.formation):
        ranked = sorted(s.targets, key=lambda t: -strength(s, t, role))
        chosen |= {t.id for t in ranked[:per_role]}
    for role in s.rules.coverage:
        able = [t for t in s.targets if covers(s, t, role)]
        able.sort(key=lambda t: min(t.fee, t.loan_fee if t.loan_fee is not None else t.fee))
        chosen |= {t.id for t in able[:per_role]}
    chosen |= {t.id for t in sorted(s.targets, key=lambda t: t.fee)[:per_role]}
    return chosen | set(s.locks.sign) | set(s.locks.never_sign)


def _tied_negative_market() -> Scenario:
    """Ratings below zero and many equal fees, ratings and competences: ties everywhere."""
    base = synthetic_market(500, seed=9)
    targets = [
        t.model_dump() | {"rating": -round(t.rating / 10), "fee": round(t.fee), "loan_fee": None}
        for t in base.targets
    ]
    return _rules(base.evolve(targets=targets), cover_min_rating=-8.0)


@pytest.mark.parametrize(
    "scenario",
    [
        synthetic_market(700, seed=4),
        synthetic_market(400, seed=6, base_name="liverpool-2026-27"),
        _tied_negative_market(),
    ],
    ids=["one window", "three windows", "ties and negative ratings"],
)
@pytest.mark.parametrize("per_role", [1, 6])
def test_seed_market_equals_the_plain_ranking(scenario: Scenario, per_role: int) -> None:
    from optimizer.market_reduction import _seed

    form = build(scenario)
    index = {t.id: k for k, t in enumerate(scenario.targets)}
    chosen = _seed(form, index, per_role)
    assert {t.id for t, c in zip(scenario.targets, chosen, strict=True) if c} == _plain_seed(
        scenario, per_role
    )
