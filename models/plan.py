"""The result of a solve: a typed plan with its status (:mod:`models.status`), bound, gap,
timings and reports; its moves (:mod:`models.moves`) and what it costs
(:mod:`models.tradeoffs`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from models.moves import Action, Move
from models.risk import MatchdayRisk
from models.status import SolveStatus
from models.tradeoffs import TradeOffs

# Action, Move and SolveStatus are part of a plan's vocabulary: importable from here too.
__all__ = [
    "Action",
    "CoverageRow",
    "Disposal",
    "Finance",
    "Member",
    "Move",
    "ObjectiveTerm",
    "Plan",
    "SeasonFinance",
    "SlotAssignment",
    "SolveStatus",
    "SolverInfo",
    "Timeline",
    "Via",
]


class Via(StrEnum):
    """How a member of a period's squad is there: held from before the window, or come in
    during it."""

    KEPT = "kept"
    BOUGHT = "bought"
    SIGNED_FREE = "signed_free"
    LOANED_IN = "loaned_in"


_FROZEN = ConfigDict(frozen=True)


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


class SeasonFinance(BaseModel):
    """A season's accounts (club finance, :mod:`models.accounts`): wages and amortisation are
    annual rates over the scenario's periods in the season, pro rata by length; fees expensed
    and profits are its windows'."""

    model_config = _FROZEN
    season: str
    wages: float
    amortisation: float
    expensed: float = Field(
        description="Agents', loan, signing-on and renewal fees and release pay-offs."
    )
    other_squad_cost: float = Field(description="The scenario's other_squad_cost of the season.")
    squad_cost: float = Field(description="wages + amortisation + expensed + other_squad_cost.")
    profit_on_disposals: float = Field(
        description="Fees received minus book values on sales; book values written off."
    )
    loan_income: float
    revenue: float | None = Field(description="The scenario's revenue of the season.")
    ratio: float | None = Field(
        description="squad_cost / (revenue + profit_on_disposals + loan_income)."
    )
    ratio_limit: float | None = Field(
        description="rules.finance.squad_cost_ratio where it binds this season."
    )
    allowance: float | None = Field(
        description="ratio_limit x (revenue + profit_on_disposals + loan_income)."
    )
    squad_cost_budget: float | None = Field(
        description="rules.finance.squad_cost where it binds this season."
    )


class Disposal(BaseModel):
    """A player sold or released: the profit it books and the squad cost it frees."""

    model_config = _FROZEN
    player: str
    name: str
    window: str
    action: Action
    fee: float
    book_value: float = Field(description="His book value at the window's close.")
    profit: float = Field(description="fee - book_value on a sale; -book_value on a release.")
    squad_cost_freed: float = Field(
        description="A year of his squad cost: his wage and amortisation in the period after."
    )
    summary: str


class Finance(BaseModel):
    model_config = _FROZEN
    gross_spend: float
    income: float
    net_spend: float
    budget: float | None = Field(
        description="The limit on net_spend: the window's (rules.budget.net_spend); over "
        "several windows, rules.budget.net_spend_total (each window's is in the timeline); "
        "null when no limit."
    )
    wage_bill_before: float
    wage_bill_after: float
    wage_budget: float | None
    later_cash: float | None = Field(
        None,
        description="Instalments due after the horizon (paid - received), undiscounted; null "
        "when there are none.",
    )
    money_basis: str | None = Field(
        None, description="What the money objective counts (cash or pnl); null: cash, no accounts."
    )
    seasons: tuple[SeasonFinance, ...] = Field(
        (), description="Per season, when club finance is kept (rules.finance or pnl)."
    )
    disposals: tuple[Disposal, ...] = ()


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
    helpers: tuple[str, ...] = Field(
        (), description="Parts of the work that ran on another backend, and why."
    )


class WindowPlan(BaseModel):
    """One window of the timeline: its moves and its money."""

    model_config = _FROZEN
    window: str
    kind: str
    opens: dt.date
    closes: dt.date
    moves: tuple[Move, ...] = ()
    gross_spend: float = 0.0
    income: float = 0.0
    net_spend: float = 0.0
    budget: float | None = Field(None, description="This window's net-spend limit.")
    agent_fees: float = Field(0.0, description="Agents' fees paid in it (in gross_spend).")
    instalments: float = Field(
        0.0,
        description="Net instalments due in it of deals made in earlier windows (in its net "
        "spend: paid - received).",
    )


class PeriodPlan(BaseModel):
    """One period of the timeline: the squad the windows so far leave, its XIs, coverage,
    wage bill, and what it adds to each objective term."""

    model_config = _FROZEN
    period: str
    start: dt.date
    end: dt.date
    season: str
    squad: tuple[Member, ...] = ()
    first_xi: tuple[SlotAssignment, ...] = ()
    second_xi: tuple[SlotAssignment, ...] = ()
    coverage: tuple[CoverageRow, ...] = ()
    wage_bill: float = Field(0.0, description="Annual wages of the squad held, millions.")
    objective_terms: dict[str, ObjectiveTerm] = Field(
        default_factory=dict,
        description="Each term's value in this period (money: its window's), its weight and "
        "signed contribution with the period's factor (length and discount) applied.",
    )


class Timeline(BaseModel):
    """The plan window by window and period by period (one of each in a one-window
    scenario)."""

    model_config = _FROZEN
    windows: tuple[WindowPlan, ...] = ()
    periods: tuple[PeriodPlan, ...] = ()


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
    timeline: Timeline | None = Field(
        None, description="Window by window, period by period; the top level is the first."
    )
    tradeoffs: TradeOffs | None = Field(
        None, description="What the plan costs; see models.tradeoffs."
    )
    matchday_risk: MatchdayRisk | None = Field(
        None,
        description="Depth and XI on matchdays under the injury model (models.risk); null "
        "unless the scenario asks for depth with a probability or gives injury columns.",
    )
