"""The threshold table says when a range has no plan, rather than "no" and "no moves"."""

from __future__ import annotations

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
    (last,) = [line for line in text.splitlines() if line.startswith("│     4 │")]
    assert "no plan: infeasible" in last and "no moves" not in last
    assert answer.method == "bisection to 0.001 on a grid of 16 intervals"
