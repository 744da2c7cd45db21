"""POST /v1/explain and POST /v1/threshold: "why not?" over HTTP, as `transfers explain
--format json` prints it (the best plan that signs, sells or keeps a player, and its cost;
with a parameter, the values where that move starts to pay). Thin: check the question and
the service's limits, hand the work to a worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Body, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from api.application import Question, Solver
from api.jobs import ExplainJob
from api.problems import problems_response
from api.refusals import answer_or_refusal
from api.request_checks import with_what_ifs
from api.settings import ServiceSettings
from api.workers import WorkerPool
from models.errors import InputProblem
from models.scenario import Scenario
from models.tradeoffs import Explanation, Threshold

Check = Callable[[Scenario], JSONResponse | None]
ScenarioBody = Annotated[Scenario, Body(description="A scenario document, tables inline.")]


class ExplainQuery(BaseModel):
    """The question: exactly one of sign (a target's id), sell or keep (a squad player's)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
    sign: str | None = Field(None, description="A target's id: the best plan that signs him.")
    sell: str | None = Field(None, description="A squad player's id: the best plan that sells him.")
    keep: str | None = Field(None, description="A squad player's id: the best plan that keeps him.")
    solver: Solver = Solver.highs
    set: list[str] = Field(
        default_factory=list,
        description="What-ifs applied to the body first, as `transfers explain --set`.",
    )


class ThresholdQuery(ExplainQuery):
    """The question and the parameter to scan, as `transfers explain --threshold`."""

    parameter: str = Field(description="A sweep path to scan, e.g. offers[0].fee.")
    low: float | None = Field(None, description="Scan from (with high; default 0).")
    high: float | None = Field(
        None, description="Scan to (with low; default twice the scenario's value)."
    )
    tolerance: float | None = Field(
        None,
        ge=1e-9,  # as the CLI's --tolerance
        description="Place each change to within this (default: a thousandth of the range, "
        "or of today's value when that is smaller).",
    )


def _question(scenario: Scenario, query: ExplainQuery) -> tuple[Question, str] | JSONResponse:
    """The one question asked, or 422: none or several, or an id not in its table."""
    asked = [(q, getattr(query, q.value)) for q in Question if getattr(query, q.value)]
    if len(asked) != 1:
        given = {q.value: pid for q, pid in asked}
        problem = InputProblem((), "give exactly one of sign, sell, keep", given or None)
        return problems_response([problem], part="query")
    question, pid = asked[0]
    people = scenario.targets if question == Question.SIGN else scenario.squad
    if pid not in {p.id for p in people}:
        table = "targets" if question == Question.SIGN else "squad"
        problem = InputProblem((question.value,), f"not an id in the scenario's {table}", pid)
        return problems_response([problem], part="query")
    return question, pid


def add_explain_routes(
    app: FastAPI,
    pool: WorkerPool,
    settings: ServiceSettings,
    check: Check,
    errors: dict[int | str, dict[str, Any]],
) -> None:
    async def answer(
        request: Request, scenario: Scenario, query: ExplainQuery, job: dict[str, Any]
    ) -> Response:
        changed = with_what_ifs(scenario, query.set, job.get("threshold"))
        if isinstance(changed, JSONResponse):
            return changed
        scenario = changed
        refused = check(scenario)
        if refused is not None:
            return refused
        asked = _question(scenario, query)
        if isinstance(asked, JSONResponse):
            return asked
        question, pid = asked
        work = ExplainJob(scenario, question.value, pid, query.solver.value, **job)
        result = await answer_or_refusal(pool, work, settings, request, "explanation")
        if isinstance(result, Response):
            return result
        if "refused" in result:  # a path, range or value only the scan could judge
            scan = ("parameter", "low", "high", "tolerance")
            given = {k: getattr(query, k) for k in scan if getattr(query, k, None) is not None}
            rejected = InputProblem((result["at"],), result["refused"], given)
            return problems_response([rejected], part="query")
        return JSONResponse(result["answer"])

    @app.post(
        "/v1/explain",
        response_model=Explanation,
        responses=errors,
        summary='"Why not?": the best plan that signs, sells or keeps a player, and its cost.',
    )
    async def explain_route(
        request: Request, scenario: ScenarioBody, query: Annotated[ExplainQuery, Query()]
    ) -> Response:
        return await answer(request, scenario, query, {})

    @app.post(
        "/v1/threshold",
        response_model=Threshold,
        responses=errors,
        summary="At what value of a parameter a move starts or stops paying (exact scan).",
    )
    async def threshold_route(
        request: Request, scenario: ScenarioBody, query: Annotated[ThresholdQuery, Query()]
    ) -> Response:
        if (query.low is None) != (query.high is None):
            missing = "high" if query.high is None else "low"
            problem = InputProblem((missing,), "give both low and high, or neither", None)
            return problems_response([problem], part="query")
        if query.low is not None and query.high is not None and query.low >= query.high:
            words = f"must be above low ({query.low:g})"
            return problems_response([InputProblem(("high",), words, query.high)], part="query")
        between = None if query.low is None or query.high is None else (query.low, query.high)
        job = {"threshold": query.parameter, "between": between, "tolerance": query.tolerance}
        return await answer(request, scenario, query, job)
