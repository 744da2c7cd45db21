"""The injury model's surfaces end to end: `transfers backtest` as a separate process (table,
JSON, PNG, bad input), `transfers solve --absences`, and POST /v1/backtest through the test
client and a real server; each gives what the application layer gives."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from api.application import (
    SolveRequest,
    backtest,
    known_by_problems,
    solve_and_analyse,
    with_absences,
)
from models.absences import read_absences
from models.errors import ScenarioError
from scenarios import load_bundled
from tests.api.conftest import Server
from tests.conftest import ROOT, SHARED_DATA, run_cli

MATCHDAYS = str(ROOT / "scenarios" / "liverpool-2026-01-matchdays")
ABSENCES = SHARED_DATA / "airsenal_absences_2526.csv"


def _rows() -> list[dict[str, Any]]:
    with ABSENCES.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_cli_prints_the_table_and_writes_the_png(tmp_path: Path) -> None:
    result = run_cli("backtest", MATCHDAYS, "--absences", str(ABSENCES), "--plot", str(tmp_path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "rest of the season replayed with the real absences" in out
    assert "16 matchdays (Saturdays 2026-02-07 to 2026-05-23)" in out
    for words in ("engine", "no moves", "without the injury model", "every role covered"):
        assert words in out
    png = tmp_path / "backtest.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and f"wrote {png}" in out


def test_the_cli_json_is_the_application_layers_answer() -> None:
    result = run_cli("backtest", MATCHDAYS, "--absences", str(ABSENCES), "--format", "json")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    expected = backtest(load_bundled("liverpool-2026-01-matchdays"), read_absences(ABSENCES))
    assert printed == expected.model_dump(mode="json")
    assert [p["plan"] for p in printed["plans"]] == [
        "engine",
        "no moves",
        "without the injury model",
    ]


def test_the_cli_names_a_bad_absence_row(tmp_path: Path) -> None:
    path = tmp_path / "absences.csv"
    path.write_text("player,from,until\nJoe Gomez,2026-02-31,2026-03-04\n", encoding="utf-8")
    result = run_cli("backtest", MATCHDAYS, "--absences", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert "absences.csv line 2, field 'from'" in result.stderr
    assert "2026-02-31" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"2 problems in the absences table {path}\n")


@pytest.mark.parametrize("command", ["backtest", "solve"])
@pytest.mark.parametrize("known_by", ["2026-03-01", "2026-04-25"])
def test_the_cli_refuses_a_plan_that_would_know_its_period(command: str, known_by: str) -> None:
    # solve once planned with spells begun after the window (Alisson out from 7 Feb).
    late = run_cli(command, MATCHDAYS, "--absences", str(ABSENCES), "--known-by", known_by)
    assert late.returncode == 2 and late.stdout == ""
    assert (
        f"known_by: after rest of the season begins (2026-02-02): the plan would know the "
        f"absences of the period it is for (and a backtest judges it on) (value: '{known_by}')"
    ) in late.stderr
    bad = run_cli(command, MATCHDAYS, "--absences", str(ABSENCES), "--known-by", "soon")
    assert bad.returncode == 2 and "--known-by: not a date" in bad.stderr


def _early(day: str) -> str:
    return (
        f"the months watched begin {int(day[:4]) - 1}-07-01 (1 July of the season of {day}), "
        "before the absences table's first season begins (2025-07-01): the table says nothing "
        f"of them, which the injury model would read as injury-free (value: '{day}')"
    )


@pytest.mark.parametrize("command", ["backtest", "solve"])
@pytest.mark.parametrize("day", ["1900-01-01", "2025-06-30"])
def test_the_cli_refuses_a_date_before_the_absences_table(command: str, day: str) -> None:
    # Regression: --known-by 1900-01-01 was accepted, and every player read as injury-free
    # since July 1899 (his rate below the age default), though the table (season 2526)
    # begins in 2025; 2025-06-30 read 2024-25 from a handful of late spells.
    early = run_cli(command, MATCHDAYS, "--absences", str(ABSENCES), "--known-by", day)
    assert early.returncode == 2 and early.stdout == ""
    assert _early(day) in early.stderr and "Traceback" not in early.stderr


def _in_window(kind: str, opens: str, closes: str, season_end: str) -> Any:
    """The matchdays scenario moved to another window (its horizon ending 30 June after)."""
    horizon_end = f"{season_end[:4]}-06-30"
    window = {"kind": kind, "opens": opens, "closes": closes, "season_end": season_end}
    return load_bundled("liverpool-2026-01-matchdays").evolve(
        window={**window, "horizon_end": horizon_end}
    )


def _refusal(scenario: Any, spells: Any = ABSENCES) -> Any:
    with pytest.raises(ScenarioError) as caught:
        with_absences(scenario, spells)
    (problem,) = caught.value.problems
    return problem


def test_a_window_the_absences_table_does_not_cover_is_refused() -> None:
    # The default date, the window's close, is held to the same rule: the 2025-26 table says
    # nothing of January 2025 (its season, 2024-25)...
    earlier = _in_window("january", "2025-01-01", "2025-02-03", "2025-05-25")
    problem = _refusal(earlier)
    assert problem.path == ("known_by",) and problem.value == "2025-02-03"
    assert "(1 July of the season of 2025-02-03 (by default, when January 2025 closes))" in (
        problem.message
    )
    # ... nor of 2026-27, which a summer 2026 window reads.
    summer = _in_window("summer", "2026-06-15", "2026-09-01", "2027-05-23")
    said = _refusal(summer).message
    assert "after the absences table's last season ends (2026-06-30)" in said
    # A table without seasons says nothing of its coverage: a date before its first spell is
    # refused (here 2025-05-12, the real table's first, without its season column).
    unseasoned = [x.model_copy(update={"season": ""}) for x in read_absences(ABSENCES)]
    said = _refusal(earlier, unseasoned).message
    assert "before the absences table's first spell (2025-05-12)" in said
    later = _in_window("summer", "2025-05-20", "2025-06-01", "2026-05-24")
    assert with_absences(later, unseasoned)[0].squad  # 2025-06-01: after its first spell


def test_an_engine_without_a_plan_has_no_net_spend_and_no_moves() -> None:
    # Regression: it read as a plan of no moves: net spend 0.00, moves "none".
    args = ("backtest", MATCHDAYS, "--absences", str(ABSENCES), "--set", "injury.samples=100")
    result = run_cli(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    engine = json.loads(result.stdout)["plans"][0]
    assert engine["status"] == "infeasible" and engine["net_spend"] is None
    table = run_cli(*args).stdout
    assert "engine" in table and "no plan" in table


def test_solve_refuses_known_by_without_absences() -> None:
    # Regression: it was accepted and dated nothing, silently.
    alone = run_cli("solve", MATCHDAYS, "--no-tradeoffs", "--known-by", "2030-01-01")
    assert alone.returncode == 2 and alone.stdout == ""
    assert "--known-by dates the spells of --absences: give --absences too" in alone.stderr


HORIZON_REFUSED = (
    "windows: 3 windows (January 2026, Summer 2026, January 2027): a backtest plans one window "
    "and judges the period it opens (rest of 2025-26); give a scenario of the first window "
    "alone (value: 3)"
)


def test_the_cli_refuses_a_backtest_over_several_windows() -> None:
    # It judged only the rest of 2025-26 beside every window's moves and net spend.
    horizon = str(ROOT / "scenarios" / "liverpool-2026-27")
    result = run_cli("backtest", horizon, "--absences", str(ABSENCES))
    assert result.returncode == 2 and result.stdout == ""
    assert HORIZON_REFUSED in result.stderr


def test_with_absences_applies_the_same_rule_as_backtest() -> None:
    scenario = load_bundled("liverpool-2026-01-matchdays")
    with pytest.raises(ScenarioError) as caught:
        with_absences(scenario, ABSENCES, dt.date(2026, 4, 25))
    assert caught.value.problems == known_by_problems(scenario, dt.date(2026, 4, 25))
    planning, _ = with_absences(scenario, ABSENCES, dt.date(2026, 2, 2))  # the period's start
    assert planning.squad


def test_solve_with_absences_plans_with_the_history() -> None:
    result = run_cli(
        "solve", MATCHDAYS, "--absences", str(ABSENCES), "--no-tradeoffs", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    planning, _ = with_absences(load_bundled("liverpool-2026-01-matchdays"), ABSENCES)
    expected = solve_and_analyse(planning, SolveRequest(tradeoffs=False))
    assert [(m["action"], m["player"]) for m in printed["moves"]] == [
        (m.action.value, m.player) for m in expected.moves
    ]
    assert printed["objective"] == expected.objective
    assert printed["matchday_risk"]["roles"] == [
        r.model_dump(mode="json")
        for r in expected.matchday_risk.roles  # type: ignore[union-attr]
    ]
    table = run_cli("solve", MATCHDAYS, "--absences", str(ABSENCES), "--no-tradeoffs")
    assert table.returncode == 0, table.stderr
    assert "this season before the window's close (2026-02-02)" in table.stdout
    # Frimpong's hamstring, listed twice from 2025-08-21, is one absence, and said so.
    words = " ".join(table.stdout.split())
    assert "49 injuries to the squad and targets" in words
    assert "(1 further spell overlaps or follows on from another: counted with it as one" in words
    assert "Matchday cover under the injury model" in table.stdout


TEACHING = str(ROOT / "scenarios" / "teaching-centre-back")


def test_solve_with_absences_says_whose_estimate_it_replaced_and_whom_it_did_not_match() -> None:
    # The teaching scenario's players are called "Gomez", "Van Dijk"...: the table's
    # "Joe Gomez" matches none of them, and every estimate becomes the model's 0.897.
    lines = [
        "0 of 5 people matched by at least one spell; availability estimate replaced for 5: "
        "van-dijk: 1.000 -> 0.897, gomez: 0.750 -> 0.897, leoni: 1.000 -> 0.897, "
        "guehi: 1.000 -> 0.897, cheap-cb: 1.000 -> 0.897",
        "matched by no spell (5, modelled as injury-free since July): van-dijk, gomez, leoni, "
        "guehi, cheap-cb",
    ]
    table = run_cli("solve", TEACHING, "--absences", str(ABSENCES), "--no-tradeoffs")
    assert table.returncode == 0, table.stderr
    flat = " ".join(table.stdout.split())  # rich may fold a long line
    for line in lines:
        assert line in flat
    assert flat.index("injury model from") < flat.index(lines[0]) < flat.index(lines[1])
    as_json = run_cli(
        "solve", TEACHING, "--absences", str(ABSENCES), "--no-tradeoffs", "--format", "json"
    )
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["status"] == "optimal"  # stdout: the plan alone
    said = as_json.stderr.splitlines()
    assert said[0].startswith("injury model from") and said[1:] == lines


def _body(**more: Any) -> dict[str, Any]:
    scenario = load_bundled("liverpool-2026-01-matchdays").model_dump(mode="json")
    return {"scenario": scenario, "absences": _rows(), **more}


def test_the_route_gives_the_application_layers_answer(client: TestClient) -> None:
    answer = client.post("/v1/backtest", json=_body(known_by="2026-01-15"))
    assert answer.status_code == 200, answer.text
    expected = backtest(
        load_bundled("liverpool-2026-01-matchdays"),
        read_absences(ABSENCES),
        known_by=dt.date(2026, 1, 15),
    )
    assert answer.json() == expected.model_dump(mode="json")


def test_the_route_names_bad_input(client: TestClient) -> None:
    body = _body()
    body["absences"][3]["from"] = "someday"
    bad = client.post("/v1/backtest", json=body)
    assert bad.status_code == 422
    assert any(d["loc"] == ["body", "absences", 3, "from"] for d in bad.json()["detail"])
    late = client.post("/v1/backtest", json=_body(known_by="2026-04-01"))
    assert late.status_code == 422
    (problem,) = late.json()["detail"]
    assert problem["loc"] == ["body", "known_by"] and "would know the absences" in problem["msg"]
    early = client.post("/v1/backtest", json=_body(known_by="1900-01-01"))
    assert early.status_code == 422
    (problem,) = early.json()["detail"]
    assert problem["loc"] == ["body", "known_by"]
    assert "before the absences table's first season begins (2025-07-01)" in problem["msg"]
    assert client.post("/v1/backtest?solver=gurobi", json=_body()).status_code == 422
    empty = client.post("/v1/backtest", json={**_body(), "absences": []})
    assert empty.status_code == 422
    assert [(d["loc"], d["msg"]) for d in empty.json()["detail"]] == [
        (["body", "absences"], "no spells: give the table's rows")
    ]


@pytest.mark.parametrize(
    ("change", "field", "value", "message"),
    [
        (
            {"untill": "2026-01-02"},
            "untill",
            "untill",
            "column 'untill': not a documented column; did you mean 'until'?",
        ),
        ({"urll": "/x/profil/1"}, "urll", "urll", "did you mean 'url'?"),
        (
            {"from": "2026-02-01", "until": "2026-04-03", "days": 500},
            "days",
            500,
            "from 2026-02-01 until 2026-04-03 is 62 days (both counted), not 500",
        ),
    ],
)
def test_the_route_names_a_bad_spell_field(
    client: TestClient, change: dict[str, Any], field: str, value: Any, message: str
) -> None:
    body = _body()
    body["absences"][3].update(change)
    bad = client.post("/v1/backtest", json=body)
    assert bad.status_code == 422
    (problem,) = bad.json()["detail"]
    assert problem["loc"] == ["body", "absences", 3, field]
    assert problem["input"] == value and message in problem["msg"]


def test_the_route_refuses_a_backtest_over_several_windows(client: TestClient) -> None:
    body = _body(scenario=load_bundled("liverpool-2026-27").model_dump(mode="json"))
    refused = client.post("/v1/backtest", json=body)
    assert refused.status_code == 422
    (problem,) = refused.json()["detail"]
    # Regression: at ["body", "windows"], a field the body has not (the scenario's is)
    assert problem["loc"] == ["body", "scenario", "windows"] and problem["input"] == 3
    assert f"windows: {problem['msg']} (value: 3)" == HORIZON_REFUSED


def test_the_route_on_a_real_server(server: Server) -> None:
    answer = httpx.post(f"{server.url}/v1/backtest", json=_body(), timeout=120)
    assert answer.status_code == 200, answer.text
    expected = backtest(load_bundled("liverpool-2026-01-matchdays"), read_absences(ABSENCES))
    assert answer.json() == expected.model_dump(mode="json")
