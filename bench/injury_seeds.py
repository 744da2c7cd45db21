"""How many matchday draws make Liverpool's plan hold: the plan of
scenarios/liverpool-2026-01-matchdays with the 2025-26 history (as `transfers solve
--absences` plans it), for several draw counts and seeds.

Run: python bench/injury_seeds.py [--samples 500 1000 2000] [--seeds 20]

For each draw count, over seeds 0..N-1: how many different plans, and on how many seeds the
plan falls short of a level when its chance is computed exactly (the report's
``shortfalls``). Prints a Markdown table; the README's advice on `injury.samples` comes
from it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from api.application import with_absences
from models.sweep import what_if
from optimizer.solve import solve
from scenarios import load_bundled

ABSENCES = Path(__file__).resolve().parents[2] / "shared" / "data" / "airsenal_absences_2526.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    planning, _ = with_absences(load_bundled("liverpool-2026-01-matchdays"), ABSENCES)
    print(
        "| draws | seeds | different plans | seeds short of a level exactly | roles short | "
        "solve s (median) |"
    )
    print("|---|---|---|---|---|---|")
    for samples in args.samples:
        plans: Counter[tuple[str, ...]] = Counter()
        short, roles, seconds = 0, Counter[str](), []
        for seed in range(args.seeds):
            scenario = what_if(planning, [f"injury.samples={samples}", f"injury.seed={seed}"])
            started = time.perf_counter()
            plan = solve(scenario)
            seconds.append(time.perf_counter() - started)
            plans[tuple(sorted(f"{m.action.value} {m.player}" for m in plan.moves))] += 1
            shortfalls = plan.matchday_risk.shortfalls if plan.matchday_risk else ()
            short += bool(shortfalls)
            roles.update(text.split(":")[0] for text in shortfalls)
        said = ", ".join(f"{role} {n}" for role, n in sorted(roles.items())) or "-"
        print(
            f"| {samples} | {args.seeds} | {len(plans)} | {short} | {said} | "
            f"{statistics.median(seconds):.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
