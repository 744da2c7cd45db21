"""Pausing the cyclic collector: off inside, restored after, nested and on errors."""

from __future__ import annotations

import gc

import pytest

from models.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_state():  # type: ignore[no-untyped-def]
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_off_inside_and_on_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause is still in progress
    assert gc.isenabled()


def test_restored_after_an_error() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_solving_leaves_the_collector_on(liverpool) -> None:  # type: ignore[no-untyped-def]
    from optimizer.solve import solve

    gc.enable()
    solve(liverpool)
    assert gc.isenabled()
