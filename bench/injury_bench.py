"""Benchmark: depth with a probability on Liverpool (scenarios/liverpool-2026-01-matchdays),
by number of matchday draws, with and without all trade-offs; and the backtest.

Run: python bench/injury_bench.py [--samples 100 500 2000 5000] [--runs 3]

Each case runs in a fresh process (its peak memory, max RSS, is its own); times are the
median of ``--runs``. "history" is the scenario with the injury model the 2025-26 absences
known on deadline day give (as `transfers backtest` plans it). Prints a Markdown table; the
README's figures for the injury model come from this script.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ABSENCES = ROOT.parent / "shared" / "data" / "airsenal_absences_2526.csv"

CASE = r"""
import datetime as dt, json, resource, time
from pathlib import Path
from api.application import SolveRequest, backtest, solve_and_analyse
from models.absences import read_absences, with_history
from models.sweep import what_if
from optimizer.injury.report import risk_report
from optimizer.solve import solve_model
from scenarios import load_bundled
name, samples, history = {name!r}, {samples!r}, {history!r}
tradeoffs, absences = {tradeoffs!r}, {absences!r}
scenario = load_bundled(name)
if samples:
    scenario = what_if(scenario, [f"injury.samples={{samples}}"])
spells = read_absences(Path(absences))
if history:
    scenario = with_history(scenario, spells, dt.date(2026, 2, 2))[0]
t0 = time.perf_counter()
if tradeoffs == "backtest":
    result = backtest(scenario, spells)
    out = {{"total": time.perf_counter() - t0, "status": result.plans[0].status}}
else:
    solved = solve_model(scenario)
    t1 = time.perf_counter()
    plan = solved.plan
    out = {{
        "status": plan.status.value, "variables": plan.solver.variables,
        "covered": sum(1 for n in solved.form.model.col_names if n.startswith("covered[")),
        "constraints": plan.solver.constraints, "build": plan.solver.build_seconds,
        "solve": plan.solver.seconds,
    }}
    if plan.matchday_risk is not None:
        t = time.perf_counter()
        risk_report(scenario, plan)
        out["report"] = time.perf_counter() - t
    if tradeoffs:
        full = solve_and_analyse(scenario, SolveRequest(tradeoffs=True))
        out["tradeoffs"] = full.tradeoffs.seconds
        out["solves"] = full.tradeoffs.solves
    out["total"] = time.perf_counter() - t0
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run_case(name: str, samples: int, history: bool, tradeoffs: bool | str) -> dict[str, object]:
    code = CASE.format(
        name=name, samples=samples, history=history, tradeoffs=tradeoffs, absences=str(ABSENCES)
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if done.returncode != 0:
        return {"status": f"crashed: {done.stderr.strip().splitlines()[-1:]}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def median_case(runs: int, *args: object) -> dict[str, object]:
    results = [run_case(*args) for _ in range(runs)]  # type: ignore[arg-type]
    out = dict(results[0])
    for key in ("build", "solve", "report", "tradeoffs", "total", "peak_mb"):
        values = [float(r[key]) for r in results if key in r]  # type: ignore[arg-type]
        if values:
            out[key] = statistics.median(values)
    return out


def cell(row: dict[str, object], key: str, fmt: str = "{:.2f}") -> str:
    return fmt.format(row[key]) if key in row else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, nargs="+", default=[100, 500, 2000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cases: list[tuple[str, str, int, bool, bool | str]] = [
        ("liverpool (counts)", "liverpool-2026-01", 0, False, True),
    ]
    for samples in args.samples:
        cases.append(("matchdays", "liverpool-2026-01-matchdays", samples, False, samples == 500))
        cases.append(("matchdays + history", "liverpool-2026-01-matchdays", samples, True, True))
    cases.append(("transfers backtest", "liverpool-2026-01-matchdays", 500, False, "backtest"))
    print(
        "| case | draws | status | variables | covered columns | constraints | build s | "
        "solve s | report s | trade-offs s (solves) | total s | peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for label, name, samples, history, tradeoffs in cases:
        row = median_case(args.runs, name, samples, history, tradeoffs)
        offs = (
            f"{row['tradeoffs']:.2f} ({row['solves']})"  # type: ignore[str-format]
            if "tradeoffs" in row
            else "-"
        )
        print(
            f"| {label} | {samples or '-'} | {row['status']} | {row.get('variables', '-')} | "
            f"{row.get('covered', '-')} | {row.get('constraints', '-')} | {cell(row, 'build')} | "
            f"{cell(row, 'solve')} | {cell(row, 'report')} | {offs} | {cell(row, 'total')} | "
            f"{cell(row, 'peak_mb', '{:.0f}')} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
