"""HiGHS through highspy, passing the model's arrays directly (no modelling layer)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np

from models.plan import SolveStatus
from optimizer.backends.base import (
    Backend,
    Feature,
    RawResult,
    Session,
    SolveOptions,
    Stopwatch,
    finite,
)
from optimizer.linear_model import FloatArray, IntArray, LinearModel


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    # highspy prints a banner on stdout from C++ when a Highs object is created, whatever the
    # options; `--format json` needs a clean stdout, so the fd is pointed at /dev/null briefly.
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


_PROBING = 1 << 15  # presolve_rule_off bit of HiGHS's probing (its log lists the rules)
_threads_in_use: list[int] = []  # the thread count HiGHS's global scheduler was started with


def _use_threads(h: Any, hs: Any, threads: int | None) -> None:
    """Run with ``threads`` (0: HiGHS chooses; None: as the last run did). HiGHS starts one
    scheduler per process, on the first run, and refuses (status error) a run whose
    ``threads`` differs from it; so the scheduler is restarted when the count changes.
    Solves in a process are one at a time (CLI, a service worker, a sweep worker)."""
    if threads is None:
        threads = _threads_in_use[0] if _threads_in_use else 0
    _restart_scheduler(hs, threads)
    h.setOptionValue("threads", threads)


def _restart_scheduler(hs: Any, threads: int) -> None:
    if _threads_in_use and _threads_in_use[0] != threads:
        # Blocking: the old scheduler's worker threads have ended when this returns.
        hs.Highs.resetGlobalScheduler(True)
    _threads_in_use[:] = [threads]


class HighsSession(Session):
    def __init__(self, model: LinearModel) -> None:
        super().__init__(model)
        import highspy

        self._hs = highspy
        self.h = self._load(integer=True)
        # The LP relaxation, loaded on the first lp_bound() and then kept in step with every
        # change: a small change is re-solved from the last basis in well under a millisecond.
        self._relaxed: Any = None

    def _load(self, integer: bool) -> Any:
        """A Highs instance holding the model as it is now (the session's bounds, objective,
        coefficients and added rows); with ``integer`` False, its LP relaxation."""
        hs, model = self._hs, self.model
        with _quiet_stdout():
            h = hs.Highs()
        h.setOptionValue("output_flag", False)
        lp = hs.HighsLp()
        lp.num_col_ = model.num_cols
        lp.num_row_ = model.num_rows
        lp.col_cost_ = self.objective
        lp.col_lower_ = self.col_lower
        lp.col_upper_ = self.col_upper
        lp.row_lower_ = self.row_lower[: model.num_rows]
        lp.row_upper_ = self.row_upper[: model.num_rows]
        lp.offset_ = model.objective_offset
        lp.sense_ = hs.ObjSense.kMaximize
        lp.a_matrix_.format_ = hs.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = model.a_start.astype(np.int32)
        lp.a_matrix_.index_ = model.a_index.astype(np.int32)
        lp.a_matrix_.value_ = self.a_value
        lp.a_matrix_.num_col_ = model.num_cols
        lp.a_matrix_.num_row_ = model.num_rows
        if integer:
            kinds = (hs.HighsVarType.kContinuous, hs.HighsVarType.kInteger)
            lp.integrality_ = [kinds[bool(i)] for i in model.integer]
        h.passModel(lp)
        for k, (cols, coefs) in enumerate(self.added_rows):
            lower, upper = self.row_lower[model.num_rows + k], self.row_upper[model.num_rows + k]
            h.addRow(lower, upper, len(cols), cols.astype(np.int32), coefs)
        return h

    def _instances(self) -> tuple[Any, ...]:
        return (self.h,) if self._relaxed is None else (self.h, self._relaxed)

    def _set_col_bounds(self, col: int, lower: float, upper: float) -> None:
        for h in self._instances():
            h.changeColBounds(col, lower, upper)

    def _set_row_bounds(self, row: int, lower: float, upper: float) -> None:
        for h in self._instances():
            h.changeRowBounds(row, lower, upper)

    def _set_objective(self, objective: FloatArray) -> None:
        n = len(objective)
        for h in self._instances():
            h.changeColsCost(n, np.arange(n, dtype=np.int32), objective)

    def _add_row(self, cols: IntArray, coefs: FloatArray, lower: float, upper: float) -> None:
        for h in self._instances():
            h.addRow(lower, upper, len(cols), cols.astype(np.int32), coefs)

    def _set_coefficient(self, row: int, col: int, value: float) -> None:
        for h in self._instances():
            h.changeCoeff(row, col, value)

    def _reset(self) -> None:
        for h in self._instances():
            h.clearSolver()

    def set_start(self, x: FloatArray) -> None:
        start = self._hs.HighsSolution()
        start.col_value = list(map(float, x))
        start.value_valid = True
        self.h.setSolution(start)

    def lp_bound(self) -> float | None:
        hs = self._hs
        if self._relaxed is None:
            self._relaxed = self._load(integer=False)
            # Presolve would start every re-solve afresh; off, a small change costs a few
            # simplex iterations from the last basis.
            self._relaxed.setOptionValue("presolve", "off")
        lp = self._relaxed
        _use_threads(lp, hs, None)
        lp.run()
        status = lp.getModelStatus()
        if status == hs.HighsModelStatus.kOptimal:
            return float(lp.getInfo().objective_function_value)
        if status in (hs.HighsModelStatus.kInfeasible, hs.HighsModelStatus.kUnboundedOrInfeasible):
            return -np.inf  # every column is bounded: "unbounded or infeasible" is infeasible
        return None

    def lp_duals(self) -> tuple[float, FloatArray] | None:
        _use_threads(self.h, self._hs, None)
        self.h.run()
        if self.h.getModelStatus() != self._hs.HighsModelStatus.kOptimal:
            return None
        duals = np.asarray(self.h.getSolution().row_dual, dtype=np.float64)
        return float(self.h.getInfo().objective_function_value), duals

    def _solve(self, options: SolveOptions, tolerance: float) -> RawResult:
        h, hs = self.h, self._hs
        h.setOptionValue("time_limit", options.time_limit or float("inf"))
        h.setOptionValue("mip_rel_gap", options.relative_gap)
        h.setOptionValue("mip_abs_gap", tolerance)
        h.setOptionValue("presolve_rule_off", 0 if options.probing else _PROBING)
        _use_threads(h, hs, options.threads)
        clock = Stopwatch()
        h.run()
        seconds = clock.seconds
        status = h.getModelStatus()
        info = h.getInfo()
        has_point = info.primal_solution_status == 2  # kSolutionStatusFeasible
        ms = hs.HighsModelStatus
        if status == ms.kOptimal:
            mapped = SolveStatus.OPTIMAL
        elif status in (ms.kInfeasible, ms.kUnboundedOrInfeasible):
            # The model's columns are all bounded, so "unbounded or infeasible" is infeasible.
            mapped = SolveStatus.INFEASIBLE
        elif status == ms.kUnbounded:
            mapped = SolveStatus.UNBOUNDED
        elif status in (ms.kTimeLimit, ms.kIterationLimit, ms.kSolutionLimit, ms.kInterrupt):
            mapped = SolveStatus.FEASIBLE if has_point else SolveStatus.NO_SOLUTION
        else:
            return RawResult(
                SolveStatus.ERROR, None, None, None, seconds, h.modelStatusToString(status)
            )
        if not mapped.has_plan or not has_point:
            return RawResult(mapped, None, None, None, seconds, h.modelStatusToString(status))
        x = np.asarray(h.getSolution().col_value, dtype=np.float64)
        objective = float(info.objective_function_value)
        # An LP's optimum is its own proof (primal = dual); a MIP's bound is the dual bound.
        bound = finite(info.mip_dual_bound) if self.model.integer.any() else objective
        return RawResult(mapped, x, objective, bound, seconds, h.modelStatusToString(status))


class HighsBackend(Backend):
    name = "highs"
    description = "HiGHS (highspy), the default"
    features = frozenset(Feature)

    def available(self) -> bool:
        try:
            import highspy  # noqa: F401
        except ImportError:
            return False
        return True

    def load(self, model: LinearModel) -> Session:
        return HighsSession(model)

    def fork_ready(self) -> bool:
        import highspy

        # One thread: HiGHS's scheduler then runs on the caller's thread alone.
        _restart_scheduler(highspy, 1)
        return True
