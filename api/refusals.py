"""The service's answers when a worker gives none: the pool is full (503), the request ran
out of time (504) or its client went away (499). Stated once for every route that runs work
on the pool."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, Response

from api.settings import ServiceSettings
from api.workers import Disconnected, Saturated, TimedOut, WorkerFailed, WorkerPool

log = logging.getLogger("transfers.service")


def busy(settings: ServiceSettings) -> JSONResponse:
    return JSONResponse(
        status_code=503,
        content={"detail": "every solver is busy and the queue is full; retry later"},
        headers={"Retry-After": str(settings.retry_after)},
    )


def timed_out(settings: ServiceSettings) -> JSONResponse:
    return JSONResponse(
        status_code=504,
        content={
            "detail": f"no answer within {settings.request_timeout} s "
            "(TRANSFERS_REQUEST_TIMEOUT); the solver was stopped"
        },
    )


async def answer_or_refusal(
    pool: WorkerPool, job: Any, settings: ServiceSettings, request: Request, what: str
) -> Any:
    """The worker's answer to ``job`` (JSON data), or the service's refusal as a Response for
    the route to return: 503 when the pool is full, 504 past the request timeout, 499 when
    the client went away (the solver is stopped in both). A worker that fails is a 500
    naming ``what`` (the cause is in the service log)."""
    try:
        return await pool.run(
            job, time.monotonic() + settings.request_timeout, request.is_disconnected
        )
    except Saturated:
        return busy(settings)
    except TimedOut:
        return timed_out(settings)
    except Disconnected:
        return Response(status_code=499)  # nobody is listening; the solver was stopped
    except WorkerFailed as exc:
        request_id = request.scope.get("state", {}).get("request_id", "")
        failed = {"event": "worker_failed", "request_id": request_id, "work": what}
        log.error(json.dumps({**failed, "error": str(exc)}))
        raise HTTPException(500, f"the {what} failed; see the service log") from None
