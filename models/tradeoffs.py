"""What a plan costs: the trade-off reports that come with the best plan.

Every number is the result of an exact re-solve of a changed model (never an estimate from
duals), and every plan quoted here passed the independent checker against the scenario it
answers (the one with the lock dropped, the rule relaxed, the budget moved, ...).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from models.moves import Move
from models.status import SolveStatus

_FROZEN = ConfigDict(frozen=True)


class PlanSummary(BaseModel):
    """A plan in brief: its value, money and moves."""

    model_config = _FROZEN
    status: SolveStatus
    objective: float | None = None
    net_spend: float | None = None
    strength: float | None = Field(None, description="first_xi and second_xi contributions.")
    moves: tuple[Move, ...] = ()
    first_xi: float | None = Field(None, description="First-XI strength, in rating points.")
    second_xi: float | None = Field(None, description="Second-XI strength, in rating points.")
    wage_bill: float | None = Field(None, description="Annual wage bill after the window, m.")


class PlanChange(BaseModel):
    """What a choice does to the plan, in football units: the objective, the strength of
    the first and second XI (rating points: rating x competence x fit share, summed over
    the slots), net spend (m) and the annual wage bill (m). Each is the plan the answer is
    about minus the plan it is compared with (said on each field that carries one)."""

    model_config = _FROZEN
    objective: float
    first_xi: float
    second_xi: float
    net_spend: float
    wage_bill: float


class BudgetPoint(BaseModel):
    model_config = _FROZEN
    budget: float
    plan: PlanSummary
    objective_change: float | None = Field(None, description="Versus the plan at the budget.")
    change: PlanChange | None = Field(None, description="This plan minus the plan at the budget.")


class BudgetSegment(BaseModel):
    """Over [from_budget, to_budget) the same plan is optimal."""

    model_config = _FROZEN
    from_budget: float
    to_budget: float | None = Field(description="null: to the end of the range.")
    plan: PlanSummary


class ParetoPoint(BaseModel):
    model_config = _FROZEN
    net_spend: float
    strength: float
    plan: PlanSummary


class BudgetAnalysis(BaseModel):
    model_config = _FROZEN
    budget: float
    step: float
    lower: BudgetPoint = Field(description="The best plan at budget - step.")
    upper: BudgetPoint = Field(description="The best plan at budget + step.")
    marginal_value: float | None = Field(
        description="(objective at +step - objective at -step) / (2 step): points per million."
    )
    one_more: BudgetPoint | None = Field(
        None, description="The best plan with one more million of net spend: its value."
    )
    one_less: BudgetPoint | None = Field(
        None, description="The best plan with one million less (objective_change <= 0)."
    )
    range: tuple[float, float]
    breakpoints: tuple[float, ...] = Field(description="Budgets where the best plan changes.")
    segments: tuple[BudgetSegment, ...]
    pareto: tuple[ParetoPoint, ...] = Field(
        description="Strength vs net spend: no plan is stronger for the same or less money."
    )
    complete: bool = Field(description="False when the search stopped at its solve cap.")
    window: str | None = Field(
        None,
        description="Over a horizon, the window whose net spend the budget, the curve and the "
        "front's points are about (the first); null for one window. A plan's own net_spend is "
        "its total over every window.",
    )


class Price(BaseModel):
    """What one lock, ban or hard rule costs: the objective gained without it."""

    model_config = _FROZEN
    rule: str = Field(description="Constraint row family and name, e.g. lock_keep[joe-gomez].")
    kind: str = Field(description="lock or rule.")
    relaxation: str = Field(description="'dropped', or the one-unit change tried.")
    objective_loss: float | None = Field(
        description="Objective without it minus with it (>= 0); null if still infeasible."
    )
    money_equivalent: float | None = Field(
        description="objective_loss / objective.money: the loss in millions."
    )
    net_spend_change: float | None = Field(
        description="The plan without it minus the best plan, net spend in millions: what "
        "the rule saves (change.net_spend is the same amount the other way round: what the "
        "rule does); null if still infeasible."
    )
    summary: str
    plan: PlanSummary
    change: PlanChange | None = Field(
        None, description="What the rule does: the best plan minus the plan without it."
    )


class Alternative(BaseModel):
    model_config = _FROZEN
    rank: int
    objective_loss: float
    plan: PlanSummary
    added: tuple[Move, ...] = Field(description="Moves this plan makes that the best does not.")
    dropped: tuple[Move, ...] = Field(description="Moves of the best plan this one leaves out.")
    change: PlanChange | None = Field(None, description="This plan minus the best plan.")


class Regret(BaseModel):
    model_config = _FROZEN
    move: Move
    forced: str = Field(description="The opposite that was forced, in words.")
    objective_loss: float | None = Field(description="null: forcing it leaves no plan.")
    plan: PlanSummary
    change: PlanChange | None = Field(None, description="The forced plan minus the best plan.")


class Relaxation(BaseModel):
    model_config = _FROZEN
    rule: str
    amount: float
    unit: str
    message: str


class Infeasibility(BaseModel):
    """Why no plan exists: the least relaxation of named rules that admits one."""

    model_config = _FROZEN
    relaxations: tuple[Relaxation, ...]
    summary: str
    plan: PlanSummary = Field(description="The best plan once those rules are relaxed.")
    notes: tuple[str, ...] = Field((), description="Which part ran on HiGHS, and why.")


class TradeOffs(BaseModel):
    model_config = _FROZEN
    budget: BudgetAnalysis | None = None
    prices: tuple[Price, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    regret: tuple[Regret, ...] = ()
    infeasibility: Infeasibility | None = None
    solves: int = Field(0, description="Re-solves made for this report.")
    seconds: float = 0.0
    notes: tuple[str, ...] = ()


class Explanation(BaseModel):
    """The answer to "why not?": the best plan when a move is forced, and what it costs."""

    model_config = _FROZEN
    question: str
    best: PlanSummary
    forced: PlanSummary
    objective_loss: float | None = Field(description="null: forcing it leaves no plan.")
    money_equivalent: float | None
    summary: str
    infeasibility: Infeasibility | None = None
    change: PlanChange | None = Field(None, description="The forced plan minus the best plan.")


class ThresholdSegment(BaseModel):
    """Over [low, high) of the parameter the best plan, free of locks on the player, is
    ``moves``; ``does`` says whether it makes the move asked about."""

    model_config = _FROZEN
    low: float
    high: float
    does: bool | None = Field(
        description="Whether the plan makes the move; null where there is no plan."
    )
    status: str = Field(description="optimal, ..., or 'error: ...' for a value rejected.")
    objective: float | None = Field(description="Objective of the plan at ``low``.")
    moves: tuple[str, ...] = Field(description="The plan's moves as action:player.")


class Threshold(BaseModel):
    """The answer to "at what value of a parameter does a move pay?": every value in a range
    where the best plan, with no lock on the player, starts or stops making the move, found
    by the exact scan (:func:`optimizer.sweeps.exact_scan`)."""

    model_config = _FROZEN
    question: str = Field(description="The move, e.g. 'sell Joe Gomez'.")
    parameter: str = Field(description="The path varied, e.g. offers[0].fee.")
    low: float
    high: float
    method: str = Field(description="How the scan found the changes, and to what tolerance.")
    thresholds: tuple[float, ...] = Field(
        description="Values where the answer to the question changes."
    )
    segments: tuple[ThresholdSegment, ...]
    summary: str
