"""The service's answers when a worker gives none: the pool is full (503) or the request ran
out of time (504). Stated once for every route that runs work on the pool."""

from __future__ import annotations

from fastapi.responses import JSONResponse

from api.settings import ServiceSettings


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
