"""The terminal's matchday-cover table: a shortfall is said in words, not only in red."""

from __future__ import annotations

from rich.console import Console

from api.risk_view import risk_view
from models.risk import MatchdayRisk, RoleRisk


def test_a_shortfall_is_said_in_words() -> None:
    row = RoleRisk(
        period="rest of 2025-26",
        role="GK",
        players=1,
        probability=0.99,
        in_sample_before=0.97,
        in_sample_after=0.99,
        fresh_before=0.975,
        fresh_after=0.978,
        exact_before=0.979,
        exact_after=0.9786,
    )
    risk = MatchdayRisk(
        method="sampled",
        samples=500,
        fresh_samples=10_000,
        seed=0,
        roles=(row,),
        shortfalls=("GK: 1 fit on 97.86 % of matchdays exactly with this plan, 99 % asked",),
    )
    console = Console(width=200, record=True, color_system=None)
    console.print(risk_view(risk))
    text = console.export_text()
    assert "97.9 % -> 97.9 % short" in text  # the exact column, which judges
    assert "97.5 % -> 97.8 % short" not in text  # fresh draws carry their own error
    assert "Short of a level: GK: 1 fit on 97.86 %" in text
