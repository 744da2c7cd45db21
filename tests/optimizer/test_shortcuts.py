"""Every shortcut of the trade-off analysis gives what the full re-solve gives.

The shortcuts: a what-if answered by the LP bound (the best plan still stands, a better
plan's net spend is where the best plan changes, "better" is LP-infeasible); the walk down
the budget lattice instead of the chain up; the best plan as the starting point of a
re-solve; and the second process. The reference for each is the analysis with it turned
off: every what-if re-solved as a MIP from scratch, one after another, in one process.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

import optimizer.tradeoffs.parametric as parametric
import optimizer.tradeoffs.tasks as tasks
from models.scenario import Scenario
from models.sweep import expand, load_sweep
from models.tradeoffs import PlanSummary, TradeOffs
from optimizer.backends import get_backend
from optimizer.backends.base import SolveOptions
from optimizer.solve import solve, solve_model
from optimizer.sweeps import SweepJob, SweepSolver, run_local
from optimizer.tradeoffs.analysis import EXACT, analyse, analyse_solved
from optimizer.tradeoffs.budget import with_budget
from optimizer.tradeoffs.resolver import Resolver
from scenarios import ROOT as BUNDLED
from scenarios import load_bundled

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from markets import synthetic_market

SCENARIOS = {
    "liverpool": lambda: load_bundled("liverpool-2026-01"),
    "teaching-centre-back": lambda: load_bundled("teaching-centre-back"),
    "teaching-registration": lambda: load_bundled("teaching-registration"),
    "teaching-sell-now-or-later": lambda: load_bundled("teaching-sell-now-or-later"),
    "synthetic-40-seed-11": lambda: synthetic_market(40, seed=11),
    "synthetic-70-seed-12": lambda: synthetic_market(70, seed=12),
}


def _full_resolves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn every shortcut off: no LP bound, the chain up, no starting plan, one process."""
    monkeypatch.setattr(Resolver, "lp_bound", lambda self: None)
    monkeypatch.setattr(parametric, "spend_step", lambda r: None)
    monkeypatch.setattr(tasks, "cores", lambda: 1)
    real_init = Resolver.__init__

    def without_start(self: Resolver, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        self.best_x = None

    monkeypatch.setattr(Resolver, "__init__", without_start)


def _same_plan(a: PlanSummary, b: PlanSummary, where: str) -> None:
    assert a.status == b.status, where
    if a.objective is None or b.objective is None:
        assert a.objective == b.objective, where
        return
    assert a.objective == pytest.approx(b.objective, abs=1e-6), where
    assert a.net_spend == pytest.approx(b.net_spend, abs=1e-9), where
    assert sorted((m.action, m.player) for m in a.moves) == sorted(
        (m.action, m.player) for m in b.moves
    ), where


def _same_report(fast: TradeOffs, full: TradeOffs) -> None:
    assert fast.budget is not None and full.budget is not None
    fb, rb = fast.budget, full.budget
    assert fb.breakpoints == pytest.approx(rb.breakpoints, abs=1e-9)
    assert fb.complete == rb.complete
    assert len(fb.segments) == len(rb.segments)
    for k, (a, b) in enumerate(zip(fb.segments, rb.segments, strict=True)):
        assert a.from_budget == pytest.approx(b.from_budget, abs=1e-9)
        _same_plan(a.plan, b.plan, f"segment {k}")
    assert len(fb.pareto) == len(rb.pareto)
    for k, (a, b) in enumerate(zip(fb.pareto, rb.pareto, strict=True)):
        assert a.net_spend == pytest.approx(b.net_spend, abs=1e-9), f"Pareto point {k}"
        assert a.strength == pytest.approx(b.strength, abs=1e-6), f"Pareto point {k}"
        _same_plan(a.plan, b.plan, f"Pareto point {k}")
    for name in ("lower", "upper", "one_more", "one_less"):
        a, b = getattr(fb, name), getattr(rb, name)
        assert a.objective_change == pytest.approx(b.objective_change, abs=1e-6), name
        _same_plan(a.plan, b.plan, name)
    assert [p.rule for p in fast.prices] == [p.rule for p in full.prices]
    for a, b in zip(fast.prices, full.prices, strict=True):
        assert a.objective_loss == pytest.approx(b.objective_loss, abs=1e-6), a.rule
        assert a.net_spend_change == pytest.approx(b.net_spend_change, abs=1e-9), a.rule
        _same_plan(a.plan, b.plan, a.rule)
    assert [r.forced for r in fast.regret] == [r.forced for r in full.regret]
    for a, b in zip(fast.regret, full.regret, strict=True):
        assert a.objective_loss == pytest.approx(b.objective_loss, abs=1e-6), a.forced
        _same_plan(a.plan, b.plan, a.forced)
    assert [a.objective_loss for a in fast.alternatives] == pytest.approx(
        [a.objective_loss for a in full.alternatives], abs=1e-6
    )


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_analysis_with_its_shortcuts_equals_full_resolves(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = SCENARIOS[name]()
    fast = analyse_solved(solve_model(scenario))
    with monkeypatch.context() as off:
        _full_resolves(off)
        full = analyse(scenario, solve(scenario))
    assert full.solves > fast.solves  # the shortcuts did save re-solves
    _same_report(fast, full)


def test_the_shortcuts_are_taken_on_liverpool(monkeypatch: pytest.MonkeyPatch) -> None:
    """The LP bound answers most prices and the walk runs: a test of the shortcuts above
    must not pass because none was taken."""
    scenario = load_bundled("liverpool-2026-01")
    proofs: list[bool] = []
    real = Resolver.still_best

    def counted(self: Resolver, *args: Any) -> Any:
        found = real(self, *args)
        proofs.append(found is not None)
        return found

    monkeypatch.setattr(Resolver, "still_best", counted)
    monkeypatch.setattr(tasks, "cores", lambda: 1)  # counted in this process
    report = analyse_solved(solve_model(scenario))
    assert sum(proofs) >= 17  # 17 of 19 prices cost nothing; the LP bound proves it
    r = Resolver(solve_model(scenario).form, get_backend("highs"), EXACT)
    assert parametric.spend_step(r) == 0.5  # Liverpool's fees are in half millions
    assert report.budget is not None and len(report.budget.pareto) >= 10


def test_two_processes_give_the_answers_of_one(
    liverpool: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    forks: list[int] = []
    real_share = tasks.share

    def counted(count: int, work: Any, helpers: int) -> Any:
        forks.append(helpers)
        return real_share(count, work, helpers)

    monkeypatch.setattr(tasks, "share", counted)
    monkeypatch.setattr(tasks, "cores", lambda: 2)
    two = analyse_solved(solve_model(liverpool))
    assert forks == [1]
    monkeypatch.setattr(tasks, "cores", lambda: 1)
    one = analyse_solved(solve_model(liverpool))
    assert two.model_dump(exclude={"seconds"}) == one.model_dump(exclude={"seconds"})


@pytest.mark.parametrize(("name", "value"), [("objective", "objective"), ("strength", "strength")])
@pytest.mark.parametrize("seed", [21, 22, 23])
def test_the_walk_finds_the_segments_of_the_chain(name: str, value: str, seed: int) -> None:
    """Over random markets (fees in hundredths), from a budget and from the cheapest plan."""
    scenario = synthetic_market(30, seed=seed)
    form = solve_model(scenario).form
    r = Resolver(form, get_backend("highs"), SolveOptions(gap=0.0, threads=1))
    vector = getattr(r, value)
    assert parametric.spend_step(r) == 0.01
    for lo in (None, 0.0, -5.0):
        walked, done = parametric.search(r, name, vector, lo, 80.0, with_budget)
        chained, chain_done = parametric.parametric(r, name, vector, lo, 80.0, with_budget)
        assert done and chain_done
        assert [s for s, _, _ in walked] == pytest.approx([s for s, _, _ in chained], abs=1e-9)
        assert [v for _, _, v in walked] == pytest.approx([v for _, _, v in chained], abs=1e-6)
        for (start, a, _), (_, b, _) in zip(walked, chained, strict=True):
            where = f"{name} from {lo}"
            if name == "objective":
                _same_plan(a, b, where)
                continue
            # Plans of equal strength but different objective are both a best plan for
            # strength (seed 22 has such a tie): the value and the budget are what must agree.
            assert a.strength == pytest.approx(b.strength, abs=1e-6), where
            assert a.net_spend is not None and b.net_spend is not None
            assert max(a.net_spend, b.net_spend) <= start + 1e-9, where


def test_no_lattice_no_walk(liverpool: Scenario) -> None:
    """A fee off every lattice (0.123456 m) leaves the chain up to find the changes."""
    targets = [t.model_dump() for t in liverpool.targets]
    targets[0]["fee"] = 12.123456
    scenario = liverpool.evolve(targets=targets)
    r = Resolver(solve_model(scenario).form, get_backend("highs"), EXACT)
    assert parametric.spend_step(r) is None
    search = parametric.Search(r, "objective", r.objective, 0.0, 120.0, with_budget)
    assert not search.walked and len(search.tasks) == 1


def test_a_sweep_run_the_lp_bound_answers_equals_its_re_solve(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A budget sweep's runs where the base plan still fits and the LP bound proves it best
    give the rows of a MIP re-solve of every run (in one process, so the proofs are counted
    here)."""
    spec, base = load_sweep(BUNDLED / "liverpool-2026-01" / "budget.sweep.yaml")
    job = SweepJob(base.model_dump(mode="json"), spec.model_dump(mode="json"), "highs", None)
    runs = expand(spec)
    proofs: list[bool] = []
    real = SweepSolver._base_stands

    def counted(self: SweepSolver, session: Any) -> Any:
        found = real(self, session)
        proofs.append(found is not None)
        return found

    def rows(batches: Any) -> list[dict[str, Any]]:
        found = [row for batch in batches for row in batch]
        for row in found:
            row.pop("seconds")
        return sorted(found, key=lambda row: row["run_id"])

    with monkeypatch.context() as patch:
        patch.setattr(SweepSolver, "_base_stands", counted)
        fast = rows(run_local(job, runs, workers=1))
    assert 0 < sum(proofs) < len(runs)  # some runs were proven, the others re-solved
    with monkeypatch.context() as patch:
        patch.setattr(SweepSolver, "_base_stands", lambda self, session: None)
        full = rows(run_local(job, runs, workers=1))
    assert len(fast) == len(full) == len(runs)
    for a, b in zip(fast, full, strict=True):
        assert a["status"] == b["status"], a["run_id"]
        assert a["objective"] == pytest.approx(b["objective"], abs=1e-6), a["run_id"]
        assert sorted(a["moves"]) == sorted(b["moves"]), a["run_id"]
