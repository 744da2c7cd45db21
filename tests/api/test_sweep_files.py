"""A sweep's folder: one sweep writes there at a time, and a lock left by a dead process does
not stick; failed rows name players by id."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from api.application import run_sweep
from api.sweep_files import FolderLock, SweepFolderError
from models.scenario import Scenario
from models.sweep import SweepPlan


def _lock(folder: Path, pid: int, started: float, host: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    held = {"pid": pid, "host": host or socket.gethostname(), "started": started}
    (folder / FolderLock.NAME).write_text(json.dumps(held), encoding="utf-8")


def test_a_live_sweep_keeps_the_folder(tmp_path: Path) -> None:
    me = psutil.Process()
    _lock(tmp_path, me.pid, me.create_time())
    with pytest.raises(SweepFolderError, match=rf"in use by another sweep \(process {me.pid}"):
        FolderLock(tmp_path).__enter__()
    _lock(tmp_path, me.pid, me.create_time(), host="elsewhere")
    with pytest.raises(SweepFolderError, match="on another machine: remove"):
        FolderLock(tmp_path).__enter__()


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    _lock(tmp_path, int(gone.stdout), 1.0)
    with FolderLock(tmp_path):
        held = json.loads((tmp_path / FolderLock.NAME).read_text(encoding="utf-8"))
        assert held["pid"] == os.getpid()
    assert not (tmp_path / FolderLock.NAME).exists()  # released on the way out
    # A live process id given to a new process since (another start time) is not the holder.
    _lock(tmp_path, os.getpid(), psutil.Process().create_time() - 3600)
    with FolderLock(tmp_path):
        pass


def test_failed_rows_name_players_by_id(small: Scenario) -> None:
    spec = SweepPlan.model_validate({"parameters": {"squad.forward.availability": [0.5, 1.5]}})
    rows = run_sweep(spec, small, workers=1).rows
    assert rows[0]["status"] == "optimal"
    assert rows[1]["status"] == "error"
    assert "squad.forward.availability: Input should be less than or equal to 1" in rows[1]["error"]
    assert "squad[2]" not in rows[1]["error"]
