"""The backtest: plan the window with the absences known when it closes, then replay the
period it opens with the absences that really followed.

Three plans for the first window:

- **engine**: the scenario with each person's injury model taken from the spells that began
  before ``known_by`` (:func:`models.absences.with_history`), solved with its rules,
  probability ones included;
- **no moves**: the squad as it is;
- **without the injury model**: the scenario as written, with no history, each probability
  rule read as its count (``{players: 2, probability: 0.95}``: 2 players fit for
  ``available_from`` of the period) and injury columns left out (availability as given):
  the engine as it planned before it had an injury model.

Each plan is judged on the first period's matchdays (its Saturdays,
:func:`models.injury.matchdays`): a person is fit on a matchday unless a spell in the table
covers it (whoever the table does not list is fit every day; a scenario's own
``injured_until`` is an estimate made at the window, not the truth). Per role in
``rules.coverage``: the matchdays with at least the players it asks for fit among the
members who can cover it (:func:`models.quantities.can_cover`), next to the chance the
planning model gave it; the matchdays on which every role was covered; and each matchday's
best XI among the fit members (:mod:`optimizer.injury.matchday_xi`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from models.absences import Spell, season_start, spells_by_person, with_history
from models.backtest import Backtest, PlanOutcome, RoleOutcome
from models.horizon import Stage, stages
from models.injury import exact_probability, fit_chances, matchdays
from models.people import Person
from models.plan import Plan
from models.quantities import can_cover
from models.scenario import Scenario
from optimizer.injury.matchday_xi import best_xi
from optimizer.replay import replay
from optimizer.solve import solve_model

ENGINE, NO_MOVES, WITHOUT = "engine", "no moves", "without the injury model"


def without_injury_model(s: Scenario) -> Scenario:
    """The scenario as the engine planned before it had an injury model (see the module)."""
    coverage = {role: s.rules.players_needed(role) for role in s.rules.coverage}
    plain = {"injuries_per_season": None, "days_per_injury": None}
    return s.evolve(
        rules={**s.rules.model_dump(mode="python"), "coverage": coverage},
        squad=[{**p.model_dump(mode="python"), **plain} for p in s.squad],
        targets=[{**t.model_dump(mode="python"), **plain} for t in s.targets],
    )


def run_backtest(
    s: Scenario,
    spells: Sequence[Spell],
    known_by: dt.date | None = None,
    since: dt.date | None = None,
    solver: str = "highs",
    time_limit: float | None = None,
) -> Backtest:
    """The three plans of the first window, judged on the first period's real matchdays.
    ``known_by`` defaults to the window's close; ``since`` (where the injury history starts)
    to 1 July of that season."""
    stage = stages(s)[0]
    known_by = known_by if known_by is not None else stage.closes
    since = since if since is not None else season_start(known_by)
    planning, history = with_history(s, spells, known_by, since)
    engine = solve_model(planning, solver, time_limit).plan
    baseline = solve_model(without_injury_model(s), solver, time_limit).plan
    found = spells_by_person(s, spells)
    days = matchdays(stage)
    judge = _Judge(s, planning, stage, days, found)
    outcomes = (
        judge.plan(ENGINE, engine),
        judge.squad(NO_MOVES, [p for p in s.squad if stage.holds(p.contract_until)]),
        judge.plan(WITHOUT, baseline),
    )
    mine = [x for person in found.values() for x in person]
    return Backtest(
        scenario=s.name,
        period=stage.period,
        known_by=known_by,
        since=since,
        matchdays=days,
        spells_known=sum(1 for x in mine if x.start < known_by),
        spells_after=sum(1 for x in mine if x.start >= known_by),
        plans=outcomes,
        history=tuple(history),
    )


class _Judge:
    def __init__(
        self,
        s: Scenario,
        planning: Scenario,
        stage: Stage,
        days: tuple[dt.date, ...],
        spells: dict[str, list[Spell]],
    ) -> None:
        self.s, self.stage, self.days, self.spells = s, stage, days, spells
        self.planned = {p.id: p for p in (*planning.squad, *planning.targets)}
        self.planning = planning

    def plan(self, label: str, plan: Plan) -> PlanOutcome:
        if not plan.status.has_plan:
            return PlanOutcome(plan=label, status=plan.status.value, fully_covered=None)
        members = list(replay(self.s, plan).periods[0].members.values())
        spend = plan.finance.net_spend if plan.finance is not None else 0.0
        return self.squad(label, members, plan.moves, spend, plan.status.value)

    def squad(
        self,
        label: str,
        members: Sequence[Person],
        moves: tuple = (),
        net_spend: float = 0.0,
        status: str = "squad as it is",
    ) -> PlanOutcome:
        s, stage = self.s, self.stage
        fit = np.array(
            [
                [not any(x.covers(day) for x in self.spells[p.id]) for p in members]
                for day in self.days
            ]
        ).reshape(len(self.days), len(members))
        roles, covered_every_role = [], np.ones(len(self.days), dtype=bool)
        for role in s.rules.coverage:
            need = s.rules.players_needed(role) or 0
            able = [j for j, p in enumerate(members) if can_cover(s, p, role, stage)]
            covered = fit[:, able].sum(axis=1) >= need
            covered_every_role &= covered
            planned = [self.planned[members[j].id] for j in able]
            roles.append(
                RoleOutcome(
                    role=role,
                    players=need,
                    covered=int(covered.sum()),
                    short_on=tuple(
                        day for day, ok in zip(self.days, covered, strict=True) if not ok
                    ),
                    predicted=exact_probability(fit_chances(self.planning, planned, stage), need),
                )
            )
        xi = best_xi(s, members, stage, fit)
        return PlanOutcome(
            plan=label,
            status=status,
            moves=moves,
            net_spend=net_spend,
            roles=tuple(roles),
            fully_covered=int(covered_every_role.sum()),
            xi=tuple(float(v) for v in xi),
            xi_mean=float(np.mean(xi)),
            xi_worst=float(np.min(xi)),
        )
