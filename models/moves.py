"""A move of a plan: who goes or comes, how, with whom, for how much."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Action(StrEnum):
    """What happens to a player in a window. ``expire`` is not a decision: his contract ran
    out and he leaves for nothing (it is listed so the timeline says so)."""

    SELL = "sell"
    LOAN_OUT = "loan_out"
    BUY = "buy"
    LOAN_IN = "loan_in"
    SIGN_FREE = "sign_free"
    RELEASE = "release"
    EXTEND = "extend"
    EXPIRE = "expire"

    @property
    def words(self) -> str:
        """The action in words, as every view says it: "loan out", "sign free", "let expire"."""
        return _WORDS[self]

    @property
    def outgoing(self) -> bool:
        """Money comes in (sale, loan out); for the others it goes out or is nil."""
        return self in (Action.SELL, Action.LOAN_OUT)

    @property
    def incoming(self) -> bool:
        """A target comes in."""
        return self in (Action.BUY, Action.LOAN_IN, Action.SIGN_FREE)


# Keyed by Action, a str: a label's action text finds its words too.
_WORDS: dict[str, str] = {
    Action.SELL: "sell",
    Action.LOAN_OUT: "loan out",
    Action.BUY: "buy",
    Action.LOAN_IN: "loan in",
    Action.SIGN_FREE: "sign free",
    Action.RELEASE: "release",
    Action.EXTEND: "extend",
    Action.EXPIRE: "let expire",
}


def label_words(label: str, names: dict[str, str]) -> str:
    """A move's label in a sweep row or a threshold segment in words, players by name:
    ``sell:joe-gomez`` -> "sell Joe Gomez"; over a horizon ``sign_free:x@Summer 2026`` ->
    "sign free X (Summer 2026)". An unknown action or id is said as it is."""
    move, _, window = label.partition("@")
    action, _, player = move.partition(":")
    when = f" ({window})" if window else ""
    return f"{_WORDS.get(action, action)} {names.get(player, player)}{when}"


_FROZEN = ConfigDict(frozen=True)


class Move(BaseModel):
    model_config = _FROZEN
    player: str
    name: str
    action: Action
    counterparty: str = Field(description="The other club ('market' for a sale without a bid).")
    fee: float = Field(
        description="Millions: received for sell/loan_out, paid otherwise (0 for expire)."
    )
    wage_change: float = Field(description="Change to our annual wage bill, millions.")
    offer: int | None = Field(None, description="Index of the offer taken, for sell/loan_out.")
    window: str | None = Field(None, description="The window it is made in; null: the first.")
    option: int | None = Field(None, description="Index of the renewal option, for extend.")

    @property
    def words(self) -> str:
        """The move in words with its fee: "loan in James Trafford (2 m)"."""
        return f"{self.action.words} {self.name} ({self.fee:g} m)"
