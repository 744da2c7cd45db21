"""Sweep jobs over HTTP: 202 and an id, progress, then the rows; the same rows as the
application layer computes in-process; bad sweeps are 422 naming the parameter."""

from __future__ import annotations

import time
from typing import Any

import httpx
from fastapi.testclient import TestClient

from api.application import run_sweep
from models.sweep import SweepPlan, load_sweep
from scenarios import ROOT as SCENARIOS
from tests.api.conftest import Server

MILAN = SCENARIOS / "liverpool-2026-01" / "milan-fee.sweep.yaml"


def _body() -> dict[str, Any]:
    spec, base = load_sweep(MILAN)
    plan = spec.model_dump(mode="json", include=set(SweepPlan.model_fields) - {"exact"})
    return {"scenario": base.model_dump(mode="json"), "sweep": plan}  # exact: CLI only


def _finish(get: Any, url: str, seconds: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        status = get(url).json()
        seen.append(status["state"])
        if status["state"] in ("done", "failed"):
            status["seen"] = seen
            return status
        time.sleep(0.1)
    raise AssertionError(f"sweep not done in {seconds} s: {seen[-5:]}")


def _comparable(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "seconds"} for r in rows]


def test_a_sweep_job_gives_the_rows_of_the_application_layer(client: TestClient) -> None:
    started = client.post("/v1/sweeps", json=_body())
    assert started.status_code == 202
    job = started.json()
    assert job["state"] == "queued" and job["total"] == 30 and job["rows"] is None
    status = _finish(client.get, f"/v1/sweeps/{job['id']}")
    assert status["state"] == "done" and status["done"] == 30 and status["failures"] == 0
    spec, base = load_sweep(MILAN)
    expected = run_sweep(spec, base, workers=1).rows
    assert _comparable(status["rows"]) == _comparable(expected)


def test_bad_sweeps_are_422_naming_the_parameter(client: TestClient) -> None:
    body = _body()
    body["sweep"]["parameters"] = {"offers[9].fee": [1, 2]}
    bad = client.post("/v1/sweeps", json=body)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "sweep", "parameters", "offers[9].fee"]
    # Regression: a misspelt last step was set as a new key and every run failed, while
    # the sweep was accepted (202) and ended "done".
    body["sweep"]["parameters"] = {"rules.budget.netspend": [1, 2]}
    typo = client.post("/v1/sweeps", json=body)
    assert typo.status_code == 422
    (problem,) = typo.json()["detail"]
    assert problem["loc"] == ["body", "sweep", "parameters", "rules.budget.netspend"]
    assert problem["msg"] == "no field 'netspend' there in the scenario"
    # Regression: one field by id and by number, the last value winning in every run.
    body["sweep"]["parameters"] = {"squad.joe-gomez.wage": [1, 2], "squad[9].wage": [3]}
    alias = client.post("/v1/sweeps", json=body)
    assert alias.status_code == 422
    (problem,) = alias.json()["detail"]
    assert problem["loc"] == ["body", "sweep", "parameters", "squad[9].wage"]
    assert problem["msg"].startswith("squad[9].wage would overwrite the parameter squad.joe-gomez")
    # Regression: an exact: section was accepted and silently ignored.
    body["sweep"]["parameters"] = {"rules.budget.net_spend": [1, 2]}
    body["sweep"]["exact"] = {"parameter": "rules.budget.net_spend", "low": 0, "high": 20}
    exact = client.post("/v1/sweeps", json=body)
    assert exact.status_code == 422
    assert exact.json()["detail"][0]["loc"] == ["body", "sweep", "exact"]
    body = _body()
    body["sweep"]["mode"] = "sideways"
    assert client.post("/v1/sweeps", json=body).status_code == 422
    assert client.post("/v1/sweeps?solver=gurobi", json=_body()).status_code == 422
    unknown = client.get("/v1/sweeps/nope")
    assert unknown.status_code == 404 and "no sweep 'nope'" in unknown.text


def test_a_sweep_over_the_run_limit_is_422(client: TestClient) -> None:
    body = _body()
    body["sweep"]["parameters"] = {"rules.budget.net_spend": {"range": [0, 2000, 1]}}
    too_many = client.post("/v1/sweeps", json=body)
    assert too_many.status_code == 422 and "TRANSFERS_MAX_SWEEP_RUNS" in too_many.text


def test_a_huge_grid_is_422_before_its_runs_are_made(client: TestClient) -> None:
    # Regression: a grid of two 1e6-point ranges was expanded (1e12 runs) before the limit
    # was checked; the fuzzed contract test found a linspace of 1e14 points (a 500).
    body = _body()
    body["sweep"]["mode"] = "grid"
    body["sweep"]["parameters"] = {
        "rules.budget.net_spend": {"range": [0, 999_999, 1]},
        "offers[0].fee": {"linspace": [0, 40, 1_000_000]},
    }
    too_many = client.post("/v1/sweeps", json=body)
    assert too_many.status_code == 422 and "1000000000000 runs" in too_many.text
    body["sweep"]["parameters"] = {"offers[0].fee": {"linspace": [0, 40, 99_999_999_999_999]}}
    assert client.post("/v1/sweeps", json=body).status_code == 422


def test_a_sweep_job_on_a_real_server(server: Server) -> None:
    body = _body()
    body["sweep"]["parameters"] = {"offers[0].fee": [10, 30]}
    started = httpx.post(f"{server.url}/v1/sweeps", json=body, timeout=30)
    assert started.status_code == 202
    url = f"{server.url}/v1/sweeps/{started.json()['id']}"
    status = _finish(lambda u: httpx.get(u, timeout=10), url)
    assert status["state"] == "done" and len(status["rows"]) == 2
    assert {row["param.offers[0].fee"] for row in status["rows"]} == {10, 30}
