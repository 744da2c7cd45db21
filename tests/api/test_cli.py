"""The ``transfers`` CLI end to end, as a separate process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

LIVERPOOL = str(ROOT / "scenarios" / "liverpool-2026-01" / "scenario.yaml")
TEACHING = str(ROOT / "scenarios" / "teaching-centre-back" / "scenario.yaml")
PLAN_KEYS = {
    "status",
    "objective",
    "bound",
    "gap",
    "solver",
    "moves",
    "squad",
    "first_xi",
    "second_xi",
    "finance",
    "coverage",
    "objective_terms",
}


def test_solve_liverpool_prints_the_plan() -> None:
    result = run_cli("solve", LIVERPOOL)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Liverpool, January 2026" in out and "optimal" in out
    assert "independent check: passed" in out
    assert "Marc Guéhi" in out  # the long-standing target is bought in the best plan
    assert "Joe Gomez" not in out.split("Moves")[1].split("Money")[0]  # locked: he stays


def test_solve_json_has_the_documented_keys() -> None:
    result = run_cli("solve", LIVERPOOL, "--format", "json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)  # stdout is JSON only: no solver banner
    assert set(plan) >= PLAN_KEYS
    assert plan["status"] == "optimal" and plan["checked"] is True
    assert set(plan["solver"]) >= {"name", "seconds"}
    for move in plan["moves"]:
        assert set(move) >= {"player", "name", "action", "counterparty", "fee", "wage_change"}
        assert move["action"] in {"sell", "loan_out", "buy", "loan_in"}
    assert set(plan["finance"]) >= {
        "gross_spend",
        "income",
        "net_spend",
        "budget",
        "wage_bill_before",
        "wage_bill_after",
    }
    assert len(plan["first_xi"]) == 11
    assert {r["role"] for r in plan["coverage"]} >= {"CB", "RB"}
    assert "joe-gomez" in {m["player"] for m in plan["squad"]}
    assert "giovanni-leoni" not in {a["player"] for a in plan["first_xi"] + plan["second_xi"]}


@pytest.mark.parametrize("solver", ["cbc", "scip", "cpsat"])
def test_solve_with_each_backend(solver: str) -> None:
    result = run_cli("solve", TEACHING, "--solver", solver, "--format", "json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["solver"]["name"] == solver and plan["objective"] == pytest.approx(173.3)


def test_infeasible_prints_json_and_exits_3(tmp_path: Path) -> None:
    text = Path(TEACHING).read_text(encoding="utf-8")
    path = tmp_path / "scenario.yaml"
    path.write_text(text.replace("coverage: {CB: 2}", "coverage: {CB: 5}"), encoding="utf-8")
    result = run_cli("solve", str(path), "--format", "json")
    assert result.returncode == 3
    plan = json.loads(result.stdout)
    assert plan["status"] == "infeasible"
    assert plan["tradeoffs"]["infeasibility"]["summary"] == "coverage CB short by 2 players"
    table = run_cli("solve", str(path))
    assert table.returncode == 3 and "coverage CB short by 2 players" in table.stdout


def test_tradeoffs_in_json_and_table() -> None:
    result = run_cli("solve", TEACHING, "--format", "json", "--alternatives", "2")
    assert result.returncode == 0, result.stderr
    t = json.loads(result.stdout)["tradeoffs"]
    assert set(t) >= {"budget", "prices", "alternatives", "regret"}
    assert len(t["alternatives"]) == 2
    assert t["budget"]["breakpoints"] == [17.0]
    table = run_cli("solve", TEACHING)
    assert "Next-best plans" in table.stdout and "Pareto front" in table.stdout
    off = json.loads(run_cli("solve", TEACHING, "--format", "json", "--no-tradeoffs").stdout)
    assert off["tradeoffs"] is None


def test_plot_writes_pngs(tmp_path: Path) -> None:
    result = run_cli("solve", TEACHING, "--plot", str(tmp_path / "charts"))
    assert result.returncode == 0, result.stderr
    for name in ("budget_curve.png", "pareto_front.png"):
        data = (tmp_path / "charts" / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_explain_keep_gomez() -> None:
    result = run_cli("explain", TEACHING, "--keep", "gomez", "--format", "json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["objective_loss"] == pytest.approx(13.4)
    assert answer["forced"]["objective"] == pytest.approx(159.9)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("--sign", "nobody"), 2, "'nobody' is not an id in the targets"),
        (("--sign", "guehi", "--keep", "gomez"), 2, "exactly one of --sign, --sell, --keep"),
        ((), 2, "exactly one of --sign, --sell, --keep"),
        (("--sell", "van-dijk"), 3, ""),
    ],
)
def test_explain_errors(args: tuple[str, ...], code: int, words: str) -> None:
    result = run_cli("explain", TEACHING, *args)
    assert result.returncode == code
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_scenario_exits_2_without_traceback(tmp_path: Path) -> None:
    text = Path(TEACHING).read_text(encoding="utf-8").replace("rating: 90", "rating: strong")
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    for command in ("solve", "validate"):
        result = run_cli(command, str(path))
        assert result.returncode == 2
        assert "squad[0] (id van-dijk), field 'rating'" in result.stderr
        assert "(value: 'strong')" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout


def test_missing_file_exits_2() -> None:
    result = run_cli("validate", "no/such/scenario.yaml")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_unknown_solver_exits_2() -> None:
    result = run_cli("solve", TEACHING, "--solver", "gurobi")
    assert result.returncode == 2 and "unknown solver 'gurobi'" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_time_limit_exits_2() -> None:
    result = run_cli("solve", TEACHING, "--time-limit", "-1")
    assert result.returncode == 2 and "time-limit" in result.stderr


def test_validate_ok() -> None:
    result = run_cli("validate", LIVERPOOL)
    assert result.returncode == 0
    assert "32 squad players, 30 targets, 3 offers, 11 XI slots" in result.stdout


def test_schema_is_json_schema() -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Scenario" and "squad" in schema["properties"]


def test_solvers_lists_backends() -> None:
    result = run_cli("solvers")
    assert result.returncode == 0
    for name in ("highs", "cbc", "scip", "cpsat"):
        assert name in result.stdout


def test_a_horizon_plan_in_the_terminal() -> None:
    path = ROOT / "scenarios" / "teaching-sell-now-or-later" / "scenario.yaml"
    result = run_cli("solve", str(path), "--no-tradeoffs")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "January 2026 (closes 2026-02-01): net spend 17.00 m" in out
    assert "Summer 2026 (closes 2026-08-15): net spend 0.00 m" in out
    assert "First XI by period" in out and "Guehi (85)" in out
