"""Moves said in words (models.moves): every action, and move labels of sweeps and scans."""

from __future__ import annotations

import pytest

from models.moves import Action, label_words


def test_every_action_has_its_words() -> None:
    said = {a: a.words for a in Action}
    assert len(set(said.values())) == len(Action)
    assert all("_" not in words for words in said.values())


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("sell:joe-gomez", "sell Joe Gomez"),
        ("loan_out:chiesa", "loan out Federico Chiesa"),
        # Regression: over a horizon a label's window stayed on the id ("joe-gomez@Summer
        # 2026", no name) and sign_free, expire, extend, release were printed raw
        ("sign_free:upamecano@Summer 2026", "sign free Dayot Upamecano (Summer 2026)"),
        ("expire:konate@Summer 2026", "let expire konate (Summer 2026)"),
        ("swap:joe-gomez", "swap Joe Gomez"),  # an unknown action as it is
    ],
)
def test_a_move_label_in_words(label: str, words: str) -> None:
    names = {"joe-gomez": "Joe Gomez", "chiesa": "Federico Chiesa", "upamecano": "Dayot Upamecano"}
    assert label_words(label, names) == words
