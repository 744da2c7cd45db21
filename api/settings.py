"""Service settings, read from environment variables (prefix ``TRANSFERS_``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """Every limit of the HTTP service. Each field is set by ``TRANSFERS_<NAME>``, e.g.
    ``TRANSFERS_WORKERS=4``."""

    model_config = SettingsConfigDict(env_prefix="TRANSFERS_", frozen=True)

    workers: int = Field(2, ge=1, le=64, description="Solver processes.")
    max_queue: int = Field(
        8, ge=0, description="Requests that may wait for a free worker; beyond: 503."
    )
    max_body_bytes: int = Field(5_000_000, ge=1_000, description="Larger bodies get 413.")
    max_targets: int = Field(5_000, ge=0, description="Larger markets get 422.")
    max_solve_seconds: float = Field(
        20.0, gt=0, description="Solver time limit per request; also the default limit."
    )
    request_timeout: float = Field(
        60.0, gt=0, description="Queue wait + solve + trade-offs; then the worker is stopped."
    )
    retry_after: int = Field(2, ge=1, description="Seconds suggested to a client on 503.")
    max_sweep_runs: int = Field(1_000, ge=1, description="Larger sweeps get 422.")
    sweep_timeout: float = Field(
        600.0, gt=0, description="A sweep job's wait + runs; then its worker is stopped."
    )
