"""PNG charts (matplotlib, no display needed): the budget curve and the Pareto front of the
trade-offs, and what every chart here shares: how it is written, and how plans are labelled.

Plans are labelled by number on the chart and said in full in a key under it (full names,
sales and loans said as such), because a plan's moves do not fit beside a point: written
there, they overlapped one another. Numbers that would still touch are moved apart.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from models.plan import Move
from models.tradeoffs import BudgetAnalysis

KEY_WIDTH = 120  # characters per key line: what 8-point monospace fits in a 10-inch figure


def pyplot() -> Any:
    """matplotlib's pyplot on the file-only backend (imported late: it is slow to load)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save_png(fig: Any, path: Path, dpi: int = 120, tight: bool = True) -> Path:
    if tight:  # a chart that placed text by the laid-out axes has laid them out already
        fig.tight_layout()
    fig.savefig(path, dpi=dpi)
    pyplot().close(fig)
    return path


def move_text(move: Move) -> str:
    """ "sell Joe Gomez (18 m)", "loan in Marc Guiu (1 m)": full name, the action in words;
    over a horizon its window: "sign free Dayot Upamecano (15 m, Summer 2026)"."""
    when = f", {move.window}" if move.window else ""
    return f"{move.action.words} {move.name} ({move.fee:g} m{when})"


def moves_changed(moves: Sequence[Move], before: Sequence[Move] | None) -> str:
    """The plan's moves in full, or, after another plan, what it adds (+) and drops (-)."""
    if before is None:
        return ", ".join(move_text(m) for m in moves) or "no moves"
    key = lambda m: (m.action.value, m.player, m.offer, m.window)  # noqa: E731
    old, new = {key(m) for m in before}, {key(m) for m in moves}
    parts = [f"+ {move_text(m)}" for m in moves if key(m) not in old]
    parts += [f"- {move_text(m)}" for m in before if key(m) not in new]
    return ", ".join(parts) or "the same moves"


def figure_with_key(lines: list[str], width: float = 10.0, height: float = 4.5) -> Any:
    """A figure with the chart's axes above and its key (``lines``, wrapped) below;
    returns (figure, chart axes)."""
    plt = pyplot()
    wrapped = [
        part
        for line in lines
        for part in textwrap.wrap(line, KEY_WIDTH, subsequent_indent="      ") or [""]
    ]
    key_height = 0.15 * len(wrapped) + 0.2
    fig, (ax, key) = plt.subplots(
        2,
        1,
        figsize=(width, height + key_height),
        gridspec_kw={"height_ratios": [height, key_height]},
    )
    key.axis("off")
    key.text(0, 1, "\n".join(wrapped), va="top", ha="left", fontsize=8, family="monospace")
    return fig, ax


def number_points(
    fig: Any,
    ax: Any,
    points: Sequence[tuple[float, float]],
    numbers: Sequence[int] | None = None,
) -> list[Any]:
    """Mark each point with its number (``numbers``, else 1, 2, ...), then lift any number
    that would touch one already placed until none do."""
    numbers = list(numbers) if numbers is not None else list(range(1, len(points) + 1))
    labels = [
        ax.annotate(
            str(numbers[k]),
            (x, y),
            textcoords="offset points",
            xytext=(3, 6),
            fontsize=8,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "grey", "lw": 0.5},
        )
        for k, (x, y) in enumerate(points)
    ]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    placed: list[Any] = []
    for label in labels:
        for _ in range(40):
            box = label.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in placed):
                break
            dx, dy = label.xyann
            label.xyann = (dx, dy + 7)
        placed.append(label.get_window_extent(renderer))
    return labels


def write_plots(budget: BudgetAnalysis, folder: Path, title: str) -> list[Path]:
    """The budget curve and the Pareto front as PNG files in ``folder``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        save_png(budget_curve(budget, title), folder / "budget_curve.png"),
        save_png(pareto_front(budget, title), folder / "pareto_front.png"),
    ]


def budget_curve(budget: BudgetAnalysis, title: str) -> Any:
    """The objective of the best plan against the net-spend budget, each plan numbered."""
    lo, hi = budget.range
    segments = [seg for seg in budget.segments if seg.plan.objective is not None]
    lines = []
    before: Sequence[Move] | None = None
    for k, seg in enumerate(segments):
        until = "the end" if seg.to_budget is None else f"{seg.to_budget:g} m"
        lines.append(
            f"{k + 1:>2}: from {seg.from_budget:g} m to {until}: "
            f"{moves_changed(seg.plan.moves, before)}"
        )
        before = seg.plan.moves
    fig, ax = figure_with_key(lines)
    for seg in segments:
        end = hi if seg.to_budget is None else seg.to_budget
        value = seg.plan.objective
        ax.hlines(value, seg.from_budget, end, colors="tab:blue", linewidth=2)
        ax.plot([seg.from_budget], [value], "o", color="tab:blue")
    ax.axvline(budget.budget, color="grey", linestyle="--", linewidth=1)
    ax.text(
        budget.budget,
        1.0,
        " the budget",
        color="grey",
        fontsize=8,
        va="top",
        transform=ax.get_xaxis_transform(),
    )
    ax.set_xlim(lo, hi)
    ax.margins(y=0.15)
    ax.set_xlabel(
        f"{budget.window} net-spend budget (m)" if budget.window else "net-spend budget (m)"
    )
    ax.set_ylabel("objective of the best plan (points)")
    ax.set_title(f"{title}: the best plan by budget (each step is a change of plan)")
    number_points(fig, ax, [(seg.from_budget, seg.plan.objective or 0.0) for seg in segments])
    return fig


def pareto_front(budget: BudgetAnalysis, title: str) -> Any:
    """XI strength against net spend: the plans no other beats on both, numbered."""
    lines = []
    before: Sequence[Move] | None = None
    for k, p in enumerate(budget.pareto):
        lines.append(
            f"{k + 1:>2}: net spend {p.net_spend:g} m: {moves_changed(p.plan.moves, before)}"
        )
        before = p.plan.moves
    fig, ax = figure_with_key(lines)
    xs = [p.net_spend for p in budget.pareto]
    ys = [p.strength for p in budget.pareto]
    ax.step(xs, ys, where="post", color="tab:green", linewidth=1.5)
    ax.plot(xs, ys, "o", color="tab:green")
    ax.margins(y=0.15)
    ax.set_xlabel(f"{budget.window} net spend (m)" if budget.window else "net spend (m)")
    ax.set_ylabel("XI strength (weighted first + second XI, points)")
    ax.set_title(f"{title}: strength against net spend (no plan is stronger for less)")
    number_points(fig, ax, list(zip(xs, ys, strict=True)))
    return fig
