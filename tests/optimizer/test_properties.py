"""Property tests on random small scenarios (hypothesis, fixed seed via derandomize).

- every plan passes the independent checker (``solve`` raises otherwise);
- a larger budget never lowers the optimum;
- shuffling the rows of the squad, the targets and the offers changes nothing;
- all backends agree.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.scenario import scenario_from_dict
from optimizer.backends import available_backends
from optimizer.formulation import build
from optimizer.market_reduction import reduce_market
from optimizer.solve import solve
from tests.conftest import WINDOW

ROLES = ["GK", "CB", "CM", "ST"]
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    def person(prefix: str, k: int, target: bool) -> dict[str, Any]:
        roles = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=2, unique=True))
        row: dict[str, Any] = {
            "id": f"{prefix}{k}",
            "positions": ";".join(
                r if i == 0 else f"{r}:{draw(st.sampled_from([0.7, 0.9]))}"
                for i, r in enumerate(roles)
            ),
            "rating": draw(st.integers(50, 90)),
            "age": draw(st.integers(17, 34)),
            "wage": draw(st.integers(0, 5)),
            "market_value": draw(st.integers(0, 40)),
            "contract_until": draw(st.sampled_from(["2026-06-30", "2027-06-30", "2030-06-30"])),
            "homegrown": draw(st.booleans()),
            "availability": draw(st.sampled_from([0.4, 0.8, 1.0])),
        }
        if target:
            row["fee"] = draw(st.integers(0, 40))
            row["club"] = draw(st.sampled_from(["A", "B", "C"]))
            if draw(st.booleans()):
                row["loan_fee"] = draw(st.integers(0, 5))
        return row

    n_squad = draw(st.integers(0, 5))
    n_targets = draw(st.integers(0, 5))
    squad = [person("s", k, False) for k in range(n_squad)]
    targets = [person("t", k, True) for k in range(n_targets)]
    offers = [
        {
            "player": p["id"],
            "club": "X",
            "kind": draw(st.sampled_from(["sale", "loan"])),
            "fee": draw(st.integers(0, 30)),
        }
        for p in squad
        if draw(st.booleans())
    ]
    rules: dict[str, Any] = {
        "budget": {"net_spend": draw(st.integers(-5, 40)), "wage_bill": draw(st.integers(5, 30))},
        "formation": draw(st.lists(st.sampled_from(ROLES), max_size=4)),
        "coverage": {r: draw(st.integers(0, 1)) for r in draw(st.sets(st.sampled_from(ROLES)))},
        "available_from": draw(st.sampled_from([0.0, 0.5])),
        "squad_size": {"max": draw(st.integers(3, 8))},
        "registration": {
            "max_senior": draw(st.integers(2, 6)),
            "max_non_homegrown": draw(st.integers(1, 4)),
        },
        "max_signings": draw(st.integers(0, 3)),
        "max_loans_in": draw(st.integers(0, 2)),
        "groups": [{"column": "club", "max": 1}] if targets and draw(st.booleans()) else [],
        "sell_without_offer": draw(st.booleans()),
    }
    objective = {
        "first_xi": 1.0,
        "second_xi": draw(st.sampled_from([0.0, 0.35])),
        "squad_rating": draw(st.sampled_from([0.0, 0.01])),
        "money": 0.15,
        "wages": draw(st.sampled_from([0.0, 0.1])),
        "residual_value": draw(st.sampled_from([0.0, 0.05])),
    }
    return {
        "name": "random",
        "window": dict(WINDOW),
        "roles": ROLES,
        "squad": squad,
        "targets": targets,
        "offers": offers,
        "rules": rules,
        "objective": objective,
    }


@SETTINGS
@given(documents())
def test_more_budget_never_lowers_the_optimum(doc: dict[str, Any]) -> None:
    scenario = scenario_from_dict(doc)
    plan = solve(scenario)
    richer_doc = {
        **doc,
        "rules": {
            **doc["rules"],
            "budget": {
                **doc["rules"]["budget"],
                "net_spend": doc["rules"]["budget"]["net_spend"] + 10,
            },
        },
    }
    richer = solve(scenario_from_dict(richer_doc))
    if plan.status.has_plan:
        assert plan.checked
        assert richer.status.has_plan
        assert richer.objective >= plan.objective - 1e-6
    else:
        assert plan.status == "infeasible"


@SETTINGS
@given(documents(), st.integers(0, 2**16))
def test_shuffling_rows_changes_nothing(doc: dict[str, Any], seed: int) -> None:
    rng = random.Random(seed)
    shuffled = dict(doc)
    for key in ("squad", "targets", "offers"):
        shuffled[key] = rng.sample(doc[key], len(doc[key]))
    # Offers are referred to by index in plans; compare the objective and the set of moves.
    a, b = solve(scenario_from_dict(doc)), solve(scenario_from_dict(shuffled))
    assert a.status == b.status
    if a.status.has_plan:
        assert b.objective == pytest.approx(a.objective, abs=1e-6)


@settings(
    max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(documents())
def test_backends_agree_on_random_scenarios(doc: dict[str, Any]) -> None:
    scenario = scenario_from_dict(doc)
    plans = [solve(scenario, solver=s) for s in available_backends()]
    statuses = {p.status for p in plans}
    assert len(statuses) == 1, statuses
    if plans[0].status.has_plan:
        values = [p.objective for p in plans]
        assert max(values) - min(values) <= 1e-6 * max(1.0, abs(values[0])), values


@SETTINGS
@given(documents())
def test_market_reduction_keeps_the_optimum(doc: dict[str, Any]) -> None:
    """On tiny markets too: forced on (min_market=1), seeded with one target per role and
    growing by one target a round, so pricing rounds and the bound's cut both matter."""
    scenario = scenario_from_dict(doc)
    full = solve(scenario, reduce=False)
    reduction = reduce_market(build(scenario), min_market=1, seed_per_role=1, add_per_round=1)
    if reduction is None:
        return
    if full.status.has_plan:
        assert reduction.incumbent <= full.objective + 1e-6
        assert reduction.lp_bound >= full.objective - 1e-6
    subset = tuple(t for t in scenario.targets if t.id in reduction.kept)
    reduced = solve(scenario.model_copy(update={"targets": subset}), reduce=False)
    assert reduced.status == full.status
    if full.status.has_plan:
        assert reduced.objective == pytest.approx(full.objective, abs=1e-6)
