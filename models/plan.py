"""The result of a solve: a typed plan with its status, bound, gap, timings and reports.

``SolveStatus`` (what the solver proved, never its integer code):

- ``optimal``: the plan is optimal within the requested gap (``gap`` says how close).
- ``feasible``: a stop (time limit) came before optimality was proven; the plan is valid
  and ``bound`` / ``gap`` say how far from optimal it might be.
- ``infeasible``: no plan satisfies the rules; ``moves`` is empty.
- ``unbounded``: the objective has no upper bound (cannot happen with this model's binary
  variables; kept so a backend's answer is never misreported).
- ``no_solution``: stopped (time limit) before any plan was found.
- ``error``: the backend failed; ``message`` says how.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    NO_SOLUTION = "no_solution"
    ERROR = "error"

    @property
    def has_plan(self) -> bool:
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


class Action(StrEnum):
    SELL = "sell"
    LOAN_OUT = "loan_out"
    BUY = "buy"
    LOAN_IN = "loan_in"


class Via(StrEnum):
    """How a member of the squad after the window is there."""

    KEPT = "kept"
    BOUGHT = "bought"
    LOANED_IN = "loaned_in"


_FROZEN = ConfigDict(frozen=True)


class Move(BaseModel):
    model_config = _FROZEN
    player: str
    name: str
    action: Action
    counterparty: str = Field(description="The other club ('market' for a sale without a bid).")
    fee: float = Field(description="Millions: paid by us for buy/loan_in, received otherwise.")
    wage_change: float = Field(description="Change to our annual wage bill, millions.")
    offer: int | None = Field(None, description="Index of the offer taken, for sell/loan_out.")


class Member(BaseModel):
    model_config = _FROZEN
    player: str
    name: str
    via: Via
    positions: dict[str, float]
    rating: float
    fit_share: float


class SlotAssignment(BaseModel):
    model_config = _FROZEN
    slot: str = Field(description="The role of the formation slot.")
    player: str
    name: str
    strength: float = Field(description="rating x competence x fit share in this role.")


class Finance(BaseModel):
    model_config = _FROZEN
    gross_spend: float
    income: float
    net_spend: float
    budget: float | None = Field(description="rules.budget.net_spend; null when no limit.")
    wage_bill_before: float
    wage_bill_after: float
    wage_budget: float | None


class CoverageRow(BaseModel):
    model_config = _FROZEN
    role: str
    required: int | None
    available_before: int
    available_after: int


class ObjectiveTerm(BaseModel):
    model_config = _FROZEN
    weight: float
    value: float = Field(description="The term's own quantity (strength points or millions).")
    contribution: float = Field(description="Signed share of the objective: +/- weight x value.")


class SolverInfo(BaseModel):
    model_config = _FROZEN
    name: str
    seconds: float = Field(description="Wall time of the backend's solve.")
    build_seconds: float = Field(
        description="Wall time to build the model, including the exact market reduction."
    )
    time_limit: float | None = None
    gap_limit: float | None = None
    variables: int = 0
    constraints: int = 0
    targets_considered: int = 0
    targets_kept: int = Field(0, description="Targets left after the exact market reduction.")
    tolerance: float = Field(
        0.0,
        description="Absolute objective tolerance of the solve: 1e-7 x the largest objective "
        "coefficient; plans whose values differ by less are equally good.",
    )
    message: str = ""


class Plan(BaseModel):
    model_config = _FROZEN
    scenario: str
    status: SolveStatus
    objective: float | None
    bound: float | None
    gap: float | None
    solver: SolverInfo
    moves: tuple[Move, ...] = ()
    squad: tuple[Member, ...] = ()
    first_xi: tuple[SlotAssignment, ...] = ()
    second_xi: tuple[SlotAssignment, ...] = ()
    finance: Finance | None = None
    coverage: tuple[CoverageRow, ...] = ()
    objective_terms: dict[str, ObjectiveTerm] = Field(default_factory=dict)
    checked: bool = Field(False, description="True once the independent checker passed it.")
    tradeoffs: TradeOffs | None = Field(
        None, description="What the plan costs; see models.tradeoffs."
    )


# TradeOffs quotes Moves and statuses from this module, so it is imported last.
from models.tradeoffs import TradeOffs  # noqa: E402

Plan.model_rebuild()
