"""The backtest as a PNG: the best fit XI each real matchday for each plan, which roles each
plan was short of on which matchday, and the plans' moves in a key beneath."""

from __future__ import annotations

import textwrap
from pathlib import Path

from api.plots import KEY_WIDTH, pyplot, save_png
from models.backtest import Backtest

# Where two plans field the same XI their lines meet: each has its own dash and marker
# size, and the engine's is drawn on top, so that none hides another.
STYLES = {
    "engine": {"color": "tab:blue", "marker": "o", "linestyle": "-", "markersize": 5, "zorder": 3},
    "no moves": {"color": "tab:grey", "marker": "s", "linestyle": ":", "markersize": 7},
    "without the injury model": {
        "color": "tab:orange",
        "marker": "^",
        "linestyle": "--",
        "markersize": 9,
        "markerfacecolor": "none",
    },
}


def write_backtest_chart(result: Backtest, folder: Path) -> Path:
    """``folder/backtest.png``."""
    plt = pyplot()
    folder.mkdir(parents=True, exist_ok=True)
    days = list(result.matchdays)
    labels = [f"{d.day} {d:%b}" for d in days]
    plans = [p for p in result.plans if p.xi]
    key = _key(result)
    key_height = 0.17 * len(key) + 0.3
    fig, (xi_ax, grid_ax, key_ax) = plt.subplots(
        3,
        1,
        figsize=(10, 3.6 + 0.42 * len(plans) + 0.9 + key_height),
        gridspec_kw={"height_ratios": [3.6, 0.42 * len(plans) + 0.9, key_height]},
    )
    x = range(len(days))
    for outcome in plans:
        xi_ax.plot(
            x,
            outcome.xi,
            label=f"{outcome.plan} (mean {outcome.xi_mean:,.1f})",
            **STYLES.get(outcome.plan, {}),
        )
    xi_ax.set_xticks(list(x), labels, fontsize=8)
    xi_ax.set_ylabel("best fit XI (rating points)")
    xi_ax.set_title(
        f"{result.scenario}: {result.period} replayed with the real absences\n"
        f"planned with the spells known on {result.known_by}; each matchday's best XI of the "
        "players fit that day",
        fontsize=10,
    )
    xi_ax.grid(alpha=0.3)
    xi_ax.legend(fontsize=8, loc="lower left")

    # One row per plan: a cell per matchday, green when every role was covered, red with
    # the roles short of cover written in it otherwise.
    for row, outcome in enumerate(plans):
        short: dict[int, list[str]] = {}
        for role in outcome.roles:
            for day in role.short_on:
                short.setdefault(days.index(day), []).append(role.role)
        for col in x:
            missing = short.get(col, [])
            grid_ax.add_patch(
                plt.Rectangle(
                    (col - 0.45, row - 0.4),
                    0.9,
                    0.8,
                    color="#d9534f" if missing else "#5cb85c",
                    alpha=0.85,
                )
            )
            if missing:
                grid_ax.text(
                    col,
                    row,
                    "\n".join(missing),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white",
                )
    grid_ax.set_xlim(-0.6, len(days) - 0.4)
    grid_ax.set_ylim(len(plans) - 0.5, -0.5)
    grid_ax.set_yticks(
        range(len(plans)),
        [f"{p.plan}: {p.fully_covered}/{len(days)}" for p in plans],
        fontsize=8,
    )
    grid_ax.set_xticks(list(x), labels, fontsize=8)
    grid_ax.set_title(
        "matchdays with every role covered (green); red: the roles short of cover", fontsize=9
    )
    for side in ("top", "right", "left", "bottom"):
        grid_ax.spines[side].set_visible(False)

    key_ax.axis("off")
    fig.tight_layout()
    # The key starts at the figure's left edge, not under the grid's long row labels.
    top = key_ax.get_position().y1
    fig.text(0.02, top, "\n".join(key), va="top", ha="left", fontsize=8, family="monospace")
    return save_png(fig, folder / "backtest.png", tight=False)


def _key(result: Backtest) -> list[str]:
    lines = []
    for outcome in result.plans:
        # A move stays on one line ("loan in James Trafford (2 m)"): lines break between moves.
        said = ", ".join(m.words.replace(" ", "\u00a0") for m in outcome.moves) or "no moves"
        if not outcome.has_plan:  # the engine found none: no spend, no moves
            text = f"{outcome.plan}: no plan ({outcome.status})"
        else:
            text = f"{outcome.plan} (net spend {outcome.net_spend:,.1f}\u00a0m): {said}"
        lines += textwrap.wrap(text, KEY_WIDTH, subsequent_indent="      ") or [""]
    return lines
