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


_threads_in_use: list[int] = []  # the thread count HiGHS's global scheduler was started with


def _use_threads(h: Any, hs: Any, threads: int | None) -> None:
    """Run with ``threads`` (0: HiGHS chooses; None: as the last run did). HiGHS starts one
    scheduler per process, on the first run, and refuses (status error) a run whose
    ``threads`` differs from it; so the scheduler is restarted when the count changes.
    Solves in a process are one at a time (CLI, a service worker, a sweep worker)."""
    if threads is None:
        threads = _threads_in_use[0] if _threads_in_use else 0
    if _threads_in_use and _threads_in_use[0] != threads:
        hs.Highs.resetGlobalScheduler(True)
    h.setOptionValue("threads", threads)
    _threads_in_use[:] = [threads]


class HighsSession(Session):
    def __init__(self, model: LinearModel) -> None:
        super().__init__(model)
        import highspy

        self._hs = highspy
        with _quiet_stdout():
            self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        lp = highspy.HighsLp()
        lp.num_col_ = model.num_cols
        lp.num_row_ = model.num_rows
        lp.col_cost_ = model.objective
        lp.col_lower_ = model.col_lower
        lp.col_upper_ = model.col_upper
        lp.row_lower_ = model.row_lower
        lp.row_upper_ = model.row_upper
        lp.offset_ = model.objective_offset
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = model.a_start.astype(np.int32)
        lp.a_matrix_.index_ = model.a_index.astype(np.int32)
        lp.a_matrix_.value_ = model.a_value
        lp.a_matrix_.num_col_ = model.num_cols
        lp.a_matrix_.num_row_ = model.num_rows
        integer = highspy.HighsVarType.kInteger
        continuous = highspy.HighsVarType.kContinuous
        lp.integrality_ = [integer if i else continuous for i in model.integer]
        self.h.passModel(lp)

    def _set_col_bounds(self, col: int, lower: float, upper: float) -> None:
        self.h.changeColBounds(col, lower, upper)

    def _set_row_bounds(self, row: int, lower: float, upper: float) -> None:
        self.h.changeRowBounds(row, lower, upper)

    def _set_objective(self, objective: FloatArray) -> None:
        n = len(objective)
        self.h.changeColsCost(n, np.arange(n, dtype=np.int32), objective)

    def _add_row(self, cols: IntArray, coefs: FloatArray, lower: float, upper: float) -> None:
        self.h.addRow(lower, upper, len(cols), cols.astype(np.int32), coefs)

    def _set_coefficient(self, row: int, col: int, value: float) -> None:
        self.h.changeCoeff(row, col, value)

    def _reset(self) -> None:
        self.h.clearSolver()

    def set_start(self, x: FloatArray) -> None:
        start = self._hs.HighsSolution()
        start.col_value = list(map(float, x))
        start.value_valid = True
        self.h.setSolution(start)

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
