"""Every installed backend, in one process, on the same scenarios: equal optima.

OR-Tools' own HiGHS and highspy crash when used in one process; we offer neither that
backend nor a way to reach it, and this module imports and solves with all of ours.
"""

from __future__ import annotations

import numpy as np
import pytest

from models.plan import SolveStatus
from models.scenario import scenario_from_dict
from optimizer.backends import BACKENDS, available_backends, get_backend
from optimizer.backends.base import SolveOptions
from optimizer.errors import UnknownSolverError
from optimizer.formulation import build
from optimizer.solve import solve
from scenarios import load_bundled
from tests.conftest import small_document


def test_all_four_backends_are_installed() -> None:
    assert set(available_backends()) == {"highs", "cbc", "scip", "cpsat"}


def test_ortools_highs_is_not_offered() -> None:
    assert all("highs" not in name or name == "highs" for name in BACKENDS)


@pytest.mark.parametrize(
    "name", ["liverpool-2026-01", "teaching-centre-back", "teaching-registration"]
)
def test_backends_agree_in_one_process(name: str) -> None:
    scenario = load_bundled(name)
    plans = {solver: solve(scenario, solver=solver) for solver in available_backends()}
    objectives = {s: p.objective for s, p in plans.items()}
    reference = plans["highs"].objective
    assert reference is not None
    for solver, plan in plans.items():
        assert plan.status == SolveStatus.OPTIMAL, solver
        assert plan.checked, solver
        assert plan.objective == pytest.approx(reference, rel=1e-6), objectives


def test_infeasible_is_reported_by_every_backend() -> None:
    doc = small_document(rules={"coverage": {"GK": 3}, "formation": ["GK"]})
    scenario = scenario_from_dict(doc)
    for solver in available_backends():
        plan = solve(scenario, solver=solver)
        assert plan.status == SolveStatus.INFEASIBLE, solver
        assert plan.moves == () and plan.objective is None and not plan.checked


def test_unknown_solver_is_a_clear_error() -> None:
    with pytest.raises(UnknownSolverError, match="unknown solver 'gurobi'; choose one of: highs"):
        get_backend("gurobi")


@pytest.mark.parametrize("solver", ["highs", "scip", "cpsat", "cbc"])
def test_sessions_resolve_after_bound_changes(solver: str) -> None:
    """Changing a row bound and re-solving gives the same answer as a fresh build."""
    scenario = load_bundled("teaching-centre-back")
    form = build(scenario)
    session = get_backend(solver).load(form.model)
    first = session.solve()
    assert "lock_keep" not in form.families  # no lock in the teaching scenario
    budget = form.families["net_spend"][0]
    session.set_row_bounds(budget, -np.inf, 0.0)  # no net spend allowed
    second = session.solve()
    no_spend = {**scenario.rules.model_dump(), "budget": {"net_spend": 0}}
    fresh = solve(scenario.evolve(rules=no_spend))
    assert first.objective == pytest.approx(173.3)
    assert second.objective == pytest.approx(fresh.objective)


@pytest.mark.parametrize("solver", ["highs", "scip", "cpsat", "cbc"])
def test_a_reset_session_solves_again_alike(solver: str) -> None:
    """Regression: the OR-Tools sessions' reset called Reset(), which OR-Tools 9's Python
    wrapper does not have; a reset must leave the model as changed and solve it again."""
    form = build(load_bundled("teaching-centre-back"))
    session = get_backend(solver).load(form.model)
    budget = form.families["net_spend"][0]
    session.set_row_bounds(budget, -np.inf, 0.0)
    before = session.solve()
    session.reset()
    after = session.solve()
    assert after.objective == pytest.approx(before.objective)


def test_time_limit_gives_honest_status() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from markets import synthetic_market

    scenario = synthetic_market(3000, seed=7)
    form = build(scenario)
    raw = get_backend("highs").solve(form.model, SolveOptions(time_limit=0.05))
    assert raw.status in (SolveStatus.FEASIBLE, SolveStatus.NO_SOLUTION, SolveStatus.OPTIMAL)
    if raw.status == SolveStatus.NO_SOLUTION:
        assert raw.x is None and raw.objective is None
    if raw.status == SolveStatus.FEASIBLE:
        assert raw.x is not None and raw.bound is not None and raw.bound >= raw.objective - 1e-6
    plan = solve(scenario, time_limit=0.05)
    assert plan.status != SolveStatus.ERROR
    assert plan.checked == plan.status.has_plan


@pytest.mark.parametrize("bad", [{"time_limit": 0}, {"time_limit": -1}, {"gap": 1.5}])
def test_bad_solve_options_are_rejected(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        SolveOptions(**bad)


def test_highs_runs_with_any_thread_count_in_one_process() -> None:
    # Regression: HiGHS keeps one scheduler per process and answered "error" to a run whose
    # thread count differed from the first run's (a sweep's threads=1 after a plain solve).
    model = build(load_bundled("teaching-centre-back")).model
    backend = get_backend("highs")
    for threads in (None, 1, None, 2, 1):
        raw = backend.solve(model, SolveOptions(threads=threads))
        assert raw.status == SolveStatus.OPTIMAL and raw.objective == pytest.approx(173.3)


@pytest.mark.parametrize("solver", sorted(BACKENDS))
def test_without_probing_the_same_optimum_and_the_session_resets(solver: str) -> None:
    # probing=False (the market reduction's incumbent) must not leak into the next solve
    # of the same session: HiGHS gets its presolve rules back.
    model = build(load_bundled("liverpool-2026-01")).model
    session = get_backend(solver).open(model)

    def rules_off() -> int:
        return int(session.h.getOptionValue("presolve_rule_off")[1])  # type: ignore[attr-defined]

    light = session.solve(SolveOptions(probing=False))
    if solver == "highs":
        assert rules_off() == 1 << 15  # probing's bit
    full = session.solve(SolveOptions())
    if solver == "highs":
        assert rules_off() == 0
    assert light.status == full.status == SolveStatus.OPTIMAL
    assert light.objective == pytest.approx(full.objective, abs=1e-7)
