"""The independent plan checker.

It recomputes everything a plan claims from the scenario and the plan's moves and XIs alone
(never from the model or the solver's values): the moves are replayed
(:mod:`optimizer.replay`), each rule family judges the result (its ``check``, in
:mod:`optimizer.rules`), and every objective term is recomputed (:mod:`optimizer.objective`).
Every plan passes it before it is returned; a failure is a bug and raises.
"""

from __future__ import annotations

from models.plan import Plan
from models.scenario import Scenario
from optimizer import rules
from optimizer.objective import TERMS
from optimizer.replay import close, replay


def check_plan(s: Scenario, plan: Plan) -> list[str]:
    """Every rule the plan breaks, in words; empty when it is sound."""
    if not plan.status.has_plan:
        return [] if not plan.moves else [f"a {plan.status} result carries moves"]
    played = replay(s, plan)
    bad: list[str] = []
    for family in rules.FAMILIES:
        bad += family.check(s, played)
    total = 0.0
    for term in TERMS:
        amount = term.recompute(s, played)
        total += term.sign * term.weight(s) * amount
        reported = plan.objective_terms.get(term.name)
        if reported is None or not close(reported.value, amount):
            shown = None if reported is None else reported.value
            bad.append(f"objective term {term.name} reported {shown}, recomputed {amount}")
    if plan.objective is None or abs(plan.objective - total) > 1e-5 * max(1.0, abs(total)):
        bad.append(f"objective reported {plan.objective}, recomputed {total}")
    return bad
