"""Why a scenario has no plan: an elastic re-solve with a named slack on every relaxable
rule, minimising the total relaxation (one unit = one player, one million or one lock).

The answer names each rule that must give and by how much ("coverage CB short by 1",
"net spend short by 12.5 m"); among equally small relaxations, the one that admits the best
plan. With it comes the best plan once they give: the relaxed scenario solved
as any scenario is (its own objective, the chosen backend, the checker). The elastic model's
point only proves the relaxation is enough; it minimises slack, not the objective, so it is
never reported as the plan.
"""

from __future__ import annotations

import math

import numpy as np

from models.tradeoffs import Infeasibility, Relaxation
from optimizer.backends import Feature, backend_for, get_backend
from optimizer.backends.base import SolveOptions
from optimizer.formulation import Formulation
from optimizer.linear_model import LinearModel
from optimizer.rules.base import Relaxable
from optimizer.solve import solve
from optimizer.tradeoffs.relaxations import relaxable_rules
from optimizer.tradeoffs.resolver import summary


def elastic_model(form: Formulation, rules: list[Relaxable]) -> tuple[LinearModel, list]:
    """The model plus one slack column per (rule row, side); the objective is -sum slacks."""
    m = form.model
    extra: list[tuple[Relaxable, int, float]] = []  # rule, row, +1 (lower) / -1 (upper)
    for rule in rules:
        for row in rule.rows:
            if rule.side in ("lower", "both", "drop") and math.isfinite(m.row_lower[row]):
                extra.append((rule, row, 1.0))
            if rule.side in ("upper", "both", "drop") and math.isfinite(m.row_upper[row]):
                extra.append((rule, row, -1.0))
    n = m.num_cols
    rows = m.entry_rows()
    all_rows = np.concatenate([rows, np.array([row for _, row, _ in extra], dtype=np.int64)])
    all_cols = np.concatenate([m.a_index, n + np.arange(len(extra), dtype=np.int64)])
    all_vals = np.concatenate([m.a_value, np.array([sign for *_, sign in extra])])
    order = np.argsort(all_rows, kind="stable")
    start = np.zeros(m.num_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(all_rows, minlength=m.num_rows), out=start[1:])
    k = len(extra)
    model = LinearModel(
        col_names=m.col_names
        + tuple(f"slack[{rule.name},{row},{sign:+g}]" for rule, row, sign in extra),
        col_lower=np.concatenate([m.col_lower, np.zeros(k)]),
        col_upper=np.concatenate([m.col_upper, np.full(k, np.inf)]),
        integer=np.concatenate([m.integer, np.zeros(k, dtype=bool)]),
        objective=np.concatenate([np.zeros(n), -np.ones(k)]),
        objective_offset=0.0,
        row_names=m.row_names,
        row_lower=m.row_lower,
        row_upper=m.row_upper,
        a_start=start,
        a_index=all_cols[order],
        a_value=all_vals[order],
    )
    return model, extra


def explain_infeasible(
    form: Formulation, solver: str = "highs", keep: frozenset[str] | set[str] = frozenset()
) -> Infeasibility | None:
    """The least relaxation that admits a plan, and the best plan (solved by ``solver``)
    of the scenario so relaxed; None if even that fails (a structural impossibility such
    as a role in the formation no one could ever fill is not a rule). Rules named in
    ``keep`` are not relaxed (``explain`` keeps the move it was asked about)."""
    rules = [rule for rule in relaxable_rules(form) if rule.elastic and rule.name not in keep]
    model, extra = elastic_model(form, rules)
    chosen = get_backend(solver)
    backend, note = backend_for(Feature.CONTINUOUS, chosen, "the elastic re-solve")
    session = backend.open(model)
    least = session.solve(SolveOptions())
    if not least.status.has_plan or least.objective is None:
        return None
    # Several relaxations can be equally small (2 CBs and 1 RW, or 3 CBs); among them the
    # one whose best plan is best is taken, so that every backend gives the same answer:
    # total slack held at its least, the scenario's own objective maximised.
    n = form.model.num_cols
    slacks = np.arange(n, model.num_cols, dtype=np.int64)
    total = -least.objective
    session.add_row(slacks, np.ones(len(slacks)), -np.inf, total + 1e-9 * max(1.0, total))
    session.set_objective(np.concatenate([form.model.objective, np.zeros(len(slacks))]))
    raw = session.solve(SolveOptions())
    if not raw.status.has_plan or raw.x is None:
        return None
    amounts: dict[str, tuple[Relaxable, float]] = {}
    for (rule, _, _), value in zip(extra, raw.x[n:], strict=True):
        if value > 1e-6:
            _, before = amounts.get(rule.name, (rule, 0.0))
            amounts[rule.name] = (rule, max(before, float(value)))
    scenario = form.scenario
    relaxations = []
    for rule, amount in amounts.values():
        amount = rule.rounded(amount)
        scenario = rule.relax(scenario, amount)
        relaxations.append(
            Relaxation(rule=rule.name, amount=amount, unit=rule.unit, message=rule.message(amount))
        )
    plan = solve(scenario, solver=solver)
    text = "; ".join(r.message for r in relaxations) or "no rule needs relaxing"
    return Infeasibility(
        relaxations=tuple(relaxations),
        summary=text,
        plan=summary(plan),
        notes=(note,) if note else (),
    )
