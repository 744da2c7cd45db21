"""Work shared with forked copies of this process, each item taken from a shared counter.

A fork holds everything this process has loaded (the engine, a built model, a loaded
solver), so a helper starts in milliseconds where a fresh process spends most of a second
importing the engine; on a 2-core machine that start-up is what decides whether a second
process pays. A fork is made only when it is safe: the solver backend leaves no thread
running (:meth:`Backend.fork_ready`: a forked copy of a running thread pool deadlocks) and
this process runs no other Python thread. Callers run the work themselves otherwise.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from optimizer.backends import Backend

T = TypeVar("T")
_DONE = "done"


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork(backend: Backend) -> bool:
    """This process can be forked safely now (it then holds no solver thread)."""
    if not hasattr(os, "fork") or "fork" not in mp.get_all_start_methods():
        return False
    if threading.active_count() > 1:
        return False
    return backend.fork_ready()


def share(count: int, work: Callable[[int], T], helpers: int) -> Iterator[tuple[int, T]]:
    """Items 0 .. count-1 answered once each, by this process and ``helpers`` forks of it
    (call :func:`can_fork` first), as ``(item, work(item))`` in the order they finish. An
    item a helper could not answer (it raised, or the helper died) is answered here, so its
    error surfaces here as it would without helpers. Stopping the iteration early stops the
    helpers."""
    ctx = mp.get_context("fork")
    counter = ctx.Value("i", 0)

    def take() -> Iterator[int]:
        while True:
            with counter.get_lock():
                k = counter.value
                if k >= count:
                    return
                counter.value = k + 1
            yield k

    parent = os.getpid()
    readers: list[Connection] = []
    pids: list[int] = []
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        for _ in range(helpers):
            reader, writer = ctx.Pipe(duplex=False)
            pid = os.fork()
            if pid == 0:  # a helper: answer items, send each answer, leave without clean-up
                try:
                    reader.close()
                    _die_with(parent)
                    for k in take():
                        try:
                            writer.send((k, True, work(k)))
                        except Exception:
                            writer.send((k, False, None))  # answered again by the parent
                    writer.send(_DONE)
                finally:
                    os._exit(0)
            writer.close()
            readers.append(reader)
            pids.append(pid)
        answered: set[int] = set()
        for k in take():
            answered.add(k)
            yield k, work(k)
            for item in _received(readers, block=False):
                answered.add(item[0])
                yield item
        while readers:
            for item in _received(readers, block=True):
                answered.add(item[0])
                yield item
        for k in range(count):
            if k not in answered:
                yield k, work(k)
    finally:
        for reader in readers:
            reader.close()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _received(readers: list[Connection], block: bool) -> Iterator[tuple[int, Any]]:
    """The answers waiting in the helpers' pipes (with ``block``: at least one, unless
    every helper has ended); a pipe whose helper is done or dead is closed and dropped."""
    ready = wait(readers) if block else [r for r in readers if r.poll()]
    for reader in ready:
        assert isinstance(reader, Connection)
        try:
            message = reader.recv()
        except EOFError:  # the helper died: what it took is answered by the parent
            message = _DONE
        if message == _DONE:
            reader.close()
            readers.remove(reader)
            continue
        k, ok, answer = message
        if ok:
            yield k, answer


def _die_with(parent: int) -> None:
    """Have the kernel end this process when its parent ends (a service worker stopped at
    its deadline takes its helper with it); Linux only, elsewhere the helper ends when its
    next answer finds no reader."""
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(0)
