"""Solve a scenario: build the model, run a backend, extract the plan, check it.

:func:`solve_model` also hands back what the trade-off analysis reuses (the formulation and
the loaded solver session), so that analysing a plan does not build and load it again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.collector import collector_paused
from models.plan import Plan, SolverInfo
from models.scenario import Scenario
from optimizer.backends import DEFAULT, Backend, get_backend
from optimizer.backends.base import Session, SolveOptions, Stopwatch
from optimizer.checker import check_plan
from optimizer.errors import PlanCheckError
from optimizer.extract import extract
from optimizer.formulation import Formulation, build
from optimizer.injury.report import risk_report, wants_report
from optimizer.linear_model import FloatArray
from optimizer.market_reduction import reduce_market


@dataclass
class Solved:
    """A solved scenario: its checked plan, and the model and session it was solved with.

    ``reduced`` says the session holds a reduced market (the exact reduction is proven for
    the scenario's own rules only, so what-ifs must load the full market again); ``x`` is
    the plan's column values in ``form`` (None without a plan)."""

    scenario: Scenario
    plan: Plan
    form: Formulation
    backend: Backend
    session: Session
    reduced: bool
    x: FloatArray | None = None

    def x_in(self, form: Formulation) -> FloatArray | None:
        """The plan's column values in ``form``, a model of the same scenario with all of
        its market (columns matched by name; a target the reduction dropped is not
        signed)."""
        if self.x is None:
            return None
        if form is self.form:
            return self.x
        index = {name: k for k, name in enumerate(form.model.col_names)}
        x = np.zeros(form.model.num_cols)
        for name, value in zip(self.form.model.col_names, self.x, strict=True):
            x[index[name]] = value
        return x


def solve_model(
    scenario: Scenario,
    solver: str = DEFAULT,
    time_limit: float | None = None,
    gap: float | None = None,
    reduce: bool = True,
    threads: int | None = None,
) -> Solved:
    """The best plan for the window (or the proof there is none), checked independently,
    with the model and session that produced it.

    With ``reduce`` (the default), a market of ``MIN_MARKET`` or more targets is first cut
    down to the targets an optimal plan may need (:mod:`optimizer.market_reduction`,
    exact); the plan is still checked against the full scenario. ``threads`` is the
    solver's thread count (None: the backend's choice).
    """
    options = SolveOptions(time_limit=time_limit, gap=gap, threads=threads)
    backend = get_backend(solver)
    clock = Stopwatch()
    considered = kept = len(scenario.targets)
    start = None
    helpers: tuple[str, ...] = ()
    with collector_paused():
        form = build(scenario)
        reduction = reduce_market(form, backend=backend) if reduce else None
        if reduction is not None:
            helpers = (reduction.note,) if reduction.note else ()
        if reduction is not None and len(reduction.kept) < considered:
            kept = len(reduction.kept)
            subset = tuple(t for t in scenario.targets if t.id in reduction.kept)
            # A subset of already validated targets: no need to validate again.
            form = build(scenario.model_copy(update={"targets": subset}))
            start = reduction.start_for(form.model)
    build_seconds = clock.seconds
    session = backend.open(form.model, start)
    raw = session.solve(options)
    info = SolverInfo(
        name=backend.name,
        seconds=raw.seconds,
        build_seconds=build_seconds,
        time_limit=time_limit,
        gap_limit=gap,
        variables=form.model.num_cols,
        targets_considered=considered,
        targets_kept=kept,
        constraints=form.model.num_rows,
        tolerance=raw.tolerance,
        message=raw.message,
        helpers=helpers,
    )
    plan = certify(scenario, extract(form, raw, info))
    x = raw.x if plan.status.has_plan else None
    if plan.status.has_plan and wants_report(scenario):
        plan = plan.model_copy(update={"matchday_risk": risk_report(scenario, plan)})
    return Solved(scenario, plan, form, backend, session, reduced=kept < considered, x=x)


def solve(
    scenario: Scenario,
    solver: str = DEFAULT,
    time_limit: float | None = None,
    gap: float | None = None,
    reduce: bool = True,
) -> Plan:
    """The best plan for the window, checked independently (see :func:`solve_model`).

    >>> from scenarios import load_bundled
    >>> plan = solve(load_bundled("teaching-centre-back"))
    >>> plan.status.value, round(plan.objective, 6)
    ('optimal', 173.3)
    >>> [(m.action.value, m.player) for m in plan.moves]
    [('sell', 'gomez'), ('buy', 'guehi')]
    """
    return solve_model(scenario, solver, time_limit, gap, reduce).plan


def certify(scenario: Scenario, plan: Plan) -> Plan:
    """Run the independent checker; a plan that fails it is a bug and is never returned."""
    violations = check_plan(scenario, plan)
    if violations:
        raise PlanCheckError(violations)
    return plan.model_copy(update={"checked": plan.status.has_plan})
