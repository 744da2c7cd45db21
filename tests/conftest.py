"""Shared fixtures: bundled scenarios, a small scenario factory, and the CLI runner."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from models.scenario import Scenario, scenario_from_dict
from scenarios import bundled_path, load_bundled

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"

WINDOW = {
    "kind": "january",
    "opens": "2026-01-01",
    "closes": "2026-02-02",
    "season_end": "2026-05-24",
    "horizon_end": "2026-06-30",
}


def small_document(**overrides: Any) -> dict[str, Any]:
    """A tiny valid scenario document; keyword arguments replace top-level fields."""
    doc: dict[str, Any] = {
        "name": "small",
        "window": dict(WINDOW),
        "roles": ["GK", "CB", "ST"],
        "squad": [
            {
                "id": "keeper",
                "positions": "GK",
                "rating": 70,
                "age": 28,
                "wage": 1,
                "market_value": 5,
                "contract_until": "2028-06-30",
            },
            {
                "id": "back",
                "positions": "CB",
                "rating": 65,
                "age": 24,
                "wage": 1,
                "market_value": 4,
                "contract_until": "2027-06-30",
            },
            {
                "id": "forward",
                "positions": "ST;CB:0.5",
                "rating": 72,
                "age": 30,
                "wage": 2,
                "market_value": 6,
                "contract_until": "2026-12-31",
            },
        ],
        "targets": [
            {
                "id": "t-cb",
                "positions": "CB",
                "rating": 75,
                "age": 25,
                "fee": 10,
                "wage": 2,
                "market_value": 9,
                "contract_until": "2030-06-30",
                "loan_fee": 1,
                "club": "A",
            },
            {
                "id": "t-st",
                "positions": "ST",
                "rating": 80,
                "age": 27,
                "fee": 20,
                "wage": 3,
                "market_value": 18,
                "contract_until": "2030-06-30",
                "club": "B",
            },
        ],
        "offers": [{"player": "forward", "club": "X", "kind": "sale", "fee": 8}],
        "rules": {
            "budget": {"net_spend": 15},
            "formation": ["GK", "CB", "ST"],
            "coverage": {"GK": 1},
        },
        "objective": {"first_xi": 1.0, "money": 0.1},
    }
    doc.update(copy.deepcopy(overrides))
    return doc


@pytest.fixture
def small() -> Scenario:
    return scenario_from_dict(small_document())


@pytest.fixture(scope="session")
def liverpool() -> Scenario:
    return load_bundled("liverpool-2026-01")


@pytest.fixture(scope="session")
def liverpool_path() -> Path:
    return bundled_path("liverpool-2026-01")


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The installed console script's code, as a separate process."""
    return subprocess.run(
        [sys.executable, "-c", "from api.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
