"""Backends declare what they can do; each part of the work runs on the chosen backend when
it can, and otherwise on HiGHS with a note saying which part and why."""

from __future__ import annotations

import sys
from pathlib import Path

from models.scenario import Scenario
from optimizer.backends import BACKENDS, Feature, backend_for, get_backend
from optimizer.solve import solve
from optimizer.tradeoffs.analysis import analyse

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from markets import synthetic_market


def test_declared_features() -> None:
    assert get_backend("highs").features == frozenset(Feature)
    assert not get_backend("scip").supports(Feature.LP_DUALS)
    assert get_backend("scip").supports(Feature.CONTINUOUS)
    assert not get_backend("cpsat").supports(Feature.CONTINUOUS)
    assert set(BACKENDS) == {"highs", "cbc", "scip", "cpsat"}


def test_backend_for_says_where_highs_stands_in() -> None:
    chosen, note = backend_for(Feature.CONTINUOUS, get_backend("scip"), "the elastic re-solve")
    assert chosen.name == "scip" and note is None
    chosen, note = backend_for(Feature.CONTINUOUS, get_backend("cpsat"), "the elastic re-solve")
    assert chosen.name == "highs"
    assert note == "the elastic re-solve ran on HiGHS: cpsat takes no continuous columns"


def test_a_large_market_on_scip_says_its_lp_ran_on_highs() -> None:
    scenario = synthetic_market(600, seed=3)
    plan = solve(scenario, solver="scip")
    assert plan.status == "optimal" and plan.solver.targets_kept < 600
    assert plan.solver.helpers == (
        "the market reduction's LP ran on HiGHS: scip gives no LP duals",
    )
    assert solve(scenario).solver.helpers == ()  # HiGHS needs no stand-in


def test_an_infeasible_scenario_on_cpsat_says_its_elastic_resolve_ran_on_highs(
    liverpool: Scenario,
) -> None:
    rules = {**liverpool.rules.model_dump(), "coverage": {**liverpool.rules.coverage, "CB": 9}}
    scenario = liverpool.evolve(rules=rules)
    plan = solve(scenario, solver="cpsat")
    why = analyse(scenario, plan, solver="cpsat").infeasibility
    assert why is not None
    assert why.notes == ("the elastic re-solve ran on HiGHS: cpsat takes no continuous columns",)
    on_scip = analyse(scenario, solve(scenario, solver="scip"), solver="scip").infeasibility
    assert on_scip is not None and on_scip.notes == ()
    # 2 CBs + 1 RW and 3 CBs are equally small; the one with the best plan is taken, so
    # every backend gives the same answer (regression: HiGHS and SCIP differed).
    assert on_scip.summary == why.summary == "coverage CB short by 3 players"
    assert on_scip.plan.objective is not None and why.plan.objective is not None
    assert abs(on_scip.plan.objective - why.plan.objective) < 1e-6
