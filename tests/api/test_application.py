"""The application layer every surface calls: one request model, the plan before its
trade-offs, the solve's own model reused for them, one name list for the solvers."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.application import Question, Solver, SolveRequest, explain, solve_and_analyse
from models.plan import Plan
from models.scenario import Scenario
from optimizer.backends import BACKENDS
from optimizer.solve import solve_model
from optimizer.tradeoffs.analysis import analyse, analyse_solved
from scenarios import load_bundled


def test_the_solver_names_are_the_backends() -> None:
    assert [s.value for s in Solver] == list(BACKENDS)


@pytest.mark.parametrize(
    "bad",
    [{"time_limit": 0}, {"gap": 1.0}, {"alternatives": 21}, {"budget_step": 0}, {"solver": "x"}],
)
def test_bad_requests_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        SolveRequest.model_validate(bad)


def test_the_plan_is_seen_before_its_tradeoffs() -> None:
    seen: list[Plan] = []
    plan = solve_and_analyse(load_bundled("teaching-centre-back"), SolveRequest(), seen.append)
    assert len(seen) == 1 and seen[0].tradeoffs is None
    assert plan.tradeoffs is not None and plan.tradeoffs.prices
    assert seen[0].moves == plan.moves


def test_tradeoffs_from_the_solves_own_session_equal_a_fresh_analysis(liverpool: Scenario) -> None:
    solved = solve_model(liverpool)
    assert not solved.reduced
    reused = analyse_solved(solved).model_dump(exclude={"seconds"})
    fresh = analyse(liverpool, solved.plan).model_dump(exclude={"seconds"})
    assert reused == fresh


def test_tradeoffs_not_requested_or_too_large() -> None:
    scenario = load_bundled("teaching-centre-back")
    assert solve_and_analyse(scenario, SolveRequest(tradeoffs=False)).tradeoffs is None


def test_explain_through_the_application_layer() -> None:
    answer = explain(load_bundled("teaching-centre-back"), Question.KEEP, "gomez", "highs")
    assert answer.summary.startswith("to keep Gomez costs 13.40 objective points")
