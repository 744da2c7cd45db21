"""The one interface every solver backend implements, and the result it returns.

A backend loads a :class:`LinearModel` into a *session*; a session solves, and can change
column and row bounds and solve again (trade-off analysis and sweeps re-solve one loaded
model many times). A backend declares what it can do (:class:`Feature`); the parts of the
engine that need a feature it lacks use HiGHS and say so (:func:`optimizer.backends.backend_for`).
"""

from __future__ import annotations

import contextlib
import math
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from models.plan import SolveStatus
from optimizer.errors import SolverFailedError, TransfersError
from optimizer.linear_model import FloatArray, IntArray, LinearModel


class Feature(StrEnum):
    """What a backend can do beyond solving a MIP."""

    LP_DUALS = "lp_duals"  # row duals of a pure LP (the market reduction's pricing)
    CONTINUOUS = "continuous"  # continuous columns (the elastic explanation's slacks)
    WARM_START = "warm_start"  # a starting plan for the next solve
    IN_PLACE = "in_place"  # changes go to the loaded model; nothing is rebuilt per solve
    LP_BOUND = "lp_bound"  # the LP relaxation's bound of the loaded model as changed


# A difference in objective below this share of the largest objective coefficient is
# solver arithmetic, not a better plan (1e-7 of one rating point of one player): it is the
# absolute gap every backend is asked to close, whatever the scale of the ratings.
OBJECTIVE_TOLERANCE = 1e-7


def absolute_tolerance(objective: FloatArray) -> float:
    """The objective difference, in the objective's own units, that counts as none."""
    scale = float(np.max(np.abs(objective))) if len(objective) else 0.0
    return OBJECTIVE_TOLERANCE * (scale if scale > 0 else 1.0)


def relative_gap(bound: float | None, objective: float | None, tolerance: float) -> float | None:
    """(bound - objective) / |objective| (HiGHS's definition); 0 when the difference is
    within ``tolerance``; None without a bound."""
    if bound is None or objective is None:
        return None
    excess = bound - objective
    if excess <= tolerance:
        return 0.0
    return excess / max(abs(objective), tolerance)


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float | None = None  # seconds
    gap: float | None = None  # relative MIP gap at which to stop, e.g. 0.01; None: 0
    threads: int | None = None
    # False where a good plan is wanted fast and any plan serves (the market reduction's
    # incumbent): HiGHS then skips probing in presolve, which took 0.52 s of the 20,000-
    # target reduction's restricted MIP against 0.29 s without (same plan). Others ignore it.
    probing: bool = True

    @property
    def relative_gap(self) -> float:
        return 0.0 if self.gap is None else self.gap

    def __post_init__(self) -> None:
        if self.time_limit is not None and not self.time_limit > 0:
            raise ValueError(f"time limit must be > 0 seconds, got {self.time_limit}")
        if self.gap is not None and not 0 <= self.gap < 1:
            raise ValueError(f"gap must be in [0, 1), got {self.gap}")


@dataclass(frozen=True)
class RawResult:
    """What a backend proved. ``x`` is set only when ``status.has_plan``; ``bound`` only
    when the solver proved one (never the objective copied in); ``tolerance`` is the
    absolute gap the solve was asked to close (:func:`absolute_tolerance`)."""

    status: SolveStatus
    x: FloatArray | None
    objective: float | None
    bound: float | None
    seconds: float
    message: str = ""
    tolerance: float = 0.0

    @property
    def gap(self) -> float | None:
        return relative_gap(self.bound, self.objective, self.tolerance)


class Session(ABC):
    """One model loaded into one backend, open to changes between solves.

    The session keeps the current bounds, objective and added rows itself (so every backend
    sees the same changes and a backend that must rebuild can), and passes each change to the
    backend through the ``_``-prefixed hooks.
    """

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        self.col_lower = model.col_lower.copy()
        self.col_upper = model.col_upper.copy()
        self.row_lower = model.row_lower.copy()
        self.row_upper = model.row_upper.copy()
        self.objective = model.objective.copy()
        self.a_value = model.a_value.copy()  # the model's own rows' coefficients, as now
        self.added_rows: list[tuple[IntArray, FloatArray]] = []

    def set_col_bounds(self, col: int, lower: float, upper: float) -> None:
        self.col_lower[col], self.col_upper[col] = lower, upper
        self._set_col_bounds(col, lower, upper)

    def set_row_bounds(self, row: int, lower: float, upper: float) -> None:
        self.row_lower[row], self.row_upper[row] = lower, upper
        self._set_row_bounds(row, lower, upper)

    def set_objective(self, objective: FloatArray) -> None:
        """Replace the objective vector (still maximised)."""
        self.objective = np.asarray(objective, dtype=np.float64).copy()
        self._set_objective(self.objective)

    def add_row(self, cols: IntArray, coefs: FloatArray, lower: float, upper: float) -> int:
        """Append ``lower <= coefs . x[cols] <= upper``; returns its row index."""
        cols = np.asarray(cols, dtype=np.int64)
        coefs = np.asarray(coefs, dtype=np.float64)
        self.added_rows.append((cols, coefs))
        self.row_lower = np.append(self.row_lower, lower)
        self.row_upper = np.append(self.row_upper, upper)
        self._add_row(cols, coefs, lower, upper)
        return len(self.row_lower) - 1

    def set_entry(self, entry: int, value: float) -> None:
        """Change the model's k-th stored coefficient (row and column as in the model)."""
        self.a_value[entry] = value
        row = int(np.searchsorted(self.model.a_start, entry, side="right") - 1)
        self._set_coefficient(row, int(self.model.a_index[entry]), value)

    def reset(self) -> None:
        """Forget the previous solve (basis, incumbent), keeping the model as changed, so
        the next answer does not depend on what was solved before."""
        self._reset()

    def same_shape(self, model: LinearModel) -> bool:
        """``model`` has this session's columns and rows, with entries in the same places
        (only bounds and coefficient values may differ)."""
        own = self.model
        return (
            own.col_names == model.col_names
            and own.row_names == model.row_names
            and np.array_equal(own.a_start, model.a_start)
            and np.array_equal(own.a_index, model.a_index)
            and np.array_equal(own.integer, model.integer)
        )

    def update_to(self, model: LinearModel) -> None:
        """Make the loaded model equal ``model`` (of the same shape) by applying only the
        differences: bounds, right-hand sides, objective, matrix coefficients. Rows added
        since loading are kept as they are."""
        if not self.same_shape(model):
            raise ValueError("update_to needs a model of the loaded model's shape")
        changed = (model.col_lower != self.col_lower) | (model.col_upper != self.col_upper)
        for col in np.flatnonzero(changed):
            self.set_col_bounds(int(col), float(model.col_lower[col]), float(model.col_upper[col]))
        rows = model.num_rows
        changed = (model.row_lower != self.row_lower[:rows]) | (
            model.row_upper != self.row_upper[:rows]
        )
        for row in np.flatnonzero(changed):
            self.set_row_bounds(int(row), float(model.row_lower[row]), float(model.row_upper[row]))
        if not np.array_equal(model.objective, self.objective):
            self.set_objective(model.objective)
        for entry in np.flatnonzero(model.a_value != self.a_value):
            self.set_entry(int(entry), float(model.a_value[entry]))

    def admits(self, x: FloatArray, tolerance: float = 1e-9) -> bool:
        """``x`` is a plan of the loaded model as now changed: integral where it must be,
        within the column bounds, every row (added ones included) within its bounds, each
        up to ``tolerance`` times the size of what is compared."""
        model = self.model
        if np.any(model.integer & (np.abs(x - np.round(x)) > tolerance)):
            return False
        if np.any(x < self.col_lower - tolerance) or np.any(x > self.col_upper + tolerance):
            return False
        rows = np.bincount(
            model.entry_rows(), weights=self.a_value * x[model.a_index], minlength=model.num_rows
        )
        added = np.array([coefs @ x[cols] for cols, coefs in self.added_rows])
        activity = np.concatenate([rows, added])
        slack = tolerance * np.maximum(1.0, np.abs(activity))
        low, high = self.row_lower - slack, self.row_upper + slack
        return bool(np.all(activity >= low) and np.all(activity <= high))

    def lp_bound(self) -> float | None:
        """The optimum of the LP relaxation of the loaded model as now changed, in the units
        of :attr:`RawResult.objective` (offset included): no plan of the model is worth more.
        ``-inf`` when the relaxation is infeasible (then so is the model); None when the LP
        ended without a proof. Only for backends with :attr:`Feature.LP_BOUND`."""
        raise NotImplementedError(f"{type(self).__name__} gives no LP bound")

    def lp_duals(self) -> tuple[float, FloatArray] | None:
        """Solve the loaded model as an LP (pass it relaxed) and return its optimal value and
        row duals (for a maximisation: ``col_dual = c - A^T row_dual``); None when no optimum
        is proven. Only for backends with :attr:`Feature.LP_DUALS`."""
        raise NotImplementedError(f"{type(self).__name__} gives no LP duals")

    @abstractmethod
    def _set_coefficient(self, row: int, col: int, value: float) -> None: ...

    @abstractmethod
    def _reset(self) -> None: ...

    @abstractmethod
    def _set_col_bounds(self, col: int, lower: float, upper: float) -> None: ...

    @abstractmethod
    def _set_row_bounds(self, row: int, lower: float, upper: float) -> None: ...

    @abstractmethod
    def _set_objective(self, objective: FloatArray) -> None: ...

    @abstractmethod
    def _add_row(self, cols: IntArray, coefs: FloatArray, lower: float, upper: float) -> None: ...

    @abstractmethod
    def _solve(self, options: SolveOptions, tolerance: float) -> RawResult:
        """Solve to the relative gap of ``options`` or the absolute gap ``tolerance``,
        whichever is reached first."""

    @abstractmethod
    def set_start(self, x: FloatArray) -> None:
        """A feasible point to start from (a warm start or hint); the next solve uses it."""

    def solve(self, options: SolveOptions | None = None) -> RawResult:
        if self.model.num_cols == 0:
            return self._solve_empty()
        options = options or SolveOptions()
        tolerance = absolute_tolerance(self.objective)
        with translate_errors(self.__class__.__name__):
            raw = self._solve(options, tolerance)
        return audit(replace(raw, tolerance=tolerance), options)

    def _solve_empty(self) -> RawResult:
        # No squad and no market: the only plan is "no moves". Backends disagree on empty
        # models (HiGHS reports kModelEmpty), so it is decided here: every row is the empty
        # sum 0, feasible when each row's bounds admit 0.
        feasible = bool(((self.row_lower <= 0) & (self.row_upper >= 0)).all())
        if not feasible:
            return RawResult(SolveStatus.INFEASIBLE, None, None, None, 0.0, "empty model")
        offset = self.model.objective_offset
        return RawResult(SolveStatus.OPTIMAL, np.zeros(0), offset, offset, 0.0, "empty model")


def audit(raw: RawResult, options: SolveOptions) -> RawResult:
    """``optimal`` only when the proven bound is within the gap asked for: a backend that
    calls a plan optimal with its bound further away is reported ``feasible``."""
    if raw.status != SolveStatus.OPTIMAL or raw.bound is None or raw.objective is None:
        return raw
    gap = raw.gap
    # 1e-9: the relative gap solvers compute on their own unrounded numbers.
    if gap is None or gap <= options.relative_gap + 1e-9:
        return raw
    message = (
        f"{raw.message}; the solver called it optimal, but its bound {raw.bound:.10g} is "
        f"{raw.bound - raw.objective:.3g} above the plan (relative gap {gap:.3g})"
    )
    return replace(raw, status=SolveStatus.FEASIBLE, message=message)


class Backend(ABC):
    name: str = ""
    description: str = ""
    features: frozenset[Feature] = frozenset()

    def supports(self, feature: Feature) -> bool:
        return feature in self.features

    def fork_ready(self) -> bool:
        """Leave no solver thread running in this process, so that it can be forked (a
        forked copy of a running thread pool deadlocks); False when the backend cannot
        promise that."""
        return False

    @abstractmethod
    def available(self) -> bool:
        """True when the packages it needs import here."""

    @abstractmethod
    def load(self, model: LinearModel) -> Session: ...

    def open(self, model: LinearModel, start: FloatArray | None = None) -> Session:
        """``model`` loaded, with ``start`` as its starting plan when given."""
        with translate_errors(self.name):
            session = self.load(model)
            if start is not None:
                session.set_start(start)
        return session

    def solve(
        self,
        model: LinearModel,
        options: SolveOptions | None = None,
        start: FloatArray | None = None,
    ) -> RawResult:
        return self.open(model, start).solve(options)


@contextlib.contextmanager
def translate_errors(backend: str) -> Iterator[None]:
    """The single place where a solver's own exceptions become ours."""
    try:
        yield
    except TransfersError:
        raise
    except (MemoryError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a backend may raise anything; we promise SolverFailedError
        raise SolverFailedError(f"{backend}: {type(exc).__name__}: {exc}") from exc


class Stopwatch:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.start


def finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)
