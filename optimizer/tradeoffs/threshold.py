"""At what value of a parameter does a move pay? ("At what Milan fee does overruling the
manager pay?")

The question is asked of the scenario with no lock on the player either way (the manager's
keep lock is what is being weighed), so the answer is where the best plan starts or stops
making the move by itself. It is read off the exact scan of the parameter
(:func:`optimizer.sweeps.exact_scan`), whose guarantee it inherits: every change is found to
within the tolerance, except a plan that leaves and comes back inside one grid interval.
"""

from __future__ import annotations

import itertools

from models.scenario import Scenario
from models.sweep import ExactSpec, parse_path
from models.tradeoffs import Threshold, ThresholdSegment
from optimizer.sweeps import exact_scan

# The moves a person can ask about; the locks lifted for each are the two that decide it.
QUESTIONS = ("sign", "sell", "keep")


def _does(question: str, player: str, moves: tuple[str, ...]) -> bool:
    if question == "sell":
        return f"sell:{player}" in moves
    if question == "keep":
        return f"sell:{player}" not in moves and f"loan_out:{player}" not in moves
    return f"buy:{player}" in moves or f"loan_in:{player}" in moves


def threshold(
    scenario: Scenario,
    question: str,
    player: str,
    parameter: str,
    low: float,
    high: float,
    solver: str = "highs",
    tolerance: float | None = None,
    grid: int = 16,
) -> Threshold:
    """Where in [low, high] of ``parameter`` the best plan, free of locks on ``player``,
    starts or stops to ``question`` (sign, sell, keep) him. ``tolerance`` defaults to a
    thousandth of the range. Raises KeyError for an unknown player or path, ValueError for a
    question or range that cannot be asked, ScenarioError for values the scenario rejects."""
    if question not in QUESTIONS:
        raise ValueError(f"ask about one of {', '.join(QUESTIONS)}")
    person = scenario.target(player) if question == "sign" else scenario.player(player)
    parse_path(parameter)
    locks = scenario.locks
    lifted = ("sign", "never_sign") if question == "sign" else ("keep", "sell")
    fixed = {
        f"locks.{field}": [pid for pid in getattr(locks, field) if pid != player]
        for field in lifted
    }
    spec = ExactSpec(
        parameter=parameter,
        low=low,
        high=high,
        fixed=fixed,
        tolerance=tolerance if tolerance is not None else (high - low) / 1000,
        grid=grid,
    )
    changes, method = exact_scan(scenario, spec, solver=solver)
    whole = method.startswith(("every whole", "whole"))  # a count: said in whole numbers
    segments = tuple(
        ThresholdSegment(
            low=c.low,
            high=c.high,
            does=c.status in ("optimal", "feasible") and _does(question, player, c.moves),
            status=c.status,
            objective=c.objective,
            moves=c.moves,
        )
        for c in changes
    )
    merged: list[ThresholdSegment] = []
    for seg in segments:  # plan changes that do not change the answer are not thresholds
        if merged and _kind(merged[-1]) == _kind(seg):
            continue
        merged.append(seg)
    thresholds = tuple(
        seg.low for prev, seg in itertools.pairwise(merged) if _has_plan(prev) and _has_plan(seg)
    )
    asked = f"{question} {person.label}"
    lifted_words = " or ".join(f"locks.{f}" for f in lifted)
    return Threshold(
        question=asked,
        parameter=parameter,
        low=low,
        high=high,
        method=method,
        thresholds=thresholds,
        segments=segments,
        summary=_summary(asked, parameter, (low, high), segments, lifted_words, whole)
        + (
            ""
            if method.startswith("parametric") or whole
            else f" (each to within {spec.tolerance:.3g})"
        ),
    )


def _valid(seg: ThresholdSegment) -> bool:
    return not seg.status.startswith("error")


def _has_plan(seg: ThresholdSegment) -> bool:
    return seg.status in ("optimal", "feasible")


def _kind(seg: ThresholdSegment) -> tuple[bool, bool, bool]:
    """Segments of one kind are one answer: the move made or not, rejected, or no plan."""
    return seg.does, _valid(seg), _has_plan(seg)


def _summary(
    asked: str,
    parameter: str,
    scanned: tuple[float, float],
    segments: tuple[ThresholdSegment, ...],
    lifted: str,
    whole: bool,
) -> str:
    starts = {seg.low for seg in segments}

    def span(a: float, b: float) -> str:
        """[a, b) of the scan in words; of a count, the whole numbers in it (b itself when
        no segment starts there: the end of the scan)."""
        if not whole:
            return f"from {a:.4g} to {b:.4g}"
        last = b - 1 if b in starts and b != a else b
        return f"at {parameter} {a:g}" if last == a else f"from {a:g} to {last:g}"

    rejected = [seg for seg in segments if not _valid(seg)]
    tail = ""
    if rejected:
        tail = (
            f"; the scenario rejects {parameter} {span(rejected[0].low, rejected[-1].high)} "
            f"({rejected[0].status.removeprefix('error: ')})"
        )
    valid = [seg for seg in segments if _valid(seg) and _has_plan(seg)]
    if not valid:
        return f"no value of {parameter} {span(*scanned)} has a plan{tail}"
    planless = [seg for seg in segments if _valid(seg) and not _has_plan(seg)]
    if planless:  # e.g. a budget below the cheapest plan: no answer there, not a "no"
        tail += "; no plan " + ", ".join(
            f"{span(seg.low, seg.high)} ({seg.status})" for seg in planless
        )
    low, high = valid[0].low, valid[-1].high
    spans: list[tuple[float, float, bool]] = []
    for seg in valid:
        if spans and spans[-1][2] == seg.does:
            spans[-1] = (spans[-1][0], seg.high, seg.does)
        else:
            spans.append((seg.low, seg.high, seg.does))
    head = f"with no {lifted} on him, the best plan would {asked}"
    where = span(low, high)
    if len(spans) == 1 and where.startswith("at "):  # one whole number has a plan
        does = "would" if spans[0][2] else "would not"
        return f"with no {lifted} on him, the best plan {does} {asked} {where}{tail}"
    if all(does for _, _, does in spans):
        return f"{head} at every {parameter} {where}{tail}"
    if not any(does for _, _, does in spans):
        return f"{head} at no {parameter} {where}{tail}"
    ranges = [
        span(a, b).removeprefix("from ").removeprefix(f"at {parameter} ")
        for a, b, does in spans
        if does
    ]
    changes = [f"{b:.4g}" for _, b, _ in spans[:-1]]
    return (
        f"{head} when {parameter} is {' and '.join(ranges)}; "
        f"the answer changes at {', '.join(changes)}{tail}"
    )
