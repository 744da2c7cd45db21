"""Benchmark: build time, solve time and peak memory per market size and backend.

Run: python bench/run_bench.py [--sizes 200 1000 5000 20000] [--backends highs cbc scip cpsat]
                               [--time-limit 120] [--big-backends highs cbc scip cpsat]
                               [--goals-only] [--http-baseline RPS]

The HTTP goal's baseline is measured here too, from a git worktree of the commit before
issue 14 (so the clone needs its history), unless --http-baseline gives it.

First the goals of issue 14, each measured ratio next to its goal (ratios of one run, so a
noisy machine mostly cancels out); then the table of market sizes and backends. Each case
runs in a fresh process so that its peak memory (max RSS) is its own. Prints Markdown
tables; the figures in the README's performance section come from this script.

The packages' bytecode is brought up to date first, as an installed package has it: with
PYTHONDONTWRITEBYTECODE set (this machine sets it) a checkout whose files changed since
their .pyc would compile some 50 modules from source in every process (0.19 s each time),
and the yardstick, pandas, is compiled at install.
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sweep_bench

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
elif case.startswith("naive"):
    scenario = synthetic_market(int(case[5:]), seed=0)
elif case.startswith("h"):
    scenario = synthetic_market(int(case[1:]), seed=0, base_name="liverpool-2026-27")
else:
    scenario = synthetic_market(int(case), seed=0)
t1 = time.perf_counter()
if case.startswith("naive"):  # the straightforward full model: no market reduction
    from optimizer.solve import solve_model
    plan = solve_model(scenario, solver=backend, time_limit=limit, reduce=False).plan
else:
    plan = solve(scenario, solver=backend, time_limit=limit)
t2 = time.perf_counter()
print(json.dumps({{
    "targets": len(scenario.targets), "status": plan.status.value,
    "objective": plan.objective, "gap": plan.gap,
    "variables": plan.solver.variables, "constraints": plan.solver.constraints,
    "kept": plan.solver.targets_kept,
    "load": t1 - t0, "total": t2 - t0,
    "build": plan.solver.build_seconds, "solve": plan.solver.seconds,
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


def import_pandas_seconds(repeats: int = 5) -> list[float]:
    """Process start to exit of `python -c "import pandas"`: the yardstick of the CLI goals."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import pandas"], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


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


def goal_row(what: str, measured: float, goal: str, met: bool, detail: str) -> str:
    return f"| {what} | {measured:.3g}x | {goal} | {'met' if met else 'NOT met'} | {detail} |"


def goals(http_baseline: float | None) -> None:
    """Issue 14's goals, each a ratio of two measurements made here, next to its goal."""
    print("| goal | measured | target | | measured as |")
    print("|---|---|---|---|---|")
    # Interleaved, one of each in turn: the machine's speed drifts over minutes, and a
    # ratio of two medians taken minutes apart carried that drift (0.98x in one run, 1.18x
    # in the next, on the same commit).
    runs: dict[str, list[float]] = {"pandas": [], "plan": [], "default": []}
    for _ in range(5):
        runs["pandas"] += import_pandas_seconds(repeats=1)
        runs["plan"] += cli_seconds("--no-tradeoffs", repeats=1)
        runs["default"] += cli_seconds(repeats=1)
    pandas, plan_only, default = (statistics.median(v) for v in runs.values())
    print(
        goal_row(
            "default Liverpool command / import pandas",
            default / pandas,
            "<= 2.5x",
            default <= 2.5 * pandas,
            f"{default:.2f} s / {pandas:.2f} s (medians of 5, interleaved; process start to exit)",
        )
    )
    print(
        goal_row(
            "--no-tradeoffs / import pandas",
            plan_only / pandas,
            "<= 1.0x",
            plan_only <= pandas,
            f"{plan_only:.2f} s / {pandas:.2f} s",
        ),
        flush=True,
    )
    # Three rounds, one case of each in turn, medians: single runs a minute apart gave the
    # 20,000-target case 2.98 s in one run and 4.21 s in the next, on the same engine.
    rounds = [{c: run_case(c, "highs", 600.0) for c in ("naive5000", "5000", "20000")}]
    rounds += [{c: run_case(c, "highs", 600.0) for c in rounds[0]} for _ in range(2)]
    status = {c: sorted({str(r[c].get("status")) for r in rounds}) for c in rounds[0]}
    total = {c: statistics.median(float(r[c]["total"]) for r in rounds) for c in rounds[0]}
    naive = total["naive5000"]
    for n, limit in ((5000, 0.07), (20000, 0.2)):
        both = status[str(n)] == ["optimal"] and status["naive5000"] == ["optimal"]
        ratio = total[str(n)] / naive
        print(
            goal_row(
                f"{n:,} targets / naive full model at 5,000",
                ratio,
                f"<= {limit}x, both optimal",
                both and ratio <= limit,
                f"{total[str(n)]:.2f} s ({'/'.join(status[str(n)])}) / {naive:.2f} s "
                f"({'/'.join(status['naive5000'])}): imports, market made, build, solve; "
                "fresh processes, medians of 3 interleaved",
            ),
            flush=True,
        )
    peak = max(float(r["20000"]["peak_mb"]) for r in rounds)
    print(
        f"| peak memory at 20,000 targets | {peak:.0f} MB | <= 200 MB | "
        f"{'met' if peak <= 200 else 'NOT met'} | max RSS of the case's process (most of 3) |",
        flush=True,
    )
    points = 200
    sweeps: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(3):  # interleaved, medians (as above)
        for workers, seconds in sweeps.items():
            seconds.append(sweep_bench.engine_seconds(points, workers))
    one, two = statistics.median(sweeps[1]), statistics.median(sweeps[2])
    cli = sweep_bench.cli_seconds(points)
    print(
        goal_row(
            "200-point sweep: 2 workers / 1 worker (rate)",
            one / two,
            ">= 1.8x",
            one / two >= 1.8,
            f"{one:.2f} s on 1 worker, {two:.2f} s on 2 (medians of 3, interleaved)",
        )
    )
    print(
        goal_row(
            "200-point sweep on 2 workers / 200 CLI calls (rate)",
            cli / two,
            ">= 60x",
            cli / two >= 60,
            f"{cli:.1f} s for 200 `transfers solve --no-tradeoffs` processes",
        ),
        flush=True,
    )
    http_goal(http_baseline)
    print()


BEFORE_ISSUE_14 = "ca9f9c9"  # the commit before issue 14's first change


def http_rates(folder: Path) -> tuple[float, float]:
    """Plan-only requests/s and p99 (s) at concurrency 2 of the service in ``folder`` (a
    checkout), measured by that checkout's own bench/load_bench.py: 300 requests (40 were
    over in a second, and the rate moved 1.6x-2.05x between runs of one commit)."""
    done = subprocess.run(
        [sys.executable, "bench/load_bench.py", "--concurrency", "2", "--requests", "300"],
        capture_output=True,
        text=True,
        cwd=folder,  # `python -c` there imports that checkout's packages, not this one's
        check=True,
    )
    row = done.stdout.strip().splitlines()[-1].strip("|").split("|")
    return float(row[1]), float(row[3]) / 1000


def http_goal(baseline: float | None) -> None:
    """The service's plan-only rate against the commit before issue 14, both measured here,
    interleaved (3 rounds, medians) from a checkout of that commit (``git worktree``): a
    baseline given by hand (22.5 requests/s, 40 requests, another day) made the ratio 2.05x
    where both sides measured together give about 1.2x. ``baseline`` (requests/s) skips the
    checkout."""
    rates: list[float] = []
    p99s: list[float] = []
    before: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "before"
        if baseline is None:
            subprocess.run(
                ["git", "worktree", "add", "--detach", "-q", str(old), BEFORE_ISSUE_14],
                cwd=ROOT,
                check=True,
            )
            for package in ("api", "models", "optimizer", "scenarios"):  # as this side's
                compileall.compile_dir(old / package, quiet=1)
        try:
            for _ in range(3):
                if baseline is None:
                    before.append(http_rates(old)[0])
                rate, p99 = http_rates(ROOT)
                rates.append(rate)
                p99s.append(p99)
        finally:
            if baseline is None:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False
                )
    rate, p99 = statistics.median(rates), statistics.median(p99s)
    base = baseline if baseline is not None else statistics.median(before)
    how = (
        "given (--http-baseline)"
        if baseline is not None
        else f"{BEFORE_ISSUE_14}, the commit before; medians of 3, interleaved"
    )
    print(
        goal_row(
            "HTTP plan-only at concurrency 2 / before issue 14",
            rate / base,
            ">= 2x",
            rate >= 2 * base,
            f"{rate:.1f} requests/s (p99 {1000 * p99:.0f} ms) / {base:.1f} requests/s ({how})",
        )
    )


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
    parser.add_argument("--goals-only", action="store_true", help="print issue 14's goals only")
    parser.add_argument(
        "--http-baseline",
        type=float,
        help="plan-only requests/s at concurrency 2 before issue 14; default: measured here "
        f"from a git worktree of {BEFORE_ISSUE_14}",
    )
    args = parser.parse_args()

    for package in ("api", "models", "optimizer", "scenarios"):
        compileall.compile_dir(ROOT / package, quiet=1)
    goals(args.http_baseline)
    if args.goals_only:
        return

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
