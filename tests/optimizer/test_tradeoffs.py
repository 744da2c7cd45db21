"""Trade-offs: each reported number equals an independent re-solve of the changed
scenario; on the teaching scenario they also equal the values worked out by hand."""

from __future__ import annotations

import functools
from itertools import pairwise

import pytest

from models.plan import Plan
from models.scenario import Scenario
from models.tradeoffs import PlanChange, PlanSummary, TradeOffs
from optimizer.formulation import build
from optimizer.solve import solve
from optimizer.tradeoffs.analysis import analyse, explain
from optimizer.tradeoffs.budget import with_budget
from optimizer.tradeoffs.relaxations import relaxable_rules
from optimizer.tradeoffs.resolver import summary
from scenarios import load_bundled

APPROX = {"abs": 1e-6}


def _keys(moves) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(m.action.value, m.player) for m in moves}


@pytest.fixture(scope="module")
def teaching() -> Scenario:
    return load_bundled("teaching-centre-back")


@pytest.fixture(scope="module")
def teaching_report(teaching: Scenario) -> TradeOffs:
    return analyse(teaching, solve(teaching))


@pytest.fixture(scope="module")
def locked() -> Scenario:
    return load_bundled("teaching-centre-back").evolve(locks={"keep": ["gomez"]})


def test_keeping_gomez_price_by_hand(locked: Scenario) -> None:
    report = analyse(locked, solve(locked))
    price = next(p for p in report.prices if p.rule == "lock_keep[gomez]")
    # 173.3 (sell Gomez, buy Guehi) - 159.9 (keep Gomez, loan in the cheap CB) = 13.4
    assert price.objective_loss == pytest.approx(13.4, **APPROX)
    assert price.money_equivalent == pytest.approx(134.0, abs=1e-5)  # at 0.1 points per m
    assert price.net_spend_change == pytest.approx(17.0 - 1.0)
    assert "keeping Gomez costs 13.40 objective points (134.0 m" in price.summary
    assert _keys(price.plan.moves) == {("sell", "gomez"), ("buy", "guehi")}


def test_budget_curve_by_hand(teaching_report: TradeOffs) -> None:
    b = teaching_report.budget
    assert b is not None and b.complete
    # From 0: sell Gomez, loan the cheap CB (net -17): 161.7; from 17: Guehi instead: 173.3.
    assert b.range == (0.0, 40.0)
    assert b.breakpoints == pytest.approx((17.0,))
    assert [s.plan.objective for s in b.segments] == pytest.approx([161.7, 173.3])
    assert b.lower.budget == pytest.approx(18.0) and b.upper.budget == pytest.approx(22.0)
    assert b.lower.plan.objective == pytest.approx(173.3) and b.marginal_value == 0.0
    # Pareto: cheapest is -17 for strength 160; then 175 (Guehi) for 17.
    assert [p.net_spend for p in b.pareto] == pytest.approx([-17.0, 17.0])
    assert [p.strength for p in b.pareto] == pytest.approx([160.0, 175.0])


def _scaled(s: Scenario, factor: float) -> Scenario:
    """Every rating and the money weight times ``factor``: every objective value times it,
    the same plans and budgets."""
    return s.evolve(
        squad=[{**p.model_dump(), "rating": p.rating * factor} for p in s.squad],
        targets=[{**t.model_dump(), "rating": t.rating * factor} for t in s.targets],
        objective={**s.objective.model_dump(), "money": s.objective.money * factor},
    )


@pytest.mark.parametrize("factor", [1e-3, 1e-5, -1.0])
def test_budget_curve_on_any_scale(teaching: Scenario, factor: float) -> None:
    # Regression: with values <= 1 "strictly better" was tested within the solver's own
    # tolerance, and the search found the same plan 40 times (complete: false). Scaled, the
    # curve is the hand-worked one with every value times the factor; at -1 (ratings below
    # zero, money rewarded) the XI stays empty and selling is best, so there is no curve to
    # compare, but the search must still end complete.
    if factor < 0:
        scenario = _scaled(teaching, 1.0).evolve(
            squad=[{**p.model_dump(), "rating": -p.rating} for p in teaching.squad],
            targets=[{**t.model_dump(), "rating": -t.rating} for t in teaching.targets],
        )
        report = analyse(scenario, solve(scenario))
        assert report.budget is not None and report.budget.complete
        return
    scenario = _scaled(teaching, factor)
    b = analyse(scenario, solve(scenario)).budget
    assert b is not None and b.complete
    assert b.breakpoints == pytest.approx((17.0,))
    assert [s.plan.objective for s in b.segments] == pytest.approx(
        [161.7 * factor, 173.3 * factor], rel=1e-9
    )
    assert [p.net_spend for p in b.pareto] == pytest.approx([-17.0, 17.0])


def test_alternatives_by_hand(teaching_report: TradeOffs) -> None:
    alts = teaching_report.alternatives
    # 173.2 (also loan the cheap CB), 161.7 (cheap CB on loan), 161.3 (cheap CB bought)
    assert [a.objective_loss for a in alts] == pytest.approx([0.1, 11.6, 12.0])
    move_sets = [frozenset(_keys(a.plan.moves)) for a in alts]
    assert len(set(move_sets)) == 3
    assert frozenset({("sell", "gomez"), ("buy", "guehi")}) not in move_sets
    assert [a.rank for a in alts] == [1, 2, 3]


def test_regret_by_hand(teaching_report: TradeOffs) -> None:
    losses = {r.forced: r.objective_loss for r in teaching_report.regret}
    assert losses == pytest.approx({"keep Gomez": 13.4, "do not sign Guehi": 11.6})


@pytest.mark.parametrize(
    "name", ["teaching-centre-back", "teaching-registration", "liverpool-2026-01"]
)
def test_every_number_equals_an_independent_resolve(name: str) -> None:
    scenario, best, report = _analysed(name)
    assert best.objective is not None
    rules = {r.name: r for r in relaxable_rules(build(scenario))}
    mine = summary(best)
    for price in report.prices:
        fresh = solve(rules[price.rule].relax(scenario, 1.0))
        assert fresh.objective is not None and price.objective_loss is not None
        assert price.objective_loss == pytest.approx(fresh.objective - best.objective, abs=1e-5)
        # Football units: what the rule does = the best plan minus the plan without it.
        assert _units(price.change) == pytest.approx(_minus(mine, price.plan), abs=1e-6)
        assert price.change is not None and price.net_spend_change is not None
        assert price.change.net_spend == pytest.approx(-price.net_spend_change)
        assert "/-1" not in price.summary
        if price.objective_loss:
            assert "net spend" in price.summary or "no change in strength" in price.summary
    for r in report.regret:
        lock = "keep" if r.move.action.value in ("sell", "loan_out") else "never_sign"
        forced = scenario.model_copy(
            update={
                "locks": scenario.locks.model_copy(
                    update={lock: (*getattr(scenario.locks, lock), r.move.player)}
                )
            }
        )
        fresh = solve(forced)
        assert r.objective_loss == pytest.approx(best.objective - fresh.objective, abs=1e-5)
        assert _units(r.change) == pytest.approx(_minus(r.plan, mine), abs=1e-6)
    b = report.budget
    assert b is not None
    for point in (b.lower, b.upper):
        fresh = solve(with_budget(scenario, point.budget))
        assert point.plan.objective == pytest.approx(fresh.objective, abs=1e-5)
    # One million either way, each on its own (not their average).
    assert b.one_more is not None and b.one_less is not None
    assert (b.one_more.budget, b.one_less.budget) == pytest.approx((b.budget + 1, b.budget - 1))
    for point in (b.one_more, b.one_less):
        fresh = solve(with_budget(scenario, point.budget))
        assert point.plan.objective == pytest.approx(fresh.objective, abs=1e-5)
        assert point.objective_change == pytest.approx(fresh.objective - best.objective, abs=1e-5)
        assert _units(point.change) == pytest.approx(_minus(point.plan, mine), abs=1e-6)
    assert b.one_more.objective_change is not None and b.one_less.objective_change is not None
    assert b.one_more.objective_change >= -1e-9 and b.one_less.objective_change <= 1e-9
    ends = [s.from_budget for s in b.segments[1:]] + [b.range[1]]
    for segment, end in zip(b.segments, ends, strict=True):
        for budget in (segment.from_budget, (segment.from_budget + end) / 2):
            fresh = solve(with_budget(scenario, budget))
            assert segment.plan.objective == pytest.approx(fresh.objective, abs=1e-5), budget
    for breakpoint in b.breakpoints:
        below = solve(with_budget(scenario, breakpoint - 1e-3))
        at = solve(with_budget(scenario, breakpoint))
        assert below.objective < at.objective - 1e-7
    w = scenario.objective
    strength_only = scenario.model_copy(
        update={
            "objective": w.model_copy(
                update={"squad_rating": 0.0, "money": 0.0, "wages": 0.0, "residual_value": 0.0}
            )
        }
    )
    for point in b.pareto:  # no plan is stronger for this money
        fresh = solve(with_budget(strength_only, point.net_spend))
        assert point.strength == pytest.approx(fresh.objective, abs=1e-5)
    spends = [p.net_spend for p in b.pareto]
    strengths = [p.strength for p in b.pareto]
    assert spends == sorted(spends) and len(set(spends)) == len(spends)
    assert all(a < b for a, b in pairwise(strengths))
    alts = [a.objective_loss for a in report.alternatives]
    assert alts == sorted(alts) and all(loss >= -1e-9 for loss in alts)
    for a in report.alternatives:
        assert _units(a.change) == pytest.approx(_minus(a.plan, mine), abs=1e-6)
        assert a.change is not None and a.change.objective == pytest.approx(-a.objective_loss)


def _units(change: PlanChange | None) -> tuple[float, ...]:
    assert change is not None
    return (change.objective, change.first_xi, change.second_xi, change.net_spend, change.wage_bill)


def _minus(plan: PlanSummary, other: PlanSummary) -> tuple[float, ...]:
    fields = ("objective", "first_xi", "second_xi", "net_spend", "wage_bill")
    return tuple(getattr(plan, f) - getattr(other, f) for f in fields)


@functools.cache
def _analysed(name: str) -> tuple[Scenario, Plan, TradeOffs]:
    """A bundled scenario, its best plan and their trade-offs, computed once per run."""
    scenario = load_bundled(name)
    best = solve(scenario)
    return scenario, best, analyse(scenario, best)


def test_liverpool_prices_in_football_units() -> None:
    _, best, report = _analysed("liverpool-2026-01")
    keep = next(p for p in report.prices if p.rule == "lock_keep[joe-gomez]")
    assert keep.change is not None
    # Without the lock Gomez is sold: 18 m comes in, so keeping him costs net spend.
    assert keep.change.net_spend > 0 and "sell Joe Gomez to AC Milan for 18 m" in keep.summary
    assert f"net spend {keep.change.net_spend:+.1f} m" in keep.summary
    size = next(p for p in report.prices if p.rule == "squad_size")
    assert "a squad of 26 to 34 players (widened by 1 player each way)" in size.summary
    # The best plan and its summary agree on the football units.
    mine = summary(best)
    assert mine.first_xi == best.objective_terms["first_xi"].value
    assert best.finance is not None and mine.wage_bill == best.finance.wage_bill_after


def test_explain_says_the_change_in_football_units(teaching: Scenario) -> None:
    answer = explain(teaching, keep="gomez")
    assert answer.change is not None and answer.objective_loss
    assert _units(answer.change) == pytest.approx(_minus(answer.forced, answer.best))
    assert f"net spend {answer.change.net_spend:+.1f} m" in answer.summary


def _teaching_with(**rules: object) -> Scenario:
    s = load_bundled("teaching-centre-back")
    return s.evolve(rules={**s.rules.model_dump(), **rules})


def test_infeasible_coverage_is_explained() -> None:
    # 5 fit CBs cannot be had; 4 (keep Gomez, buy Guehi, loan the cheap CB) costs 36 > 20,
    # so the least relaxation is coverage 5 -> 3 (2 players) rather than 1 player + 16 m.
    scenario = _teaching_with(coverage={"CB": 5})
    plan = solve(scenario)
    assert plan.status == "infeasible"
    why = analyse(scenario, plan).infeasibility
    assert why is not None
    assert [(r.rule, r.amount) for r in why.relaxations] == [("coverage[CB]", 2.0)]
    assert why.summary == "coverage CB short by 2 players"
    # The plan quoted is the best one with 3 CBs (Van Dijk, Guehi, the cheap CB on loan for
    # Gomez's 18 m: 175 - 0.1 x 18 = 173.2), not the elastic model's point, which minimises
    # relaxation and not the objective (regression).
    assert why.plan.objective == pytest.approx(173.2, **APPROX)
    assert _keys(why.plan.moves) == {("sell", "gomez"), ("buy", "guehi"), ("loan_in", "cheap-cb")}


def test_liverpool_with_nine_centre_backs_is_explained_with_its_best_relaxed_plan(
    liverpool: Scenario,
) -> None:
    # Regression: this printed the elastic point (objective 21.52, strength 0.0).
    scenario = liverpool.evolve(
        rules={**liverpool.rules.model_dump(), "coverage": {**liverpool.rules.coverage, "CB": 9}}
    )
    why = analyse(scenario, solve(scenario)).infeasibility
    assert why is not None and why.plan.objective is not None
    rules = {rule.name: rule for rule in relaxable_rules(build(scenario))}
    relaxed = scenario
    for r in why.relaxations:
        relaxed = rules[r.rule].relax(relaxed, r.amount)
    best = solve(relaxed)
    assert why.plan.objective == pytest.approx(best.objective, abs=1e-9)
    assert why.plan.strength is not None and why.plan.strength > 0


def test_infeasible_budget_is_explained() -> None:
    # Must raise 30 m. Selling Gomez (18) and loaning the cheap CB (0.5) nets -17.5: short
    # by 12.5 m, cheaper than dropping a CB (1 player) and still being 12 m short.
    s = load_bundled("teaching-centre-back")
    targets = [t.model_dump() for t in s.targets]
    targets[1]["loan_fee"] = 0.5
    scenario = s.evolve(
        targets=targets, rules={**s.rules.model_dump(), "budget": {"net_spend": -30.0}}
    )
    why = analyse(scenario, solve(scenario)).infeasibility
    assert why is not None
    assert why.summary == "net spend short by 12.50 m"
    assert _keys(why.plan.moves) == {("sell", "gomez"), ("loan_in", "cheap-cb")}


def test_infeasible_lock_is_explained() -> None:
    # Signing Guehi (35) while keeping Gomez breaks the budget of 20 by 15 m; dropping either
    # lock (one unit each) is cheaper than 15 m of budget, and the two tie.
    scenario = load_bundled("teaching-centre-back").evolve(
        locks={"keep": ["gomez"], "sign": ["guehi"]}
    )
    why = analyse(scenario, solve(scenario)).infeasibility
    assert why is not None
    assert len(why.relaxations) == 1
    assert why.summary in ("drop the lock on keeping Gomez", "drop the lock on signing Guehi")


def test_explain_sign_and_keep(teaching: Scenario) -> None:
    answer = explain(teaching, keep="gomez")
    assert answer.objective_loss == pytest.approx(13.4, **APPROX)
    assert answer.summary.startswith("to keep Gomez costs 13.40 objective points")
    free = explain(teaching, sign="guehi")
    assert free.objective_loss == 0.0 and "free" in free.summary


def test_explain_an_impossible_move_names_the_real_cause(teaching: Scenario) -> None:
    # Regression: this said "drop the lock on selling Van Dijk", a lock that does not exist.
    answer = explain(teaching, sell="van-dijk")  # no offer for him
    assert answer.forced.status == "infeasible" and answer.objective_loss is None
    assert answer.summary == (
        "Van Dijk cannot be sold: no club has bid for him and rules.sell_without_offer is off "
        "(turn it on, with his market_value, to allow a sale at his value)"
    )
    assert "lock" not in answer.summary
    unsellable = teaching.evolve(
        squad=[
            p.model_copy(update={"sellable": False}) if p.id == "gomez" else p
            for p in teaching.squad
        ]
    )
    answer = explain(unsellable, sell="gomez")
    assert answer.summary == "Gomez cannot be sold: he is marked sellable: false"


def test_explain_does_not_relax_the_move_asked_about(teaching: Scenario) -> None:
    # With no market, selling Gomez leaves one fit CB of the two required: the answer names
    # the coverage rule, never "drop the lock on selling Gomez" (the question itself).
    answer = explain(teaching.evolve(targets=[]), sell="gomez")
    assert answer.forced.status == "infeasible" and answer.infeasibility is not None
    assert [r.rule for r in answer.infeasibility.relaxations] == ["coverage[CB]"]
    assert "lock" not in answer.summary


def test_explain_a_sale_honours_a_dated_keep_lock() -> None:
    # Regression: "why not sell Gomez?" under the manager's wish (keep him to 2026-05-31)
    # dropped the wish and said selling "gains 5.10 points; the keep lock is what forbids
    # it", though the best plan already sells him in the summer. By hand (the scenario's
    # table): the best plan under the wish sells him in the summer, 343.2, so the sale is
    # free; kept to the end of 2026 he can be sold in no window: the lock is the cause.
    from scenarios import load_bundled

    horizon = load_bundled("teaching-sell-now-or-later")
    wish = horizon.evolve(locks={"keep": {"gomez": "2026-05-31"}})
    answer = explain(wish, sell="gomez")
    assert answer.objective_loss == 0.0 and "is free" in answer.summary
    assert answer.forced.objective == pytest.approx(343.2, **APPROX)
    assert ("sell", "gomez", "Summer 2026") in {
        (m.action.value, m.player, m.window) for m in answer.forced.moves
    }
    longer = horizon.evolve(locks={"keep": {"gomez": "2026-12-31"}})
    answer = explain(longer, sell="gomez")
    assert answer.forced.status == "infeasible"
    assert (
        answer.summary
        == "no plan can sell Gomez: drop the lock on keeping Gomez (until 2026-12-31)"
    )
    # An undated keep lock forbids every sale: still dropped, and priced.
    answer = explain(horizon.evolve(locks={"keep": ["gomez"]}), sell="gomez")
    assert answer.objective_loss == pytest.approx(340.0 - 348.3, **APPROX)
    assert "the scenario's keep lock on Gomez is what forbids it" in answer.summary


def test_explain_rejects_unknown_ids(teaching: Scenario) -> None:
    with pytest.raises(KeyError):
        explain(teaching, sign="nobody")
    with pytest.raises(ValueError, match="exactly one"):
        explain(teaching, sign="guehi", keep="gomez")


@pytest.mark.parametrize("solver", ["scip", "cbc"])
def test_backends_give_the_same_tradeoffs(solver: str, locked: Scenario) -> None:
    reference = analyse(locked, solve(locked))
    other = analyse(locked, solve(locked, solver=solver), solver=solver)
    assert [p.objective_loss for p in other.prices] == pytest.approx(
        [p.objective_loss for p in reference.prices], abs=1e-6
    )
    assert other.budget is not None and reference.budget is not None
    assert other.budget.breakpoints == pytest.approx(reference.budget.breakpoints)
    assert [a.objective_loss for a in other.alternatives] == pytest.approx(
        [a.objective_loss for a in reference.alternatives], abs=1e-6
    )
