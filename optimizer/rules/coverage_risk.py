r"""Rule 18, depth with a probability: in every period k, for each role r given
``{players: n, probability: alpha}`` in ``rules.coverage``, at least n members who can cover
r (:func:`models.quantities.can_cover`: play r, and reach ``rules.cover_min_rating`` when it
is given) are fit on a share alpha of the period's matchdays, under the injury model
(:mod:`models.injury`).

Formulation. Let C be the people who could be members in period k and can cover r. Whether
a matchday is covered depends only on which of C are fit that day: its *fit pattern*
P, a subset of C. Let P_1..P_m be the patterns with at least n people, w_i their weights
(below), and z_i = ``covered[r,i,k]`` binary:

  [covered]        sum_{p in P_i} member[p,k] - n z_i >= 0                       for each i
  [coverage_risk]  sum_i (w_i / step) z_i >= (alpha - 1e-9) / step

with step = ``injury.price_step``, so that one unit of relaxation (a price, the elastic
explanation) lowers alpha by one step: 95 % -> 90 %. The 1e-9 absorbs float rounding
(0.95 x 500 draws is 475).

Weights. ``injury.method: sampled`` (the default): the ``injury.samples`` seeded draws of
the period (sample average approximation), w_i = (draws whose pattern is P_i) / draws.
``exact``: every pattern of C's players who may or may not be fit, w_i = its probability,
the mean over the matchdays of prod_{p in P} f_p x prod_{p in C, not in P} (1 - f_p); players
never fit in the period are in no pattern, players always fit in every one.

Why these rows state the chance constraint exactly (on the draws, or under the model):
(a) For a squad M (member[p,k] = 1 iff p in M), z_i may be 1 iff at least n of P_i are in
M, since n >= 1 and z_i is binary; so the largest sum_i w_i z_i is the total weight of the
patterns M covers: the share of draws on which at least n of M are fit (sampled), or the
probability of it (exact). The second row asks that to reach alpha. (b) Draws with the same
pattern have the same row, so one z for all of them, weighted by their count, admits the
same squads as one z per draw (from per-draw values take the largest; back, copy it).
(c) A pattern with fewer than n people can never be covered: it has no z, and its draws
count as uncovered, as they would with a z forced to 0. (d) People outside C never count
toward r, so patterns over C alone lose nothing. n = 0 always holds: no rows.

The check does not use patterns: it draws again (a person's draws depend only on the seed,
the period and his id, so drawing for the members alone gives the same numbers) and counts
the draws on which at least n of the plan's members are fit; under ``exact`` it computes the
probability by the Poisson-binomial recursion (:func:`models.injury.exact_probability`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from models.horizon import Stage, name_suffix
from models.injury import (
    OPTIMISED,
    Method,
    draws,
    exact_probability,
    fit_chances,
    meets_probability,
    sampled_probability,
)
from models.people import Person
from models.quantities import can_cover
from models.scenario import Scenario
from optimizer.linear_model import LinearExpr
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, Relax, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation

ROUNDING = 1e-9  # as models.injury.meets_probability


@dataclass(frozen=True)
class Pattern:
    """Who of the candidates (by index) is fit, and the weight of such matchdays."""

    fit: tuple[int, ...]
    weight: float


def patterns(s: Scenario, candidates: Sequence[Person], stage: Stage, need: int) -> list[Pattern]:
    """The fit patterns of ``candidates`` with at least ``need`` people, and their weights
    (see the module: draws, or exact enumeration)."""
    if not candidates:
        return []
    if s.injury.method == Method.EXACT:
        return _enumerated(s, candidates, stage, need)
    fit = draws(s, candidates, stage, s.injury.samples, OPTIMISED).fit
    rows, counts = np.unique(fit, axis=0, return_counts=True)
    total = len(fit)
    return [
        Pattern(tuple(int(j) for j in np.flatnonzero(row)), int(count) / total)
        for row, count in zip(rows, counts, strict=True)
        if row.sum() >= need
    ]


def _enumerated(
    s: Scenario, candidates: Sequence[Person], stage: Stage, need: int
) -> list[Pattern]:
    chances = fit_chances(s, candidates, stage)  # matchdays x candidates
    always = np.all(chances == 1.0, axis=0)
    open_ = np.flatnonzero(~always & ~np.all(chances == 0.0, axis=0))
    sure = [int(j) for j in np.flatnonzero(always)]
    k = len(open_)
    masks = ((np.arange(2**k)[:, None] >> np.arange(k)) & 1).astype(bool)  # patterns x open
    q = chances[:, open_][:, None, :]  # matchdays x 1 x open
    weights = np.mean(np.prod(np.where(masks[None], q, 1.0 - q), axis=2), axis=0)
    out = []
    for mask, weight in zip(masks, weights, strict=True):
        fit = sorted(sure + [int(j) for j in open_[mask]])
        if weight > 0 and len(fit) >= need:
            out.append(Pattern(tuple(fit), float(weight)))
    return out


def _lower(role: str) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        need = s.rules.coverage_chances[role]
        probability = round(max(0.0, need.probability - x * s.injury.price_step), 12)
        lowered = need.model_copy(update={"probability": probability})
        return with_rules(s, coverage={**s.rules.coverage, role: lowered})

    return relax


def percent(probability: float) -> str:
    """0.95 -> '95 %'; 0.975 -> '97.5 %'."""
    return f"{probability * 100:.4g} %"


class CoverageRisk(RuleFamily):
    numbers = "18"
    names = ("covered", "coverage_risk")

    def add_rows(self, ctx: BuildContext) -> None:
        s = ctx.scenario
        step = s.injury.price_step
        for st in ctx.cols.stages:
            at, t = name_suffix(s, st.stage), st.stage.index
            for role, need in s.rules.coverage_chances.items():
                if need.players <= 0:
                    continue
                able = [m for m in st.members if m.cols and can_cover(s, m.person, role, st.stage)]
                found = patterns(s, [m.person for m in able], st.stage, need.players)
                share = LinearExpr()
                for i, pattern in enumerate(found):
                    z = ctx.builder.binary(f"covered[{role},{i}]{at}")
                    row = LinearExpr()
                    for j in pattern.fit:
                        for col in able[j].cols:
                            row.add(col, 1.0)
                    row.add(z, -float(need.players))
                    ctx.row("covered", (role, i, t), f"covered[{role},{i}]{at}", row, lower=0.0)
                    share.add(z, pattern.weight / step)
                lower = (need.probability - ROUNDING) / step
                ctx.row("coverage_risk", (role, t), f"coverage_risk[{role}]{at}", share, lower)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        bad = []
        for period in replay.periods:
            for role, need in scenario.rules.coverage_chances.items():
                able = [
                    p for p in period.members.values() if can_cover(scenario, p, role, period.stage)
                ]
                have = probability_of(scenario, able, period.stage, need.players)
                if not meets_probability(have, need.probability):
                    bad.append(
                        f"coverage {role}{period.where}: {need.players} fit on {percent(have)} "
                        f"of matchdays, {percent(need.probability)} required"
                    )
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        s = form.scenario
        rows = form.rows_by_subject("coverage_risk")
        out = []
        for role, indices in rows.items():
            need = s.rules.coverage_chances[role]
            out.append(
                Relaxable(
                    name=f"coverage_risk[{role}]",
                    family="coverage_risk",
                    kind="rule",
                    rows=tuple(indices),
                    side="lower",
                    unit="percentage points",
                    per_unit=round(100 * s.injury.price_step, 9),
                    describe=f"{need.players} fit {'player' if need.players == 1 else 'players'} "
                    f"at {role} on {percent(need.probability)} of matchdays",
                    relax=_lower(role),
                    say=f"coverage {role} on {percent(need.probability)} of matchdays: lower "
                    "it by {amount}",
                )
            )
        return out


def probability_of(s: Scenario, people: Sequence[Person], stage: Stage, need: int) -> float:
    """The chance that at least ``need`` of ``people`` are fit on a matchday of the period,
    as the rule counts it: on the optimised draws (sampled), or exactly (exact)."""
    if s.injury.method == Method.EXACT:
        return exact_probability(fit_chances(s, people, stage), need)
    return sampled_probability(draws(s, people, stage, s.injury.samples, OPTIMISED).fit, need)


FAMILY = CoverageRisk()
