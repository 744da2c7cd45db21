"""The teaching scenarios, whose optimum is worked out by hand in their YAML comments,
asserted exactly under every installed backend."""

from __future__ import annotations

import pytest

from optimizer.backends import available_backends
from optimizer.solve import solve
from scenarios import load_bundled

BACKENDS = available_backends()


def _moves(plan) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(m.action.value, m.player) for m in plan.moves}


@pytest.mark.parametrize("solver", BACKENDS)
def test_centre_back_dilemma(solver: str) -> None:
    plan = solve(load_bundled("teaching-centre-back"), solver=solver)
    # sell Gomez (18), buy Guehi (35): XI 90 + 85 = 175, net 17, 175 - 0.1 x 17 = 173.3
    assert plan.status == "optimal"
    assert plan.objective == pytest.approx(173.3, abs=1e-9)
    assert _moves(plan) == {("sell", "gomez"), ("buy", "guehi")}
    assert plan.finance is not None and plan.finance.net_spend == pytest.approx(17.0)
    assert {a.player for a in plan.first_xi} == {"van-dijk", "guehi"}
    assert plan.checked


@pytest.mark.parametrize("solver", BACKENDS)
def test_keeping_gomez_costs_13_4(solver: str) -> None:
    base = load_bundled("teaching-centre-back")
    kept = base.evolve(locks={"keep": ["gomez"]})
    plan = solve(kept, solver=solver)
    # keep Gomez, loan in the cheap CB (1): XI 90 + 70 = 160, 160 - 0.1 = 159.9
    assert plan.objective == pytest.approx(159.9, abs=1e-9)
    assert _moves(plan) == {("loan_in", "cheap-cb")}


@pytest.mark.parametrize("solver", BACKENDS)
def test_registration_quota(solver: str) -> None:
    plan = solve(load_bundled("teaching-registration"), solver=solver)
    # sell striker 1, buy star + young: 168 + 0.5 x 78 - 0.05 x 28 = 205.6
    assert plan.objective == pytest.approx(205.6, abs=1e-9)
    assert _moves(plan) == {("sell", "striker-1"), ("buy", "star"), ("buy", "young")}
    terms = plan.objective_terms
    assert terms["first_xi"].value == pytest.approx(168)
    assert terms["second_xi"].value == pytest.approx(78)
    assert terms["money"].value == pytest.approx(28)
