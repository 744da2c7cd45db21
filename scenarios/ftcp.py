"""The public FTCP benchmark (Pantuso & Hvattum, TOP 2021) as scenarios of ours.

The instances (``../shared/data/ftcp``: 20 Premier League clubs of 2013/14, five target
lists, one rating per player, budgets, formations, default parameters) are read where they
lie: their repository states no licence, so nothing of them is copied into this project.

Conversion, one scenario per club and formation:

- roles ``GK RB CB LB RW CM LW AM FW``; every player plays his one listed role;
- ratings exactly as published (many are negative: the ratings are centred on zero);
- squad: the club's file; ``sellable`` / ``loanable`` from its last two columns; each
  sellable player gets a sale offer at ``sale price / value`` x value and each loanable one
  a loan offer at ``loan fee / value`` x value (the defaults file), so a sale or loan is
  always at the benchmark's prices; wage = ``salary / value`` x value;
- market: the club's target list (A to E, see the data README); fee = ``purchase price /
  value`` x value, loan fee as above when the list allows a loan; a listed target who is
  already in the club's squad is left out (a club cannot buy its own player) and named in
  :attr:`FtcpInstance.left_out`;
- rules: net spend <= the club's budget; at most ``max owned`` players in the squad; the
  formation file's minimum players per role as coverage. ``registrable`` (25) is not used:
  here the squad is everyone the club holds and keeps, and with 25 most clubs could not
  meet the formation minimums (the benchmark lets owned players sit outside the list);
- objective: the sum of the squad's ratings (``squad_rating`` 1), nothing else.

Names are matched to ratings after removing invisible format characters (a left-to-right
mark, written out as ``<U+200E>``, follows "Nemanja-Vidic" in one file) and, failing an
exact match, accents (the target list says "Ángel-Di-Maria", the ratings
"Ángel-Di-María"). A player with no rating is an
error naming him and his file: nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.errors import InputProblem, ScenarioError
from models.scenario import Scenario, scenario_from_dict

ROLES = ("GK", "RB", "CB", "LB", "RW", "CM", "LW", "AM", "FW")
# Club -> target list, as the data README gives it.
TARGET_LISTS = {
    "A": ("Arsenal-FC", "Chelsea-FC", "Manchester-City", "Manchester-United"),
    "B": ("Tottenham-Hotspur", "Liverpool-FC", "Everton-FC", "Newcastle-United"),
    "C": ("Fulham-FC", "Stoke-City", "Sunderland-AFC", "West-Ham-United"),
    "D": ("Aston-Villa", "Norwich-City", "Southampton-FC", "Swansea-City"),
    "E": ("Cardiff-City", "Crystal-Palace", "Hull-City", "West-Bromwich-Albion"),
}
WINDOW = {
    "kind": "summer",
    "opens": "2014-06-01",
    "closes": "2014-09-01",
    "season_end": "2015-05-24",
    "horizon_end": "2015-06-30",
}


@dataclass(frozen=True)
class Parameters:
    """``default_parameters.txt``, in its order."""

    registrable: int
    max_owned: int
    retirement_age: int
    purchase: float  # purchase price / value
    sale: float  # sale price / value
    loan: float  # loan fee / value
    salary: float  # annual salary / value
    discount: float


@dataclass(frozen=True)
class FtcpInstance:
    scenario: Scenario
    left_out: tuple[str, ...]  # targets already in the club's squad


def clubs(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "clubs").glob("*.txt"))


def formations(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "formations").glob("*.txt"))


def _clean(name: str) -> str:
    # Invisible format characters, and one written out as text ("Nemanja-Vidic<U+200E>").
    name = re.sub(r"<U\+[0-9A-Fa-f]{4}>", "", name)
    return "".join(c for c in name if unicodedata.category(c) != "Cf").strip()


def _plain(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _plain(name).lower()).strip("-")


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip()]


def _flag(text: str, path: Path, name: str) -> bool:
    value = {"true": True, "false": False}.get(text.lower())
    if value is None:
        raise ScenarioError([InputProblem((), f"{name}: not true/false", text)], str(path))
    return value


def load_instance(root: Path, club: str, formation: str = "433") -> FtcpInstance:
    """One club's instance as a validated scenario; ScenarioError names what is missing."""
    values = [float(v) for v in (root / "default_parameters.txt").read_text().split()]
    params = Parameters(int(values[0]), int(values[1]), int(values[2]), *values[3:])
    ratings: dict[str, float] = {}
    plain: dict[str, float] = {}
    for name, value in _rows(root / "ratings.txt"):
        ratings[_clean(name)] = plain[_plain(_clean(name))] = float(value)
    budgets = {name: float(value) for name, value in _rows(root / "budgets.txt")}
    coverage = {role: int(n) for role, n in _rows(root / "formations" / f"{formation}.txt")}
    letter = next((k for k, members in TARGET_LISTS.items() if club in members), None)
    if letter is None or club not in budgets:
        raise ScenarioError([InputProblem((), "not an FTCP club", club)], str(root))
    problems: list[InputProblem] = []

    def rating(name: str, path: Path) -> float:
        found = ratings.get(name, plain.get(_plain(name)))
        if found is None:
            problems.append(InputProblem((), f"{name}: no rating in ratings.txt", path.name))
            return 0.0
        return found

    squad: list[dict[str, Any]] = []
    offers: list[dict[str, Any]] = []
    club_file = root / "clubs" / f"{club}.txt"
    for name, role, age, value, _, loanable, sellable in _rows(club_file):
        name, worth = _clean(name), float(value)
        pid = _slug(name)
        squad.append(
            {
                "id": pid,
                "name": name.replace("-", " "),
                "positions": role,
                "rating": rating(name, club_file),
                "age": float(age),
                "wage": params.salary * worth,
                "market_value": worth,
                "sellable": _flag(sellable, club_file, name),
                "loanable": _flag(loanable, club_file, name),
            }
        )
        if squad[-1]["sellable"]:
            offers.append({"player": pid, "club": "market", "fee": params.sale * worth})
        if squad[-1]["loanable"]:
            offers.append(
                {"player": pid, "club": "market", "kind": "loan", "fee": params.loan * worth}
            )
    own = {p["id"] for p in squad}
    targets: list[dict[str, Any]] = []
    left_out: list[str] = []
    target_file = root / "targets" / f"targets{letter}.txt"
    for name, age, value, role, loanable in _rows(target_file):
        name, worth = _clean(name), float(value)
        if _slug(name) in own:
            left_out.append(name)
            continue
        targets.append(
            {
                "id": _slug(name),
                "name": name.replace("-", " "),
                "positions": role,
                "rating": rating(name, target_file),
                "age": float(age),
                "fee": params.purchase * worth,
                "wage": params.salary * worth,
                "market_value": worth,
                "loan_fee": params.loan * worth if _flag(loanable, target_file, name) else None,
            }
        )
    if problems:
        raise ScenarioError(problems, str(root))
    document = {
        "name": f"FTCP {club} {formation}",
        "club": club,
        "window": WINDOW,
        "roles": list(ROLES),
        "squad": squad,
        "targets": targets,
        "offers": offers,
        "rules": {
            "budget": {"net_spend": budgets[club]},
            "squad_size": {"max": int(params.max_owned)},
            "coverage": {role: n for role, n in coverage.items() if n > 0},
        },
        "objective": {"squad_rating": 1.0},
    }
    return FtcpInstance(scenario_from_dict(document, source=str(club_file)), tuple(left_out))
