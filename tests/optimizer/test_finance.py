"""Club finance (rule 17, :mod:`models.accounts`): book values and profit on sale on capped
and uncapped contracts, a renewal re-spreading the book value, instalments landing in the
window they fall due, the squad cost ratio ruling out a plan the cash allows (under every
backend), the P&L money basis, and the checker catching wrong accounts. Every figure is
worked out by hand in the comment above it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.accounts import Amortisation, amortisation_years, renewed_amortisation
from models.horizon import DAYS_PER_YEAR, stages
from models.plan import Action, Plan, SolveStatus
from models.scenario import Scenario, scenario_from_dict
from optimizer.backends import available_backends
from optimizer.checker import check_plan
from optimizer.solve import solve
from optimizer.tradeoffs.analysis import analyse
from scenarios import load_bundled
from tests.optimizer.test_properties import SETTINGS

APPROX = {"abs": 1e-6}
D = dt.date


def _window(name: str, kind: str, opens: str, closes: str) -> dict[str, str]:
    return {"name": name, "kind": kind, "opens": opens, "closes": closes}


def _moves(plan: Plan) -> set[tuple[str, str, str | None]]:
    return {(m.action.value, m.player, m.window) for m in plan.moves}


def test_amortisation_periods_capped_and_uncapped() -> None:
    # Signed 2017-07-01 to 2025-07-01: eight years (2922 days / 365.25), before the cap.
    assert amortisation_years(D(2017, 7, 1), D(2025, 7, 1)) == pytest.approx(8.0)
    # The same eight years signed from 2023-12-12: at most five.
    assert amortisation_years(D(2024, 7, 1), D(2032, 7, 1)) == 5.0
    # 40 over 8 years, four years on (1461 days = 4.0 years): 40 x (1 - 4/8) = 20.
    assert Amortisation(40, D(2017, 7, 1), 8.0).at(D(2021, 7, 1)) == pytest.approx(20.0)


def _sale_at_four_years(acquired: str, until: str, closes: str) -> dict[str, Any]:
    """One squad player bought for 40 on ``acquired`` until ``until``; a bid of 30 in a
    window closing on ``closes``, four years later; the bid is taken (money weighs 1, his
    strength nothing)."""
    opens = D.fromisoformat(closes) - dt.timedelta(days=30)
    return {
        "name": "sale after four years",
        "window": {
            "kind": "summer",
            "opens": str(opens),
            "closes": closes,
            "season_end": str(D.fromisoformat(closes) + dt.timedelta(days=300)),
            "horizon_end": str(D.fromisoformat(closes) + dt.timedelta(days=330)),
        },
        "roles": ["CB"],
        "squad": [
            {
                "id": "cb",
                "positions": "CB",
                "rating": 80,
                "contract_until": until,
                "acquisition_fee": 40,
                "acquired_on": acquired,
            }
        ],
        "offers": [{"player": "cb", "club": "Buyer", "kind": "sale", "fee": 30}],
        "rules": {"finance": {}},
        "objective": {"first_xi": 0.0, "money": 1.0},
    }


@pytest.mark.parametrize(
    ("acquired", "until", "closes", "book"),
    [
        # Uncapped (signed before 2023-12-12): 40 over 8 years, 4 gone: book 20, profit 10.
        ("2017-07-01", "2025-07-01", "2021-07-01", 20.0),
        # Capped: the same 8-year contract signed 2024-07-01 is amortised over 5 years; four
        # years on, 40 x (1 - 4/5) = 8 is left: profit 30 - 8 = 22.
        ("2024-07-01", "2032-07-01", "2028-07-01", 8.0),
    ],
)
def test_book_value_and_profit_after_four_years(
    acquired: str, until: str, closes: str, book: float
) -> None:
    scenario = scenario_from_dict(_sale_at_four_years(acquired, until, closes))
    plan = solve(scenario)
    assert plan.checked and _moves(plan) == {("sell", "cb", None)}
    assert plan.finance is not None
    (sale,) = plan.finance.disposals
    assert sale.book_value == pytest.approx(book, **APPROX)
    assert sale.profit == pytest.approx(30 - book, **APPROX)
    assert f"books {30 - book:g} m profit (book value {book:g} m)" in sale.summary
    (season,) = plan.finance.seasons
    assert season.profit_on_disposals == pytest.approx(30 - book, **APPROX)


def _renewal_then_sale(renew: bool) -> Scenario:
    """A centre-back with 12 of book value at 2027-07-01 and four years left (to
    2031-07-01: 3 a year). Renewal to 2035-07-01 (eight years, amortised over five from a
    renewal after 2023-12-12): 12 / 5 = 2.4 a year. A bid of 10 in the summer of 2031, four
    years on (1461 days). The renewal saves wages (6 -> 5) so the plan takes it."""
    doc: dict[str, Any] = {
        "name": "renewal re-spreads the book value",
        "windows": [
            _window("Summer 2027", "summer", "2027-06-01", "2027-07-01"),
            _window("Summer 2031", "summer", "2031-06-01", "2031-07-01"),
        ],
        "periods": [
            {"name": "2027-28", "start": "2027-07-01", "end": "2028-05-31"},
            {"name": "2031-32", "start": "2031-07-01", "end": "2032-05-31"},
        ],
        "horizon_end": "2032-06-30",
        "roles": ["CB"],
        "squad": [
            {
                "id": "cb",
                "positions": "CB",
                "rating": 80,
                "wage": 6,
                "contract_until": "2031-07-01",
                "book_value": 12,
            }
        ],
        "offers": [
            {"player": "cb", "club": "Buyer", "kind": "sale", "fee": 10, "window": "Summer 2031"}
        ],
        "extensions": [{"player": "cb", "until": "2035-07-01", "wage": 5, "fee": 0}]
        if renew
        else [],
        "locks": {"sell": ["cb"]},
        "rules": {"finance": {}},
        "objective": {"first_xi": 1.0, "wages": 1.0, "money": 0.01},
    }
    return scenario_from_dict(doc)


def test_a_renewal_re_spreads_the_book_value() -> None:
    scenario = _renewal_then_sale(renew=True)
    plan = solve(scenario)
    assert plan.checked
    assert _moves(plan) == {("extend", "cb", "Summer 2027"), ("sell", "cb", "Summer 2031")}
    assert plan.finance is not None
    first = plan.finance.seasons[0]
    # 12 re-spread over five years from 2027-07-01: 2.4 a year (not 3).
    assert first.amortisation == pytest.approx(2.4, **APPROX)
    # Sold four years on: 12 x (1 - 4/5) = 2.4 left; profit 10 - 2.4 = 7.6.
    (sale,) = plan.finance.disposals
    assert sale.book_value == pytest.approx(2.4, **APPROX)
    assert sale.profit == pytest.approx(7.6, **APPROX)
    # Without the renewal: 3 a year, fully amortised at 2031-07-01: profit 10.
    plain = solve(_renewal_then_sale(renew=False))
    assert plain.finance is not None
    assert plain.finance.seasons[0].amortisation == pytest.approx(3.0, **APPROX)
    assert plain.finance.disposals[0].profit == pytest.approx(10.0, **APPROX)
    # The definition the model and the checker share, on its own.
    before = Amortisation(12, D(2027, 7, 1), 4.0)
    (stage, _) = stages(scenario)
    assert renewed_amortisation(before, stage, D(2035, 7, 1)).years == 5.0


def _instalments(parts: int) -> Scenario:
    """Guehi for 30 in ``parts`` yearly instalments in January 2026 (closes 2026-02-01); the
    next window, January 2027, closes 2027-02-01 (a year on): the second part is due then
    and counts in its cash; a third, due 2028-02-01, is after the horizon (2027-06-30)."""
    doc: dict[str, Any] = {
        "name": "instalments",
        "windows": [
            _window("January 2026", "january", "2026-01-01", "2026-02-01"),
            _window("January 2027", "january", "2027-01-01", "2027-02-01"),
        ],
        "periods": [
            {"name": "rest of 2025-26", "start": "2026-02-01", "end": "2026-05-24"},
            {"name": "rest of 2026-27", "start": "2027-02-01", "end": "2027-05-23"},
        ],
        "horizon_end": "2027-06-30",
        "roles": ["CB"],
        "squad": [{"id": "vvd", "positions": "CB", "rating": 90, "contract_until": "2028-06-30"}],
        "targets": [
            {
                "id": "guehi",
                "positions": "CB",
                "rating": 85,
                "fee": 30,
                "contract_until": "2031-06-30",
                "instalments": parts,
            }
        ],
        "locks": {"sign": {"guehi": "January 2026"}},
        "rules": {"budget": {"net_spend_by_window": {"January 2026": 10.0}}},
        "objective": {"first_xi": 1.0, "money": 0.1},
    }
    return scenario_from_dict(doc)


def test_instalments_land_in_the_window_they_fall_due() -> None:
    plan = solve(_instalments(3))
    assert plan.checked and plan.timeline is not None
    january, next_january = plan.timeline.windows
    assert january.net_spend == pytest.approx(10.0, **APPROX)  # the first third
    assert next_january.net_spend == pytest.approx(10.0, **APPROX)  # due 2027-02-01
    assert plan.finance is not None
    assert plan.finance.later_cash == pytest.approx(10.0, **APPROX)  # due 2028-02-01
    # In one payment the January budget of 10 cannot take him.
    assert solve(_instalments(1)).status == SolveStatus.INFEASIBLE


def test_the_checker_catches_an_instalment_booked_in_the_wrong_window() -> None:
    scenario = _instalments(3)
    plan = solve(scenario)
    assert plan.timeline is not None
    first, second = plan.timeline.windows
    moved = plan.timeline.model_copy(
        update={
            "windows": (
                first.model_copy(update={"gross_spend": 20.0, "net_spend": 20.0}),
                second.model_copy(update={"gross_spend": 0.0, "net_spend": 0.0}),
            )
        }
    )
    bad = check_plan(scenario, plan.model_copy(update={"timeline": moved}))
    assert any("gross spend" in v for v in bad), bad


@pytest.mark.parametrize("solver", available_backends())
def test_the_ratio_rules_out_a_plan_the_cash_allows(solver: str) -> None:
    # Worked out in the scenario's comment: cash alone 171.8 (sell Gomez, buy Guehi: squad
    # cost 45 against 0.85 x 48 = 40.8); under the ratio 170.8 (the solid CB instead).
    scenario = load_bundled("teaching-squad-cost-ratio")
    cash_only = scenario.evolve(rules={**scenario.rules.model_dump(), "finance": None}, revenue={})
    free = solve(cash_only, solver=solver)
    assert free.status == SolveStatus.OPTIMAL and free.checked
    assert free.objective == pytest.approx(171.8, **APPROX)
    assert _moves(free) == {("sell", "gomez", None), ("buy", "guehi", None)}
    plan = solve(scenario, solver=solver)
    assert plan.status == SolveStatus.OPTIMAL and plan.checked
    assert plan.objective == pytest.approx(170.8, **APPROX)
    assert _moves(plan) == {("sell", "gomez", None), ("buy", "solid-cb", None)}
    assert plan.finance is not None
    (season,) = plan.finance.seasons
    assert season.squad_cost == pytest.approx(30.0, **APPROX)  # 20 + 6 wages + 4 amortisation
    assert season.allowance == pytest.approx(40.8, **APPROX)
    assert season.ratio == pytest.approx(30 / 48, **APPROX)


def test_the_price_of_the_ratio_and_the_sentence_of_a_sale() -> None:
    scenario = load_bundled("teaching-squad-cost-ratio")
    plan = solve(scenario)
    report = analyse(scenario, plan)
    whole = next(p for p in report.prices if p.rule == "squad_cost_ratio (all of it)")
    assert whole.objective_loss == pytest.approx(1.0, **APPROX)  # 171.8 - 170.8
    assert "buy Guehi" in whole.summary
    # One more million of allowance (40.8 -> 41.8) still leaves Guehi's 45 out: no gain.
    margin = next(p for p in report.prices if p.rule == "squad_cost_ratio")
    assert margin.objective_loss == pytest.approx(0.0, **APPROX)
    assert plan.finance is not None
    (sale,) = plan.finance.disposals
    assert sale.summary == (
        "Selling Gomez to AC Milan for 18 m books 18 m profit (book value 0 m) and frees 5 m "
        "of squad cost a year (wage 5 m, amortisation 0 m)."
    )


def test_a_pnl_money_basis_counts_amortisation_not_the_fee() -> None:
    # Without the ratio, P&L basis: selling Gomez books 18 of profit; Guehi's 50 costs
    # 10 a year over the period (2026-07-01 .. 2027-06-30, 364 days): 10 x 364 / 365.25.
    # Sell + Guehi: 175 - 0.1 x (9.9658 - 18) = 175.8034; sell + solid: 171 - 0.1 x
    # (4 x 364 / 365.25 - 18) = 172.4014; keep + Guehi: 175 - 0.99658 = 174.0034.
    scenario = load_bundled("teaching-squad-cost-ratio")
    pnl = scenario.evolve(
        rules={**scenario.rules.model_dump(), "finance": {}},
        revenue={},
        objective={**scenario.objective.model_dump(), "money_basis": "pnl"},
    )
    plan = solve(pnl)
    years = 364 / DAYS_PER_YEAR
    assert plan.checked
    assert plan.objective == pytest.approx(175 - 0.1 * (10 * years - 18), **APPROX)
    assert _moves(plan) == {("sell", "gomez", None), ("buy", "guehi", None)}
    assert plan.objective_terms["money"].value == pytest.approx(10 * years - 18, **APPROX)


def test_the_checker_recomputes_the_accounts() -> None:
    scenario = load_bundled("teaching-squad-cost-ratio")
    plan = solve(scenario)
    assert plan.finance is not None
    assert check_plan(scenario, plan) == []
    season = plan.finance.seasons[0].model_copy(update={"amortisation": 0.0})
    wrong = plan.finance.model_copy(update={"seasons": (season,)})
    bad = check_plan(scenario, plan.model_copy(update={"finance": wrong}))
    assert any("amortisation of 2026-27 reported 0.0, recomputed 4.0" in v for v in bad), bad
    # A plan over the ratio (Guehi instead of the solid CB) is caught by the rule's check.
    guehi = next(t for t in scenario.targets if t.id == "guehi")
    moves = tuple(
        m.model_copy(update={"player": "guehi", "name": "Guehi", "fee": 50.0, "wage_change": 15.0})
        if m.action == Action.BUY
        else m
        for m in plan.moves
    )
    assert guehi.fee == 50.0
    bad = check_plan(scenario, plan.model_copy(update={"moves": moves}))
    assert any("squad cost 45.000 is over 0.85 x revenue and profit (40.800)" in v for v in bad), (
        bad
    )


def test_liverpool_accounts_are_those_the_readme_shows() -> None:
    scenario = load_bundled("liverpool-2026-27")
    plan = solve(scenario)
    assert plan.checked and plan.finance is not None
    now, later = plan.finance.seasons
    # The README's table, to the cent (the estimates in the scenario file).
    assert (round(now.amortisation, 2), round(later.amortisation, 2)) == (160.90, 162.82)
    assert (round(now.squad_cost, 2), round(later.squad_cost, 2)) == (480.10, 512.62)
    assert now.ratio_limit is None and later.ratio_limit == 0.85  # binds from 2026-27
    assert later.allowance == pytest.approx(0.85 * (900 + 11.0), abs=1e-6)
    gomez = next(d for d in plan.finance.disposals if d.player == "joe-gomez")
    assert gomez.summary.startswith(
        "Selling Joe Gomez to AC Milan for 11 m in Summer 2026 books 11 m profit"
    )


@st.composite
def finance_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Two windows over two seasons (January 2026, summer 2026) with the accounts kept:
    random book values or acquisitions (before and after the cap), bids in either window,
    targets with agents' fees and instalments, a renewal option, the ratio and a P&L
    budget from a season, cash or P&L money."""
    squad = []
    for k in range(draw(st.integers(1, 4))):
        row: dict[str, Any] = {
            "id": f"s{k}",
            "positions": draw(st.sampled_from(["CB", "ST", "CB;ST:0.8"])),
            "rating": draw(st.integers(60, 90)),
            "wage": draw(st.integers(0, 8)),
            "market_value": draw(st.integers(0, 40)),
            "contract_until": draw(st.sampled_from(["2026-06-30", "2027-06-30", "2029-06-30"])),
        }
        if draw(st.booleans()):
            row["book_value"] = draw(st.integers(0, 30))
        else:
            row["acquisition_fee"] = draw(st.integers(0, 60))
            row["acquired_on"] = draw(st.sampled_from(["2021-07-01", "2024-01-15", "2025-08-01"]))
        squad.append(row)
    targets = [
        {
            "id": f"t{k}",
            "club": "X",
            "positions": draw(st.sampled_from(["CB", "ST"])),
            "rating": draw(st.integers(60, 90)),
            "fee": draw(st.integers(0, 50)),
            "market_value": draw(st.integers(0, 50)),
            "wage": draw(st.integers(0, 8)),
            "contract_until": draw(st.sampled_from(["2028-06-30", "2031-06-30", "2032-06-30"])),
            "agent_fee": draw(st.integers(0, 5)),
            "instalments": draw(st.integers(1, 3)),
        }
        for k in range(draw(st.integers(0, 3)))
    ]
    offers = [
        {
            "player": p["id"],
            "club": "Y",
            "kind": "sale",
            "fee": draw(st.integers(0, 40)),
            "window": draw(st.sampled_from(["January 2026", "Summer 2026"])),
            "instalments": draw(st.integers(1, 2)),
        }
        for p in squad
        if draw(st.booleans())
    ]
    extensions = (
        [
            {
                "player": squad[0]["id"],
                "until": "2031-06-30",
                "wage": draw(st.integers(0, 9)),
                "fee": 1,
            }
        ]
        if draw(st.booleans())
        else []
    )
    finance: dict[str, Any] = {"from_season": draw(st.sampled_from(["2025-26", "2026-27"]))}
    if draw(st.booleans()):
        finance["squad_cost_ratio"] = draw(st.sampled_from([0.7, 0.85]))
    if draw(st.booleans()):
        finance["squad_cost"] = draw(st.integers(10, 60))
    return {
        "name": "random accounts",
        "windows": [
            _window("January 2026", "january", "2026-01-01", "2026-02-02"),
            _window("Summer 2026", "summer", "2026-06-15", "2026-09-01"),
        ],
        "periods": [
            {"name": "rest of 2025-26", "start": "2026-02-02", "end": "2026-05-24"},
            {"name": "2026-27", "start": "2026-09-01", "end": "2027-05-23"},
        ],
        "horizon_end": "2027-06-30",
        "roles": ["CB", "ST"],
        "squad": squad,
        "targets": targets,
        "offers": offers,
        "extensions": extensions,
        "revenue": {"2025-26": draw(st.integers(5, 60)), "2026-27": draw(st.integers(5, 60))},
        "other_squad_cost": {"2025-26": 0, "2026-27": draw(st.integers(0, 10))},
        "rules": {
            "budget": {"net_spend": draw(st.integers(0, 40))},
            "formation": ["CB", "ST"],
            "finance": finance,
        },
        "objective": {
            "first_xi": 1.0,
            "money": 0.15,
            "wages": draw(st.sampled_from([0.0, 0.1])),
            "residual_value": draw(st.sampled_from([0.0, 0.05])),
            "money_basis": draw(st.sampled_from(["cash", "pnl"])),
            "discount_rate": draw(st.sampled_from([0.0, 0.07])),
        },
    }


@SETTINGS
@given(finance_documents())
def test_backends_agree_and_the_checker_passes_on_random_accounts(doc: dict[str, Any]) -> None:
    # solve() runs the independent checker on every plan (accounts, cash, objective): a
    # plan whose figures the replay does not reproduce raises.
    scenario = scenario_from_dict(doc)
    plans = {name: solve(scenario, solver=name) for name in available_backends()}
    statuses = {plan.status for plan in plans.values()}
    assert len(statuses) == 1, statuses
    values = [plan.objective for plan in plans.values() if plan.objective is not None]
    if values:
        assert max(values) - min(values) <= 1e-6 * max(1.0, abs(values[0]))
        assert all(plan.checked for plan in plans.values())


def test_agents_fees_are_cash_of_the_signing_window() -> None:
    # regression: agents' fees were expensed in the accounts but not paid in cash. Guehi
    # with an agent's fee of 40: selling Gomez and buying him is 50 + 40 - 18 = 72 of net
    # spend, over the budget of 50; the solid CB (net 2, 170.8) is the best plan.
    scenario = load_bundled("teaching-squad-cost-ratio")
    targets = [
        t.model_dump() | ({"agent_fee": 40.0} if t.id == "guehi" else {}) for t in scenario.targets
    ]
    cash_only = scenario.evolve(
        targets=targets, rules={**scenario.rules.model_dump(), "finance": None}, revenue={}
    )
    plan = solve(cash_only)
    assert plan.checked and plan.objective == pytest.approx(170.8, **APPROX)
    assert _moves(plan) == {("sell", "gomez", None), ("buy", "solid-cb", None)}
    forced = solve(cash_only.evolve(locks={"sign": ["guehi"]}, rules={"budget": {}}))
    assert forced.timeline is not None
    (window,) = forced.timeline.windows
    assert window.agent_fees == 40.0 and window.gross_spend == pytest.approx(90.0, **APPROX)


def test_an_instalment_due_while_a_window_is_open_is_that_windows() -> None:
    # regression: January 2027 closing 2027-02-02, one day after the second part falls due
    # (2027-02-01), put the part in the window before. It is paid while January 2027 is
    # open: its cash.
    doc = _instalments(3).model_dump(mode="json")
    doc["windows"][1]["closes"] = "2027-02-02"
    doc["periods"][1]["start"] = "2027-02-02"
    plan = solve(scenario_from_dict(doc))
    assert plan.timeline is not None
    first, second = plan.timeline.windows
    assert (first.net_spend, second.net_spend) == pytest.approx((10.0, 10.0), **APPROX)
    assert second.instalments == pytest.approx(10.0, **APPROX)


def test_the_ratio_is_priced_season_by_season() -> None:
    # regression: one price raised the allowance of every season at once.
    from optimizer.formulation import build
    from optimizer.tradeoffs.relaxations import relaxable_rules

    scenario = load_bundled("liverpool-2026-27")
    both = scenario.evolve(
        rules={**scenario.rules.model_dump(), "finance": {"squad_cost_ratio": 0.85}}
    )
    rules = {r.name: r for r in relaxable_rules(build(both)) if r.family == "squad_cost_ratio"}
    assert set(rules) == {
        "squad_cost_ratio@2025-26",
        "squad_cost_ratio@2026-27",
        "squad_cost_ratio (all of it)",
    }
    raised = rules["squad_cost_ratio@2026-27"].relax(both, 0.85)
    assert raised.revenue == {"2025-26": 870.0, "2026-27": 901.0}


def test_a_renewed_player_can_be_sold_after_his_old_contract_ends() -> None:
    # regression: a sale needed the original contract to run; Konate's ends 2026-06-30, so
    # renewing him in January and selling him on a summer bid was impossible.
    scenario = load_bundled("liverpool-2026-27")
    bid = {"player": "ibrahima-konate", "club": "X", "kind": "sale", "fee": 60.0}
    offers = [o.model_dump() for o in scenario.offers] + [bid | {"window": "Summer 2026"}]
    plan = solve(scenario.evolve(offers=offers))
    base = solve(scenario)
    assert plan.checked and plan.objective is not None and base.objective is not None
    assert plan.objective >= base.objective  # one more option never hurts
    konate = {(m.action.value, m.window) for m in plan.moves if m.player == "ibrahima-konate"}
    assert konate == {("extend", "January 2026"), ("sell", "Summer 2026")}
    # Without the renewal option the bid cannot be taken: his contract has ended by then.
    plain = solve(scenario.evolve(offers=offers, extensions=[]))
    assert ("sell", "ibrahima-konate") not in {(m.action.value, m.player) for m in plain.moves}
