"""Charts a person reads without help: tick labels are the swept values, axis titles are
words with units, random draws are points, and numbered plan labels never overlap."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest

from api.application import SolveRequest, run_exact, run_sweep, solve_and_analyse
from api.plots import budget_curve, pareto_front, pyplot
from api.sweep_charts import exact_chart, heat_map, line_chart, strip_chart
from api.sweep_files import runs_frame
from models.scenario import Scenario
from models.sweep import ExactSpec, load_sweep, values
from optimizer.sweeps import as_rows, exact_scan
from scenarios import load_bundled
from tests.conftest import ROOT

SWEEPS = ROOT / "scenarios" / "liverpool-2026-01"


def _texts(fig: Any) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.get_xticklabels()]


def _solved(name: str, runs: int | None = None) -> tuple[Any, list[str], Scenario, Any]:
    spec, base = load_sweep(SWEEPS / name)
    if runs is not None:
        spec = spec.model_copy(update={"runs": runs})
    result = run_sweep(spec, base, workers=1)
    frame, moves = runs_frame(result.rows, list(spec.parameters))
    return frame, moves, base, spec


@pytest.fixture(scope="module")
def milan() -> tuple[Any, list[str], Scenario, Any]:
    return _solved("milan-fee.sweep.yaml")


def test_heat_map_has_one_column_per_swept_value(milan: Any) -> None:
    frame, moves, base, spec = milan
    fee = heat_map(frame, moves, "offers[0].fee", base)
    swept = values(spec.parameters["offers[0].fee"])
    assert len(swept) == 15
    assert [t.get_text() for t in fee.axes[0].get_xticklabels()] == [f"{v:g}" for v in swept]
    assert fee.axes[0].get_xlabel() == "AC Milan's bid for Joe Gomez (m EUR)"
    assert "sell Joe Gomez" in [t.get_text() for t in fee.axes[0].get_yticklabels()]
    keep = heat_map(frame, moves, "locks.keep", base)
    assert [t.get_text() for t in keep.axes[0].get_xticklabels()] == ["Joe Gomez", "none"]
    # Each cell is the share of that value's runs that make the move: Gomez is sold in
    # every run without the lock and in none with it.
    image = keep.axes[0].images[0].get_array()
    row = [t.get_text() for t in keep.axes[0].get_yticklabels()].index("sell Joe Gomez")
    assert list(image[row]) == [0.0, 1.0]
    pyplot().close("all")


def test_line_chart_says_its_axes_in_words(milan: Any) -> None:
    frame, _, base, _ = milan
    fig = line_chart(frame, "offers[0].fee", ["locks.keep"], base, drawn=False)
    objective, spend = fig.axes[:2]
    assert objective.get_xlabel() == "AC Milan's bid for Joe Gomez (m EUR)"
    assert spend.get_ylabel() == "net spend (m EUR)"
    legend = spend.get_legend()
    assert legend.get_title().get_text() == "players locked to stay"
    assert [t.get_text() for t in legend.get_texts()] == ["Joe Gomez", "none"]
    pyplot().close("all")


def test_random_draws_are_points_not_lines() -> None:
    frame, moves, base, _ = _solved("gomez-availability.sweep.yaml", runs=12)
    path = "squad.joe-gomez.availability"
    fig = line_chart(frame, path, ["locks.keep"], base, drawn=True)
    for ax in fig.axes[:2]:
        assert len(ax.lines) == 0 and len(ax.collections) == 1
        assert ax.get_xlabel().startswith("Joe Gomez's expected availability")
    strip = strip_chart(frame, moves, path, base)
    assert {t.get_text() for t in strip.axes[0].get_yticklabels()} >= {"sell Joe Gomez"}
    pyplot().close("all")


def _overlaps(fig: Any) -> list[tuple[str, str]]:
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for ax in fig.axes for t in ax.texts if t.get_text().isdigit()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in labels]
    return [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2) if box_a.overlaps(box_b)]


def test_plan_labels_do_not_overlap(liverpool: Scenario) -> None:
    plan = solve_and_analyse(liverpool, SolveRequest())
    assert plan.tradeoffs is not None and plan.tradeoffs.budget is not None
    budget = plan.tradeoffs.budget
    for fig, count in (
        (budget_curve(budget, liverpool.name), len(budget.segments)),
        (pareto_front(budget, liverpool.name), len(budget.pareto)),
    ):
        labels = [t for t in fig.axes[0].texts if t.get_text().isdigit()]
        assert len(labels) == count and _overlaps(fig) == []
        key = fig.axes[1].texts[0].get_text()
        assert "Marc Guéhi" in key and "sell Wataru Endo" in key  # full names, sales said
    spec, base = load_sweep(SWEEPS / "money-weight.sweep.yaml")
    assert spec.exact is not None
    scan = run_exact(spec, base)
    fig = exact_chart(as_rows(scan.changes), spec.exact, scan.method, base)
    assert _overlaps(fig) == [] and fig.axes[0].get_xlabel() == "weight of money (points per m EUR)"
    # The objective is drawn through the values solved inside each segment.
    assert all(len(line.get_xdata()) >= 2 for line in fig.axes[0].lines)
    pyplot().close("all")


def test_exact_chart_says_where_no_plan_exists() -> None:
    # Below -17 m the teaching scenario has no plan (its cheapest sells Gomez for 18 and
    # loans the cheap CB for 1); a regression: the chart's key called that range "no moves".
    base = load_bundled("teaching-centre-back")
    spec = ExactSpec(parameter="rules.budget.net_spend", low=-30, high=20)
    changes, method = exact_scan(base, spec)
    key = exact_chart(as_rows(changes), spec, method, base).axes[1].texts[0].get_text()
    assert key.splitlines()[0] == " 1: -30 to -17: no plan (infeasible)"
    assert "no moves" not in key
    pyplot().close("all")
