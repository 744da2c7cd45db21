"""The HTTP service (FastAPI): the engine as a dependable endpoint. Thin: parse, check the
service's limits, hand the work (the application layer's, :mod:`api.application`) to a
worker process, answer.

Routes: POST /v1/solve, POST /v1/sweeps and GET /v1/sweeps/{id} (sweep jobs: 202, then
progress, then rows), POST /v1/backtest (:mod:`api.backtest_route`), POST /v1/explain and
POST /v1/threshold ("why not?", :mod:`api.explain_route`), POST /v1/validate,
GET /v1/scenarios, GET /v1/scenarios/{name}, GET /v1/schema, GET /health; OpenAPI docs at
/docs. The web page at / and the routes
only it needs (uploads, sweep downloads) are in :mod:`api.web`. Limits come from
:class:`api.settings.ServiceSettings` (environment variables ``TRANSFERS_*``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Body, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.application import SolveRequest
from api.backtest_route import add_backtest_route
from api.explain_route import add_explain_routes
from api.jobs import SolveJob, SweepJob
from api.problems import ErrorBody, problems_response
from api.refusals import busy, timed_out
from api.request_checks import (
    FiniteJsonRoute,
    NoQuery,
    invalid_request,
    with_what_ifs,
)
from api.settings import ServiceSettings
from api.sweep_jobs import SweepBoard, SweepBody, SweepOptions, SweepState, SweepStatus
from api.web import add_web_routes
from api.workers import Disconnected, Saturated, TimedOut, WorkerFailed, WorkerPool
from models.errors import InputProblem, ScenarioError
from models.plan import Plan
from models.scenario import Scenario, cross_field_problems
from models.sweep import expand, parameter_problems, run_count
from scenarios import bundled_names, load_bundled

log = logging.getLogger("transfers.service")
ScenarioBody = Annotated[Scenario, Body(description="A scenario document, tables inline.")]


class SolveQuery(SolveRequest):
    """POST /v1/solve's query: how to solve, and what-ifs applied to the body first."""

    set: list[str] = Field(
        default_factory=list,
        description="What-ifs, each PATH=VALUE in the sweep path syntax with a YAML value "
        "(set=offers[0].fee=25&set=locks.keep=[]), as `transfers solve --set`.",
    )


class ValidationReport(BaseModel):
    valid: bool
    name: str
    squad: int
    targets: int
    offers: int
    extra_columns: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Per table, the row fields kept but not interpreted (usable by groups).",
    )


class ScenarioList(BaseModel):
    scenarios: list[str]


class Health(BaseModel):
    status: str
    workers: int
    busy: int
    waiting: int
    restarts: int


class _BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes (TRANSFERS_MAX_BODY_BYTES)")


class BodyLimit:
    """413 for a body over the limit, whether it says its length or streams it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            body = json.dumps({"detail": _BodyTooLarge(self.limit).detail}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [(b"content-type", b"application/json")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge(self.limit)
            return message

        await self.app(scope, limited, send)


class RequestLog:
    """One structured (JSON) log line per request, with its id (X-Request-ID or new)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(b"x-request-id", b"").decode("latin-1")[:64] or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        start = time.perf_counter()
        status = 500

        async def tagged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, tagged)
        finally:
            log.info(
                json.dumps(
                    {
                        "event": "request",
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "seconds": round(time.perf_counter() - start, 4),
                    }
                )
            )


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or ServiceSettings()
    pool = WorkerPool(settings.workers, settings.max_queue)
    board = SweepBoard()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await board.stop()
            await pool.stop()

    app = FastAPI(
        title="transfers",
        summary="Transfer-window optimiser: the best plan for a window and what it costs.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.router.route_class = FiniteJsonRoute
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.state.pool = pool
    app.state.sweeps = board
    app.state.settings = settings
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(RequestLog)

    errors: dict[int | str, dict[str, Any]] = {
        400: {"model": ErrorBody, "description": "Body is not readable JSON text."},
        413: {"model": ErrorBody, "description": "Body over the size limit."},
        503: {"model": ErrorBody, "description": "Every worker busy; retry after the header."},
        504: {"model": ErrorBody, "description": "Past the request timeout; solver stopped."},
    }

    def check(scenario: Scenario) -> JSONResponse | None:
        problems = cross_field_problems(scenario)
        if len(scenario.targets) > settings.max_targets:
            problems.append(
                InputProblem(
                    ("targets",),
                    f"market of {len(scenario.targets)} targets is over this service's limit of "
                    f"{settings.max_targets} (TRANSFERS_MAX_TARGETS)",
                    len(scenario.targets),
                )
            )
        return problems_response(problems) if problems else None

    def check_time_limit(time_limit: float | None) -> JSONResponse | None:
        if time_limit is None or time_limit <= settings.max_solve_seconds:
            return None
        problem = InputProblem(
            ("time_limit",),
            f"over this service's limit of {settings.max_solve_seconds} s "
            "(TRANSFERS_MAX_SOLVE_SECONDS)",
            time_limit,
        )
        return problems_response([problem], part="query")

    @app.post(
        "/v1/solve",
        response_model=Plan,
        responses=errors,
        summary="Solve a scenario: the plan JSON, as `transfers solve --format json`.",
    )
    async def solve_route(
        request: Request,
        scenario: ScenarioBody,
        query: Annotated[SolveQuery, Query()],
    ) -> Response:
        changed = with_what_ifs(scenario, query.set)
        if isinstance(changed, JSONResponse):
            return changed
        scenario = changed
        options = SolveRequest.model_validate(query.model_dump(exclude={"set"}))
        problem = check(scenario) or check_time_limit(options.time_limit)
        if problem is not None:
            return problem
        limit = options.time_limit or settings.max_solve_seconds
        job = SolveJob(scenario, options.model_copy(update={"time_limit": limit}))
        request_id = request.scope.get("state", {}).get("request_id", "")
        started = time.perf_counter()
        outcome = "error"
        try:
            plan = await pool.run(
                job, time.monotonic() + settings.request_timeout, request.is_disconnected
            )
            outcome = plan["status"]
            return JSONResponse(plan)
        except Saturated:
            outcome = "saturated"
            return busy(settings)
        except TimedOut:
            outcome = "timeout"
            return timed_out(settings)
        except Disconnected:
            outcome = "disconnected"
            return Response(status_code=499)  # nobody is listening; the solver was stopped
        except WorkerFailed as exc:
            log.error(
                json.dumps({"event": "worker_failed", "request_id": request_id, "error": str(exc)})
            )
            raise HTTPException(500, "the solve failed; see the service log") from None
        finally:
            log.info(
                json.dumps(
                    {
                        "event": "solve",
                        "request_id": request_id,
                        "scenario": scenario.name,
                        "targets": len(scenario.targets),
                        "solver": options.solver_name,
                        "status": outcome,
                        "solve_seconds": round(time.perf_counter() - started, 4),
                    }
                )
            )

    @app.post(
        "/v1/sweeps",
        status_code=202,
        response_model=SweepStatus,
        responses={k: v for k, v in errors.items() if k != 504},
        summary="Start a sensitivity sweep; poll GET /v1/sweeps/{id} for progress and rows.",
    )
    async def sweep_route(
        body: Annotated[SweepBody, Body()],
        options: Annotated[SweepOptions, Query()],
    ) -> Response:
        problem = check(body.scenario) or check_time_limit(options.time_limit)
        if problem is not None:
            return problem
        problems = [
            InputProblem(("sweep", *p.path), p.message, p.value)
            for p in parameter_problems(body.sweep, body.scenario)
        ]
        if body.sweep.exact is not None:  # accepted and ignored, it would read as answered
            problems.append(
                InputProblem(
                    ("sweep", "exact"),
                    "exact scans run from the command line (transfers sweep FILE --exact); "
                    "this route runs the sweep's points",
                )
            )
        # Counted before the runs are made: a grid of two huge ranges would fill the memory.
        count = run_count(body.sweep) if not problems else 0
        if count > settings.max_sweep_runs:
            problems.append(
                InputProblem(
                    ("sweep",),
                    f"{count} runs is over this service's limit of "
                    f"{settings.max_sweep_runs} (TRANSFERS_MAX_SWEEP_RUNS)",
                    count,
                )
            )
        if problems:
            return problems_response(problems)
        runs = expand(body.sweep)
        if pool.saturated:
            return busy(settings)
        status = board.add(len(runs), list(body.sweep.parameters))
        job = SweepJob(body.sweep, body.scenario, options.solver.value, options.time_limit)

        async def never() -> bool:
            return False  # a sweep runs on whether or not anyone is polling

        def progress(payload: dict[str, Any]) -> None:
            board.update(status.id, state=SweepState.RUNNING, **payload)

        async def run() -> None:
            try:
                result = await pool.run(
                    job, time.monotonic() + settings.sweep_timeout, never, progress
                )
                rows = result["rows"]
                failures = sum(1 for r in rows if r.get("status") == "error")
                board.update(
                    status.id,
                    state=SweepState.DONE,
                    done=len(rows),
                    failures=failures,
                    rows=rows,
                )
            except Saturated:
                board.update(status.id, state=SweepState.FAILED, error="the service was busy")
            except TimedOut:
                board.update(
                    status.id,
                    state=SweepState.FAILED,
                    error=f"not done within {settings.sweep_timeout} s (TRANSFERS_SWEEP_TIMEOUT)",
                )
            except (WorkerFailed, Disconnected) as exc:
                log.error(json.dumps({"event": "sweep_failed", "id": status.id, "error": str(exc)}))
                board.update(status.id, state=SweepState.FAILED, error="the sweep failed")

        board.start(status.id, asyncio.create_task(run()))
        return JSONResponse(status_code=202, content=status.model_dump(mode="json"))

    @app.get(
        "/v1/sweeps/{sweep_id}",
        response_model=SweepStatus,
        responses={404: {"model": ErrorBody}},
        summary="A sweep's progress, then its rows.",
    )
    async def sweep_status_route(sweep_id: str, no_options: NoQuery) -> SweepStatus:
        status = board.get(sweep_id)
        if status is None:
            raise HTTPException(404, f"no sweep {sweep_id!r} (sweeps are kept in memory)")
        return status

    @app.post(
        "/v1/validate",
        response_model=ValidationReport,
        responses={400: errors[400], 413: errors[413]},
        summary="Check a scenario; 422 lists every problem with its field path.",
    )
    async def validate_route(scenario: ScenarioBody, no_options: NoQuery) -> Response:
        problem = check(scenario)
        if problem is not None:
            return problem
        extra = {
            table: sorted({key for person in people for key in person.extra})
            for table, people in (("squad", scenario.squad), ("targets", scenario.targets))
        }
        report = ValidationReport(
            valid=True,
            name=scenario.name,
            squad=len(scenario.squad),
            targets=len(scenario.targets),
            offers=len(scenario.offers),
            extra_columns={table: columns for table, columns in extra.items() if columns},
        )
        return JSONResponse(report.model_dump())

    @app.get("/v1/scenarios", response_model=ScenarioList, summary="Bundled scenario names.")
    async def list_route(no_options: NoQuery) -> ScenarioList:
        return ScenarioList(scenarios=bundled_names())

    @app.get(
        "/v1/scenarios/{name}",
        response_model=Scenario,
        responses={404: {"model": ErrorBody}},
        summary="A bundled scenario as a JSON body ready to POST to /v1/solve.",
    )
    async def scenario_route(name: str, no_options: NoQuery) -> Response:
        if name not in bundled_names():
            raise HTTPException(404, f"no bundled scenario {name!r}; see /v1/scenarios")
        try:
            scenario = load_bundled(name)
        except ScenarioError as exc:  # a broken bundled file is our bug, said plainly
            raise HTTPException(500, str(exc)) from None
        return JSONResponse(scenario.model_dump(mode="json"))

    @app.get("/v1/schema", summary="JSON Schema of a scenario document.")
    async def schema_route(no_options: NoQuery) -> dict[str, Any]:
        return Scenario.model_json_schema()

    add_web_routes(app, board, check)
    add_backtest_route(app, pool, settings, check, errors)
    add_explain_routes(app, pool, settings, check, errors)

    @app.get("/health", response_model=Health, summary="Liveness and load.")
    async def health_route(no_options: NoQuery) -> Health:
        return Health(
            status="ok",
            workers=len(pool.processes()),
            busy=pool.busy,
            waiting=pool.waiting,
            restarts=pool.restarts,
        )

    return app
