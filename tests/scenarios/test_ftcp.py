"""The public FTCP instances (``../shared/data/ftcp``), converted with ratings as published,
solve to the same optimum under every backend (a sample of the clubs, every formation)."""

from __future__ import annotations

import pytest

from models.plan import SolveStatus
from optimizer.backends import available_backends
from optimizer.solve import solve
from scenarios.ftcp import clubs, formations, load_instance
from tests.conftest import SHARED_DATA

FTCP = SHARED_DATA / "ftcp"
# Every target list (A to E) and both a large and a small squad; one formation each.
SAMPLE = [
    ("Chelsea-FC", "433"),
    ("Liverpool-FC", "442"),
    ("Stoke-City", "4312"),
    ("Norwich-City", "352"),
    ("West-Bromwich-Albion", "343"),
    ("Manchester-United", "433"),
]


def test_the_benchmark_is_all_there() -> None:
    assert len(clubs(FTCP)) == 20 and formations(FTCP) == ["343", "352", "4312", "433", "442"]


def test_ratings_are_as_published() -> None:
    instance = load_instance(FTCP, "Liverpool-FC")
    ratings = {p.id: p.rating for p in instance.scenario.squad}
    assert ratings["luis-suarez"] == 0.24753  # ratings.txt: "Luis-Suárez	0.24753"
    everyone = [*instance.scenario.squad, *instance.scenario.targets]
    assert any(p.rating < 0 for p in everyone)  # zero-centred: some are below zero


def test_names_written_differently_still_find_their_rating() -> None:
    united = load_instance(FTCP, "Manchester-United").scenario
    assert united.player("nemanja-vidic").rating == 0.143262  # "<U+200E>" in the club file
    arsenal = load_instance(FTCP, "Arsenal-FC").scenario
    assert arsenal.target("angel-di-maria").rating == 0.261716  # "María" in ratings.txt


def test_own_players_are_left_out_of_the_market_and_named() -> None:
    chelsea = load_instance(FTCP, "Chelsea-FC")  # list A names Frank Lampard, a Chelsea player
    assert "Frank-Lampard" in chelsea.left_out
    assert "frank-lampard" not in {t.id for t in chelsea.scenario.targets}


@pytest.mark.parametrize(("club", "formation"), SAMPLE)
def test_every_backend_reaches_the_same_optimum(club: str, formation: str) -> None:
    scenario = load_instance(FTCP, club, formation).scenario
    plans = {solver: solve(scenario, solver=solver) for solver in available_backends()}
    reference = plans["highs"]
    assert reference.status == SolveStatus.OPTIMAL and reference.objective is not None
    for solver, plan in plans.items():
        assert plan.status == SolveStatus.OPTIMAL, (solver, plan.solver.message)
        assert plan.checked
        assert plan.objective == pytest.approx(reference.objective, abs=1e-9), solver
