"""What a sweep leaves on disk: the resumable run log, tables, summary, charts, report.

``runs.jsonl`` gets one line per finished run as soon as it finishes, so an interrupted
sweep keeps its rows and the same command resumes it; ``sweep.json`` records which sweep the
folder holds, so a different sweep is never mixed in; ``sweep.lock`` says which process is
writing there now, so a second sweep into the same folder is refused while the first runs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from models.scenario import Scenario
from models.status import WITH_PLAN
from models.sweep import ExactSpec, SweepMode, SweepPlan

Row = dict[str, Any]


class SweepFolderError(ValueError):
    """The output folder holds another sweep."""


class FolderLock:
    """``sweep.lock`` in an output folder while a sweep writes there: its process id, host
    and process start time. A second sweep is refused while that process lives; a lock
    whose process is gone (killed, crashed, the machine restarted) is taken over, so it
    never sticks. The start time tells a live process from a new one that was given the
    same id."""

    NAME = "sweep.lock"
    FRESH = 5.0  # seconds: an unreadable lock younger than this is being written

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / self.NAME
        self.mine: dict[str, Any] = {}

    def __enter__(self) -> FolderLock:
        import psutil

        self.folder.mkdir(parents=True, exist_ok=True)
        self.mine = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": psutil.Process().create_time(),
        }
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self._holder()
                if holder is not None:
                    raise SweepFolderError(holder) from None
                self.path.unlink(missing_ok=True)  # left by a process that is gone
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self.mine, f)
            return self
        raise SweepFolderError(f"{self.folder}: another sweep took the folder as this one started")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if json.loads(self.path.read_text(encoding="utf-8")) == self.mine:
                self.path.unlink()
        except (OSError, ValueError):
            pass  # gone already, or not ours: leave it

    def _holder(self) -> str | None:
        """Why the folder is taken, or None when the lock's process is gone."""
        import psutil

        try:
            held = json.loads(self.path.read_text(encoding="utf-8"))
            pid, host, started = int(held["pid"]), str(held["host"]), float(held["started"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            age = time.time() - self.path.stat().st_mtime if self.path.exists() else self.FRESH
            return f"{self.path} is being written" if age < self.FRESH else None
        since = dt.datetime.fromtimestamp(started).strftime("%Y-%m-%d %H:%M:%S")
        taken = (
            f"{self.folder} is in use by another sweep (process {pid} on {host}, started "
            f"{since}); wait for it to finish or use another --out folder"
        )
        if host != socket.gethostname():
            return taken + f" (on another machine: remove {self.path} if it is no longer running)"
        try:
            alive = abs(psutil.Process(pid).create_time() - started) < 1.0
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            alive = False
        return taken if alive else None


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


def write_outputs(
    folder: Path, rows: list[Row], spec: SweepPlan, total: int, scenario: Scenario
) -> list[Path]:
    """runs.parquet, runs.csv, summary.csv, PNG charts and report.md; returns the paths."""
    from api.sweep_charts import sweep_charts

    parameters = list(spec.parameters)
    frame, moves = runs_frame(rows, parameters)
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
    drawn = set(parameters) if spec.mode == SweepMode.RANDOM else set()
    charts = sweep_charts(folder, frame, moves, parameters, drawn, scenario, safe_name)
    written += charts
    written.append(_report(folder, frame, summary, parameters, charts, total, scenario.name))
    return written


def runs_frame(rows: list[Row], parameters: list[str]) -> tuple[Any, list[str]]:
    """The runs as a table in run order (runs.parquet): a column per parameter (list and
    mapping values, e.g. locks.keep, as JSON text: groupable, plottable; a dated lock's date
    as its ISO text) and a 0/1 ``move:<action>:<player>`` column per move seen; and those
    moves."""
    import pandas as pd

    rows = sorted(rows, key=lambda r: r["run_id"])
    frame = pd.DataFrame(rows)
    for p in parameters:
        column = f"param.{p}"
        if column in frame and frame[column].map(lambda v: isinstance(v, list | dict)).any():
            frame[column] = frame[column].map(lambda v: json.dumps(v, sort_keys=True, default=str))
    moves = sorted({m for r in rows for m in r.get("moves", [])})
    for move in moves:
        frame[f"move:{move}"] = [int(move in r.get("moves", [])) for r in rows]
    return frame, moves


def runs_table(rows: list[Row], parameters: list[str]) -> Any:
    """The runs.parquet table (the web page's download too)."""
    return runs_frame(rows, parameters)[0]


def csv_table(frame: Any) -> Any:
    """The runs table for CSV (runs.csv): each run's moves as one ``;``-separated cell."""
    flat = frame.copy()
    if "moves" in flat:
        flat["moves"] = [";".join(moves) for moves in flat["moves"]]
    return flat


def _summary(frame: Any, moves: list[str], parameters: list[str]) -> Any:
    import pandas as pd

    solved = frame[frame["status"].isin(list(WITH_PLAN))] if len(frame) else frame
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
    folder: Path, rows: list[Row], exact: ExactSpec, method: str, scenario: Scenario
) -> list[Path]:
    """exact.csv, a chart of the objective over the parameter and a report."""
    import pandas as pd

    from api.sweep_charts import write_exact_chart

    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows).drop(columns=["points"], errors="ignore")
    frame["moves"] = [";".join(r["moves"]) for r in rows]
    csv = folder / "exact.csv"
    frame.to_csv(csv, index=False)
    png = write_exact_chart(folder, rows, exact, method, scenario)
    parameter = exact.parameter
    lines = [
        f"# Exact scan of `{parameter}`: {scenario.name}",
        "",
        f"Method: {method}.",
        "",
        "| from | to | objective at from | moves |",
        "|---|---|---|---|",
    ]
    for r in rows:
        objective = "-" if r["objective_at_from"] is None else f"{r['objective_at_from']:.3f}"
        said = (", ".join(r["moves"]) or r["status"]).replace("|", "\\|")  # a cell of its own
        lines.append(f"| {r['from']:.4g} | {r['to']:.4g} | {objective} | {said} |")
    lines += ["", "![exact](exact.png)", "", "[exact.csv](exact.csv)"]
    report = folder / "exact.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [csv, png, report]
