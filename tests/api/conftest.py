"""Service fixtures: the app under the test client, and a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.service import create_app
from api.settings import ServiceSettings
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(ServiceSettings(workers=2, max_targets=100))) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._log_file = log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from api.cli import main; main()",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not start: {log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log_file.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("server") / "server.log"
    s = Server(
        {"TRANSFERS_WORKERS": "2", "TRANSFERS_MAX_QUEUE": "32", "TRANSFERS_MAX_TARGETS": "500"}, log
    )
    yield s
    s.stop()


@pytest.fixture
def busy_server(tmp_path: Path) -> Iterator[Server]:
    """One worker, no waiting line, short timeout: for 503, 504 and disconnects."""
    s = Server(
        {
            "TRANSFERS_WORKERS": "1",
            "TRANSFERS_MAX_QUEUE": "0",
            "TRANSFERS_REQUEST_TIMEOUT": "1.0",
            "TRANSFERS_RETRY_AFTER": "3",
        },
        tmp_path / "server.log",
    )
    yield s
    s.stop()
