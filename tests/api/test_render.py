"""The terminal's words for plans and trade-offs (api.render)."""

from __future__ import annotations

from api.render import _changes_text
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
