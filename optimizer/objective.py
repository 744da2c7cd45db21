"""The objective terms, each stated once: its sign, its coefficients over the model's columns
(build), and its value recomputed from a replayed plan (check).

maximise  sum_t sign_t x weight_t x value_t, weights from ``scenario.objective``:

- ``first_xi``, ``second_xi``: sum of rating x competence x fit share over each XI's slots;
- ``squad_rating``: sum of the members' ratings;
- ``money`` (-): net spend, millions; ``wages`` (-): annual wage bill, millions;
- ``residual_value``: asset value at ``window.horizon_end`` of the players still ours
  (:func:`models.quantities.residual_value`; a player out on loan is ours, a loanee is not).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from models.people import Person
from models.plan import SlotAssignment
from models.quantities import strength
from models.scenario import Scenario
from optimizer.columns import Columns
from optimizer.linear_model import FloatArray, LinearExpr
from optimizer.replay import Replay


@dataclass(frozen=True)
class Term:
    name: str
    sign: float  # +1 a good, -1 a cost
    coefficients: Callable[[Columns], LinearExpr]  # the build side
    recompute: Callable[[Scenario, Replay], float]  # the check side

    def weight(self, scenario: Scenario) -> float:
        return float(getattr(scenario.objective, self.name))


def _xi_columns(xi: int) -> Callable[[Columns], LinearExpr]:
    def coefficients(cols: Columns) -> LinearExpr:
        expr = LinearExpr()
        for slot in cols.slots:
            if slot.xi == xi:
                expr.add(slot.col, slot.strength)
        return expr

    return coefficients


def _xi_value(xi: int) -> Callable[[Scenario, Replay], float]:
    def recompute(s: Scenario, replay: Replay) -> float:
        plan = replay.plan
        lineup: tuple[SlotAssignment, ...] = plan.first_xi if xi == 1 else plan.second_xi
        members: dict[str, Person] = replay.members
        return sum(strength(s, members[a.player], a.slot) for a in lineup if a.player in members)

    return recompute


def _ratings(cols: Columns) -> LinearExpr:
    expr = LinearExpr()
    for member in cols.members:
        for col in member.cols:
            expr.add(col, member.person.rating)
    return expr


TERMS: tuple[Term, ...] = (
    Term("first_xi", 1.0, _xi_columns(1), _xi_value(1)),
    Term("second_xi", 1.0, _xi_columns(2), _xi_value(2)),
    Term(
        "squad_rating",
        1.0,
        _ratings,
        lambda s, replay: sum(p.rating for p in replay.members.values()),
    ),
    Term("money", -1.0, lambda cols: cols.net_spend, lambda s, replay: replay.net_spend),
    Term("wages", -1.0, lambda cols: cols.wage_bill, lambda s, replay: replay.wage_bill),
    Term("residual_value", 1.0, lambda cols: cols.residual, lambda s, replay: replay.residual),
)


def term_vectors(cols: Columns, n: int) -> dict[str, FloatArray]:
    """Each term's raw quantity as a vector over the ``n`` columns."""
    return {term.name: term.coefficients(cols).dense(n) for term in TERMS}


def objective_vector(scenario: Scenario, vectors: dict[str, FloatArray], n: int) -> FloatArray:
    """sum_t sign_t x weight_t x vector_t."""
    total = np.zeros(n)
    for term in TERMS:
        total += term.sign * term.weight(scenario) * vectors[term.name]
    return total
