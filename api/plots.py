"""PNG charts (matplotlib, no display needed): the budget curve and the Pareto front of the
trade-offs, and the shared way charts are written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.plan import Move
from models.tradeoffs import BudgetAnalysis


def pyplot() -> Any:
    """matplotlib's pyplot on the file-only backend (imported late: it is slow to load)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save_png(fig: Any, path: Path, dpi: int = 120) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=dpi)
    pyplot().close(fig)
    return path


def _signings(moves: tuple[Move, ...]) -> str:
    """Surnames of the players coming in, for a chart label."""
    names = [m.name.split()[-1] for m in moves if m.action.value in ("buy", "loan_in")]
    return ", ".join(names) or "no signings"


def write_plots(budget: BudgetAnalysis, folder: Path, title: str) -> list[Path]:
    """The budget curve and the Pareto front as PNG files in ``folder``; returns the paths."""
    plt = pyplot()
    folder.mkdir(parents=True, exist_ok=True)

    fig, ax = plt.subplots(figsize=(8, 4.5))
    lo, hi = budget.range
    for seg in budget.segments:
        end = hi if seg.to_budget is None else seg.to_budget
        value = seg.plan.objective
        if value is None:
            continue
        ax.hlines(value, seg.from_budget, end, colors="tab:blue", linewidth=2)
        ax.plot([seg.from_budget], [value], "o", color="tab:blue")
        ax.annotate(
            _signings(seg.plan.moves),
            (seg.from_budget, value),
            textcoords="offset points",
            xytext=(4, 6),
            fontsize=7,
        )
    ax.axvline(budget.budget, color="grey", linestyle="--", linewidth=1)
    ax.text(budget.budget, ax.get_ylim()[0], " budget", color="grey", fontsize=8, va="bottom")
    ax.set_xlim(lo, hi)
    ax.margins(y=0.12)
    ax.set_xlabel("net-spend budget (m)")
    ax.set_ylabel("objective of the best plan")
    ax.set_title(f"{title}: best plan by budget (each step is a plan change)")
    curve = save_png(fig, folder / "budget_curve.png")

    fig, ax = plt.subplots(figsize=(8, 4.5))
    xs = [p.net_spend for p in budget.pareto]
    ys = [p.strength for p in budget.pareto]
    ax.step(xs, ys, where="post", color="tab:green", linewidth=1.5)
    ax.plot(xs, ys, "o", color="tab:green")
    for p in budget.pareto:
        ax.annotate(
            _signings(p.plan.moves),
            (p.net_spend, p.strength),
            textcoords="offset points",
            xytext=(4, -10),
            fontsize=7,
        )
    ax.set_xlabel("net spend (m)")
    ax.set_ylabel("XI strength (weighted first + second XI)")
    ax.set_title(f"{title}: strength vs net spend (Pareto front)")
    return [curve, save_png(fig, folder / "pareto_front.png")]
