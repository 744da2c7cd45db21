"""The backtest's answer (:mod:`optimizer.injury.backtest`): three plans for the window,
each judged on the real matchdays that followed it."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from models.absences import History
from models.moves import Move

_FROZEN = ConfigDict(frozen=True)


class RoleOutcome(BaseModel):
    model_config = _FROZEN
    role: str
    players: int = Field(description="Fit cover the rule asks for.")
    covered: int = Field(description="Real matchdays with at least that many fit.")
    short_on: tuple[dt.date, ...] = Field((), description="The matchdays without them.")
    predicted: float = Field(
        description="The chance of it on a matchday, as the plan was made: under the injury "
        "model the spells known then give (exact)."
    )


class PlanOutcome(BaseModel):
    model_config = _FROZEN
    plan: str = Field(description="engine, no moves, or without the injury model.")
    status: str
    moves: tuple[Move, ...] = ()
    net_spend: float | None = Field(None, description="Millions (null: no plan).")
    roles: tuple[RoleOutcome, ...] = ()
    fully_covered: int | None = Field(
        description="Real matchdays on which every role was covered (null: no plan)."
    )
    xi: tuple[float, ...] = Field((), description="The best fit XI's strength each matchday.")
    xi_mean: float | None = None
    xi_worst: float | None = None

    @property
    def has_plan(self) -> bool:
        """Whether there was a plan to judge (the engine may find none)."""
        return self.fully_covered is not None


class Backtest(BaseModel):
    """The window's plans replayed on the real absences of the period it opens."""

    model_config = _FROZEN
    scenario: str
    period: str
    known_by: dt.date = Field(description="Spells that began before it were used to plan.")
    since: dt.date = Field(description="The injury history was watched from this date.")
    matchdays: tuple[dt.date, ...]
    spells_known: int = Field(description="Spells of the scenario's people used to plan.")
    spells_after: int = Field(description="Spells that began after: seen only by the judge.")
    plans: tuple[PlanOutcome, ...]
    history: tuple[History, ...] = Field(description="Each person's injury model, from the spells.")
