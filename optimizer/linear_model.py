"""A solver-neutral mixed-integer linear model: arrays and names; and the sparse linear
expressions the formulation writes rows and objective terms with.

The formulation writes one of these; each backend adapter reads it. Keeping the model as
plain arrays (column bounds, objective, rows in CSR form) makes building fast for large
markets and lets every backend see exactly the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class LinearModel:
    """maximise ``objective @ x + objective_offset`` s.t. ``row_lower <= A x <= row_upper``,
    ``col_lower <= x <= col_upper``, ``x[j]`` integer where ``integer[j]``."""

    col_names: tuple[str, ...]
    col_lower: FloatArray
    col_upper: FloatArray
    integer: NDArray[np.bool_]
    objective: FloatArray
    objective_offset: float
    row_names: tuple[str, ...]
    row_lower: FloatArray
    row_upper: FloatArray
    a_start: IntArray  # CSR: row r's entries are a_index/a_value[a_start[r]:a_start[r+1]]
    a_index: IntArray
    a_value: FloatArray

    @property
    def num_cols(self) -> int:
        return len(self.col_names)

    @property
    def num_rows(self) -> int:
        return len(self.row_names)

    def row(self, r: int) -> tuple[IntArray, FloatArray]:
        lo, hi = self.a_start[r], self.a_start[r + 1]
        return self.a_index[lo:hi], self.a_value[lo:hi]

    def entry_rows(self) -> IntArray:
        """The row of each stored coefficient."""
        return np.repeat(np.arange(self.num_rows), np.diff(self.a_start))

    def transpose_times(self, y: FloatArray) -> FloatArray:
        """``A^T y``: each column's coefficients weighted by the row values ``y``."""
        weights = self.a_value * y[self.entry_rows()]
        return np.bincount(self.a_index, weights=weights, minlength=self.num_cols).astype(
            np.float64
        )

    def restrict(self, keep: NDArray[np.bool_], relax: bool = False) -> LinearModel:
        """The same rows over the columns in ``keep`` (renumbered in order); ``relax``
        drops integrality (the LP relaxation)."""
        remap = np.cumsum(keep) - 1
        mask = keep[self.a_index]
        counts = np.bincount(self.entry_rows()[mask], minlength=self.num_rows)
        start = np.zeros(self.num_rows + 1, dtype=np.int64)
        np.cumsum(counts, out=start[1:])
        cols = np.flatnonzero(keep)
        return LinearModel(
            col_names=tuple(self.col_names[j] for j in cols),
            col_lower=self.col_lower[keep],
            col_upper=self.col_upper[keep],
            integer=np.zeros(len(cols), dtype=bool) if relax else self.integer[keep],
            objective=self.objective[keep],
            objective_offset=self.objective_offset,
            row_names=self.row_names,
            row_lower=self.row_lower,
            row_upper=self.row_upper,
            a_start=start,
            a_index=remap[self.a_index[mask]].astype(np.int64),
            a_value=self.a_value[mask],
        )


@dataclass
class ModelBuilder:
    """Collects columns (every one binary: the formulation's variables are all 0/1) and
    rows; ``finish()`` freezes them into a LinearModel."""

    _names: list[str] = field(default_factory=list)
    _row_names: list[str] = field(default_factory=list)
    _row_lower: list[float] = field(default_factory=list)
    _row_upper: list[float] = field(default_factory=list)
    # Rows' entries as plain lists, turned into arrays once in finish(): thousands of
    # small rows (a target's own) cost more to convert one by one than to build.
    _row_index: list[list[int]] = field(default_factory=list)
    _row_value: list[list[float]] = field(default_factory=list)
    objective_offset: float = 0.0

    def binary(self, name: str) -> int:
        """A 0/1 column."""
        self._names.append(name)
        return len(self._names) - 1

    def row(
        self,
        name: str,
        cols: list[int],
        coefs: list[float],
        lower: float = -np.inf,
        upper: float = np.inf,
    ) -> int:
        """Add ``lower <= sum coefs * x[cols] <= upper`` (zero coefficients are left out);
        returns the row index."""
        if len(cols) != len(coefs):
            raise ValueError(f"row {name}: {len(cols)} columns but {len(coefs)} coefficients")
        self._row_names.append(name)
        self._row_lower.append(lower)
        self._row_upper.append(upper)
        self._row_index.append(cols)
        self._row_value.append(coefs)
        return len(self._row_names) - 1

    @property
    def num_cols(self) -> int:
        return len(self._names)

    def finish(self, objective: FloatArray | None = None) -> LinearModel:
        """The model, maximising ``objective`` (a coefficient per column; None: zero)."""
        lengths = np.array([len(ix) for ix in self._row_index], dtype=np.int64)
        index = np.fromiter(chain.from_iterable(self._row_index), np.int64, int(lengths.sum()))
        value = np.fromiter(chain.from_iterable(self._row_value), np.float64, len(index))
        keep = value != 0
        rows = np.repeat(np.arange(len(lengths)), lengths)[keep]
        start = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=len(lengths)), out=start[1:])
        n = len(self._names)
        if objective is None:
            objective = np.zeros(n)
        if objective.shape != (n,):
            raise ValueError(f"objective: {objective.shape} coefficients for {n} columns")
        return LinearModel(
            col_names=tuple(self._names),
            col_lower=np.zeros(n),
            col_upper=np.ones(n),
            integer=np.ones(n, dtype=bool),
            objective=objective,
            objective_offset=self.objective_offset,
            row_names=tuple(self._row_names),
            row_lower=np.array(self._row_lower, dtype=np.float64),
            row_upper=np.array(self._row_upper, dtype=np.float64),
            a_start=start,
            a_index=index[keep],
            a_value=value[keep],
        )


class LinearExpr:
    """A sparse linear expression under construction: column -> coefficient."""

    def __init__(self) -> None:
        self.coef: dict[int, float] = {}

    def add(self, col: int, value: float) -> None:
        if value:
            self.coef[col] = self.coef.get(col, 0.0) + value

    def items(self) -> tuple[list[int], list[float]]:
        return list(self.coef), list(self.coef.values())

    def value(self, x: FloatArray) -> float:
        """Its value at the solution ``x``."""
        return float(sum(coef * x[col] for col, coef in self.coef.items()))

    def dense(self, n: int) -> FloatArray:
        """As a vector over ``n`` columns."""
        vec = np.zeros(n)
        k = len(self.coef)
        vec[np.fromiter(self.coef, np.int64, k)] = np.fromiter(self.coef.values(), np.float64, k)
        return vec
