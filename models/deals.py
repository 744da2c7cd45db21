"""What can be agreed over a horizon besides the squad and the market tables: a target's
asking fee in a later window, and renewal options for our own players."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from models.bounds import MAX_FEE
from models.days import Day

_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class AskingFee(BaseModel):
    """The fee a target is expected to cost in a window (overrides his value path there)."""

    model_config = _FROZEN
    player: str = Field(min_length=1, description="A target's id.")
    window: str = Field(min_length=1, description="A window's name.")
    fee: float = Field(ge=0, le=MAX_FEE)


class Extension(BaseModel):
    """A renewal option for one of our players: a new contract end, wage and signing-on fee.
    It may be taken in any window (or only ``window``) while we hold him and his contract
    runs; his value then follows the new contract."""

    model_config = _FROZEN
    player: str = Field(min_length=1, description="A squad player's id.")
    until: Day = Field(description="The new contract end.")
    wage: float = Field(ge=0, le=MAX_FEE, description="The new annual wage, millions.")
    fee: float = Field(0.0, ge=0, le=MAX_FEE, description="Signing-on fee, millions.")
    window: str | None = Field(None, description="Only in this window; default: any.")
