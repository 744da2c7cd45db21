"""The model builder: rows in CSR form, zero coefficients left out, bad rows refused."""

from __future__ import annotations

import numpy as np
import pytest

from optimizer.linear_model import ModelBuilder


def test_rows_become_csr_without_their_zero_coefficients() -> None:
    b = ModelBuilder()
    x, y, z = (b.binary(name) for name in "xyz")
    b.row("a", [x, y, z], [1.0, 0.0, 2.5], upper=3.0)
    b.row("empty", [y], [0.0], lower=0.0)
    b.row("b", [z, x], [-1.0, 4.0], lower=-1.0, upper=1.0)
    m = b.finish()
    assert m.row_names == ("a", "empty", "b")
    assert m.a_start.tolist() == [0, 2, 2, 4]
    assert m.a_index.tolist() == [x, z, z, x]
    assert m.a_value.tolist() == [1.0, 2.5, -1.0, 4.0]
    assert m.row_lower.tolist() == [-np.inf, 0.0, -1.0]
    assert m.row_upper.tolist() == [3.0, np.inf, 1.0]
    # A^T y: column x has 1 in row a and 4 in row b.
    assert m.transpose_times(np.array([1.0, 7.0, 2.0])).tolist() == [9.0, 0.0, 0.5]


def test_a_model_without_rows() -> None:
    b = ModelBuilder()
    b.binary("x")
    m = b.finish()
    assert m.num_rows == 0 and m.a_start.tolist() == [0] and len(m.a_index) == 0


def test_a_row_with_more_columns_than_coefficients_is_refused() -> None:
    b = ModelBuilder()
    x = b.binary("x")
    with pytest.raises(ValueError, match=r"row bad: 2 columns but 1 coefficients"):
        b.row("bad", [x, x], [1.0])


def test_the_objective_is_one_coefficient_per_column() -> None:
    b = ModelBuilder()
    b.binary("x")
    b.binary("y")
    assert b.finish(np.array([2.0, -1.0])).objective.tolist() == [2.0, -1.0]
    assert b.finish().objective.tolist() == [0.0, 0.0]
    with pytest.raises(ValueError, match=r"objective: \(3,\) coefficients for 2 columns"):
        b.finish(np.zeros(3))
