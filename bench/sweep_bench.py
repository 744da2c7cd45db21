"""Sweep benchmark: 200 budget points of the Liverpool scenario.

Run: python bench/sweep_bench.py [--points 200] [--cli-calls 200]

Measures runs per second of the sweep engine with 1 and 2 worker processes (worker start-up
included), and the same 200 budgets as separate `transfers solve --no-tradeoffs` processes;
prints the ratio. Nothing is extrapolated: every number is a measured wall time.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "liverpool-2026-01" / "scenario.yaml"
sys.path.insert(0, str(ROOT))

from models.sweep import SweepSpec, expand  # noqa: E402
from optimizer.sweeps import SweepJob, run_local  # noqa: E402
from scenarios import load_bundled  # noqa: E402


def engine_seconds(points: int, workers: int) -> float:
    base = load_bundled("liverpool-2026-01")
    spec = SweepSpec(
        base=str(SCENARIO),
        parameters={"rules.budget.net_spend": [float(v) for v in np.linspace(0, 120, points)]},
    )
    job = SweepJob(base.model_dump(mode="json"), spec.model_dump(mode="json"), "highs", None)
    runs = expand(spec)
    start = time.perf_counter()
    rows = [row for batch in run_local(job, runs, workers) for row in batch]
    elapsed = time.perf_counter() - start
    assert len(rows) == points and all(r["status"] == "optimal" for r in rows)
    return elapsed


def cli_seconds(calls: int) -> float:
    document = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    budgets = np.linspace(0, 120, calls)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("squad.csv", "targets.csv"):
            (folder / name).write_text((SCENARIO.parent / name).read_text("utf-8"), "utf-8")
        start = time.perf_counter()
        for k, budget in enumerate(budgets):
            document["rules"]["budget"]["net_spend"] = float(budget)
            path = folder / f"s{k}.yaml"
            path.write_text(yaml.safe_dump(document), encoding="utf-8")
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "from api.cli import main; main()",
                    "solve",
                    str(path),
                    "--no-tradeoffs",
                    "--format",
                    "json",
                ],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--cli-calls", type=int, default=200)
    args = parser.parse_args()
    one = engine_seconds(args.points, 1)
    two = engine_seconds(args.points, 2)
    cli = cli_seconds(args.cli_calls)
    per_cli = cli / args.cli_calls
    print(f"{args.points} budget points of the Liverpool scenario\n")
    print("| how | seconds | runs/s | speed-up vs separate CLI calls |")
    print("|---|---|---|---|")
    print(
        f"| {args.cli_calls} separate `transfers solve` processes | {cli:.1f} | "
        f"{1 / per_cli:.1f} | 1x |"
    )
    for label, seconds in (("sweep engine, 1 worker", one), ("sweep engine, 2 workers", two)):
        rate = args.points / seconds
        print(f"| {label} | {seconds:.2f} | {rate:.1f} | {rate * per_cli:.0f}x |")


if __name__ == "__main__":
    main()
