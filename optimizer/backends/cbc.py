"""CBC through PuLP's ``COIN_CMD`` and the ``cbcbox`` binary (``pulp[cbc]``).

PuLP 3.3 deprecates its bundled ``PULP_CBC_CMD`` and PuLP 4 removes it, so we do not use it.
CBC runs as a separate process and PuLP reads back no bound, so a CBC plan has
``bound = None`` (and no gap), also when CBC proved it optimal: a bound is reported only
when a solver proved it.

Exactness: CBC skips any plan that is not better than the incumbent by its *cutoff
increment*, which it guesses from the objective's coefficients; on small-valued objectives
(ratings near 0.01) that guess returned a worse plan as "optimal". The increment is set to
the absolute tolerance of the solve, like the absolute gap.
"""

from __future__ import annotations

import math
import shutil
import sys
from pathlib import Path

import numpy as np

from models.plan import SolveStatus
from optimizer.backends.base import Backend, Feature, RawResult, Session, SolveOptions, Stopwatch
from optimizer.errors import SolverUnavailableError
from optimizer.linear_model import FloatArray, IntArray, LinearModel


def cbc_binary() -> str | None:
    """The CBC binary: cbcbox's own; else one next to this interpreter (a virtual
    environment run without being activated, as cron, systemd and Docker call it, has its
    scripts off PATH); else ``cbc`` on PATH. None when there is none."""
    try:
        import cbcbox
    except ImportError:
        pass
    else:
        path = Path(cbcbox.cbc_bin_path())
        if path.is_file():
            return str(path)
    beside = Path(sys.executable).parent / "cbc"
    if beside.is_file():
        return str(beside)
    return shutil.which("cbc")


def _bound(value: float) -> float | None:
    return None if math.isinf(value) else float(value)


class CbcSession(Session):
    """PuLP writes the whole model for every CBC run anyway, so changes are only recorded
    (the base session keeps them) and the PuLP problem is rebuilt before the next solve."""

    def __init__(self, model: LinearModel) -> None:
        super().__init__(model)
        import pulp

        self._pulp = pulp
        self.start: FloatArray | None = None
        self._build()

    def _build(self) -> None:
        pulp, model = self._pulp, self.model
        self.problem = pulp.LpProblem("transfers", pulp.LpMaximize)
        # Generic names: PuLP rewrites characters such as '-' and '[' in names, which could
        # make two of ours collide.
        self.vars = [
            self.problem.add_variable(
                f"c{j}",
                _bound(self.col_lower[j]),
                _bound(self.col_upper[j]),
                cat="Integer" if model.integer[j] else "Continuous",
            )
            for j in range(model.num_cols)
        ]
        self.problem += pulp.LpAffineExpression(
            [(self.vars[j], float(self.objective[j])) for j in np.flatnonzero(self.objective)],
            constant=model.objective_offset,
        )
        starts = model.a_start
        rows = [
            (model.a_index[starts[r] : starts[r + 1]], self.a_value[starts[r] : starts[r + 1]])
            for r in range(model.num_rows)
        ] + self.added_rows
        for r, (index, value) in enumerate(rows):
            expr = pulp.LpAffineExpression(
                [(self.vars[j], float(v)) for j, v in zip(index, value, strict=True)]
            )
            lower, upper = float(self.row_lower[r]), float(self.row_upper[r])
            if lower == upper:
                self.problem += pulp.LpConstraint(expr, pulp.LpConstraintEQ, f"r{r}e", lower)
                continue
            if not math.isinf(lower):
                self.problem += pulp.LpConstraint(expr, pulp.LpConstraintGE, f"r{r}l", lower)
            if not math.isinf(upper):
                self.problem += pulp.LpConstraint(expr, pulp.LpConstraintLE, f"r{r}u", upper)
        self._dirty = False

    def _set_col_bounds(self, col: int, lower: float, upper: float) -> None:
        self._dirty = True

    def _set_row_bounds(self, row: int, lower: float, upper: float) -> None:
        self._dirty = True

    def _set_objective(self, objective: FloatArray) -> None:
        self._dirty = True

    def _add_row(self, cols: IntArray, coefs: FloatArray, lower: float, upper: float) -> None:
        self._dirty = True

    def _set_coefficient(self, row: int, col: int, value: float) -> None:
        self._dirty = True

    def _reset(self) -> None:
        self.start = None  # every CBC run starts from scratch anyway

    def set_start(self, x: FloatArray) -> None:
        self.start = np.asarray(x, dtype=np.float64)

    def _solve(self, options: SolveOptions, tolerance: float) -> RawResult:
        pulp = self._pulp
        if self._dirty:
            self._build()
        if self.start is not None:
            for var, value in zip(self.vars, self.start, strict=True):
                var.setInitialValue(round(float(value)))
        binary = cbc_binary()
        if binary is None:
            raise SolverUnavailableError("cbc: no CBC binary found (install pulp[cbc])")
        solver = pulp.COIN_CMD(
            msg=False,
            path=binary,
            warmStart=self.start is not None,
            timeLimit=options.time_limit,
            gapRel=options.relative_gap,
            gapAbs=tolerance,
            threads=options.threads,
            options=[f"increment {tolerance!r}"],
        )
        clock = Stopwatch()
        self.problem.solve(solver)
        seconds = clock.seconds
        sol = self.problem.sol_status
        # CBC proves infeasibility in ``status`` while ``sol_status`` only says "no solution".
        if self.problem.status == pulp.LpStatusInfeasible:
            status = SolveStatus.INFEASIBLE
        elif sol == pulp.LpSolutionOptimal:
            status = SolveStatus.OPTIMAL
        elif sol == pulp.LpSolutionIntegerFeasible:
            status = SolveStatus.FEASIBLE
        elif sol == pulp.LpSolutionInfeasible:
            status = SolveStatus.INFEASIBLE
        elif sol == pulp.LpSolutionUnbounded:
            status = SolveStatus.UNBOUNDED
        elif sol == pulp.LpSolutionNoSolutionFound:
            status = SolveStatus.NO_SOLUTION
        else:
            status = SolveStatus.ERROR
        message = pulp.LpStatus.get(self.problem.status, str(self.problem.status))
        if not status.has_plan:
            return RawResult(status, None, None, None, seconds, message)
        x = np.array([v.varValue or 0.0 for v in self.vars], dtype=np.float64)
        objective = float(self.objective @ x + self.model.objective_offset)
        return RawResult(status, x, objective, None, seconds, message)


class CbcBackend(Backend):
    name = "cbc"
    description = "COIN-OR CBC (PuLP COIN_CMD, cbcbox binary)"
    # Not IN_PLACE: PuLP writes the whole model for every CBC run.
    features = frozenset({Feature.CONTINUOUS, Feature.WARM_START})

    def available(self) -> bool:
        try:
            import pulp  # noqa: F401
        except ImportError:
            return False
        return cbc_binary() is not None

    def load(self, model: LinearModel) -> Session:
        return CbcSession(model)
