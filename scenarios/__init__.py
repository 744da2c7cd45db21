"""Scenario files that ship with the product, one folder each with a ``scenario.yaml``."""

from __future__ import annotations

from pathlib import Path

from models.scenario import Scenario

ROOT = Path(__file__).resolve().parent


def bundled_names() -> list[str]:
    return sorted(p.parent.name for p in ROOT.glob("*/scenario.yaml"))


def bundled_path(name: str) -> Path:
    path = ROOT / name / "scenario.yaml"
    if name not in bundled_names():
        raise KeyError(f"no bundled scenario {name!r}; there are: {', '.join(bundled_names())}")
    return path


def load_bundled(name: str) -> Scenario:
    """A bundled scenario by folder name, e.g. ``load_bundled("liverpool-2026-01")``."""
    from models.loader import load_scenario

    return load_scenario(bundled_path(name))
