"""The best XI a squad can field on each of many matchdays, among the players fit that day.

On one matchday the XI is an assignment: each fit player fills at most one slot, each role
at most its slots in the formation, worth rating x competence (no fit share: he is fit).
Its constraint matrix is the incidence matrix of a bipartite graph (players, roles), which
is totally unimodular, so the linear programme's optimum is the best XI's strength: all
matchdays are solved as one LP of independent blocks. Matchdays with the same fit players
share one block.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from models.horizon import Stage
from models.people import Person
from models.quantities import rating
from models.scenario import Scenario
from optimizer.backends.base import SolveOptions
from optimizer.backends.highs import HighsBackend
from optimizer.errors import SolverFailedError
from optimizer.linear_model import LinearModel


def best_xi(
    s: Scenario, people: Sequence[Person], stage: Stage, fit: NDArray[np.bool_]
) -> NDArray[np.float64]:
    """The best fit XI's strength on each matchday: ``fit[i, j]`` says person j is fit on
    matchday i."""
    formation = Counter(s.rules.formation)
    if not formation or len(fit) == 0:
        return np.zeros(len(fit))
    value = np.array(
        [[rating(s, p, stage) * p.positions.get(role, 0.0) for role in formation] for p in people]
    ).reshape(len(people), len(formation))
    playable = value > 0
    patterns, back = np.unique(fit, axis=0, return_inverse=True)
    blocks = _assignments(patterns, playable, value, np.array(list(formation.values())))
    return blocks[back.reshape(-1)]


def _assignments(
    patterns: NDArray[np.bool_],
    playable: NDArray[np.bool_],
    value: NDArray[np.float64],
    slots: NDArray[np.int64],
) -> NDArray[np.float64]:
    """One LP block per fit pattern; each block's optimum."""
    # Columns: (pattern, person, role) for each fit person and role he plays.
    block, person, role = np.nonzero(patterns[:, :, None] & playable[None, :, :])
    n = len(block)
    if n == 0:
        return np.zeros(len(patterns))
    people, roles = playable.shape
    # Rows: one per (pattern, person) "at most one slot", then one per (pattern, role).
    person_row = block * people + person
    role_row = len(patterns) * people + block * roles + role
    rows = np.concatenate([person_row, role_row])
    cols = np.concatenate([np.arange(n), np.arange(n)])
    order = np.argsort(rows, kind="stable")
    num_rows = len(patterns) * (people + roles)
    start = np.zeros(num_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=num_rows), out=start[1:])
    upper = np.concatenate([np.ones(len(patterns) * people), np.tile(slots, len(patterns))])
    objective = value[person, role]
    model = LinearModel(
        col_names=tuple(f"x{j}" for j in range(n)),
        col_lower=np.zeros(n),
        col_upper=np.ones(n),
        integer=np.zeros(n, dtype=bool),
        objective=objective,
        objective_offset=0.0,
        row_names=tuple(f"r{j}" for j in range(num_rows)),
        row_lower=np.full(num_rows, -np.inf),
        row_upper=upper.astype(np.float64),
        a_start=start,
        a_index=cols[order].astype(np.int64),
        a_value=np.ones(2 * n),
    )
    raw = HighsBackend().solve(model, SolveOptions())
    if raw.x is None:
        raise SolverFailedError(f"the matchday XI assignment ended {raw.status.value}")
    return np.bincount(block, weights=objective * raw.x, minlength=len(patterns)).astype(np.float64)
