""" "Why not?" over HTTP: POST /v1/explain and /v1/threshold answer exactly what `transfers
explain --format json` prints, and every bad question is a 422 that names it."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from scenarios import load_bundled
from tests.api.conftest import Server
from tests.conftest import ROOT, run_cli

LIVERPOOL = str(ROOT / "scenarios" / "liverpool-2026-01" / "scenario.yaml")
TEACHING = str(ROOT / "scenarios" / "teaching-centre-back" / "scenario.yaml")


def _body(name: str) -> dict[str, Any]:
    return load_bundled(name).model_dump(mode="json")


def test_explain_returns_exactly_the_cli_json(client: TestClient) -> None:
    # The founding case: the scenario's keep lock holds Gomez against Milan's bid, so keeping
    # him is free; the question is what selling him would gain (what the lock costs).
    response = client.post("/v1/explain?sell=joe-gomez", json=_body("liverpool-2026-01"))
    assert response.status_code == 200, response.text
    cli = run_cli("explain", LIVERPOOL, "--sell", "joe-gomez", "--format", "json")
    assert cli.returncode == 0, cli.stderr
    assert response.json() == json.loads(cli.stdout)
    assert response.json()["question"] == "sell Joe Gomez"
    assert response.json()["objective_loss"] < 0  # a gain the keep lock forbids


def test_explain_with_a_what_if_matches_the_cli(client: TestClient) -> None:
    # With the manager's lock lifted, selling Gomez is the cost of not keeping him.
    url = "/v1/explain?sell=gomez&set=locks.keep=[]&solver=highs"
    response = client.post(url, json=_body("teaching-centre-back"))
    cli = run_cli(
        "explain", TEACHING, "--sell", "gomez", "--set", "locks.keep=[]", "--format", "json"
    )
    assert response.status_code == 200, response.text
    assert response.json() == json.loads(cli.stdout)


def test_threshold_returns_exactly_the_cli_json(client: TestClient) -> None:
    url = "/v1/threshold?sell=gomez&parameter=offers[0].fee&low=0&high=60&tolerance=0.5"
    response = client.post(url, json=_body("teaching-centre-back"))
    assert response.status_code == 200, response.text
    cli = run_cli(
        "explain",
        TEACHING,
        "--sell",
        "gomez",
        "--threshold",
        "offers[0].fee",
        "--between",
        "0",
        "60",
        "--tolerance",
        "0.5",
        "--format",
        "json",
    )
    assert cli.returncode == 0, cli.stderr
    found = response.json()
    assert found == json.loads(cli.stdout)
    assert found["parameter"] == "offers[0].fee" and (found["low"], found["high"]) == (0, 60)
    assert found["segments"][0]["low"] == 0 and found["segments"][-1]["high"] == 60


@pytest.mark.parametrize(
    ("route", "query", "loc", "words", "given"),
    [
        ("explain", "", ["query"], "exactly one of sign, sell, keep", None),
        (
            "explain",
            "?keep=gomez&sell=gomez",
            ["query"],
            "exactly one of sign, sell, keep",
            {"sell": "gomez", "keep": "gomez"},
        ),
        (
            "explain",
            "?keep=nobody",
            ["query", "keep"],
            "not an id in the scenario's squad",
            "nobody",
        ),
        (
            "explain",
            "?sign=gomez",
            ["query", "sign"],
            "not an id in the scenario's targets",
            "gomez",
        ),
        ("explain", "?keep=gomez&solver=gurobi", ["query", "solver"], "Input should be", "gurobi"),
        ("explain", "?keep=gomez&set=offers[0].fee=x", ["query", "set", 0], "valid number", "x"),
        (  # Regression: the scan replaced the what-if's value silently
            "threshold",
            "?keep=gomez&parameter=offers[0].fee&set=offers[0].fee=25",
            ["query", "set", 0],
            "the scanned parameter offers[0].fee replaces this setting's value",
            "offers[0].fee=25",
        ),
        (  # Regression: the second value of one field was taken silently.
            "explain",
            "?keep=gomez&set=offers[0].fee=5&set=offers[0].fee=6",
            ["query", "set", 1],
            "would overwrite the earlier setting 'offers[0].fee=5'",
            "offers[0].fee=6",
        ),
        ("threshold", "?keep=gomez", ["query", "parameter"], "Field required", None),
        (
            "threshold",
            "?keep=gomez&parameter=offers[0].fee&low=3",
            ["query", "high"],
            "give both low and high, or neither",
            None,
        ),
        (
            "threshold",
            "?keep=gomez&parameter=offers[0].fee&low=3&high=1",
            ["query", "high"],
            "must be above low (3)",
            1.0,
        ),
        (
            "threshold",
            "?keep=gomez&parameter=offers[5].fee&low=0&high=1",
            ["query", "parameter"],
            "offers[5].fee: offers[5] is past the end (1 item)",
            {"parameter": "offers[5].fee", "low": 0.0, "high": 1.0},
        ),
        (
            "threshold",
            "?keep=gomez&parameter=window.opens",
            ["query", "parameter"],
            "window.opens is not a number (value: '2026-01-01'): only numbers can be scanned",
            {"parameter": "window.opens"},
        ),
        # Regression: a misspelt last step was scanned, every value refused: a 200 whose
        # only segment said "no plan".
        (
            "threshold",
            "?keep=gomez&parameter=squad.gomez.ratin&low=0&high=100",
            ["query", "parameter"],
            "squad.gomez.ratin: no field 'ratin' there in the scenario",
            {"parameter": "squad.gomez.ratin", "low": 0.0, "high": 100.0},
        ),
        (
            "threshold",
            "?keep=gomez&parameter=rules.budget.net_spen",
            ["query", "parameter"],
            "no field 'net_spen' there in the scenario",
            {"parameter": "rules.budget.net_spen"},
        ),
        (
            "threshold",
            "?keep=gomez&parameter=offers[0].fee&low=0&high=inf",
            ["query", "high"],
            "finite number",
            "inf",
        ),
        # Regressions: ranges and tolerances a bisection cannot take were 500s (recursion,
        # an overflowing width, a count's range too long for range()).
        (
            "threshold",
            "?keep=gomez&parameter=offers[0].fee&tolerance=1e-300",
            ["query", "tolerance"],
            "greater than or equal to 0.000000001",
            "1e-300",
        ),
        (
            "threshold",
            "?keep=gomez&parameter=offers[0].fee&low=-1e308&high=1e308",
            ["query", "high"],  # the range, not the path (it was located at parameter)
            "too wide to scan: its width is not a number",
            {"parameter": "offers[0].fee", "low": -1e308, "high": 1e308},
        ),
        (
            "threshold",
            "?keep=gomez&parameter=offers[0].fee&low=0&high=1e308",
            ["query", "high"],  # the range, not the path (it was located at parameter)
            "holds more than 10^12 steps of 0.018: narrow the range or give a larger tolerance",
            {"parameter": "offers[0].fee", "low": 0.0, "high": 1e308},
        ),
        (
            "threshold",
            "?keep=gomez&parameter=rules.max_signings&low=0&high=1e300&tolerance=1e290",
            ["query", "high"],  # the range, not the path (it was located at parameter)
            "rules.max_signings is a whole number: the range 0 to 1e+300 holds more than 10^12 "
            "of them: narrow it",
            {"parameter": "rules.max_signings", "low": 0.0, "high": 1e300, "tolerance": 1e290},
        ),
    ],
)
def test_bad_questions_give_422_naming_the_field_and_value(
    client: TestClient, route: str, query: str, loc: list[Any], words: str, given: Any
) -> None:
    response = client.post(f"/v1/{route}{query}", json=_body("teaching-centre-back"))
    assert response.status_code == 422, response.text
    (problem,) = response.json()["detail"]
    assert problem["loc"] == loc and words in problem["msg"]
    if given is not None:
        assert problem["input"] == given


def test_real_server_answers_why_not(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=120) as http:
        body = http.get("/v1/scenarios/liverpool-2026-01").json()
        answer = http.post("/v1/explain", params={"keep": "joe-gomez"}, json=body)
        assert answer.status_code == 200, answer.text
        assert answer.json()["best"]["status"] == "optimal"
        scan = {"sell": "joe-gomez", "parameter": "offers[0].fee", "low": 0, "high": 40}
        found = http.post("/v1/threshold", params=scan, json=body)
        assert found.status_code == 200, found.text
        # Milan's fee from which the best plan, free of the manager's lock, sells Gomez: the
        # README's `explain --threshold` example, 0.5664 to within 0.018.
        assert len(found.json()["thresholds"]) == 1
        assert found.json()["thresholds"][0] == pytest.approx(0.566, abs=0.02)


def test_a_budget_threshold_takes_any_tolerance(client: TestClient) -> None:
    # The budget is scanned by the exact parametric search, which has no step: a review
    # found a tiny tolerance refused by the first version of the step check.
    url = "/v1/threshold?keep=gomez&parameter=rules.budget.net_spend&low=0&high=2000"
    response = client.post(f"{url}&tolerance=1e-9", json=_body("teaching-centre-back"))
    assert response.status_code == 200, response.text
    assert response.json()["method"].startswith("parametric")
