"""The threshold table says when a range has no plan, rather than "no" and "no moves"."""

from __future__ import annotations

import pytest
from rich.console import Console

from api.application import Question, threshold
from api.render import threshold_view
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
        "would sign Guehi at rules.coverage.CB 3; no plan at rules.coverage.CB 4 (infeasible)"
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
        "no plan from -30 to -17 (infeasible)"
    )
    none = threshold(s, Question.SELL, "gomez", "rules.budget.net_spend", (-30.0, -20.0))
    assert none.summary == "no value of rules.budget.net_spend from -30 to -20 has a plan"
