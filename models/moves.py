"""A move of a plan: who goes or comes, how, with whom, for how much."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Action(StrEnum):
    SELL = "sell"
    LOAN_OUT = "loan_out"
    BUY = "buy"
    LOAN_IN = "loan_in"


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
