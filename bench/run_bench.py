"""Benchmark: build time, solve time and peak memory per market size and backend.

Run: python bench/run_bench.py [--sizes 200 1000 5000 20000] [--backends highs cbc scip cpsat]
                               [--time-limit 120] [--big-backends highs cbc scip cpsat]

Each case runs in a fresh process so that its peak memory (max RSS) is its own. Prints a
Markdown table; the figures in the README's performance section come from this script.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASE = r"""
import json, resource, sys, time
sys.path.insert(0, {bench!r})
t0 = time.perf_counter()
from markets import ea_market, synthetic_market
from scenarios import load_bundled
from optimizer.solve import solve
case, backend, limit = {case!r}, {backend!r}, {limit!r}
if case == "liverpool":
    scenario = load_bundled("liverpool-2026-01")
elif case == "horizon":
    scenario = load_bundled("liverpool-2026-27")
elif case == "ea":
    scenario = ea_market()
elif case.startswith("h"):
    scenario = synthetic_market(int(case[1:]), seed=0, base_name="liverpool-2026-27")
else:
    scenario = synthetic_market(int(case), seed=0)
t1 = time.perf_counter()
plan = solve(scenario, solver=backend, time_limit=limit)
t2 = time.perf_counter()
print(json.dumps({{
    "targets": len(scenario.targets), "status": plan.status.value,
    "objective": plan.objective, "gap": plan.gap,
    "variables": plan.solver.variables, "constraints": plan.solver.constraints,
    "kept": plan.solver.targets_kept,
    "load": t1 - t0, "build": plan.solver.build_seconds, "solve": plan.solver.seconds,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}}))
"""


def run_case(case: str, backend: str, limit: float) -> dict[str, object]:
    code = CASE.format(bench=str(ROOT / "bench"), case=case, backend=backend, limit=limit)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if done.returncode != 0:
        return {"status": f"crashed: {done.stderr.strip().splitlines()[-1:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def cli_seconds(*options: str, repeats: int = 5) -> list[float]:
    """Process start to exit of `transfers solve` on the Liverpool scenario."""
    scenario = ROOT / "scenarios" / "liverpool-2026-01" / "scenario.yaml"
    command = [sys.executable, "-c", "from api.cli import main; main()", "solve", str(scenario)]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([*command, *options], capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


TRADEOFFS = r"""
import json, time
from scenarios import load_bundled
from optimizer.solve import solve
from optimizer.tradeoffs.analysis import analyse
scenario = load_bundled({name!r})
plan = solve(scenario)
times = []
for _ in range({repeats}):
    start = time.perf_counter()
    report = analyse(scenario, plan)
    times.append(time.perf_counter() - start)
print(json.dumps({{"seconds": times, "solves": report.solves}}))
"""


def tradeoff_seconds(name: str = "liverpool-2026-01", repeats: int = 3) -> dict[str, object]:
    """All trade-offs of a bundled scenario's plan, in one process, ``repeats`` times."""
    code = TRADEOFFS.format(name=name, repeats=repeats)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["200", "1000", "5000", "20000"])
    parser.add_argument("--backends", nargs="*", default=["highs", "cbc", "scip", "cpsat"])
    parser.add_argument(
        "--big-backends",
        nargs="*",
        default=["highs", "cbc", "scip", "cpsat"],
        help="backends also run on markets over 1,000 targets",
    )
    parser.add_argument("--time-limit", type=float, default=300.0)
    parser.add_argument(
        "--horizon-sizes",
        nargs="*",
        default=["500", "2000", "5000"],
        help="synthetic markets over Liverpool's three windows (HiGHS only)",
    )
    parser.add_argument("--no-ea", action="store_true", help="skip the EA-table market")
    args = parser.parse_args()

    for label, options in (
        ("the plan, --no-tradeoffs", ("--no-tradeoffs",)),
        ("the plan and all its trade-offs", ()),
    ):
        times = cli_seconds(*options)
        print(
            f"transfers solve liverpool ({label}; process start to exit, 5 runs): "
            f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
            f"max {max(times):.2f} s"
        )
    t = tradeoff_seconds()
    seconds = t["seconds"]
    assert isinstance(seconds, list)
    print(
        f"trade-offs of the Liverpool plan ({t['solves']} re-solves, 3 runs): "
        f"median {statistics.median(seconds):.2f} s, min {min(seconds):.2f} s"
    )
    h = tradeoff_seconds("liverpool-2026-27", repeats=1)
    hs = h["seconds"]
    assert isinstance(hs, list)
    print(
        f"trade-offs of the Liverpool horizon plan, three windows ({h['solves']} re-solves, no "
        f"Pareto front, 1 run): {hs[0]:.2f} s\n"
    )
    horizon = ["horizon", *(f"h{n}" for n in args.horizon_sizes)]
    cases = ["liverpool", *args.sizes] + ([] if args.no_ea else ["ea"]) + horizon
    print(
        "| market | targets | kept | backend | status | gap | variables | build s | solve s "
        "| total s | peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for case in cases:
        big = case.startswith("h") or (case not in ("liverpool", "ea") and int(case) > 1000)
        for backend in args.backends:
            if case.startswith("h") and case != "horizon" and backend != "highs":
                continue
            if big and backend not in args.big_backends:
                continue
            r = run_case(case, backend, args.time_limit)
            if "build" not in r:
                print(f"| {case} | | | {backend} | {r['status']} | | | | | | |")
                continue
            gap = "-" if r["gap"] is None else f"{100 * float(r['gap']):.3f} %"
            print(
                f"| {case} | {r['targets']} | {r['kept']} | {backend} | {r['status']} | {gap} | "
                f"{r['variables']} | {float(r['build']):.2f} | {float(r['solve']):.2f} | "
                f"{float(r['build']) + float(r['solve']):.2f} | {float(r['peak_mb']):.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
