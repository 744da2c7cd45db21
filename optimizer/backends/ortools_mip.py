"""SCIP and CP-SAT through OR-Tools' ``pywraplp`` (linear solver wrapper).

OR-Tools' own HiGHS is deliberately not offered: it and highspy in one process crash
(segfault) because both link their own copy of HiGHS.
"""

from __future__ import annotations

import math

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
from optimizer.errors import SolverFailedError, SolverUnavailableError
from optimizer.linear_model import FloatArray, IntArray, LinearModel


class OrToolsSession(Session):
    def __init__(self, model: LinearModel, solver_id: str) -> None:
        super().__init__(model)
        from ortools.linear_solver import pywraplp

        self._lp = pywraplp
        solver = pywraplp.Solver.CreateSolver(solver_id)
        if solver is None:
            raise SolverUnavailableError(f"OR-Tools was built without {solver_id}")
        self.solver = solver
        self.solver_id = solver_id
        inf = solver.infinity()

        def clip(v: float) -> float:
            return inf if v == math.inf else -inf if v == -math.inf else float(v)

        self.vars = [
            solver.IntVar(clip(model.col_lower[j]), clip(model.col_upper[j]), f"c{j}")
            if model.integer[j]
            else solver.NumVar(clip(model.col_lower[j]), clip(model.col_upper[j]), f"c{j}")
            for j in range(model.num_cols)
        ]
        self.rows = []
        for r in range(model.num_rows):
            c = solver.RowConstraint(clip(model.row_lower[r]), clip(model.row_upper[r]), f"r{r}")
            index, value = model.row(r)
            for j, v in zip(index, value, strict=True):
                c.SetCoefficient(self.vars[j], float(v))
            self.rows.append(c)
        objective = solver.Objective()
        for j in np.flatnonzero(model.objective):
            objective.SetCoefficient(self.vars[j], float(model.objective[j]))
        objective.SetOffset(model.objective_offset)
        objective.SetMaximization()
        self._clip = clip

    def _set_col_bounds(self, col: int, lower: float, upper: float) -> None:
        self.vars[col].SetBounds(self._clip(lower), self._clip(upper))

    def _set_row_bounds(self, row: int, lower: float, upper: float) -> None:
        self.rows[row].SetBounds(self._clip(lower), self._clip(upper))

    def _set_objective(self, objective: FloatArray) -> None:
        target = self.solver.Objective()
        for var, coef in zip(self.vars, objective, strict=True):
            target.SetCoefficient(var, float(coef))

    def _set_coefficient(self, row: int, col: int, value: float) -> None:
        self.rows[row].SetCoefficient(self.vars[col], float(value))

    def _reset(self) -> None:
        # pywraplp hands the model to the solver afresh on every Solve(); the starting plan
        # (the hint) is all it keeps between solves. (Regression: it called Reset(), which
        # OR-Tools 9.x's Python wrapper does not have.)
        self.solver.SetHint([], [])

    def _add_row(self, cols: IntArray, coefs: FloatArray, lower: float, upper: float) -> None:
        c = self.solver.RowConstraint(self._clip(lower), self._clip(upper), f"r{len(self.rows)}")
        for j, v in zip(cols, coefs, strict=True):
            c.SetCoefficient(self.vars[j], float(v))
        self.rows.append(c)

    def set_start(self, x: FloatArray) -> None:
        self.solver.SetHint(self.vars, [float(v) for v in x])

    def _solve(self, options: SolveOptions, tolerance: float) -> RawResult:
        lp, solver = self._lp, self.solver
        if options.time_limit is not None:
            solver.SetTimeLimit(int(options.time_limit * 1000))
        if options.threads:
            solver.SetNumThreads(options.threads)
        params = lp.MPSolverParameters()
        params.SetDoubleParam(params.RELATIVE_MIP_GAP, options.relative_gap)
        # The absolute gap is not among pywraplp's common parameters. CP-SAT's default
        # (1e-4) ended the search early on small-valued objectives and called the plan
        # optimal. CP-SAT also scales float coefficients to integers, by default to 1e-6
        # relative precision, which left its bound further from the plan than our tolerance
        # on ratings near 0.1 (FTCP): asked for 1e-9, it proves the plan optimal.
        gap = options.relative_gap
        specific = {
            "CP_SAT": f"absolute_gap_limit:{tolerance!r} relative_gap_limit:{gap!r} "
            "mip_wanted_precision:1e-9",
            "SCIP": f"limits/absgap = {tolerance!r}",
        }[self.solver_id]
        if not solver.SetSolverSpecificParametersAsString(specific):
            raise SolverFailedError(f"{self.solver_id} refused its parameters: {specific}")
        clock = Stopwatch()
        code = solver.Solve(params)
        seconds = clock.seconds
        mapping = {
            lp.Solver.OPTIMAL: SolveStatus.OPTIMAL,
            lp.Solver.FEASIBLE: SolveStatus.FEASIBLE,
            lp.Solver.INFEASIBLE: SolveStatus.INFEASIBLE,
            lp.Solver.UNBOUNDED: SolveStatus.UNBOUNDED,
            lp.Solver.NOT_SOLVED: SolveStatus.NO_SOLUTION,
        }
        status = mapping.get(code, SolveStatus.ERROR)
        message = {
            0: "optimal",
            1: "feasible",
            2: "infeasible",
            3: "unbounded",
            4: "abnormal",
            5: "model invalid",
            6: "not solved",
        }.get(code, str(code))
        if not status.has_plan:
            return RawResult(status, None, None, None, seconds, message)
        x = np.array([v.solution_value() for v in self.vars], dtype=np.float64)
        objective = float(solver.Objective().Value())
        bound = finite(solver.Objective().BestBound())
        return RawResult(status, x, objective, bound, seconds, message)


class _OrToolsBackend(Backend):
    solver_id = ""

    def available(self) -> bool:
        try:
            from ortools.linear_solver import pywraplp
        except ImportError:
            return False
        return pywraplp.Solver.CreateSolver(self.solver_id) is not None

    def load(self, model: LinearModel) -> Session:
        return OrToolsSession(model, self.solver_id)


class ScipBackend(_OrToolsBackend):
    name = "scip"
    description = "SCIP (OR-Tools pywraplp)"
    solver_id = "SCIP"
    # No LP_DUALS: through pywraplp SCIP treats an LP as a MIP and reports no duals.
    features = frozenset({Feature.CONTINUOUS, Feature.WARM_START, Feature.IN_PLACE})


class CpSatBackend(_OrToolsBackend):
    name = "cpsat"
    description = "CP-SAT (OR-Tools pywraplp); scales float coefficients internally"
    solver_id = "CP_SAT"
    # Integer columns only: no continuous slacks, no LP duals.
    features = frozenset({Feature.WARM_START, Feature.IN_PLACE})
