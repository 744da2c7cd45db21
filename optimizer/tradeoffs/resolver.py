"""One loaded model, many what-ifs: change bounds or the objective, re-solve, restore.

Every plan it returns passed the independent checker against the scenario the what-if
stands for. Most what-ifs leave the answer as it was (a rule that binds nothing, a budget
the plan does not reach): where the backend gives LP bounds, such a what-if is first
answered by the LP relaxation of the changed model, which proves in a fraction of a
millisecond that no plan beats the known one by more than the tolerance a re-solve closes;
only the others are re-solved as MIPs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np

from models.plan import Move, Plan, SolverInfo, SolveStatus
from models.scenario import Scenario
from models.tradeoffs import PlanChange, PlanSummary
from optimizer.backends import Backend, Feature
from optimizer.backends.base import RawResult, Session, SolveOptions, absolute_tolerance
from optimizer.checker import check_plan
from optimizer.extract import extract
from optimizer.formulation import Formulation
from optimizer.linear_model import FloatArray
from optimizer.solve import certify

INF = float(np.inf)
Bounds = Mapping[int, tuple[float, float]]
# One what-if (or a chain of them) asked of a loaded model; its answer depends on the model
# alone (see optimizer.tradeoffs.tasks).
Task = Callable[["Resolver"], Any]


class Resolver:
    """What-ifs on one loaded model: ``session`` when given (a solve's own, reused), else
    the formulation loaded afresh; ``best_x``: the best plan's column values, if known (a
    starting plan for what-ifs that only relax)."""

    def __init__(
        self,
        form: Formulation,
        backend: Backend,
        options: SolveOptions,
        session: Session | None = None,
        best_x: FloatArray | None = None,
    ) -> None:
        self.form = form
        self.scenario = form.scenario
        self.backend = backend
        self.options = options
        self.session = session if session is not None else backend.open(form.model)
        self.best_x = best_x if backend.supports(Feature.WARM_START) else None
        self.solves = 0  # what-ifs answered, by a re-solve or by the LP bound
        self.lp_bounds = backend.supports(Feature.LP_BOUND)
        terms = form.terms
        w = form.scenario.objective
        self.objective = form.model.objective.copy()
        # The first window's net spend (a one-window scenario: its net spend): spend @ x.
        self.spend = form.cols.first.net_spend.dense(form.model.num_cols)
        # The best plan's first-window net spend: it fits any budget from there up.
        self.best_spend = None if self.best_x is None else float(self.spend @ self.best_x.round())
        self.strength = w.first_xi * terms["first_xi"] + w.second_xi * terms["second_xi"]
        # Analysis rows, free until a what-if bounds them: net spend, and "value >= v" rows.
        cols = np.flatnonzero(self.spend)
        self.spend_row = self.session.add_row(cols, self.spend[cols], -INF, INF)
        self._value_rows: dict[str, tuple[int, float]] = {}
        # Objective differences within this are one plan's worth (see absolute_tolerance).
        self.tolerance = absolute_tolerance(form.model.objective)

    def value_row(self, name: str, vector: FloatArray) -> tuple[int, float]:
        """A free row ``(vector / scale) @ x`` (added once per name), to bound with
        ``change``, and its ``scale``: the largest |coefficient|, so that the solver's
        absolute feasibility tolerance (1e-7 in HiGHS) is small next to one coefficient
        whatever the data's units (ratings near 0.01 included)."""
        if name not in self._value_rows:
            cols = np.flatnonzero(vector)
            scale = float(np.max(np.abs(vector[cols]))) if len(cols) else 1.0
            row = self.session.add_row(cols, vector[cols] / scale, -INF, INF)
            self._value_rows[name] = (row, scale)
        return self._value_rows[name]

    def loss(self, best: float, other: float) -> float:
        return objective_loss(best, other, self.tolerance)

    @contextmanager
    def change(
        self,
        rows: Bounds | None = None,
        cols: Bounds | None = None,
        objective: FloatArray | None = None,
    ) -> Iterator[None]:
        """Within the block the model has these bounds (and objective); restored after."""
        session = self.session
        saved_rows = {r: (session.row_lower[r], session.row_upper[r]) for r in rows or {}}
        saved_cols = {c: (session.col_lower[c], session.col_upper[c]) for c in cols or {}}
        saved_objective = session.objective.copy()
        try:
            for r, (lo, hi) in (rows or {}).items():
                session.set_row_bounds(r, lo, hi)
            for c, (lo, hi) in (cols or {}).items():
                session.set_col_bounds(c, lo, hi)
            if objective is not None:
                session.set_objective(objective)
            yield
        finally:
            for r, (lo, hi) in saved_rows.items():
                session.set_row_bounds(r, lo, hi)
            for c, (lo, hi) in saved_cols.items():
                session.set_col_bounds(c, lo, hi)
            if objective is not None:
                session.set_objective(saved_objective)

    def fits(self, budget: float) -> bool:
        """The best plan (when known) keeps to a first-window net-spend budget ``budget``."""
        return self.best_spend is not None and self.best_spend <= budget

    def solve(self, from_best: bool = False) -> RawResult:
        """Re-solve the model as now changed; ``from_best``: starting from the best plan
        (for a what-if it still fits: the solver then only has to prove the bound)."""
        self.solves += 1
        if from_best and self.best_x is not None:
            self.session.set_start(self.best_x)
        return self.session.solve(self.options)

    def lp_bound(self) -> float | None:
        """The LP relaxation's bound of the model as now changed (offset included; -inf:
        infeasible); None when the backend gives none or its LP proved nothing."""
        return self.session.lp_bound() if self.lp_bounds else None

    def lp_infeasible(self) -> bool:
        """The model as now changed has no plan, proven by its LP relaxation."""
        if self.lp_bound() == -INF:
            self.solves += 1
            return True
        return False

    def still_best(self, best: Plan, scenario: Scenario) -> Plan | None:
        """``best`` (the proven best plan before the change) as the answer of the model as
        now changed, when it is one: the checker finds it a plan of ``scenario`` (the
        what-if) and the LP relaxation proves nothing beats it by more than the tolerance a
        re-solve closes. None otherwise: re-solve."""
        if best.status != SolveStatus.OPTIMAL or best.objective is None:
            return None
        bound = self.lp_bound()
        if bound is None or bound > best.objective + self.tolerance:
            return None
        if check_plan(scenario, best):
            return None
        self.solves += 1
        return best.model_copy(update={"checked": True})

    def proven(self, x: FloatArray) -> RawResult | None:
        """``x`` (a plan of the model as now changed) as the answer of a re-solve, when the
        LP relaxation proves no plan better by more than the tolerance a re-solve closes;
        None otherwise. The caller certifies the plan as for any re-solve."""
        objective = float(self.session.objective @ x) + self.form.model.objective_offset
        tolerance = absolute_tolerance(self.session.objective)
        bound = self.lp_bound()
        if bound is None or bound > objective + tolerance:
            return None
        self.solves += 1
        return RawResult(SolveStatus.OPTIMAL, x, objective, bound, 0.0, "LP bound", tolerance)

    def plan(self, raw: RawResult, scenario: Scenario) -> Plan:
        """The plan of a re-solve, checked against the scenario the what-if stands for."""
        info = SolverInfo(
            name=self.backend.name,
            seconds=raw.seconds,
            build_seconds=0.0,
            tolerance=raw.tolerance,
        )
        return certify(scenario, extract(self.form, raw, info))


def summary(plan: Plan) -> PlanSummary:
    if not plan.status.has_plan:
        return PlanSummary(status=plan.status)
    terms = plan.objective_terms
    return PlanSummary(
        status=plan.status,
        objective=plan.objective,
        net_spend=plan.finance.net_spend if plan.finance else None,
        strength=terms["first_xi"].contribution + terms["second_xi"].contribution,
        moves=plan.moves,
        first_xi=terms["first_xi"].value,
        second_xi=terms["second_xi"].value,
        wage_bill=plan.finance.wage_bill_after if plan.finance else None,
    )


def plan_change(plan: PlanSummary, against: PlanSummary) -> PlanChange | None:
    """``plan`` minus ``against`` in football units; None unless both are plans."""
    values = [
        (getattr(plan, name), getattr(against, name))
        for name in ("objective", "first_xi", "second_xi", "net_spend", "wage_bill")
    ]
    if any(a is None or b is None for a, b in values):
        return None
    objective, first, second, spend, wages = (a - b for a, b in values)
    return PlanChange(
        objective=objective, first_xi=first, second_xi=second, net_spend=spend, wage_bill=wages
    )


def change_words(change: PlanChange | None) -> str:
    """``first XI -3.2, second XI +1.0, net spend +11.5 m, wages +1.6 m/yr`` (a part that does
    not change is left out)."""
    if change is None:
        return ""
    parts = [
        (change.first_xi, "first XI {:+.1f}"),
        (change.second_xi, "second XI {:+.1f}"),
        (change.net_spend, "net spend {:+.1f} m"),
        (change.wage_bill, "wages {:+.2f} m/yr"),
    ]
    said = [words.format(value) for value, words in parts if abs(value) >= 0.005]
    return ", ".join(said) or "no change in strength or money"


def objective_loss(best: float, other: float, tolerance: float) -> float:
    """best - other, with a difference within ``tolerance`` (the solve's absolute
    tolerance, scaled to the objective's coefficients) read as none."""
    loss = best - other
    return 0.0 if abs(loss) <= tolerance else loss


def move_key(move: Move) -> tuple[str, str, int | None, str | None, int | None]:
    """What makes two moves the same move (not the fee's float formatting): what, who, on
    which offer, in which window, on which renewal option."""
    return (move.action.value, move.player, move.offer, move.window, move.option)
