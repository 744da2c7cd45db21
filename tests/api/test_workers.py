"""The worker pool's waiting line, without processes: its length is exact at every moment."""

from __future__ import annotations

import asyncio
import time
from typing import Any, cast

import pytest

from api.workers import Saturated, TimedOut, Worker, WorkerPool


def test_a_burst_fills_the_workers_and_the_line_and_no_more() -> None:
    async def burst() -> tuple[list[str], int]:
        pool = WorkerPool(size=2, max_queue=3)
        for name in ("w1", "w2"):
            pool._release(cast(Worker, name))
        peak = 0

        async def one() -> str:
            nonlocal peak
            try:
                worker = await pool._acquire(time.monotonic() + 0.2)
            except Saturated:
                return "saturated"
            except TimedOut:
                return "timed out"
            peak = max(peak, pool.waiting)
            await asyncio.sleep(0.05)
            pool._release(worker)
            return "ran"

        async def watch() -> None:
            nonlocal peak
            for _ in range(40):
                peak = max(peak, pool.waiting)
                await asyncio.sleep(0.005)

        results = await asyncio.gather(*(one() for _ in range(12)), watch())
        return [r for r in results if r is not None], peak

    results, peak = asyncio.run(burst())
    # 2 run at once, 3 wait and run when a worker is handed to them, 7 are refused at once.
    assert results.count("ran") == 5 and results.count("saturated") == 7
    assert peak <= 3


def test_a_request_that_gives_up_leaves_the_line() -> None:
    async def run() -> Any:
        pool = WorkerPool(size=1, max_queue=1)
        with pytest.raises(TimedOut):
            await pool._acquire(time.monotonic() + 0.01)
        assert pool.waiting == 0
        pool._release(cast(Worker, "w"))
        return await pool._acquire(time.monotonic() + 1)  # handed the worker at once

    assert asyncio.run(run()) == "w"


def test_a_failed_worker_is_logged_with_its_error(caplog: pytest.LogCaptureFixture) -> None:
    # Regression: routes answered "see the service log" and the log held no cause.
    from fastapi import HTTPException, Request

    from api.refusals import answer_or_refusal
    from api.settings import ServiceSettings
    from api.workers import WorkerFailed

    class FailingPool:
        async def run(self, *args: Any, **kwargs: Any) -> Any:
            raise WorkerFailed("ValueError: boom\nTraceback ...")

    scope = {"type": "http", "state": {"request_id": "r-1"}, "headers": []}
    with caplog.at_level("ERROR", logger="transfers.service"), pytest.raises(HTTPException) as e:
        asyncio.run(
            answer_or_refusal(
                cast(WorkerPool, FailingPool()), None, ServiceSettings(), Request(scope), "backtest"
            )
        )
    assert e.value.status_code == 500 and "the backtest failed" in str(e.value.detail)
    (logged,) = [r.getMessage() for r in caplog.records]
    assert '"request_id": "r-1"' in logged and "ValueError: boom" in logged
