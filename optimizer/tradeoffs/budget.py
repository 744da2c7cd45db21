"""The budget analysis: what a little more or less net spend buys, where the plan changes,
and the strength-vs-net-spend Pareto front (the searches: :mod:`optimizer.tradeoffs.parametric`).
"""

from __future__ import annotations

import math
from functools import partial
from typing import Any

from models.horizon import stages
from models.plan import Plan
from models.scenario import Scenario
from models.tradeoffs import BudgetAnalysis, BudgetPoint, BudgetSegment, ParetoPoint, PlanSummary
from optimizer.rules.budget import window_budget
from optimizer.tradeoffs.parametric import Search, free_budget_rows
from optimizer.tradeoffs.resolver import INF, Resolver, Task, plan_change, summary


def with_budget(s: Scenario, budget: float) -> Scenario:
    """``s`` with the first window's net-spend budget set (over a horizon, that window's
    own; the others keep theirs)."""
    current = s.rules.budget
    if s.window is not None:
        changed = current.model_copy(update={"net_spend": budget})
    else:
        by = {**current.net_spend_by_window, stages(s)[0].window: budget}
        changed = current.model_copy(update={"net_spend_by_window": by})
    return s.model_copy(update={"rules": s.rules.model_copy(update={"budget": changed})})


def first_budget(s: Scenario) -> float | None:
    """The first window's net-spend budget: what the budget curve varies."""
    return window_budget(s, stages(s)[0])


def best_at(r: Resolver, budget: float, best: Plan | None = None) -> PlanSummary:
    """The best plan when the net-spend budget is ``budget``; ``best`` (the best plan at the
    scenario's own budget) is the answer without a re-solve when it fits the budget and the
    LP bound proves it (:meth:`Resolver.still_best`)."""
    rows = {**free_budget_rows(r), r.spend_row: (-INF, budget)}
    with r.change(rows=rows):
        what_if = with_budget(r.scenario, budget)
        found = r.still_best(best, what_if) if best is not None else None
        return summary(found or r.plan(r.solve(from_best=r.fits(budget)), what_if))


class BudgetCurve:
    """The budget analysis around the best plan, on the first window's budget, as
    independent what-ifs of one loaded model (:meth:`tasks`), and the report assembled from
    their answers (:meth:`report`): the plans at -/+ one step and -/+ one million, with what
    each changes in football units, every budget in [0, 2 x budget] where the best plan
    changes, and (with ``pareto``) the strength-vs-net-spend front."""

    def __init__(self, r: Resolver, best: Plan, step_fraction: float, pareto: bool) -> None:
        budget = first_budget(r.scenario)
        assert budget is not None
        self.best = best
        self.budget = budget
        self.step = abs(budget) * step_fraction if budget else 1.0
        lo, hi = min(0.0, 2 * budget), max(0.0, 2 * budget)
        if math.isclose(lo, hi):
            hi = lo + 10 * self.step
        self.range = (lo, hi)
        self.pareto = pareto
        self.r = r
        self._curve = Search(r, "objective", r.objective, lo, hi, with_budget)
        self._front = Search(r, "strength", r.strength, None, hi, with_budget) if pareto else None
        # -/+ one step and +/- one million.
        self._at = (budget - self.step, budget + self.step, budget + 1.0, budget - 1.0)

    def searches(self) -> list[Task]:
        """The tasks of the searches (the front first: its pieces take the longest)."""
        front = self._front.tasks if self._front is not None else []
        return [*front, *self._curve.tasks]

    def points(self) -> list[Task]:
        """The best plans at -/+ one step and +/- one million, as what-ifs of their own;
        none when the walk of the budget curve gives them (:meth:`Search.best_at`)."""
        if self._curve.walked:
            return []
        return [partial(best_at, budget=b, best=self.best) for b in self._at]

    def report(self, searches: list[Any], points: list[Any]) -> BudgetAnalysis:
        """The analysis from the answers of :meth:`searches` and :meth:`points`, in order."""
        budget, step, best = self.budget, self.step, summary(self.best)
        n_front = len(self._front.tasks) if self._front is not None else 0
        curve_answers = searches[n_front:]
        front, front_complete = (
            self._front.segments(searches[:n_front]) if self._front is not None else ([], True)
        )
        curve, complete = self._curve.segments(curve_answers)
        if not points:
            points = [self._read(curve_answers, at) for at in self._at]
        lower, upper, one_more, one_less = points
        marginal = (
            (upper.objective - lower.objective) / (2 * step)
            if upper.objective is not None and lower.objective is not None
            else None
        )
        segments = tuple(
            BudgetSegment(
                from_budget=start,
                to_budget=curve[k + 1][0] if k + 1 < len(curve) else None,
                plan=plan,
            )
            for k, (start, plan, _) in enumerate(curve)
        )
        # A point's net spend is the first window's (all a one-window plan spends): the
        # least it takes to reach that strength, where its segment starts.
        front_points = tuple(ParetoPoint(net_spend=b, strength=v, plan=p) for b, p, v in front)

        def point(b: float, p: PlanSummary) -> BudgetPoint:
            change = None if p.objective is None else p.objective - (best.objective or 0.0)
            return BudgetPoint(
                budget=b, plan=p, objective_change=change, change=plan_change(p, best)
            )

        return BudgetAnalysis(
            budget=budget,
            step=step,
            lower=point(budget - step, lower),
            upper=point(budget + step, upper),
            marginal_value=marginal,
            # One million either way, apart: their average hides a side worth nothing.
            one_more=point(budget + 1.0, one_more),
            one_less=point(budget - 1.0, one_less),
            range=self.range,
            breakpoints=tuple(seg.from_budget for seg in segments[1:]),
            segments=segments,
            pareto=front_points,
            complete=complete and front_complete,
            window=windows[0].window if len(windows := stages(self.r.scenario)) > 1 else None,
        )

    def _read(self, curve_answers: list[Any], at: float) -> PlanSummary:
        """The best plan at ``at`` off the walk of the budget curve (re-solved when the walk
        does not cover it)."""
        plan = self._curve.best_at(curve_answers, at)
        return summary(plan) if plan is not None else best_at(self.r, at, self.best)
