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
import math

from models.scenario import Scenario
from models.status import WITH_PLAN
from models.sweep import ExactSpec, ScanRangeError, get_path, parse_path, scan_width_problem
from models.tradeoffs import Threshold, ThresholdSegment
from optimizer.sweeps import exact_scan, in_whole_numbers

# The moves a person can ask about; the locks lifted for each are the two that decide it.
QUESTIONS = ("sign", "sell", "keep")


# What counts as the move, by action, in any window (labels are action:player, with
# @window over a horizon): keeping him means no move that takes him away.
_MAKES = {
    "sell": {"sell"},
    "sign": {"buy", "loan_in", "sign_free"},
    "keep": {"sell", "loan_out", "release", "expire"},
}


def _does(question: str, player: str, moves: tuple[str, ...]) -> bool:
    actions = set()
    for label in moves:
        action, _, who = label.partition("@")[0].partition(":")
        if who == player:
            actions.add(action)
    made = bool(actions & _MAKES[question])
    return not made if question == "keep" else made


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
    thousandth of the range, or of today's value when that is smaller. Raises KeyError for
    an unknown player or path, ValueError for a question or range that cannot be asked,
    ScenarioError for values the scenario rejects."""
    if question not in QUESTIONS:
        raise ValueError(f"ask about one of {', '.join(QUESTIONS)}")
    person = scenario.target(player) if question == "sign" else scenario.player(player)
    parse_path(parameter)
    locks = scenario.locks
    lifted = ("sign", "never_sign") if question == "sign" else ("keep", "sell")
    # Only his locks are lifted; the others stay as given, dated ones with their dates.
    fixed = {
        f"locks.{field}": locks.without(field, player).model_dump(mode="json")[field]
        for field in lifted
    }
    if tolerance is None:
        tolerance = _tolerance(scenario, parameter, low, high)
    wide = scan_width_problem(low, high)
    if wide is not None:  # before ExactSpec, which would say it in pydantic's words
        raise ScanRangeError(wide)
    spec = ExactSpec(
        parameter=parameter, low=low, high=high, fixed=fixed, tolerance=tolerance, grid=grid
    )
    changes, method = exact_scan(scenario, spec, solver=solver)
    whole = in_whole_numbers(method)  # a count: said in whole numbers
    segments = tuple(
        ThresholdSegment(
            low=c.low,
            high=c.high,
            does=_does(question, player, c.moves) if c.status in WITH_PLAN else None,
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
        summary=_summary(asked, parameter, high, segments, lifted_words, whole)
        + (
            ""
            if method.startswith("parametric") or whole
            else f" (each to within {spec.tolerance:.3g})"
        ),
    )


def _tolerance(scenario: Scenario, parameter: str, low: float, high: float) -> float:
    """A thousandth of the range, or of today's value when that is smaller: Milan's 18 m
    bid scanned from 0 to 100,000 placed the change at 97.66 "to within 100", where it lies
    at 0.56. Raises KeyError for a path that leads nowhere."""
    today = get_path(scenario.model_dump(mode="json"), parameter)
    span = (high - low) / 1000
    if isinstance(today, bool) or not isinstance(today, int | float) or today == 0:
        return span
    return min(span, abs(today) / 1000)


def _valid(seg: ThresholdSegment) -> bool:
    return not seg.status.startswith("error")


def _has_plan(seg: ThresholdSegment) -> bool:
    return seg.status in WITH_PLAN


def _kind(seg: ThresholdSegment) -> tuple[bool | None, bool, bool]:
    """Segments of one kind are one answer: the move made or not, rejected, or no plan."""
    return seg.does, _valid(seg), _has_plan(seg)


def _summary(
    asked: str,
    parameter: str,
    high: float,
    segments: tuple[ThresholdSegment, ...],
    lifted: str,
    whole: bool,
) -> str:
    """The answer in one sentence. Each run of segments of one kind is said as a range: of
    a count, the whole numbers in it (a segment ends one below where the next starts).
    ``segments`` is never empty: a scan covers its whole range, planless parts included."""
    ends = [seg.high for seg in segments]
    if whole:
        ends = [nxt.low - 1 for nxt in segments[1:]] + [float(math.floor(high))]
    runs: list[tuple[float, float, ThresholdSegment]] = []  # (first, last, a segment of it)
    for seg, end in zip(segments, ends, strict=True):
        if runs and _kind(runs[-1][2]) == _kind(seg):
            runs[-1] = (runs[-1][0], end, runs[-1][2])
        else:
            runs.append((seg.low, end, seg))

    def values(first: float, last: float) -> str:
        if whole:
            return f"{first:g}" if first == last else f"{first:g} to {last:g}"
        return f"{first:.4g} to {last:.4g}"

    def where(first: float, last: float) -> str:
        if whole and first == last:
            return f"{parameter} = {first:g}"
        return f"{parameter} from {values(first, last)}"

    tails = []
    for first, last, seg in runs:
        if not _valid(seg):
            reason = seg.status.removeprefix("error: ")
            tails.append(f"the scenario rejects {where(first, last)} ({reason})")
        elif not _has_plan(seg):  # e.g. a budget below the cheapest plan: not a "no"
            tails.append(f"no plan at {where(first, last)} ({seg.status})")
    tail = "".join(f"; {t}" for t in tails)
    answered = [(first, last, seg.does) for first, last, seg in runs if seg.does is not None]
    head = f"with no {lifted} on him, the best plan would"
    if not answered:
        return f"no value of {parameter} scanned has a plan{tail}"
    if len(answered) == 1:
        first, last, does = answered[0]
        if whole and first == last:
            return f"{head}{'' if does else ' not'} {asked} at {where(first, last)}{tail}"
        every = "every" if does else "no"
        return f"{head} {asked} at {every} {where(first, last)}{tail}"
    yes = [values(first, last) for first, last, does in answered if does]
    changes = [
        f"{nxt[0]:g}" if whole else f"{nxt[0]:.4g}"
        for prev, nxt in itertools.pairwise(answered)
        if prev[2] != nxt[2]
    ]
    if not yes:
        return f"{head} {asked} at no {parameter} that has a plan{tail}"
    said = f"{head} {asked} when {parameter} is {' and '.join(yes)}"
    return said + (f"; the answer changes at {', '.join(changes)}" if changes else "") + tail
