"""The best fit XI of many matchdays at once equals the best XI found by trying every
assignment, matchday by matchday."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np

from models.horizon import stages
from models.scenario import Scenario, scenario_from_dict
from optimizer.injury.matchday_xi import best_xi
from tests.conftest import WINDOW

ROLES = ["GK", "CB", "ST"]
FORMATION = ["GK", "CB", "CB", "ST"]


def _scenario(rng: np.random.Generator, people: int) -> Scenario:
    squad = []
    for k in range(people):
        roles = rng.choice(ROLES, size=int(rng.integers(1, 4)), replace=False)
        positions = ";".join(f"{r}:{rng.uniform(0.5, 1.0):.2f}" for r in roles)
        squad.append({"id": f"p{k}", "positions": positions, "rating": float(rng.integers(50, 90))})
    return scenario_from_dict(
        {
            "name": "xi",
            "window": WINDOW,
            "roles": ROLES,
            "squad": squad,
            "rules": {"formation": FORMATION},
        }
    )


def _by_hand(s: Scenario, fit: np.ndarray) -> float:
    """Every way to give each fit player a role or none, within the formation's slots."""
    slots = Counter(FORMATION)
    people = [p for p, ok in zip(s.squad, fit, strict=True) if ok]
    options = [[None, *[r for r in p.positions if r in slots]] for p in people]
    best = 0.0
    for choice in itertools.product(*options):
        used = Counter(r for r in choice if r is not None)
        if all(used[r] <= slots[r] for r in used):
            value = sum(p.rating * p.positions[r] for p, r in zip(people, choice, strict=True) if r)
            best = max(best, value)
    return best


def test_the_batched_xi_is_the_best_assignment_each_matchday() -> None:
    rng = np.random.default_rng(12)
    for _ in range(8):
        s = _scenario(rng, int(rng.integers(3, 8)))
        fit = rng.random((25, len(s.squad))) < 0.7
        fit[0] = False  # nobody fit: an empty XI
        got = best_xi(s, s.squad, stages(s)[0], fit)
        expected = [_by_hand(s, row) for row in fit]
        assert np.allclose(got, expected), (got, expected)
        assert got[0] == 0.0
