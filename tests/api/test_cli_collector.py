"""The CLI's policy for the cyclic collector (api.cli.main): off for a command that runs
and exits, back on for serve and sweep, which run long. In-process, with the long work
itself replaced: only the collector's state when it would start is asked."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from api import cli
from tests.conftest import ROOT


@pytest.fixture
def collector() -> Iterator[None]:
    """Whatever the test does to the collector is undone."""
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()


def test_a_one_shot_command_runs_with_the_collector_off(
    collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["transfers", "solvers"])
    with pytest.raises(SystemExit) as done:
        cli.main()
    assert done.value.code == 0
    assert not gc.isenabled()


def test_serve_turns_the_collector_back_on(
    collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    seen: list[bool] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: seen.append(gc.isenabled()))
    gc.disable()  # as main() leaves it
    cli.serve(host="127.0.0.1", port=8000)
    assert seen == [True]


def test_sweep_turns_the_collector_back_on(
    collector: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import api.application

    class Stop(Exception):
        pass

    seen: list[bool] = []

    def run_sweep(*args: Any, **kwargs: Any) -> None:
        seen.append(gc.isenabled())
        raise Stop

    monkeypatch.setattr(api.application, "run_sweep", run_sweep)
    gc.disable()
    sweep = ROOT / "scenarios" / "liverpool-2026-01" / "budget.sweep.yaml"
    with pytest.raises(Stop):
        cli.sweep(sweep_file=sweep, out=tmp_path / "out", workers=1, scheduler=None)
    assert seen == [True]
