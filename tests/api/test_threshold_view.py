"""The threshold table says when a range has no plan, rather than "no" and "no moves"."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from api.application import Question, explain, threshold
from api.render import threshold_view
from models.rules import Locks
from models.scenario import Scenario
from scenarios import load_bundled


def test_a_range_without_a_plan_says_why() -> None:
    # teaching-centre-back: four fit centre-backs cannot be had (van Dijk, Gomez at 0.75,
    # one signing and the loan: Leoni is out), so coverage CB 4 has no plan; a regression:
    # the table said "no" and "no moves" there, and the method a tolerance such as
    # "bisection to 9.999999999999998e-05" at full float length.
    s = load_bundled("teaching-centre-back")
    answer = threshold(s, Question.SIGN, "guehi", "rules.coverage.CB", (3.0, 4.0))
    console = Console(width=200, record=True, color_system=None)
    console.print(threshold_view(answer, {p.id: p.label for p in (*s.squad, *s.targets)}))
    text = console.export_text()
    rows = [line.split("│") for line in text.splitlines() if line.startswith("│")]
    (last,) = ["│".join(row) for row in rows if row[1].strip() == "4"]
    assert "no plan: infeasible" in last and "no moves" not in last
    assert answer.method == "every whole number"  # a count: 3 and 4 are all there is
    assert answer.summary.endswith(
        "would sign Guehi at rules.coverage.CB = 3; no plan at rules.coverage.CB = 4 (infeasible)"
    )
    weight = threshold(s, Question.SIGN, "guehi", "objective.money", (0.1, 0.2))
    assert weight.method == "bisection to 0.0001 on a grid of 16 intervals"


def test_a_count_is_scanned_over_whole_numbers() -> None:
    # Regression: rules.max_signings from 0 to 3 was bisected over fractions, which the
    # scenario rejects ("from 0.00293 to 3 rejected"), and 1 and 2 were never asked. By the
    # teaching scenario's table: with no signing the best plan sells Gomez and loans in the
    # cheap CB (161.7; loans do not count); with one it buys Guehi (173.3), and more change
    # nothing (the budget of 20 buys no second signing).
    s = load_bundled("teaching-centre-back")
    answer = threshold(s, Question.SIGN, "guehi", "rules.max_signings", (0.0, 3.0))
    assert answer.method == "every whole number" and answer.thresholds == (1,)
    assert [(g.low, g.high, g.does) for g in answer.segments] == [(0, 1, False), (1, 3, True)]
    assert [g.objective for g in answer.segments] == pytest.approx([161.7, 173.3])
    assert answer.summary == (
        "with no locks.sign or locks.never_sign on him, the best plan would sign Guehi when "
        "rules.max_signings is 1 to 3; the answer changes at 1"
    )
    wide = threshold(s, Question.SIGN, "guehi", "rules.max_signings", (0.0, 40.0))
    assert wide.method == "whole numbers, bisection on a grid of 16 intervals"
    assert wide.thresholds == (1,)
    with pytest.raises(ValueError, match=r"rules\.max_signings is a whole number: none lies"):
        threshold(s, Question.SIGN, "guehi", "rules.max_signings", (0.2, 0.8))


def test_a_budget_below_the_cheapest_plan_is_no_plan_not_a_threshold() -> None:
    # teaching-centre-back's table: the cheapest plan (sell Gomez for 18, loan in the cheap
    # CB for 1) has net spend -17; from there to 17 it is the best plan, from 17 "sell Gomez,
    # buy Guehi" (173.3 against 161.7). So over -30..20 the best plan sells Gomez wherever
    # a plan exists, and below -17 none does.
    # Regressions: the range below -17 was left out of the scan (read as covered), then
    # counted as a "no" answer with a threshold at -17; a range with no plan at all crashed.
    s = load_bundled("teaching-centre-back")
    answer = threshold(s, Question.SELL, "gomez", "rules.budget.net_spend", (-30.0, 20.0))
    assert answer.thresholds == ()
    assert answer.segments[0].status == "infeasible" and answer.segments[0].high == -17
    assert answer.summary.endswith(
        "sell Gomez at every rules.budget.net_spend from -17 to 20; "
        "no plan at rules.budget.net_spend from -30 to -17 (infeasible)"
    )
    none = threshold(s, Question.SELL, "gomez", "rules.budget.net_spend", (-30.0, -20.0))
    assert none.summary == (
        "no value of rules.budget.net_spend scanned has a plan; "
        "no plan at rules.budget.net_spend from -30 to -20 (infeasible)"
    )


def _horizon(keep: dict[str, str] | None = None) -> Scenario:
    s = load_bundled("teaching-sell-now-or-later")
    if keep is None:
        return s
    return s.model_copy(update={"locks": Locks.model_validate({"keep": keep})})


def test_over_a_horizon_moves_count_in_any_window() -> None:
    # Regression: over a horizon move labels carry their window ("buy:guehi@Summer 2026")
    # and a free signing is sign_free, so every answer was "no" (and "keep" always "yes").
    # By the scenario's table, with Gomez free to go: below a January bid of 15 selling now
    # and buying Guehi now breaks January's budget (35 - 15 > 20), so the best plan sells
    # Gomez and signs Guehi in the summer (343.2); from 15 it does both in January
    # (346.5 + 0.1 x bid). Either way Guehi is signed and Gomez sold: no threshold.
    s = _horizon()
    signs = threshold(s, Question.SIGN, "guehi", "offers[0].fee", (0.0, 40.0))
    assert "buy:guehi@Summer 2026" in signs.segments[0].moves
    assert "buy:guehi@January 2026" in signs.segments[-1].moves
    assert all(seg.does for seg in signs.segments) and signs.thresholds == ()
    assert "would sign Guehi at every offers[0].fee from 0 to 40" in signs.summary
    sells = threshold(s, Question.SELL, "gomez", "offers[0].fee", (0.0, 40.0))
    assert all(seg.does for seg in sells.segments)
    keeps = threshold(s, Question.KEEP, "gomez", "offers[0].fee", (0.0, 40.0))
    assert not any(seg.does for seg in keeps.segments)


def test_other_players_dated_locks_keep_their_dates() -> None:
    # Regression: lifting the locks on the player asked about rebuilt locks.keep as a list
    # of ids, so the manager's "keep Gomez until 2026-05-31" became "keep him for ever".
    # With the dated lock, Gomez can go in the summer: selling him for the summer bid b and
    # buying Guehi then (30) fits the summer budget of 20 from b = 10, worth
    # 345 - 0.1 x (30 - b) >= 343 > 340 (keeping him throughout); below 10 no plan signs
    # Guehi. Kept for ever, no plan would sign him at any bid.
    s = _horizon({"gomez": "2026-05-31"})
    answer = threshold(s, Question.SIGN, "guehi", "offers[1].fee", (0.0, 40.0))
    (change,) = answer.thresholds
    assert 10 <= change <= 10 + 0.04  # found to within the default tolerance, range / 1000
    assert answer.segments[-1].does and not answer.segments[0].does


def test_explain_keeps_other_players_dated_locks() -> None:
    # Regression: forcing "sell Endo" rebuilt locks.keep as a list of ids, turning the
    # manager's dated wish for Gomez into "keep him for ever"; the best plan already sells
    # Endo, so the forced plan is the best plan and costs nothing.
    s = load_bundled("liverpool-2026-27")
    assert isinstance(s.locks.keep, dict) and s.locks.when("keep", "joe-gomez") is not None
    answer = explain(s, Question.SELL, "wataru-endo", "highs")
    assert answer.objective_loss == 0
    assert answer.forced.objective == pytest.approx(answer.best.objective)


def test_a_count_not_given_is_still_a_count() -> None:
    # Regression: rules.coverage.RB is not in the teaching scenario, so its value is None
    # and the scan bisected fractions the scenario rejects, never asking RB = 1. Gomez
    # (RB at 0.9) is the only right-back: RB 0 lets the best plan sell him (173.3), RB 1
    # makes it keep him and loan in the cheap CB (159.9), RB 2 has no plan.
    s = load_bundled("teaching-centre-back")
    answer = threshold(s, Question.SELL, "gomez", "rules.coverage.RB", (0.0, 3.0))
    assert answer.method == "every whole number"
    assert [(g.low, g.does, g.status) for g in answer.segments] == [
        (0, True, "optimal"),
        (1, False, "optimal"),
        (2, None, "infeasible"),
    ]
    assert [g.objective for g in answer.segments[:2]] == pytest.approx([173.3, 159.9])
    assert answer.summary == (
        "with no locks.keep or locks.sell on him, the best plan would sell Gomez when "
        "rules.coverage.RB is 0; the answer changes at 1; no plan at rules.coverage.RB from 2 "
        "to 3 (infeasible)"
    )


def test_the_last_whole_number_is_in_the_summary() -> None:
    # Regression: over 0..1 the summary said "at rules.max_signings 0" and left out 1,
    # which was solved. The best plan sells Gomez with or without a signing (161.7, 173.3).
    s = load_bundled("teaching-centre-back")
    answer = threshold(s, Question.KEEP, "gomez", "rules.max_signings", (0.0, 1.0))
    assert answer.summary.endswith("would keep Gomez at no rules.max_signings from 0 to 1")


@pytest.mark.parametrize("path", ["window.opens", "locks.keep", "rules.formation"])
def test_a_path_that_is_not_a_number_is_refused(path: str) -> None:
    s = load_bundled("teaching-centre-back")
    with pytest.raises(ValueError, match=rf"{re.escape(path)} is not a number \(value: "):
        threshold(s, Question.SELL, "gomez", path, (0.0, 1.0))


def test_a_wide_range_still_places_the_change_near_todays_value() -> None:
    # Regression: Milan's 18 m bid scanned from 0 to 100,000 had the default tolerance of a
    # thousandth of the range (100) and placed the change at 97.66; it lies near 0.56 (found
    # with --tolerance 0.018). The default is now a thousandth of today's value when smaller.
    liverpool = load_bundled("liverpool-2026-01")
    answer = threshold(liverpool, Question.KEEP, "joe-gomez", "offers[0].fee", (0.0, 100_000.0))
    assert answer.thresholds and abs(answer.thresholds[0] - 0.56) < 0.02
    assert answer.summary.endswith("(each to within 0.018)")
