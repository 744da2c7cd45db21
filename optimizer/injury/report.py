"""What the injury model says about a plan: per period, for each role in ``rules.coverage``,
the chance of having the players it asks for fit on a matchday, before the window and with
the plan, measured three ways (on the draws the plan was optimised on, on fresh draws it
never saw, exactly); and the best XI the squad can field among the players fit on a
matchday, its mean and 10th percentile over fresh draws.

Worked out from the plan's moves replayed on the scenario (:mod:`optimizer.replay`), never
from a solver's values. "Before" is the squad entering the window: the scenario's squad for
the first, the previous period's for a later one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from models.horizon import Stage
from models.injury import (
    FRESH,
    OPTIMISED,
    Method,
    draws,
    exact_probability,
    fit_chances,
    has_injury_model,
    sampled_probability,
)
from models.people import Person
from models.plan import Plan
from models.quantities import can_cover
from models.risk import MatchdayRisk, MatchdayXI, RoleRisk
from models.scenario import Scenario
from optimizer.injury.matchday_xi import best_xi
from optimizer.replay import replay

XI_PERCENTILE = 10


def wants_report(s: Scenario) -> bool:
    """A scenario that asks for depth with a probability, or states an injury model."""
    return bool(s.rules.coverage_chances) or any(
        has_injury_model(p) for p in (*s.squad, *s.targets)
    )


def risk_report(s: Scenario, plan: Plan) -> MatchdayRisk:
    """The matchday risk of ``plan`` (a plan of ``s``), before and after its moves."""
    played = replay(s, plan)
    before: Sequence[Person] = s.squad
    roles: list[RoleRisk] = []
    xis: list[MatchdayXI] = []
    for period in played.periods:
        after = list(period.members.values())
        drawn = _Drawn(s, period.stage, {p.id: p for p in (*before, *after)}.values())
        roles += [_role(s, drawn, role, before, after) for role in s.rules.coverage]
        if s.rules.formation and s.injury.xi_samples > 0:
            xis.append(_xi(s, drawn, before, after))
        before = after
    settings = s.injury
    return MatchdayRisk(
        method=settings.method.value,
        samples=settings.samples,
        fresh_samples=settings.fresh_samples,
        seed=settings.seed,
        roles=tuple(roles),
        xi=tuple(xis),
    )


class _Drawn:
    """A period's draws for everyone in either squad, made once (a person's draws do not
    depend on who else is drawn: each squad's are its columns)."""

    def __init__(self, s: Scenario, stage: Stage, people: Iterable[Person]) -> None:
        self.stage = stage
        self.people = list(people)
        self.column = {p.id: j for j, p in enumerate(self.people)}
        sampled = s.injury.method == Method.SAMPLED
        self.optimised = (
            draws(s, self.people, stage, s.injury.samples, OPTIMISED).fit if sampled else None
        )
        fresh = max(s.injury.fresh_samples, s.injury.xi_samples)
        self.fresh = draws(s, self.people, stage, fresh, FRESH).fit  # nested: a prefix is
        self.chances = fit_chances(s, self.people, stage)  # the smaller count's draws

    def of(self, squad: Sequence[Person]) -> list[int]:
        return [self.column[p.id] for p in squad]


def _role(
    s: Scenario, drawn: _Drawn, role: str, before: Sequence[Person], after: Sequence[Person]
) -> RoleRisk:
    need = s.rules.coverage_chances.get(role)
    players = need.players if need is not None else s.rules.coverage_counts[role]
    figures: dict[str, float | None] = {}
    for label, squad in (("before", before), ("after", after)):
        able = drawn.of([p for p in squad if can_cover(s, p, role, drawn.stage)])
        optimised = drawn.optimised
        figures[f"in_sample_{label}"] = (
            None if optimised is None else sampled_probability(optimised[:, able], players)
        )
        fresh = drawn.fresh[: s.injury.fresh_samples, able]
        figures[f"fresh_{label}"] = (
            sampled_probability(fresh, players) if s.injury.fresh_samples else None
        )
        figures[f"exact_{label}"] = exact_probability(drawn.chances[:, able], players)
    return RoleRisk(
        period=drawn.stage.period,
        role=role,
        players=players,
        probability=need.probability if need is not None else None,
        **figures,
    )


def _xi(
    s: Scenario, drawn: _Drawn, before: Sequence[Person], after: Sequence[Person]
) -> MatchdayXI:
    count = s.injury.xi_samples
    values = {}
    for label, squad in (("before", before), ("after", after)):
        fit = drawn.fresh[:count, drawn.of(squad)]
        strengths = best_xi(s, squad, drawn.stage, fit)
        values[f"mean_{label}"] = float(np.mean(strengths))
        values[f"p10_{label}"] = float(np.percentile(strengths, XI_PERCENTILE))
    return MatchdayXI(period=drawn.stage.period, draws=count, **values)
