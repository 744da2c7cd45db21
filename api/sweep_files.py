"""What a sweep leaves on disk: the resumable run log, tables, summary, charts, report.

``runs.jsonl`` gets one line per finished run as soon as it finishes, so an interrupted
sweep keeps its rows and the same command resumes it; ``sweep.json`` records which sweep the
folder holds, so a different sweep is never mixed in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

Row = dict[str, Any]


class SweepFolderError(ValueError):
    """The output folder holds another sweep."""


class RunLog:
    def __init__(self, folder: Path, key: str, total: int, source: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.path = folder / "runs.jsonl"
        meta = folder / "sweep.json"
        if meta.exists():
            seen = json.loads(meta.read_text(encoding="utf-8"))
            if seen.get("key") != key:
                raise SweepFolderError(
                    f"{folder} holds another sweep ({seen.get('source')}); use a new --out "
                    "folder or remove it"
                )
        meta.write_text(
            json.dumps({"key": key, "total": total, "source": source}, indent=2), encoding="utf-8"
        )

    def finished(self) -> dict[int, Row]:
        """Rows already in the log (a line cut short by an interruption is ignored)."""
        rows: dict[int, Row] = {}
        if not self.path.exists():
            return rows
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            rows[int(row["run_id"])] = row
        return rows

    def append(self, rows: Iterable[Row]) -> None:
        with self.path.open("a", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, default=str) + "\n")
            f.flush()


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")


def moves_seen(rows: list[Row]) -> list[str]:
    return sorted({m for r in rows for m in r.get("moves", [])})


def runs_table(rows: list[Row], parameters: list[str]) -> Any:
    """One row per run, in run order (the runs.parquet table): a ``param.<path>`` column
    per parameter, the results, and a 0/1 ``move:<action>:<player>`` column per move seen."""
    import pandas as pd

    rows = sorted(rows, key=lambda r: r["run_id"])
    frame = pd.DataFrame(rows)
    for p in parameters:  # list values (e.g. locks.keep) become JSON text: groupable, plottable
        column = f"param.{p}"
        if column in frame and frame[column].map(lambda v: isinstance(v, list | dict)).any():
            # default=str: a dated lock's date (keep: {joe-gomez: 2026-05-31}) is text here
            frame[column] = frame[column].map(lambda v: json.dumps(v, sort_keys=True, default=str))
    for move in moves_seen(rows):
        frame[f"move:{move}"] = [int(move in r.get("moves", [])) for r in rows]
    return frame


def csv_table(frame: Any) -> Any:
    """The runs table for CSV (runs.csv): each run's moves as one ``;``-separated cell."""
    flat = frame.copy()
    if "moves" in flat:
        flat["moves"] = [";".join(moves) for moves in flat["moves"]]
    return flat


def write_outputs(
    folder: Path, rows: list[Row], parameters: list[str], total: int, title: str
) -> list[Path]:
    """runs.parquet, runs.csv, summary.csv, PNG charts and report.md; returns the paths."""
    frame = runs_table(rows, parameters)
    moves = moves_seen(rows)
    written = []
    parquet = folder / "runs.parquet"
    frame.to_parquet(parquet, index=False)
    written.append(parquet)
    csv = folder / "runs.csv"
    csv_table(frame).to_csv(csv, index=False)
    written.append(csv)

    summary = _summary(frame, moves, parameters)
    summary_path = folder / "summary.csv"
    summary.to_csv(summary_path, index=False)
    written.append(summary_path)
    charts = _charts(folder, frame, moves, parameters, title)
    written += charts
    written.append(_report(folder, frame, summary, parameters, charts, total, title))
    return written


def _summary(frame: Any, moves: list[str], parameters: list[str]) -> Any:
    import pandas as pd

    solved = frame[frame["status"].isin(["optimal", "feasible"])] if len(frame) else frame
    records = []
    for move in moves:
        column = f"move:{move}"
        records.append(
            {
                "parameter": "(all)",
                "value": "",
                "move": move,
                "runs": len(solved),
                "chosen": int(solved[column].sum()),
                "share": float(solved[column].mean()) if len(solved) else 0.0,
            }
        )
        for p in parameters:
            for value, group in solved.groupby(f"param.{p}", sort=True):
                records.append(
                    {
                        "parameter": p,
                        "value": value,
                        "move": move,
                        "runs": len(group),
                        "chosen": int(group[column].sum()),
                        "share": float(group[column].mean()),
                    }
                )
    return pd.DataFrame(records, columns=["parameter", "value", "move", "runs", "chosen", "share"])


def _charts(
    folder: Path, frame: Any, moves: list[str], parameters: list[str], title: str
) -> list[Path]:
    import numpy as np
    import pandas as pd

    from api.plots import pyplot, save_png

    plt = pyplot()
    out: list[Path] = []
    solved = frame[frame["status"].isin(["optimal", "feasible"])] if len(frame) else frame
    for p in parameters:
        column = f"param.{p}"
        if column not in solved or not len(solved):
            continue
        numeric = pd.api.types.is_numeric_dtype(solved[column])
        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
        others = [f"param.{q}" for q in parameters if q != p]
        # One line per setting of the other parameters, so lines never jump between them.
        groups = solved.groupby(others, sort=True) if others else [((), solved)]
        many = len(groups) > 8
        for key, group in groups:
            data = group.sort_values(column)
            xs = data[column] if numeric else data[column].astype(str)
            label = ", ".join(str(k) for k in (key if isinstance(key, tuple) else (key,)))
            for ax, field in ((axes[0], "objective"), (axes[1], "net_spend")):
                ax.plot(
                    xs,
                    data[field],
                    "o" if many else "o-",
                    markersize=3,
                    linewidth=1,
                    label=label or None,
                )
        for ax, label in ((axes[0], "objective"), (axes[1], "net spend (m)")):
            ax.set_xlabel(p)
            ax.set_ylabel(label)
        if others and not many:
            axes[1].legend(title=", ".join(q for q in parameters if q != p), fontsize=7)
        fig.suptitle(f"{title}: objective and net spend against {p}")
        out.append(save_png(fig, folder / f"{safe_name(p)}.png", dpi=110))
        if not moves:
            continue
        values = solved[column]
        if numeric and values.nunique() > 12:
            bins = np.linspace(values.min(), values.max(), 11)
            keys = np.clip(np.digitize(values, bins) - 1, 0, 9)
            labels = [f"{bins[k]:.3g}" for k in range(10)]
        else:
            order = sorted(values.unique(), key=lambda v: (str(type(v)), v))
            keys = values.map({v: k for k, v in enumerate(order)}).to_numpy()
            labels = [f"{v:.3g}" if isinstance(v, float) else str(v) for v in order]
        grid = np.zeros((len(moves), len(labels)))
        for k in range(len(labels)):
            mask = keys == k
            if mask.any():
                for i, move in enumerate(moves):
                    grid[i, k] = solved[f"move:{move}"].to_numpy()[mask].mean()
        fig, ax = plt.subplots(
            figsize=(max(6, 0.6 * len(labels) + 4), max(3, 0.3 * len(moves) + 1.5))
        )
        image = ax.imshow(grid, aspect="auto", cmap="viridis", vmin=0, vmax=1)
        ax.set_yticks(range(len(moves)), moves, fontsize=7)
        ax.set_xticks(range(len(labels)), labels, rotation=45, fontsize=7)
        ax.set_xlabel(p)
        ax.set_title(f"how often each move is chosen, by {p}")
        fig.colorbar(image, ax=ax, label="share of runs")
        out.append(save_png(fig, folder / f"moves_by_{safe_name(p)}.png", dpi=110))
    return out


def _report(
    folder: Path,
    frame: Any,
    summary: Any,
    parameters: list[str],
    charts: list[Path],
    total: int,
    title: str,
) -> Path:
    lines = [f"# Sweep: {title}", ""]
    done = len(frame)
    statuses = frame["status"].value_counts().to_dict() if done else {}
    lines.append(
        f"{done} of {total} runs finished"
        + ("" if done == total else " (partial: run the same command to resume)")
        + "."
    )
    lines.append("Statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())) + ".")
    failed = frame[frame["status"] == "error"] if done else frame
    if len(failed):
        lines += ["", f"## Failed runs ({len(failed)})", ""]
        for _, row in failed.head(20).iterrows():
            lines.append(f"- run {row['run_id']}: {row['error']}")
    overall = summary[summary["parameter"] == "(all)"].sort_values("share", ascending=False)
    if len(overall):
        lines += ["", "## Moves chosen", "", "| move | runs | share |", "|---|---|---|"]
        for _, row in overall.iterrows():
            lines.append(
                f"| {row['move']} | {row['chosen']} of {row['runs']} | {100 * row['share']:.0f} % |"
            )
    lines += [
        "",
        "## Files",
        "",
        "- [runs.csv](runs.csv), [runs.parquet](runs.parquet): one row per run",
        "- [summary.csv](summary.csv): how often each move is chosen, "
        "overall and per parameter value",
    ]
    for chart in charts:
        lines += ["", f"![{chart.stem}]({chart.name})"]
    if parameters:
        lines += ["", "Parameters: " + ", ".join(f"`{p}`" for p in parameters)]
    path = folder / "report.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_exact(
    folder: Path, rows: list[Row], parameter: str, method: str, title: str
) -> list[Path]:
    """exact.csv and a step chart of the objective over the parameter, plus a report."""
    import pandas as pd

    from api.plots import pyplot, save_png

    plt = pyplot()
    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows)
    flat = frame.copy()
    flat["moves"] = [";".join(r["moves"]) for r in rows]
    csv = folder / "exact.csv"
    flat.to_csv(csv, index=False)
    fig, ax = plt.subplots(figsize=(9, 4))
    for r in rows:
        if r["objective_at_from"] is not None:
            ax.hlines(r["objective_at_from"], r["from"], r["to"], linewidth=2)
            ax.axvline(r["from"], color="grey", linewidth=0.5, linestyle=":")
    ax.set_xlabel(parameter)
    ax.set_ylabel("objective (at the start of each segment)")
    ax.set_title(f"{title}: where the best plan changes ({method})")
    png = save_png(fig, folder / "exact.png", dpi=110)
    lines = [
        f"# Exact scan of `{parameter}`: {title}",
        "",
        f"Method: {method}.",
        "",
        "| from | to | objective at from | moves |",
        "|---|---|---|---|",
    ]
    for r in rows:
        objective = "-" if r["objective_at_from"] is None else f"{r['objective_at_from']:.3f}"
        lines.append(
            f"| {r['from']:.4g} | {r['to']:.4g} | {objective} | "
            f"{', '.join(r['moves']) or r['status']} |"
        )
    lines += ["", "![exact](exact.png)", "", "[exact.csv](exact.csv)"]
    report = folder / "exact.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [csv, png, report]
