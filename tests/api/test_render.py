"""The terminal's words for plans and trade-offs (api.render)."""

from __future__ import annotations

from api.render import _changes_text, history_lines
from models.moves import Action, Move


def _loan(window: str) -> Move:
    return Move(
        player="disasi",
        name="Axel Disasi",
        action=Action.LOAN_IN,
        counterparty="Chelsea",
        fee=2.0,
        wage_change=1.0,
        window=window,
    )


def test_a_move_in_another_window_is_another_move() -> None:
    # Regression: moves were compared without their window, so a next-best plan that makes
    # the best plan's loan a window later read "the same moves".
    best = (_loan("January 2026"),)
    later = (_loan("Summer 2026"),)
    assert _changes_text(best, later) == (
        "+ loan in Axel Disasi (2) Summer 2026, - loan in Axel Disasi (2) January 2026"
    )
    assert _changes_text(best, best) == "the same moves"


def test_the_absences_lines_say_which_spells_are_not_injuries(liverpool) -> None:
    # Regression: a reason other than blank or "injury" ("Hamstring injury", the table's
    # details written as the reason) set the spell aside, silently: 0 injuries, fit 0.891.
    import datetime as dt

    from models.absences import spells_from_rows, with_history

    rows = [
        {"player": "Joe Gomez", "from": "2025-09-01", "days": 10, "reason": "Hamstring injury"},
        {"player": "Joe Gomez", "from": "2025-10-01", "days": 3, "reason": "suspension"},
        {"player": "Joe Gomez", "from": "2025-11-01", "days": 3, "reason": "suspension"},
        {"player": "Joe Gomez", "from": "2025-12-01", "days": 5, "reason": "injury"},
    ]
    _, history = with_history(liverpool, spells_from_rows(rows), dt.date(2026, 2, 2))
    lines = history_lines("t.csv", history, "2026-02-02")
    assert lines[0].startswith("injury model from t.csv: 1 injury to the squad")
    assert lines[-1] == (
        "not counted as injuries (3 spells, by their reason; an injury's reason is blank or "
        "'injury'): Hamstring injury 1, suspension 2"
    )
