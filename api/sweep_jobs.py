"""Sweeps over HTTP: the request body, the status a client polls, and the board of sweeps the
service holds in memory (the newest ``KEEP`` of them)."""

from __future__ import annotations

import asyncio
import uuid
from collections import OrderedDict
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.application import Solver
from models.scenario import Scenario
from models.sweep import SweepPlan

KEEP = 50  # sweeps remembered; the oldest finished one is forgotten first


class SweepBody(BaseModel):
    """POST /v1/sweeps: the scenario (tables inline) and what to vary in it."""

    model_config = ConfigDict(extra="forbid")
    scenario: Scenario
    sweep: SweepPlan


class SweepOptions(BaseModel):
    """Query options of POST /v1/sweeps."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
    solver: Solver = Solver.highs
    time_limit: float | None = Field(None, gt=0, description="Seconds per run.")


class SweepState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class SweepStatus(BaseModel):
    """GET /v1/sweeps/{id}: progress while it runs, then one row per run."""

    id: str
    state: SweepState
    done: int = Field(description="Runs finished.")
    total: int
    failures: int = Field(description="Runs that ended in an error row.")
    parameters: list[str] = Field([], description="The parameter paths the sweep varies.")
    rows: list[dict[str, Any]] | None = Field(
        None, description="When done: one row per run, as in runs.jsonl of `transfers sweep`."
    )
    error: str | None = None


class SweepBoard:
    """The sweeps this service runs or ran, by id; each with the task that runs it."""

    def __init__(self) -> None:
        self._sweeps: OrderedDict[str, SweepStatus] = OrderedDict()
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def add(self, total: int, parameters: list[str]) -> SweepStatus:
        status = SweepStatus(
            id=uuid.uuid4().hex,
            state=SweepState.QUEUED,
            done=0,
            total=total,
            failures=0,
            parameters=parameters,
        )
        self._sweeps[status.id] = status
        while len(self._sweeps) > KEEP:
            oldest = next(
                (
                    k
                    for k, v in self._sweeps.items()
                    if v.state in (SweepState.DONE, SweepState.FAILED)
                ),
                None,
            )
            if oldest is None:
                break
            del self._sweeps[oldest]
        return status

    def get(self, sweep_id: str) -> SweepStatus | None:
        return self._sweeps.get(sweep_id)

    def update(self, sweep_id: str, **changes: Any) -> None:
        if sweep_id in self._sweeps:
            self._sweeps[sweep_id] = self._sweeps[sweep_id].model_copy(update=changes)

    def start(self, sweep_id: str, task: asyncio.Task[None]) -> None:
        self._tasks[sweep_id] = task  # held so the task is not collected while it runs
        task.add_done_callback(lambda _: self._tasks.pop(sweep_id, None))

    async def stop(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()
