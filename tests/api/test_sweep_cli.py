"""`transfers sweep` end to end, as a separate process: outputs, resume, interruption."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT, run_cli

SWEEPS = ROOT / "scenarios" / "liverpool-2026-01"


def test_budget_sweep_outputs(tmp_path: Path) -> None:
    out = tmp_path / "budget"
    result = run_cli(
        "sweep", str(SWEEPS / "budget.sweep.yaml"), "--out", str(out), "--workers", "2"
    )
    assert result.returncode == 0, result.stderr
    runs = pd.read_parquet(out / "runs.parquet")
    assert len(runs) == 25 and set(runs["status"]) == {"optimal"}
    assert list(runs["param.rules.budget.net_spend"]) == [5.0 * k for k in range(25)]
    assert {"objective", "net_spend", "wage_bill", "moves", "term.first_xi", "error"} <= set(runs)
    assert (runs["net_spend"] <= runs["param.rules.budget.net_spend"] + 1e-6).all()
    assert "move:buy:marc-guehi" in runs and set(runs["move:buy:marc-guehi"]) <= {0, 1}
    csv = pd.read_csv(out / "runs.csv")
    assert len(csv) == 25 and csv["moves"].str.contains("sell:wataru-endo").all()
    summary = pd.read_csv(out / "summary.csv")
    overall = summary[summary["parameter"] == "(all)"].set_index("move")
    assert overall.loc["buy:marc-guehi", "chosen"] == runs["move:buy:marc-guehi"].sum()
    per_value = summary[summary["parameter"] == "rules.budget.net_spend"]
    assert set(per_value["runs"]) == {1}
    for png in ("rules_budget_net_spend.png", "moves_by_rules_budget_net_spend.png"):
        assert (out / png).read_bytes()[:4] == b"\x89PNG"
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "25 of 25 runs finished" in report and "(runs.csv)" in report
    assert "![moves_by_rules_budget_net_spend](moves_by_rules_budget_net_spend.png)" in report


def test_resume_skips_finished_runs(tmp_path: Path) -> None:
    out = tmp_path / "milan"
    sweep = str(SWEEPS / "milan-fee.sweep.yaml")
    assert run_cli("sweep", sweep, "--out", str(out), "--workers", "1").returncode == 0
    log = out / "runs.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 30
    kept = lines[:11]
    log.write_text("\n".join(kept) + "\n" + lines[11][:25], encoding="utf-8")  # cut mid-line
    again = run_cli("sweep", sweep, "--out", str(out), "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "resuming: 11 of 30 runs" in again.stdout
    rows = {json.loads(x)["run_id"]: json.loads(x) for x in kept}
    final = pd.read_parquet(out / "runs.parquet")
    assert len(final) == 30
    for run_id, row in rows.items():  # finished rows are kept as they were
        assert final.loc[final["run_id"] == run_id, "objective"].item() == row["objective"]


def test_interrupted_sweep_keeps_rows_and_resumes(tmp_path: Path) -> None:
    out = tmp_path / "avail"
    spec = tmp_path / "long.sweep.yaml"
    spec.write_text(
        f"base: {SWEEPS / 'scenario.yaml'}\nmode: random\nruns: 400\nseed: 3\n"
        "parameters:\n  squad.joe-gomez.availability: {distribution: uniform, low: 0.4, "
        "high: 1.0}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from api.cli import main; main()",
            "sweep",
            str(spec),
            "--out",
            str(out),
            "--workers",
            "1",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = out / "runs.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not log.exists() or log.stat().st_size < 2000):
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted" in stdout and "run the same command to resume" in stdout
    saved = len(log.read_text(encoding="utf-8").splitlines())
    assert 0 < saved < 400
    again = run_cli("sweep", str(spec), "--out", str(out), "--workers", "2", timeout=300)
    assert again.returncode == 0 and f"resuming: {saved} of 400 runs" in again.stdout
    assert len(pd.read_parquet(out / "runs.parquet")) == 400


def test_exact_mode(tmp_path: Path) -> None:
    out = tmp_path / "exact"
    result = run_cli("sweep", str(SWEEPS / "budget.sweep.yaml"), "--out", str(out), "--exact")
    assert result.returncode == 0, result.stderr
    exact = pd.read_csv(out / "exact.csv")
    assert exact["from"].iloc[0] == 0 and exact["to"].iloc[-1] == 120
    assert (out / "exact.png").exists() and "parametric (exact)" in (out / "exact.md").read_text()


def test_exact_report_of_a_count_with_rejected_values(tmp_path: Path) -> None:
    # Regressions: a count was bisected over fractions; and a rejected value's message,
    # which holds " | ", broke the report's Markdown table into five cells.
    spec = tmp_path / "count.sweep.yaml"
    spec.write_text(
        f"base: {ROOT / 'scenarios' / 'teaching-centre-back' / 'scenario.yaml'}\n"
        "exact: {parameter: rules.max_signings, low: -2, high: 3}\n",
        encoding="utf-8",
    )
    out = tmp_path / "exact"
    result = run_cli("sweep", str(spec), "--out", str(out), "--exact")
    assert result.returncode == 0, result.stderr
    assert "(every whole number)" in result.stdout
    rows = [line for line in (out / "exact.md").read_text().splitlines() if line.startswith("| ")]
    assert rows[0] == "| from | to | objective at from | moves |"
    cells = [line.replace("\\|", "").count("|") for line in rows]
    assert cells == [5] * len(rows)  # four cells in every row
    assert [line.split(" | ")[0] for line in rows[1:]] == ["| -2", "| 0", "| 1"]


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        (
            "base: scenario.yaml\nparameters: {squad.nobody.rating: [1]}\n",
            2,
            "no player with id 'nobody'",
        ),
        ("base: scenario.yaml\nmode: random\n", 2, "random mode needs runs"),
        (  # regression: both ran, the last value winning in every run
            "base: scenario.yaml\nparameters: {squad.gomez.wage: [1], 'squad[1].wage': [2]}\n",
            2,
            "squad[1].wage would overwrite the parameter squad.gomez.wage",
        ),
    ],
)
def test_bad_sweep_file_exits_2(tmp_path: Path, text: str, code: int, words: str) -> None:
    (tmp_path / "scenario.yaml").write_text(
        (ROOT / "scenarios" / "teaching-centre-back" / "scenario.yaml").read_text("utf-8"),
        encoding="utf-8",
    )
    path = tmp_path / "bad.sweep.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("sweep", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == code and words in result.stderr
    assert "Traceback" not in result.stderr


def test_another_sweep_in_the_same_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "shared"
    assert run_cli("sweep", str(SWEEPS / "budget.sweep.yaml"), "--out", str(out)).returncode == 0
    other = run_cli("sweep", str(SWEEPS / "money-weight.sweep.yaml"), "--out", str(out))
    assert other.returncode == 2 and "holds another sweep" in other.stderr


def test_a_second_sweep_into_a_running_sweeps_folder_is_refused(tmp_path: Path) -> None:
    """Regression: two sweeps into one folder both ran every run (600 lines in runs.jsonl).
    Now the second is refused while the first runs, and once the first is killed its lock
    does not stick: the same command resumes."""
    out = tmp_path / "shared"
    spec = tmp_path / "long.sweep.yaml"
    spec.write_text(
        f"base: {SWEEPS / 'scenario.yaml'}\nmode: random\nruns: 40\nseed: 5\n"
        "parameters:\n  squad.joe-gomez.availability: {distribution: uniform, low: 0.4, "
        "high: 1.0}\n",
        encoding="utf-8",
    )
    first = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from api.cli import main; main()",
            "sweep",
            str(spec),
            "--out",
            str(out),
            "--workers",
            "1",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        log = out / "runs.jsonl"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not log.exists() or log.stat().st_size < 500):
            time.sleep(0.05)
        second = run_cli("sweep", str(spec), "--out", str(out), "--workers", "1")
        assert second.returncode == 2, second.stdout
        assert f"is in use by another sweep (process {first.pid}" in second.stderr
    finally:
        first.kill()  # no clean-up: the lock file stays behind
        first.wait(timeout=30)
    assert (out / "sweep.lock").exists()
    again = run_cli("sweep", str(spec), "--out", str(out), "--workers", "1", timeout=300)
    assert again.returncode == 0, again.stderr
    assert "resuming:" in again.stdout
    assert len((out / "runs.jsonl").read_text(encoding="utf-8").splitlines()) == 40
    assert not (out / "sweep.lock").exists()
