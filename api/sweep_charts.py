"""Charts of a sweep and of an exact scan, for a person to read without help: axis titles in
words with units (:mod:`api.labels`), one heat-map column per swept value, random draws as
points rather than lines, plans numbered on the chart and said in full beneath it."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from api.labels import move_words, parameter_words, value_words
from api.plots import figure_with_key, number_points, pyplot, save_png
from models.scenario import Scenario
from models.status import WITH_PLAN
from models.sweep import ExactSpec

Row = dict[str, Any]
ANNOTATE_CELLS = 300  # heat maps with at most this many cells show each share in its cell


def _sorted_values(values: Any) -> list[Any]:
    return sorted(set(values), key=lambda v: (not isinstance(v, int | float), v))


def _key(value: Any) -> Any:
    """A cell value as something hashable and ordered (list values are JSON text)."""
    return json.dumps(value, sort_keys=True) if isinstance(value, list | dict) else value


def line_chart(
    solved: Any, parameter: str, others: list[str], scenario: Scenario, drawn: bool
) -> Any:
    """Objective and net spend against one parameter: a line per setting of the other
    parameters, or, when values are random draws, points (a line through draws zig-zags)."""
    plt = pyplot()
    column = f"param.{parameter}"
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    numeric = solved[column].map(lambda v: isinstance(v, int | float)).all()
    order = [value_words(v, scenario) for v in _sorted_values(solved[column].map(_key))]
    groups = (
        [((), solved)]
        if drawn or not others
        else list(solved.groupby([f"param.{q}" for q in others], sort=True))
    )
    for key, group in groups:
        data = group.sort_values(column) if numeric else group
        xs = data[column] if numeric else [value_words(v, scenario) for v in data[column]]
        label = ", ".join(
            value_words(k, scenario) for k in (key if isinstance(key, tuple) else (key,))
        )
        for ax, field in ((axes[0], "objective"), (axes[1], "net_spend")):
            if drawn:
                ax.scatter(xs, data[field], s=12, alpha=0.6, label=label or None)
            else:
                ax.plot(xs, data[field], "o-", markersize=3, linewidth=1, label=label or None)
    words = parameter_words(parameter, scenario)
    money = f"m {scenario.currency}"
    for ax, label in (
        (axes[0], "objective of the best plan (points)"),
        (axes[1], f"net spend ({money})"),
    ):
        ax.set_xlabel("\n".join(textwrap.wrap(words, 60)))
        ax.set_ylabel(label)
        if not numeric:
            ax.set_xticks(range(len(order)), order, rotation=20, ha="right", fontsize=8)
    if len(groups) > 1:
        title = ", ".join(parameter_words(q, scenario) for q in others)
        axes[1].legend(title="\n".join(textwrap.wrap(title, 40)), fontsize=7, title_fontsize=7)
    kind = "random draws" if drawn else "each swept value"
    fig.suptitle(f"{scenario.name}: the best plan's objective and net spend ({kind})")
    return fig


def heat_map(solved: Any, moves: list[str], parameter: str, scenario: Scenario) -> Any:
    """The share of runs that make each move, one column per swept value (its tick label
    is the value itself, in words), one row per move."""
    import numpy as np

    plt = pyplot()
    column = solved[f"param.{parameter}"].map(_key)
    values = _sorted_values(column)
    grid = np.array([[solved.loc[column == v, f"move:{m}"].mean() for v in values] for m in moves])
    width = max(7.0, 0.45 * len(values) + 5)
    fig, ax = plt.subplots(figsize=(width, max(3.0, 0.32 * len(moves) + 2)))
    image = ax.imshow(grid, aspect="auto", cmap="viridis", vmin=0, vmax=1)
    ax.set_yticks(range(len(moves)), [move_words(m, scenario) for m in moves], fontsize=8)
    labels = [value_words(v, scenario) for v in values]
    rotate = 90 if len(values) > 12 or max(len(t) for t in labels) > 8 else 0
    ax.set_xticks(range(len(values)), labels, rotation=rotate, fontsize=8)
    if grid.size <= ANNOTATE_CELLS:
        for (i, j), share in np.ndenumerate(grid):
            colour = "white" if share < 0.5 else "black"
            ax.text(j, i, f"{100 * share:.0f}%", ha="center", va="center", fontsize=6, color=colour)
    ax.set_xlabel(parameter_words(parameter, scenario))
    ax.set_title(f"{scenario.name}: share of runs that make each move, for each value")
    fig.colorbar(image, ax=ax, label="share of runs")
    return fig


def strip_chart(solved: Any, moves: list[str], parameter: str, scenario: Scenario) -> Any:
    """For randomly drawn values: each run a point at its value, filled on the rows of the
    moves its plan makes (no bins: every draw is where it was drawn)."""
    plt = pyplot()
    column = f"param.{parameter}"
    fig, ax = plt.subplots(figsize=(10, max(3.0, 0.32 * len(moves) + 2)))
    for i, move in enumerate(moves):
        chosen = solved[f"move:{move}"] == 1
        ax.scatter(
            solved.loc[~chosen, column],
            [i] * int((~chosen).sum()),
            s=10,
            facecolors="none",
            edgecolors="lightgrey",
            linewidths=0.6,
        )
        ax.scatter(solved.loc[chosen, column], [i] * int(chosen.sum()), s=12, color="tab:blue")
    ax.set_yticks(range(len(moves)), [move_words(m, scenario) for m in moves], fontsize=8)
    ax.set_ylim(-0.5, len(moves) - 0.5)
    ax.invert_yaxis()
    ax.set_xlabel(parameter_words(parameter, scenario))
    ax.set_title(
        f"{scenario.name}: the moves of each run's plan (filled: made; hollow: not)", fontsize=10
    )
    return fig


def sweep_charts(
    folder: Path,
    frame: Any,
    moves: list[str],
    parameters: list[str],
    drawn: set[str],
    scenario: Scenario,
    file_name: Any,
) -> list[Path]:
    """For each parameter: the objective and net spend chart, and the moves chart (a heat
    map over swept values, or a strip of random draws). ``drawn``: the parameters whose
    values were drawn at random."""
    out: list[Path] = []
    solved = frame[frame["status"].isin(list(WITH_PLAN))] if len(frame) else frame
    for p in parameters:
        if f"param.{p}" not in solved or not len(solved):
            continue
        if solved[f"param.{p}"].map(_key).nunique() < 2:
            continue  # one value for every run: a setting of the sweep, nothing to chart
        others = [q for q in parameters if q != p]
        fig = line_chart(solved, p, others, scenario, p in drawn)
        out.append(save_png(fig, folder / f"{file_name(p)}.png", dpi=110))
        if not moves:
            continue
        numeric = solved[f"param.{p}"].map(lambda v: isinstance(v, int | float)).all()
        if p in drawn and numeric:
            fig = strip_chart(solved, moves, p, scenario)
        else:
            fig = heat_map(solved, moves, p, scenario)
        out.append(save_png(fig, folder / f"moves_by_{file_name(p)}.png", dpi=110))
    return out


def exact_chart(rows: list[Row], exact: ExactSpec, method: str, scenario: Scenario) -> Any:
    """The objective of the best plan across the scanned range, each plan's segment drawn
    through the values solved inside it (so the slope within a segment shows), numbered,
    with its moves beneath: the first plan in full, then what each next plan changes."""
    lines = []
    before: set[str] | None = None
    for k, r in enumerate(rows):
        span = f"{k + 1:>2}: {r['from']:.4g} to {r['to']:.4g}: "
        if str(r["status"]).startswith("error"):
            lines.append(span + "rejected by the scenario: " + str(r["status"])[7:][:160])
            continue
        if r["status"] not in WITH_PLAN:  # e.g. below the cheapest plan
            lines.append(span + f"no plan ({r['status']})")
            continue
        moves = set(r["moves"])
        if before is None:
            said = ", ".join(move_words(m, scenario) for m in sorted(moves)) or "no moves"
        else:
            added = [f"+ {move_words(m, scenario)}" for m in sorted(moves - before)]
            dropped = [f"- {move_words(m, scenario)}" for m in sorted(before - moves)]
            said = ", ".join(added + dropped) or "the same moves"
        lines.append(span + said)
        before = moves
    if exact.fixed:
        fixed = ", ".join(f"{p} = {value_words(v, scenario)}" for p, v in exact.fixed.items())
        lines.append(f"throughout: {fixed}")
    fig, ax = figure_with_key(lines)
    starts, numbers = [], []
    for k, r in enumerate(rows):
        points = sorted(r.get("points") or [])
        if r["objective_at_from"] is None:
            ax.axvspan(r["from"], r["to"], color="lightgrey", alpha=0.5)
            continue
        xs = [x for x, _ in points] or [r["from"]]
        ys = [y for _, y in points] or [r["objective_at_from"]]
        if len(xs) == 1:  # one value solved: the plan's objective does not move with it here
            xs, ys = [r["from"], r["to"]], [ys[0], ys[0]]
        ax.plot(xs, ys, "-", color="tab:blue", linewidth=2)
        ax.plot(xs, ys, ".", color="tab:blue", markersize=3)
        ax.axvline(r["from"], color="grey", linewidth=0.5, linestyle=":")
        starts.append((r["from"], r["objective_at_from"]))
        numbers.append(k + 1)
    ax.set_xlim(exact.low, exact.high)
    ax.margins(y=0.15)
    ax.set_xlabel(parameter_words(exact.parameter, scenario))
    ax.set_ylabel("objective of the best plan (points)")
    ax.set_title(f"{scenario.name}: where the best plan changes ({method})", fontsize=10)
    number_points(fig, ax, starts, numbers)
    return fig


def write_exact_chart(
    folder: Path, rows: list[Row], exact: ExactSpec, method: str, scenario: Scenario
) -> Path:
    return save_png(exact_chart(rows, exact, method, scenario), folder / "exact.png", dpi=110)
