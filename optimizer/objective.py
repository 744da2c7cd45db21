"""The objective terms, each stated once: its sign, its coefficients over the model's columns
(build), and its value recomputed from a replayed plan (check), both stage by stage.

maximise  sum_t sign_t x weight_t x value_t, weights from ``scenario.objective``, where a
term's value sums its per-stage quantities, each times the stage's factor
(:mod:`models.horizon`: a period's length over the first's and its discount for strength,
squad rating and wages; a window's discount for money; the horizon's for residual value;
all 1 in a one-window scenario):

- ``first_xi``, ``second_xi``: sum of rating x competence x fit share over each XI's slots;
- ``squad_rating``: sum of the members' ratings;
- ``money`` (-), millions, as ``objective.money_basis`` says: ``cash``, each window's net
  spend (instalments in the window they fall due; those due after the horizon discounted to
  their due date); ``pnl``, each window's profit-and-loss effect of the fees: amortisation
  over its period's length, plus fees expensed, minus profit on disposals and loan fees
  received (:mod:`models.accounts`);
- ``wages`` (-): annual wage bill, millions;
- ``residual_value``: asset value at ``horizon_end`` of the players still ours
  (:func:`models.quantities.residual_value`; a player out on loan is ours, a loanee is not).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from models.horizon import DAYS_PER_YEAR, Stage, discount, horizon_end, period_weight
from models.quantities import rating
from models.scenario import Scenario
from optimizer.columns import Columns, StageCols
from optimizer.linear_model import FloatArray, LinearExpr
from optimizer.replay import PeriodReplay, Replay, WindowReplay

Factor = Callable[[Scenario, Stage], float]


def _period(s: Scenario, stage: Stage) -> float:
    return period_weight(s, stage)


def _window(s: Scenario, stage: Stage) -> float:
    return discount(s, stage.closes)


@dataclass(frozen=True)
class Term:
    name: str
    sign: float  # +1 a good, -1 a cost
    factor: Factor | None  # per-stage factor; None: a one-off (residual value)
    coefficients: Callable[[Scenario, StageCols], LinearExpr]  # one stage, build side
    recompute: Callable[[Scenario, Replay, int], float]  # one stage, check side

    def weight(self, scenario: Scenario) -> float:
        return float(getattr(scenario.objective, self.name))


def _xi(xi: int) -> Callable[[Scenario, StageCols], LinearExpr]:
    def coefficients(s: Scenario, st: StageCols) -> LinearExpr:
        expr = LinearExpr()
        for slot in st.slots:
            if slot.xi == xi:
                expr.add(slot.col, slot.strength)
        return expr

    return coefficients


def _xi_value(xi: int) -> Callable[[Scenario, Replay, int], float]:
    def recompute(s: Scenario, replay: Replay, t: int) -> float:
        from models.quantities import strength

        period: PeriodReplay = replay.periods[t]
        lineup = period.first_xi if xi == 1 else period.second_xi
        members = period.members
        return sum(
            strength(s, members[a.player], a.slot, period.stage)
            for a in lineup
            if a.player in members
        )

    return recompute


def _ratings(s: Scenario, st: StageCols) -> LinearExpr:
    expr = LinearExpr()
    for member in st.members:
        value = rating(s, member.person, st.stage)
        for col in member.cols:
            expr.add(col, value)
    return expr


def _money(s: Scenario, st: StageCols) -> LinearExpr:
    if s.objective.money_basis == "cash":
        return st.net_spend
    expr = LinearExpr()
    years = st.stage.days / DAYS_PER_YEAR
    for col, coef in st.amortisation.coef.items():
        expr.add(col, coef * years)
    for col, coef in st.expensed.coef.items():
        expr.add(col, coef)
    for part in (*st.disposals.values(), st.loan_income):
        for col, coef in part.coef.items():
            expr.add(col, -coef)
    return expr


def _money_value(s: Scenario, replay: Replay, t: int) -> float:
    w: WindowReplay = replay.windows[t]
    if s.objective.money_basis == "cash":
        return w.net_spend
    period = replay.periods[t]
    years = period.stage.days / DAYS_PER_YEAR
    return period.amortisation * years + w.expensed - w.disposals - w.loan_income


TERMS: tuple[Term, ...] = (
    Term("first_xi", 1.0, _period, _xi(1), _xi_value(1)),
    Term("second_xi", 1.0, _period, _xi(2), _xi_value(2)),
    Term(
        "squad_rating",
        1.0,
        _period,
        _ratings,
        lambda s, replay, t: sum(
            rating(s, p, replay.periods[t].stage) for p in replay.periods[t].members.values()
        ),
    ),
    Term("money", -1.0, _window, _money, _money_value),
    Term(
        "wages",
        -1.0,
        _period,
        lambda s, st: st.wage_bill,
        lambda s, replay, t: replay.periods[t].wage_bill,
    ),
    Term("residual_value", 1.0, None, lambda s, st: LinearExpr(), lambda s, replay, t: 0.0),
)


def stage_factor(term: Term, s: Scenario, stage: Stage) -> float:
    return 1.0 if term.factor is None else term.factor(s, stage)


def term_vectors(s: Scenario, cols: Columns, n: int) -> dict[str, FloatArray]:
    """Each term's quantity over the horizon (stage factors applied) as a vector over the
    ``n`` columns."""
    out: dict[str, FloatArray] = {}
    for term in TERMS:
        vec = np.zeros(n)
        for st in cols.stages:
            factor = stage_factor(term, s, st.stage)
            part = term.coefficients(s, st).dense(n)
            vec += part if factor == 1.0 else factor * part
        out[term.name] = vec
    out["residual_value"] = out["residual_value"] + cols.residual.dense(n) * discount(
        s, horizon_end(s)
    )
    if s.objective.money_basis == "cash":
        for col, amount, due in cols.later_cash:
            out["money"][col] += amount * discount(s, due)
    return out


def stage_vectors(s: Scenario, cols: Columns, n: int) -> list[dict[str, FloatArray]]:
    """Per stage, each term's quantity in that stage alone (no stage factor): what a plan's
    timeline reports."""
    return [{term.name: term.coefficients(s, st).dense(n) for term in TERMS} for st in cols.stages]


def replay_value(term: Term, s: Scenario, replay: Replay) -> float:
    """A term's value over the horizon, recomputed from the replay (the check side)."""
    if term.name == "residual_value":
        return replay.residual * discount(s, horizon_end(s))
    later = 0.0
    if term.name == "money" and s.objective.money_basis == "cash":
        later = sum(amount * discount(s, due) for amount, due in replay.later_cash)
    return later + sum(
        stage_factor(term, s, period.stage) * term.recompute(s, replay, period.stage.index)
        for period in replay.periods
    )


def objective_vector(scenario: Scenario, vectors: dict[str, FloatArray], n: int) -> FloatArray:
    """sum_t sign_t x weight_t x vector_t."""
    total = np.zeros(n)
    for term in TERMS:
        total += term.sign * term.weight(scenario) * vectors[term.name]
    return total
