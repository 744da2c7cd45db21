"""Pause CPython's cyclic garbage collector while many long-lived objects are made.

Validating a market of 20,000 targets, or building its model, makes millions of small
objects that all live on. Each full pass of the collector scans every one of them again
and finds nothing to free (none of them is in a reference cycle), so the passes grow with
the market: validating 20,000 targets took 0.89 s with the collector running, 0.38 s with
it paused (``bench/markets.py``, this 2-core machine). Pausing only defers collection:
garbage in cycles is freed at the first pass after the pause.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # pauses in progress (they nest, and may run in several threads)
_was_enabled = False  # the collector's state when the outermost pause began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; its state is restored when the last
    pause in progress ends."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
