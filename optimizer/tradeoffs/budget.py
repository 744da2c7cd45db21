"""The budget curve: what a little more or less net spend buys, where the plan changes,
and the strength-vs-net-spend Pareto front, by a parametric search with few solves.

Parametric search (exact): with ``f`` the value being maximised (the objective, or the XI
strength for the Pareto front) and s(x) the plan's net spend,

1. at budget B solve max f s.t. s <= B: plan P with value v;
2. solve min s s.t. f >= v + eps, s <= hi: the cheapest strictly better plan, net spend B';
   if none exists, P is optimal up to ``hi``; otherwise the best plan changes exactly at B'
   (below B' every plan better than v costs more than the budget), so repeat from B'.

Two solves per breakpoint; no grid, so no breakpoint between grid points is missed.

"Strictly better" is ``v + eps`` with eps = 1e-5 of the value's largest coefficient (one
player's worth), stated on a row scaled to that coefficient so that the solver's MIP
feasibility tolerance (1e-6 in HiGHS) cannot pass the same plan off as a better one,
whatever the units of the ratings. Should the solver still return a plan that is not
better, eps is raised tenfold (twice at most); a step that makes no progress ends the search
marked incomplete instead of looping.
"""

from __future__ import annotations

import math

from models.horizon import stages
from models.scenario import Scenario
from models.tradeoffs import BudgetAnalysis, BudgetPoint, BudgetSegment, ParetoPoint, PlanSummary
from optimizer.linear_model import FloatArray
from optimizer.rules.budget import window_budget
from optimizer.tradeoffs.resolver import INF, Resolver, plan_change, summary

MAX_BREAKPOINTS = 40
STRICTLY_BETTER = 1e-5  # of the value's largest coefficient


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


def _free_budget_rows(r: Resolver) -> dict[int, tuple[float, float]]:
    """The first window's own net-spend row, freed: the analysis row stands in for it."""
    return {ref.index: (-INF, INF) for ref in r.form.rows_of("net_spend") if ref.key == (0,)}


def best_at(r: Resolver, budget: float) -> PlanSummary:
    """The best plan when the net-spend budget is ``budget``."""
    rows = {**_free_budget_rows(r), r.spend_row: (-INF, budget)}
    with r.change(rows=rows):
        raw = r.solve()
        return summary(r.plan(raw, with_budget(r.scenario, budget)))


def parametric(
    r: Resolver, name: str, value: FloatArray, lo: float | None, hi: float
) -> tuple[list[tuple[float, PlanSummary, float]], bool]:
    """Segments (budget from, plan, value) of max ``value @ x`` s.t. net spend <= B, for B
    from ``lo`` (None: the least net spend of any plan) to ``hi``; and whether complete."""
    freed = _free_budget_rows(r)
    value_row, scale = r.value_row(name, value)
    eps = STRICTLY_BETTER * scale
    segments: list[tuple[float, PlanSummary, float]] = []

    def max_value(budget: float) -> tuple[PlanSummary, float] | None:
        with r.change(rows={**freed, r.spend_row: (-INF, budget)}, objective=value):
            raw = r.solve()
            if not raw.status.has_plan or raw.x is None:
                return None
            plan = summary(r.plan(raw, with_budget(r.scenario, budget)))
            return plan, float(value @ raw.x.round())

    def cheapest_better(threshold: float) -> tuple[float, float] | None:
        """(net spend, value) of the cheapest plan worth at least ``threshold``."""
        rows = {**freed, r.spend_row: (-INF, hi), value_row: (threshold / scale, INF)}
        with r.change(rows=rows, objective=-r.spend):
            raw = r.solve()
            if not raw.status.has_plan or raw.x is None:
                return None
            x = raw.x.round()
            return float(r.spend @ x), float(value @ x)

    first = cheapest_better(-INF) if lo is None else (lo, -INF)
    if first is None:
        return segments, True
    budget = first[0]
    found = max_value(budget)
    if found is None:  # nothing at lo: start where the first plan becomes affordable
        start = cheapest_better(-INF)
        if start is None or start[0] > hi:
            return segments, True
        budget, found = start[0], max_value(start[0])
        if found is None:
            return segments, True
    while len(segments) < MAX_BREAKPOINTS:
        plan, v = found
        segments.append((budget, plan, v))
        better = None
        for step in (eps, 10 * eps, 100 * eps):
            better = cheapest_better(v + step)
            if better is None:
                return segments, True
            if better[1] > v:
                break
        assert better is not None
        next_budget, better_value = better
        if better_value <= v or next_budget <= budget:
            return segments, False  # no progress: never loop on solver noise
        budget = next_budget
        found = max_value(budget)
        if found is None or found[1] <= v:
            return segments, False
    return segments, False


def budget_analysis(
    r: Resolver,
    base_objective: float,
    step_fraction: float,
    best: PlanSummary | None = None,
    pareto: bool = True,
) -> BudgetAnalysis:
    """The budget curve around the best plan (``best``, whose objective is
    ``base_objective``) on the first window's budget: the plans at -/+ one step and -/+ one
    million, with what each changes in football units, every budget in [0, 2 x budget]
    where the best plan changes, and (with ``pareto``) the strength-vs-net-spend front."""
    s = r.scenario
    budget = first_budget(s)
    assert budget is not None
    step = abs(budget) * step_fraction if budget else 1.0
    lo, hi = min(0.0, 2 * budget), max(0.0, 2 * budget)
    if math.isclose(lo, hi):
        hi = lo + 10 * step
    lower, upper = best_at(r, budget - step), best_at(r, budget + step)
    marginal = (
        (upper.objective - lower.objective) / (2 * step)
        if upper.objective is not None and lower.objective is not None
        else None
    )
    curve, complete = parametric(r, "objective", r.objective, lo, hi)
    segments = tuple(
        BudgetSegment(
            from_budget=start,
            to_budget=curve[k + 1][0] if k + 1 < len(curve) else None,
            plan=plan,
        )
        for k, (start, plan, _) in enumerate(curve)
    )
    front, front_complete = (
        parametric(r, "strength", r.strength, None, hi) if pareto else ([], True)
    )
    # A point's net spend is the first window's (all a one-window plan spends): the least
    # it takes to reach that strength, where its segment starts.
    points = tuple(ParetoPoint(net_spend=b, strength=v, plan=p) for b, p, v in front)

    def point(b: float, p: PlanSummary) -> BudgetPoint:
        change = None if p.objective is None else p.objective - base_objective
        versus = None if best is None else plan_change(p, best)
        return BudgetPoint(budget=b, plan=p, objective_change=change, change=versus)

    # One million either way, apart: their average hides a side that is worth nothing.
    one_more, one_less = best_at(r, budget + 1.0), best_at(r, budget - 1.0)

    return BudgetAnalysis(
        budget=budget,
        step=step,
        lower=point(budget - step, lower),
        upper=point(budget + step, upper),
        marginal_value=marginal,
        one_more=point(budget + 1.0, one_more),
        one_less=point(budget - 1.0, one_less),
        range=(lo, hi),
        breakpoints=tuple(seg.from_budget for seg in segments[1:]),
        segments=segments,
        pareto=points,
        complete=complete and front_complete,
    )
