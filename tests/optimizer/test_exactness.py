"""Every backend finds the same optimum on small-valued scenarios, and only says
``optimal`` and reports a ``bound`` when it proved them.

Regressions: CP-SAT stopped at its default absolute gap (1e-4) and CBC skipped better
plans by its guessed cutoff increment, both calling a worse plan optimal on ratings near
0.01; CBC and OR-Tools reported the objective as the bound.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

import numpy as np
import pytest

from models.plan import SolveStatus
from models.scenario import Scenario, scenario_from_dict
from optimizer.backends import available_backends
from optimizer.backends.base import RawResult, SolveOptions, audit, relative_gap
from optimizer.solve import solve
from tests.conftest import WINDOW

SEEDS = range(12)


def knapsack(seed: int, n: int = 12) -> Scenario:
    """Buy targets worth 0.01 +/- 1e-4 each (a zero-centred scale shifted a little), fees
    1 to 9, at most 6 signings, net spend <= 25: the best set is found by enumeration."""
    rng = np.random.default_rng(seed)
    targets = [
        {
            "id": f"t{k}",
            "positions": "CM",
            "rating": float(0.01 + rng.normal(0, 1e-4)),
            "fee": float(rng.integers(1, 10)),
        }
        for k in range(n)
    ]
    return scenario_from_dict(
        {
            "name": f"knapsack {seed}",
            "window": WINDOW,
            "roles": ["CM"],
            "targets": targets,
            "rules": {"budget": {"net_spend": 25}, "max_signings": 6},
            "objective": {"squad_rating": 1.0},
        }
    )


def enumerated_optimum(scenario: Scenario) -> float:
    """The outside brute force: every subset of the market."""
    best = 0.0
    targets = scenario.targets
    for size in range(1, 7):
        for chosen in itertools.combinations(targets, size):
            if sum(t.fee for t in chosen) <= 25:
                best = max(best, sum(t.rating for t in chosen))
    return best


@pytest.mark.parametrize("seed", SEEDS)
def test_every_backend_reaches_the_enumerated_optimum_on_ratings_near_001(seed: int) -> None:
    scenario = knapsack(seed)
    expected = enumerated_optimum(scenario)
    for solver in available_backends():
        plan = solve(scenario, solver=solver)
        assert plan.status == SolveStatus.OPTIMAL, solver
        assert plan.checked
        # Exact up to float summation: differences between plans here are ~1e-5.
        assert plan.objective == pytest.approx(expected, abs=1e-12), solver


def test_a_bound_is_only_what_the_solver_proved() -> None:
    scenario = knapsack(3)
    for solver in available_backends():
        plan = solve(scenario, solver=solver)
        assert plan.objective is not None
        if solver == "cbc":  # PuLP reads no bound back from CBC
            assert plan.bound is None and plan.gap is None
        else:
            assert plan.bound is not None and plan.bound >= plan.objective
            assert plan.gap == 0.0


def test_optimal_with_a_distant_bound_is_reported_feasible() -> None:
    raw = RawResult(SolveStatus.OPTIMAL, np.zeros(1), 1.0, 1.01, 0.0, "optimal", 1e-7)
    assert audit(raw, SolveOptions()).status == SolveStatus.FEASIBLE
    assert "called it optimal" in audit(raw, SolveOptions()).message
    assert audit(raw, SolveOptions(gap=0.02)).status == SolveStatus.OPTIMAL
    close = RawResult(SolveStatus.OPTIMAL, np.zeros(1), 1.0, 1.0 + 5e-8, 0.0, "optimal", 1e-7)
    assert audit(close, SolveOptions()).status == SolveStatus.OPTIMAL


def test_relative_gap_is_relative_to_the_objective() -> None:
    # A small objective is not hidden behind max(1, |objective|): 0.001 on 0.05 is 2 %.
    assert relative_gap(0.051, 0.05, 1e-9) == pytest.approx(0.02)
    assert relative_gap(0.05 + 1e-10, 0.05, 1e-9) == 0.0
    assert relative_gap(None, 0.05, 1e-9) is None


def test_cbc_is_found_when_the_environment_is_not_activated() -> None:
    # Regression: cron, systemd and Docker run /path/venv/bin/transfers with a bare PATH;
    # CBC was then "not installed".
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")}
    done = subprocess.run(
        [sys.executable, "-c", "from api.cli import main; main()", "solvers"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("cbc"))
    assert "not installed" not in line and "installed" in line
