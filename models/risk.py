"""What the injury model says about a plan (:mod:`optimizer.injury.report`): per period and
role, the chance of having the cover asked for on a matchday, before the window and with
the plan, on the draws optimised, on fresh draws and exactly; and the XI the squad can
field on a matchday, picked among the players fit that day."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

_FROZEN = ConfigDict(frozen=True)


class RoleRisk(BaseModel):
    """The chance of at least ``players`` fit cover for ``role`` on a matchday of the period."""

    model_config = _FROZEN
    period: str
    role: str
    players: int
    probability: float | None = Field(
        description="The share of matchdays asked for; null for a count rule (reported only)."
    )
    in_sample_before: float | None = Field(
        description="On the draws the plan was optimised on (method sampled; else null), "
        "with the squad before the window."
    )
    in_sample_after: float | None = Field(description="The same, with the plan's squad.")
    fresh_before: float | None = Field(
        description="On fresh draws, never optimised on (out of sample); null with none."
    )
    fresh_after: float | None
    exact_before: float = Field(description="Exactly, under the injury model.")
    exact_after: float


class MatchdayXI(BaseModel):
    """The strength of the best XI the squad can field on a matchday, among the players fit
    that day (rating x competence, no fit share: they are fit), over fresh draws."""

    model_config = _FROZEN
    period: str
    draws: int
    mean_before: float
    p10_before: float = Field(description="10th percentile: one matchday in ten is worse.")
    mean_after: float
    p10_after: float


class MatchdayRisk(BaseModel):
    model_config = _FROZEN
    method: str
    samples: int = Field(description="Draws a period the probability rules were enforced on.")
    fresh_samples: int
    seed: int
    roles: tuple[RoleRisk, ...] = ()
    xi: tuple[MatchdayXI, ...] = ()
