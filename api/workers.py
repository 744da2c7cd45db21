"""A bounded pool of solver processes that the service can stop at any moment.

Solves run in separate processes, never on the event loop; a request waits for a free
worker only while fewer than ``max_queue`` requests already wait (else ``Saturated``: the
service answers 503). A request whose client disconnects, or that runs past its deadline,
has its worker killed and replaced, so no solver is ever left running for nobody.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing as mp
import time
import traceback
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

POLL_SECONDS = 0.005


class Saturated(Exception):
    """Every worker is busy and the waiting line is full."""


class TimedOut(Exception):
    """The request's deadline passed; its worker was stopped."""


class Disconnected(Exception):
    """The client went away; its worker was stopped."""


class WorkerFailed(Exception):
    """The worker died or raised; carries the message."""


def _serve(conn: Connection) -> None:
    """Worker process: run jobs from the pipe until it closes."""
    from api.jobs import run_job  # imported here: the engine loads once per worker

    # The engine's modules and schemas live as long as the worker: frozen, the collector's
    # full passes no longer scan them (its time per Liverpool solve 0.6-0.7 -> 0.33 ms).
    gc.freeze()
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", run_job(job, lambda payload: conn.send(("progress", payload)))))
        except Exception as exc:  # reported to the request, which answers with its own error
            conn.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))


@dataclass
class Worker:
    process: BaseProcess
    conn: Connection

    @classmethod
    def spawn(cls) -> Worker:
        ctx = mp.get_context("spawn")  # no fork: the parent runs threads (uvicorn, HiGHS)
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child,), daemon=True)
        process.start()
        child.close()
        kind, _ = parent.recv()  # wait until the engine is imported
        assert kind == "ready"
        return cls(process, parent)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """Workers handed out one job at a time, with a waiting line of at most ``max_queue``.

    The line is a list of futures that the pool itself hands a freed worker to, so its
    length is exact at every moment: a request either takes an idle worker at once, joins
    the line when it is shorter than ``max_queue``, or is refused (``Saturated``), all
    without yielding to the event loop in between. (Regression: an ``asyncio.Queue`` read
    through ``wait_for`` took its worker only in a task scheduled later, so a burst of
    requests all saw an idle worker and all joined the line: 24 waited with a limit of 8.)
    """

    def __init__(self, size: int, max_queue: int) -> None:
        self.size = size
        self.max_queue = max_queue
        self.busy = 0
        self.restarts = 0
        self._idle: list[Worker] = []
        self._line: deque[asyncio.Future[Worker]] = deque()
        self._all: list[Worker] = []
        self._stopping = False

    @property
    def waiting(self) -> int:
        """Requests in the waiting line now (never more than ``max_queue``)."""
        return len(self._line)

    async def start(self) -> None:
        workers = await asyncio.gather(*(asyncio.to_thread(Worker.spawn) for _ in range(self.size)))
        for w in workers:
            self._all.append(w)
            self._release(w)

    async def stop(self) -> None:
        self._stopping = True
        for w in self._all:
            w.kill()
        self._all.clear()

    @property
    def saturated(self) -> bool:
        """Every worker busy and the waiting line full: a new job would get Saturated."""
        return not self._idle and len(self._line) >= self.max_queue

    def processes(self) -> list[BaseProcess]:
        return [w.process for w in self._all]

    def _release(self, worker: Worker) -> None:
        """Hand ``worker`` to the first request in line, else keep it idle."""
        while self._line:
            future = self._line.popleft()
            if not future.done():  # a request that gave up has a cancelled future
                future.set_result(worker)
                return
        self._idle.append(worker)

    async def _acquire(self, deadline: float) -> Worker:
        if self._idle:
            return self._idle.pop()
        if len(self._line) >= self.max_queue:
            raise Saturated
        future: asyncio.Future[Worker] = asyncio.get_running_loop().create_future()
        self._line.append(future)
        try:
            return await asyncio.wait_for(
                asyncio.shield(future), max(0.0, deadline - time.monotonic())
            )
        except (TimeoutError, asyncio.CancelledError) as exc:
            if future.done() and not future.cancelled():
                self._release(future.result())  # handed over as we gave up: pass it on
            else:
                future.cancel()
                if future in self._line:
                    self._line.remove(future)
            if isinstance(exc, TimeoutError):
                raise TimedOut from None
            raise

    async def run(
        self,
        job: Any,
        deadline: float,
        disconnected: Callable[[], Awaitable[bool]],
        on_progress: Callable[[Any], None] | None = None,
    ) -> Any:
        """Run ``job`` on a worker; raises Saturated, TimedOut, Disconnected, WorkerFailed.
        ``on_progress`` receives what the job reports while it runs (a sweep's runs done)."""
        worker = await self._acquire(deadline)
        self.busy += 1
        try:
            worker.conn.send(job)
            kind, payload = await self._result(worker, deadline, disconnected, on_progress)
        except (TimedOut, Disconnected, WorkerFailed, asyncio.CancelledError):
            await self._replace(worker)  # its solver may still run: never reuse it
            raise
        finally:
            self.busy -= 1
        self._release(worker)
        if kind == "error":
            raise WorkerFailed(payload)
        return payload

    async def _result(
        self,
        worker: Worker,
        deadline: float,
        disconnected: Callable[[], Awaitable[bool]],
        on_progress: Callable[[Any], None] | None,
    ) -> tuple[str, Any]:
        checks = 0
        while True:
            if worker.conn.poll():
                try:
                    kind, payload = worker.conn.recv()
                except EOFError:
                    raise WorkerFailed("the solver process ended unexpectedly") from None
                if kind != "progress":
                    return kind, payload
                if on_progress is not None:
                    on_progress(payload)
                continue
            if not worker.process.is_alive():
                raise WorkerFailed("the solver process ended unexpectedly")
            if time.monotonic() > deadline:
                raise TimedOut
            checks += 1
            if checks % 10 == 0 and await disconnected():
                raise Disconnected
            await asyncio.sleep(POLL_SECONDS)

    async def _replace(self, worker: Worker) -> None:
        worker.kill()
        if self._stopping or worker not in self._all:
            return  # the service is shutting down: no new worker
        self._all.remove(worker)
        self.restarts += 1
        fresh = await asyncio.to_thread(Worker.spawn)
        self._all.append(fresh)
        self._release(fresh)
