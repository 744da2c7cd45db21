"""Solve a scenario: build the model, run a backend, extract the plan, check it."""

from __future__ import annotations

from models.plan import Plan, SolverInfo
from models.scenario import Scenario
from optimizer.backends import DEFAULT, get_backend
from optimizer.backends.base import SolveOptions, Stopwatch
from optimizer.checker import check_plan
from optimizer.errors import PlanCheckError
from optimizer.extract import extract
from optimizer.formulation import build
from optimizer.market_reduction import reduce_market


def solve(
    scenario: Scenario,
    solver: str = DEFAULT,
    time_limit: float | None = None,
    gap: float | None = None,
    reduce: bool = True,
) -> Plan:
    """The best plan for the window (or the proof there is none), checked independently.

    With ``reduce`` (the default), a market of 400 or more targets is first cut down to the
    targets an optimal plan may need (:mod:`optimizer.market_reduction`, exact); the plan
    is still checked against the full scenario.

    >>> from scenarios import load_bundled
    >>> plan = solve(load_bundled("teaching-centre-back"))
    >>> plan.status.value, round(plan.objective, 6)
    ('optimal', 173.3)
    >>> [(m.action.value, m.player) for m in plan.moves]
    [('sell', 'gomez'), ('buy', 'guehi')]
    """
    options = SolveOptions(time_limit=time_limit, gap=gap)
    backend = get_backend(solver)
    clock = Stopwatch()
    form = build(scenario)
    considered = kept = len(scenario.targets)
    start = None
    if reduce:
        reduction = reduce_market(form)
        if reduction is not None and len(reduction.kept) < considered:
            kept = len(reduction.kept)
            subset = tuple(t for t in scenario.targets if t.id in reduction.kept)
            # A subset of already validated targets: no need to validate again.
            form = build(scenario.model_copy(update={"targets": subset}))
            start = reduction.start_for(form.model)
    build_seconds = clock.seconds
    raw = backend.solve(form.model, options, start=start)
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
    )
    plan = extract(form, raw, info)
    return certify(scenario, plan)


def certify(scenario: Scenario, plan: Plan) -> Plan:
    """Run the independent checker; a plan that fails it is a bug and is never returned."""
    violations = check_plan(scenario, plan)
    if violations:
        raise PlanCheckError(violations)
    return plan.model_copy(update={"checked": plan.status.has_plan})
