"""POST /v1/backtest: the window's plans replayed on real absences, as `transfers backtest
--format json` prints it. Thin: check the service's limits, hand the work to a worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any

from fastapi import Body, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from api.application import Solver, backtest_problems, coverage_problems
from api.jobs import BacktestJob
from api.problems import problems_response
from api.refusals import answer_or_refusal
from api.settings import ServiceSettings
from api.workers import WorkerPool
from models.absences import Spell
from models.backtest import Backtest
from models.scenario import Scenario

Check = Callable[[Scenario], JSONResponse | None]


class BacktestBody(BaseModel):
    """The scenario (tables inline) and the absence spells to plan with and judge by."""

    model_config = ConfigDict(extra="forbid")
    scenario: Scenario
    absences: list[Spell] = Field(
        description="Rows of an absences table: player, from, until (or days), optional "
        "reason, url, season; as the CSV `transfers backtest --absences` reads.",
    )
    known_by: dt.date | None = Field(
        None, description="Plan with the spells begun before it; default: the window's close."
    )

    @field_validator("absences")
    @classmethod
    def _some(cls, spells: list[Spell]) -> list[Spell]:
        if not spells:  # as a table of only its header: every person would read injury-free
            raise PydanticCustomError("no_spells", "no spells: give the table's rows")
        return spells


class BacktestOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
    solver: Solver = Solver.highs
    time_limit: float | None = Field(None, gt=0, description="Seconds per solve.")


def add_backtest_route(
    app: FastAPI,
    pool: WorkerPool,
    settings: ServiceSettings,
    check: Check,
    errors: dict[int | str, dict[str, Any]],
) -> None:
    @app.post(
        "/v1/backtest",
        response_model=Backtest,
        responses=errors,
        summary="Replay the first window's plans on real absences, matchday by matchday.",
    )
    async def backtest_route(
        request: Request,
        body: Annotated[BacktestBody, Body()],
        options: Annotated[BacktestOptions, Query()],
    ) -> Response:
        problem = check(body.scenario)
        if problem is not None:
            return problem
        # known_by is the body's own; the others are the scenario's, which the body holds at
        # "scenario" (a horizon was refused at body.windows, a field the body has not).
        refused = [
            p if p.path[:1] == ("known_by",) else replace(p, path=("scenario", *p.path))
            for p in [
                *backtest_problems(body.scenario, body.known_by),
                *coverage_problems(body.scenario, body.known_by, body.absences),
            ]
        ]
        if refused:
            return problems_response(refused)
        limit = min(options.time_limit or settings.max_solve_seconds, settings.max_solve_seconds)
        job = BacktestJob(body.scenario, body.absences, body.known_by, options.solver.value, limit)
        result = await answer_or_refusal(pool, job, settings, request, "backtest")
        return result if isinstance(result, Response) else JSONResponse(result)
