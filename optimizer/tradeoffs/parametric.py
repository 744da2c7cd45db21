"""The best value by budget, max value @ x s.t. net spend <= B for B in [lo, hi]: where the
best plan changes and what it is in between (the budget curve, and with the XI strength as
the value the strength-vs-net-spend Pareto front), exactly.

Each search gives segments (budget from, plan, value): from ``budget from`` up to the next
segment the best plan is worth ``value``. A change counts when it is worth at least eps
more (eps = 1e-5 of the value's largest coefficient, one player's worth), stated on a row
scaled to that coefficient so that the solver's MIP feasibility tolerance (1e-6 in HiGHS)
cannot pass the same plan off as a better one, whatever the units of the ratings.

Two searches give the same segments:

- The walk down (when every net spend is a multiple of a step q, as money in the data is:
  :func:`spend_step`): at the best plan of net spend s, the best plan below it is the best
  plan at budget s - q, since no plan's net spend lies in between. From ``hi`` down, one
  easy solve ("the most value for a budget") per change of the best value; the range is cut
  into pieces walked independently (on two processes, :mod:`optimizer.tradeoffs.tasks`).
- The chain up (any data): at budget B the best plan P is worth v; the cheapest plan worth
  v + eps (a harder solve) costs B', where the best plan changes; repeat from B'. Should
  the solver return a plan that is not better, eps is raised tenfold (twice at most); a step
  that makes no progress ends the search marked incomplete instead of looping.

Neither uses a grid, so no change between grid points is missed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from models.plan import Plan, SolveStatus
from models.scenario import Scenario
from models.tradeoffs import PlanSummary
from optimizer.backends.base import RawResult, absolute_tolerance
from optimizer.linear_model import FloatArray
from optimizer.solve import certify
from optimizer.tradeoffs.resolver import INF, Resolver, Task, summary

MAX_BREAKPOINTS = 40
STRICTLY_BETTER = 1e-5  # of the value's largest coefficient
# Steps tried for the net-spend lattice, largest first; a smaller one would sit too close
# to the solver's feasibility tolerance to keep s - q and s apart.
SPEND_STEPS = (1.0, 0.5, 0.25, 0.1, 0.05, 0.01, 0.005, 0.001, 0.0001)
WALK_LIMIT = 4 * MAX_BREAKPOINTS  # solves per piece before the walk gives way to the chain
PIECES = (0.25, 0.5)  # where the walked range [lo, hi] is cut, as shares of it

Segments = list[tuple[float, PlanSummary, float]]
# (net spend where it starts, plan, value): the best value from there up to the next step.
Steps = list[tuple[float, Plan, float]]
WithBudget = Callable[[Scenario, float], Scenario]


def spend_step(r: Resolver) -> float | None:
    """A step q such that every plan's net spend (of the first window) is a multiple of q:
    each integer column's net spend is one, and no continuous column spends. None when
    there is none (the chain up is used then)."""
    spend = r.spend[np.flatnonzero(r.spend)]
    if not r.form.model.integer[np.flatnonzero(r.spend)].all():
        return None
    for q in SPEND_STEPS:
        k = spend / q
        if np.all(np.abs(k - np.round(k)) <= 1e-9 * np.maximum(1.0, np.abs(k))):
            return q
    return None


class Search:
    """The search for the segments of ``value`` over [lo, hi] (lo None: from the cheapest
    plan) as independent tasks (:attr:`tasks`), and what their answers give: the segments
    (:meth:`segments`) and, from a walk, the best plan at any budget in the range
    (:meth:`best_at`). ``budget`` gives the scenario at a budget (plans are checked against
    it). The rows the tasks bound are added to the model now, before any task runs, so
    every process that runs one on a copy of it holds the same model."""

    def __init__(
        self,
        r: Resolver,
        name: str,
        value: FloatArray,
        lo: float | None,
        hi: float,
        budget: WithBudget,
    ) -> None:
        r.value_row(name, value)
        self.r, self.value, self.lo, self.hi, self.budget = r, value, lo, hi, budget
        self.chain: Task = partial(parametric, name=name, value=value, lo=lo, hi=hi, budget=budget)
        q = spend_step(r)
        self.walked = q is not None
        self.tasks: list[Task] = [self.chain]
        if q is None:
            return
        base = 0.0 if lo is None else lo
        cuts = [c for c in (base + share * (hi - base) for share in PIECES) if base < c < hi]
        floors: list[float | None] = [lo, *cuts]
        self.tasks = [
            partial(walk, value=value, top=top, floor=floor, lowest=k == 0, q=q, budget=budget)
            for k, (top, floor) in enumerate(zip([*cuts, hi], floors, strict=True))
        ]

    def _steps(self, answers: list[Any]) -> Steps | None:
        """The walk's steps, lowest first; None when it is not a (finished) walk."""
        if not self.walked or not all(done for _, done in answers):
            return None
        return sorted((step for found, _ in answers for step in found), key=lambda s: s[0])

    def segments(self, answers: list[Any]) -> tuple[Segments, bool]:
        """The segments from the tasks' answers, and whether the search is complete."""
        steps = self._steps(answers)
        if steps is None:
            # The chain's own answer; or the walk hit its limit: the chain up bounds its
            # own work.
            return answers[0] if not self.walked else self.chain(self.r)
        value = self.value
        eps = STRICTLY_BETTER * float(np.max(np.abs(value))) if value.any() else 0.0
        return segments_of(steps, self.lo, eps)

    def best_at(self, answers: list[Any], at: float) -> Plan | None:
        """The best plan at budget ``at`` read off the walk, checked against the scenario at
        that budget; None when the walk does not cover ``at`` (then re-solve)."""
        steps = self._steps(answers)
        if steps is None or not (self.lo if self.lo is not None else -INF) <= at <= self.hi:
            return None
        below = [plan for start, plan, _ in steps if start <= at]
        if not below:
            return None
        return certify(self.budget(self.r.scenario, at), below[-1])


def _max_at(r: Resolver, value: FloatArray, budget: float) -> Any:
    """Rows and objective of "the most value at ``budget``" (a context for r.change)."""
    return r.change(rows={**free_budget_rows(r), r.spend_row: (-INF, budget)}, objective=value)


def free_budget_rows(r: Resolver) -> dict[int, tuple[float, float]]:
    """The first window's own net-spend row, freed: the analysis row stands in for it."""
    return {ref.index: (-INF, INF) for ref in r.form.rows_of("net_spend") if ref.key == (0,)}


def walk(
    r: Resolver,
    value: FloatArray,
    top: float,
    floor: float | None,
    lowest: bool,
    q: float,
    budget: WithBudget,
) -> tuple[Steps, bool]:
    """The steps of the best value for budgets from ``top`` down to ``floor`` (None: down
    to the cheapest plan), lowest first, and whether the walk finished within its limit.
    Every net spend is a multiple of ``q``: below a plan of net spend s the next best is
    the best at s - q. A cheaper plan of the same value moves its step's start down. The
    ``lowest`` piece also asks the budget ``floor`` itself (the piece below asks it
    otherwise, as its top)."""
    tolerance = absolute_tolerance(value)
    steps: Steps = []
    at: float | None = top
    for _ in range(WALK_LIMIT):
        if at is None:
            return steps[::-1], True
        with _max_at(r, value, at):
            raw = r.solve(from_best=r.fits(at))
            if not raw.status.has_plan or raw.x is None:
                return steps[::-1], raw.status == SolveStatus.INFEASIBLE
            x = raw.x.round()
            plan = r.plan(raw, budget(r.scenario, at))
        worth, spend = float(value @ x), float(r.spend @ x)
        if steps and worth >= steps[-1][2] - tolerance:
            steps[-1] = (spend, plan, worth)  # the same best value, from a lower budget
        else:
            steps.append((spend, plan, worth))
        below = spend - q
        if floor is None or below >= floor:
            at = below
        elif lowest and spend > floor:
            at, lowest = floor, False
        else:
            at = None
    return steps[::-1], False


def segments_of(steps: Steps, lo: float | None, eps: float) -> tuple[Segments, bool]:
    """The segments (changes worth eps or more, from ``lo``) of the walked steps (lowest
    first)."""
    if lo is not None:  # of the steps at or below lo, the last is the best plan at lo
        at_lo = [step for step in steps if step[0] <= lo][-1:]
        steps = at_lo + [step for step in steps if step[0] > lo]
    segments: Segments = []
    for start, plan, worth in steps:
        if not segments:
            segments.append((start if lo is None else max(start, lo), summary(plan), worth))
        elif worth >= segments[-1][2] + eps:
            segments.append((start, summary(plan), worth))
    if len(segments) > MAX_BREAKPOINTS:
        return segments[:MAX_BREAKPOINTS], False
    return segments, True


def parametric(
    r: Resolver,
    name: str,
    value: FloatArray,
    lo: float | None,
    hi: float,
    budget: WithBudget,
) -> tuple[Segments, bool]:
    """The chain up: segments of max ``value @ x`` s.t. net spend <= B, for B from ``lo``
    (None: the least net spend of any plan) to ``hi``; and whether complete.

    Two shortcuts, each a proof: the cheapest better plan, of net spend B', is the answer
    at B' too when the LP bound at B' proves nothing better (the re-solve at B' would start
    from it and stop at once); and no better plan exists when the LP relaxation of "better"
    is infeasible."""
    freed = free_budget_rows(r)
    value_row, scale = r.value_row(name, value)
    eps = STRICTLY_BETTER * scale
    segments: Segments = []

    def max_value(at: float, candidate: RawResult | None) -> tuple[PlanSummary, float] | None:
        """The best plan at ``at``; ``candidate``, a plan that fits it, when the LP bound
        proves it the best."""
        with _max_at(r, value, at):
            proof = None if candidate is None or candidate.x is None else r.proven(candidate.x)
            raw = proof or r.solve()
            if not raw.status.has_plan or raw.x is None:
                return None
            plan = summary(r.plan(raw, budget(r.scenario, at)))
            return plan, float(value @ raw.x.round())

    def cheapest_better(
        threshold: float, floor: float = -INF
    ) -> tuple[float, float, RawResult] | None:
        """(net spend, value, solve) of the cheapest plan worth at least ``threshold``;
        ``floor``: a net spend no such plan can have (every plan within it is worth less),
        stated as a bound so the solver need not prove it again."""
        rows = {**freed, r.spend_row: (floor, hi), value_row: (threshold / scale, INF)}
        with r.change(rows=rows, objective=-r.spend):
            if r.lp_infeasible():
                return None
            raw = r.solve()
            if not raw.status.has_plan or raw.x is None:
                return None
            x = raw.x.round()
            return float(r.spend @ x), float(value @ x), raw

    if lo is None:
        first = cheapest_better(-INF)
        if first is None:
            return segments, True
        at, found = first[0], max_value(first[0], first[2])
    else:
        at, found = lo, max_value(lo, None)
    if found is None:  # nothing at lo: start where the first plan becomes affordable
        start = cheapest_better(-INF)
        if start is None or start[0] > hi:
            return segments, True
        at, found = start[0], max_value(start[0], start[2])
        if found is None:
            return segments, True
    while len(segments) < MAX_BREAKPOINTS:
        plan, v = found
        segments.append((at, plan, v))
        better = None
        for step in (eps, 10 * eps, 100 * eps):
            # At ``at`` no plan is worth more than v + the solve's tolerance, far below
            # v + eps: every plan worth v + step costs more than ``at``.
            better = cheapest_better(v + step, at)
            if better is None:
                return segments, True
            if better[1] > v:
                break
        assert better is not None
        next_at, better_value, solved = better
        if better_value <= v or next_at <= at:
            return segments, False  # no progress: never loop on solver noise
        at = next_at
        found = max_value(at, solved)
        if found is None or found[1] <= v:
            return segments, False
    return segments, False


def search(
    r: Resolver, name: str, value: FloatArray, lo: float | None, hi: float, budget: WithBudget
) -> tuple[Segments, bool]:
    """The segments of a :class:`Search`, its tasks run here one after another."""
    found = Search(r, name, value, lo, hi, budget)
    return found.segments([task(r) for task in found.tasks])
