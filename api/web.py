"""The web page and the routes only it needs, added to the service's app.

- ``GET /``: the page (``api/static/index.html``); its scripts and styles under ``/static``,
  bundled in the package, so it works offline. Everything it shows comes from the HTTP
  routes (solve, validate, scenarios, sweeps), i.e. from the application layer.
- ``POST /v1/uploads``: a scenario as files (multipart), read by the file loader.
- ``GET /v1/sweeps/{id}/runs.csv`` and ``.../runs.parquet``: a finished sweep's runs table,
  the same table ``transfers sweep`` writes.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, HTTPException, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from api.problems import ErrorBody, Problems, problems_response
from api.request_checks import NoQuery
from api.sweep_files import csv_table, runs_table
from api.sweep_jobs import SweepBoard, SweepState, SweepStatus
from api.uploads import load_upload
from models.errors import ScenarioError
from models.scenario import Scenario

STATIC = Path(__file__).resolve().parent / "static"

Check = Callable[[Scenario], JSONResponse | None]
REVALIDATE = {"Cache-Control": "no-cache"}


class Assets(StaticFiles):
    """The page's files, revalidated on every load (a 304 when unchanged), so that after an
    upgrade no browser runs an older script beside a newer one."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers.update(REVALIDATE)
        return response


def add_web_routes(app: FastAPI, board: SweepBoard, check: Check) -> None:
    """The page, its assets, uploads and sweep downloads. ``check`` applies the service's
    own limits to a scenario (the same as for /v1/solve)."""
    app.mount("/static", Assets(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def page_route() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html", headers=REVALIDATE)

    @app.post(
        "/v1/uploads",
        response_model=Scenario,
        responses={
            413: {"model": ErrorBody, "description": "Upload over the size limit."},
            422: {"model": Problems, "description": "Every problem, with file, row and field."},
        },
        summary="Read an uploaded scenario: a .yaml with the CSV or .xlsx files it names.",
    )
    async def upload_route(
        _: NoQuery,
        files: Annotated[
            list[UploadFile],
            File(
                description="The scenario file and the tables it names, as `transfers "
                "validate` reads them from a folder."
            ),
        ],
    ) -> Response:
        pairs = [(upload.filename or "", await upload.read()) for upload in files]
        try:
            # The loader reads files and parses tables: off the event loop.
            scenario = await asyncio.to_thread(load_upload, pairs)
        except ScenarioError as exc:
            return problems_response(exc.problems, part="upload")
        problem = check(scenario)
        if problem is not None:
            return problem
        return JSONResponse(scenario.model_dump(mode="json"))

    def finished(sweep_id: str) -> SweepStatus:
        status = board.get(sweep_id)
        if status is None:
            raise HTTPException(404, f"no sweep {sweep_id!r} (sweeps are kept in memory)")
        if status.state != SweepState.DONE or status.rows is None:
            said = f"failed: {status.error}" if status.state == SweepState.FAILED else "not done"
            raise HTTPException(
                409, f"sweep {sweep_id!r} {said} ({status.done} of {status.total} runs)"
            )
        return status

    def download(content: bytes, media_type: str, sweep_id: str, suffix: str) -> Response:
        name = f"sweep-{sweep_id[:8]}-runs.{suffix}"
        return Response(
            content,
            media_type=media_type,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    gone: dict[int | str, dict[str, Any]] = {
        404: {"model": ErrorBody, "description": "No such sweep."},
        409: {"model": ErrorBody, "description": "The sweep is not done (or failed)."},
    }

    @app.get(
        "/v1/sweeps/{sweep_id}/runs.csv",
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}, "description": "runs.csv"}, **gone},
        summary="A finished sweep's runs as CSV (as runs.csv of `transfers sweep`).",
    )
    async def runs_csv_route(sweep_id: str, _: NoQuery) -> Response:
        status = finished(sweep_id)
        frame = csv_table(runs_table(status.rows or [], status.parameters))
        return download(frame.to_csv(index=False).encode(), "text/csv", sweep_id, "csv")

    @app.get(
        "/v1/sweeps/{sweep_id}/runs.parquet",
        response_class=Response,
        responses={
            200: {"content": {"application/vnd.apache.parquet": {}}, "description": "Parquet"},
            **gone,
        },
        summary="A finished sweep's runs as Parquet (as runs.parquet of `transfers sweep`).",
    )
    async def runs_parquet_route(sweep_id: str, _: NoQuery) -> Response:
        status = finished(sweep_id)
        buffer = io.BytesIO()
        runs_table(status.rows or [], status.parameters).to_parquet(buffer, index=False)
        return download(buffer.getvalue(), "application/vnd.apache.parquet", sweep_id, "parquet")
