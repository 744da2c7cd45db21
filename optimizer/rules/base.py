"""What a rule family is: one module that states its rows, its independent check of a plan,
its relaxations (for prices and the elastic explanation) and their wording.

The two halves of a family never share a code path: ``add_rows`` writes rows over the
model's columns (:class:`BuildContext`); ``check`` recomputes from the scenario and the
plan's moves replayed (:class:`optimizer.replay.Replay`), never from a solver's values.
Both read the scenario's definitions in :mod:`models.quantities` (what "covers CB" or
"senior" means), which are part of the data, not of either half.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from models.scenario import Scenario
from optimizer.columns import Columns
from optimizer.linear_model import LinearExpr, ModelBuilder

if TYPE_CHECKING:
    from optimizer.formulation import Formulation
    from optimizer.replay import Replay

INF = float(np.inf)
Key = tuple[object, ...]
Relax = Callable[[Scenario, float], Scenario]


@dataclass(frozen=True)
class RowRef:
    """One row of a family, and what it is about (``key``: a role, a player id, ...), so
    that nothing has to read meaning back out of row names."""

    family: str
    index: int
    key: Key


@dataclass
class BuildContext:
    """What families write their rows over: the scenario, the columns, the model so far."""

    scenario: Scenario
    cols: Columns
    builder: ModelBuilder
    rows: list[RowRef] = field(default_factory=list)

    def row(
        self,
        family: str,
        key: Key,
        name: str,
        expr: LinearExpr | tuple[Sequence[int], Sequence[float]],
        lower: float = -INF,
        upper: float = INF,
    ) -> int:
        cols, coefs = expr.items() if isinstance(expr, LinearExpr) else expr
        index = self.builder.row(name, list(cols), list(coefs), lower=lower, upper=upper)
        self.rows.append(RowRef(family, index, key))
        return index

    def ones(self, cols: Sequence[int]) -> tuple[Sequence[int], list[float]]:
        """``sum x[cols]`` as (columns, coefficients)."""
        return cols, [1.0] * len(cols)


@dataclass(frozen=True)
class Relaxable:
    """A rule a person can be asked to give up or loosen, with its words and unit.

    ``say`` words the least relaxation the elastic explanation found (``{amount}`` is the
    amount with its unit, e.g. "2 players", "12.50 m"); ``relax`` is the scenario with the
    rule loosened by an amount, against which a re-solved plan is checked. One unit of a
    row's relaxation is ``per_unit`` of ``unit`` (a probability's row counts in steps of
    5 percentage points; players and millions in ones).
    """

    name: str  # e.g. "coverage[CB]", "lock_keep[joe-gomez]"
    family: str
    kind: str  # "lock" or "rule"
    rows: tuple[int, ...]
    side: str  # "lower": the bound to lower; "upper": to raise; "both"; "drop" (locks)
    unit: str  # "players", "m", "lock"
    describe: str  # what the rule asks, e.g. "keeping Joe Gomez"
    relax: Relax
    say: str = "{describe}: relax by {amount}"
    per_unit: float = 1.0
    elastic: bool = True  # False: priced only (a rule's whole price), not in the explanation

    def bounds(self, lower: float, upper: float, amount: float) -> tuple[float, float]:
        """The row's bounds loosened by ``amount`` (or removed, for a lock)."""
        if self.side == "drop":
            return -INF, INF
        if self.side == "lower":
            return lower - amount, upper
        if self.side == "upper":
            return lower, upper + amount
        return lower - amount, upper + amount

    def message(self, amount: float) -> str:
        """The elastic explanation's words for relaxing by ``amount``."""
        if self.kind == "lock":
            return f"drop the lock on {self.describe}"
        if self.unit == "m":
            shown = f"{amount:.2f} m"
        elif self.unit != "players":
            shown = f"{amount * self.per_unit:g} {self.unit}"
        else:
            count = round(amount)
            shown = f"{count} {'player' if count == 1 else 'players'}"
        return self.say.format(describe=self.describe, amount=shown)

    def rounded(self, amount: float) -> float:
        """An elastic amount as a relaxation a person can make, rounded up (a hair less
        than the elastic one could leave no plan): money to 1e-6 m; whole players, where
        the solver's 3.000001 is 3 (a count row with binary columns needs whole slack)."""
        if self.unit == "m":
            return math.ceil(amount * 1e6 - 1e-3) / 1e6
        return float(math.ceil(amount - 1e-3))


class RuleFamily:
    """One family of the model: override what it has (rows always; the rest when it has a
    check, or can be relaxed)."""

    numbers: str = ""  # the constraint numbers in the formulation's docstring
    names: tuple[str, ...] = ()  # its row family names

    def add_rows(self, ctx: BuildContext) -> None:
        raise NotImplementedError

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        """Every way the replayed plan breaks this rule, in words."""
        return []

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        return []


def with_rules(s: Scenario, **changes: object) -> Scenario:
    """``s`` with some of its rules replaced (an unvalidated copy: what-ifs only)."""
    return s.model_copy(update={"rules": s.rules.model_copy(update=changes)})
