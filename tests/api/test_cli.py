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
    result = run_cli("solve", str(Path(LIVERPOOL).parent))  # a folder: its scenario.yaml
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Liverpool, January 2026" in out and "optimal" in out
    assert "independent check: passed" in out
    assert "Marc Guéhi" in out  # the long-standing target is bought in the best plan
    assert "Joe Gomez" not in out.split("Moves")[1].split("Money")[0]  # locked: he stays
    # Every what-if in football units, and the two sides of the budget apart.
    for section in ("What each lock and rule costs", "Next-best plans", "Regret"):
        part = out.split(section, 1)[1][:1500]  # the table's title and header
        assert "first XI" in part and "second XI" in part and "wages m/yr" in part
    assert "+1 m (61.00)" in out and "-1 m (59.00)" in out
    assert "/-1" not in out


def test_plot_of_a_horizon_plan(tmp_path: Path) -> None:
    # Regression: KeyError 'extend' (the charts' words knew four actions), exit 1.
    horizon = str(ROOT / "scenarios" / "liverpool-2026-27" / "scenario.yaml")
    done = run_cli("solve", horizon, "--plot", str(tmp_path))
    assert done.returncode == 0, done.stderr
    for name in ("budget_curve.png", "pareto_front.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_what_if_with_set() -> None:
    result = run_cli(
        "solve",
        LIVERPOOL,
        "--set",
        "offers[0].fee=25",
        "--set",
        "locks.keep=[]",
        "--format",
        "json",
        "--no-tradeoffs",
    )
    assert result.returncode == 0, result.stderr
    sale = [m for m in json.loads(result.stdout)["moves"] if m["player"] == "joe-gomez"]
    assert [(m["action"], m["fee"]) for m in sale] == [("sell", 25.0)]
    table = run_cli("solve", LIVERPOOL, "--set", "offers[0].fee=25", "--no-tradeoffs")
    assert "what-if: offers[0].fee=25" in table.stdout
    # Regression: rich read "[gomez]" as a style tag and printed "locks.keep=", the
    # opposite of the what-if asked; a name with brackets lost them the same way.
    name = "squad.gomez.name='Gomez [on loan]'"
    kept = run_cli("solve", TEACHING, "--set", "locks.keep=[gomez]", "--set", name)
    assert f"what-if: locks.keep=[gomez], {name}" in kept.stdout
    assert "Gomez [on loan]" in kept.stdout.split("what-if:")[1].split("\n", 1)[1]


def test_table_prints_emoji_codes_in_names_as_given() -> None:
    # Regression: rich turned ":smile:" in a player's name (and ":thumbs_up:" in a what-if)
    # into emoji, so the table showed text the scenario never had.
    name = "squad.gomez.name='Gomez :smile:'"
    shown = run_cli("solve", TEACHING, "--set", name, "--no-tradeoffs")
    assert shown.returncode == 0, shown.stderr
    assert f"what-if: {name}" in shown.stdout
    assert "Gomez :smile:" in shown.stdout.split("what-if:")[1].split("\n", 1)[1]
    assert "\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}" not in shown.stdout


def test_bad_set_exits_2_naming_path_and_value() -> None:
    # Every kind of bad setting is covered in tests/models/test_sweep_spec.py; here the CLI
    # shows them all at once, without a traceback.
    result = run_cli(
        "solve",
        LIVERPOOL,
        "--set",
        "offers[0].fee=lots",
        "--set",
        "squad.nobody.rating=3",
        "--set",
        "squad.joe-gomez.availability=2",
    )
    assert result.returncode == 2
    for words in (
        "offers[0].fee: Input should be a valid number",
        "no player with id 'nobody' in squad",
        "squad.joe-gomez.availability: Input should be less than or equal to 1 (value: 2)",
    ):
        assert words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_threshold_of_the_milan_fee() -> None:
    result = run_cli(
        "explain",
        LIVERPOOL,
        "--sell",
        "joe-gomez",
        "--threshold",
        "offers[0].fee",
        "--between",
        "0",
        "40",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    (fee,) = answer["thresholds"]
    assert answer["segments"][0]["does"] is False and answer["segments"][-1]["does"] is True
    tolerance = 40 / 1000
    # Checked by independent solves without the manager's lock, either side of the fee.
    from optimizer.solve import solve
    from scenarios import load_bundled

    base = load_bundled("liverpool-2026-01").evolve(locks={"keep": []})
    for value, sells in ((fee - tolerance, False), (fee + tolerance, True)):
        offers = [o.model_dump() for o in base.offers]
        offers[0]["fee"] = value
        plan = solve(base.evolve(offers=offers))
        assert any(m.player == "joe-gomez" for m in plan.moves) is sells, value
    table = run_cli(
        "explain",
        LIVERPOOL,
        "--keep",
        "joe-gomez",
        "--threshold",
        "offers[0].fee",
    )
    assert table.returncode == 0, table.stderr
    assert "At what offers[0].fee would the best plan keep Joe Gomez?" in table.stdout
    assert "with no locks.keep or locks.sell on him" in table.stdout


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
        # Regressions: a range without --threshold was ignored; a date scanned as a number;
        # a count's range without a whole number raised a traceback.
        (("--sell", "gomez", "--between", "0", "5"), 2, "--between and --tolerance go with"),
        (
            ("--sell", "gomez", "--threshold", "offers[0].fee", "--between", "0", "inf"),
            2,
            "the range to scan must be finite numbers, got 0 inf",
        ),
        (
            ("--sell", "gomez", "--threshold", "window.opens", "--between", "0", "1"),
            2,
            "window.opens is not a number (value: '2026-01-01')",
        ),
        (
            ("--sign", "guehi", "--threshold", "rules.max_signings", "--between", "0.2", "0.8"),
            2,
            "rules.max_signings is a whole number: none lies from 0.2 to 0.8",
        ),
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
    assert "squad.csv: read as comma-separated, UTF-8" in result.stdout
    assert "columns kept, not interpreted (usable by rules.groups): nationality" in result.stdout


def test_validate_names_a_misspelled_column(tmp_path: Path) -> None:
    folder = Path(LIVERPOOL).parent
    for name in ("scenario.yaml", "targets.csv"):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    squad = (folder / "squad.csv").read_text(encoding="utf-8")
    (tmp_path / "squad.csv").write_text(squad.replace(",wage,", ",wages,", 1), encoding="utf-8")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 2
    assert "squad.csv row 1 (header): column 'wages': not a documented column; did you mean " in (
        result.stderr
    )


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


def test_a_free_signing_over_a_horizon_in_the_terminal() -> None:
    # Regressions: the moves tables printed the action's code ("sign_free"), and a window's
    # line, a table title, wrapped at the table's width ("budget 30.00" then "m" below).
    path = ROOT / "scenarios" / "teaching-sign-now-or-free"
    result = run_cli("solve", str(path), "--no-tradeoffs")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Summer 2026 (closes 2026-08-15): net spend 1.00 m / budget 30.00 m\n" in out
    assert "│ sign free │ Tah" in out and "sign_free" not in out


def test_over_a_horizon_no_empty_front_is_printed() -> None:
    # Regression: the Pareto front's table was printed empty (not asked for over a horizon)
    # above the note that says why there is none.
    horizon = str(ROOT / "scenarios" / "teaching-sell-now-or-later")
    out = run_cli("solve", horizon).stdout
    assert "Pareto front: XI" not in out
    assert "no Pareto front: over a horizon each of its points is a hard re-solve" in out


def test_the_accounts_in_the_terminal() -> None:
    path = ROOT / "scenarios" / "teaching-squad-cost-ratio"
    result = run_cli("solve", str(path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Accounts per season (EUR)" in out and "62.5 %" in out and "85 % / 40.80 m" in out
    assert "Selling Gomez to AC Milan for 18 m books 18 m profit" in out
    assert "squad_cost_ratio (all of it)" in out  # its whole price: 1 point


def test_over_a_horizon_the_budget_curve_and_front_name_their_window() -> None:
    # Regression: over a horizon the front's points are the first window's net spend while
    # each plan's net_spend is its total (the summer plan spends 0 in January, 18 in all),
    # and nothing said so: the front read as if an 18 m plan beat a 17 m one.
    horizon = str(ROOT / "scenarios" / "teaching-sell-now-or-later")
    table = run_cli("solve", horizon, "--pareto")
    assert table.returncode == 0, table.stderr
    assert "Pareto front: XI strength vs January 2026 net spend" in table.stdout
    assert "net spend, all windows" in table.stdout
    budget = json.loads(run_cli("solve", horizon, "--format", "json").stdout)["tradeoffs"]
    assert budget["budget"]["window"] == "January 2026"
    one = json.loads(run_cli("solve", TEACHING, "--format", "json").stdout)["tradeoffs"]
    assert one["budget"]["window"] is None
