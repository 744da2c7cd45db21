"""The decision columns of the MIP and the expressions the rule families are written over.

Declares every column of :mod:`optimizer.formulation`'s model (no rows: those belong to the
rule families in :mod:`optimizer.rules`), in a fixed order: per squad player ``keep``, his
``sell`` and ``loan_out`` options; per target ``buy`` and ``loan_in``; then per member the
XI columns ``x1``, ``x2`` of each formation role he can fill. Alongside, the expressions
several rules and objective terms share: ``member[p]``, net spend, wage bill and residual
value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from models.people import Person
from models.quantities import (
    fit_to_play,
    loan_out_options,
    residual_value,
    sale_options,
    strength,
)
from models.scenario import Scenario
from optimizer.linear_model import LinearExpr, ModelBuilder


@dataclass(frozen=True)
class SaleCol:
    col: int
    offer: int | None  # None: sold at market value without a bid
    fee: float


@dataclass(frozen=True)
class LoanOutCol:
    col: int
    offer: int
    fee: float
    wage_saved: float


@dataclass(frozen=True)
class SlotCol:
    col: int
    xi: int  # 1 or 2
    player: str
    role: str
    strength: float


@dataclass(frozen=True)
class Membership:
    """``member[p]`` as columns: ``keep`` for a squad player, ``buy`` (+ ``loan_in``) for a
    target; ``slots`` his XI columns (empty when he is not fit to play)."""

    person: Person
    cols: tuple[int, ...]
    slots: tuple[SlotCol, ...]


@dataclass
class Columns:
    keep: dict[str, int]
    sell: dict[str, list[SaleCol]]
    loan_out: dict[str, list[LoanOutCol]]
    buy: dict[str, int]
    loan_in: dict[str, int]
    slots: list[SlotCol]
    members: list[Membership]
    net_spend: LinearExpr  # fees paid - fees received
    wage_bill: LinearExpr  # annual wages of members (loan shares)
    residual: LinearExpr  # asset value at horizon_end of players still ours

    def deal_cols(self, target: str) -> list[int]:
        """The columns that bring ``target`` in: buy, and loan in when he can be loaned."""
        return [self.buy[target]] + ([self.loan_in[target]] if target in self.loan_in else [])

    def move_cols(self) -> list[int]:
        """Every column that is a move (sale, loan out, signing, loan in), in order."""
        return sorted(
            [c.col for cols in self.sell.values() for c in cols]
            + [c.col for cols in self.loan_out.values() for c in cols]
            + list(self.buy.values())
            + list(self.loan_in.values())
        )


def declare(scenario: Scenario, b: ModelBuilder) -> Columns:
    """Every column of the model, and the shared expressions over them."""
    net_spend, wage_bill, residual = LinearExpr(), LinearExpr(), LinearExpr()
    keep: dict[str, int] = {}
    sell: dict[str, list[SaleCol]] = {}
    loan_out: dict[str, list[LoanOutCol]] = {}
    people: list[tuple[Person, tuple[int, ...]]] = []
    for p in scenario.squad:
        k = keep[p.id] = b.binary(f"keep[{p.id}]")
        sell[p.id] = [
            SaleCol(b.binary(f"sell[{p.id},{'market' if o is None else o}]"), o, fee)
            for o, fee in sale_options(scenario, p)
        ]
        loan_out[p.id] = []
        for o in loan_out_options(scenario, p):
            offer = scenario.offers[o]
            saved = p.wage * offer.loan_wage_share
            loan_out[p.id].append(
                LoanOutCol(b.binary(f"loan_out[{p.id},{o}]"), o, offer.fee, saved)
            )
        wage_bill.add(k, p.wage)
        value = residual_value(scenario, p)
        residual.add(k, value)
        for sale in sell[p.id]:
            net_spend.add(sale.col, -sale.fee)
        for lc in loan_out[p.id]:
            net_spend.add(lc.col, -lc.fee)
            wage_bill.add(lc.col, p.wage - lc.wage_saved)
            residual.add(lc.col, value)  # a player out on loan is still ours
        people.append((p, (k,)))

    buy: dict[str, int] = {}
    loan_in: dict[str, int] = {}
    for t in scenario.targets:
        c = buy[t.id] = b.binary(f"buy[{t.id}]")
        net_spend.add(c, t.fee)
        wage_bill.add(c, t.wage)
        residual.add(c, residual_value(scenario, t))  # a loanee is not ours at the horizon
        deal: tuple[int, ...] = (c,)
        if t.loan_fee is not None:
            li = loan_in[t.id] = b.binary(f"loan_in[{t.id}]")
            net_spend.add(li, t.loan_fee)
            wage_bill.add(li, t.wage * t.loan_wage_share)
            deal = (c, li)
        people.append((t, deal))

    formation = Counter(scenario.rules.formation)
    slots: list[SlotCol] = []
    members: list[Membership] = []
    for person, cols in people:
        mine: list[SlotCol] = []
        if formation and fit_to_play(scenario, person):
            for r in person.positions:
                if r not in formation:
                    continue
                value = strength(scenario, person, r)
                for xi in (1, 2):
                    col = b.binary(f"x{xi}[{person.id},{r}]")
                    mine.append(SlotCol(col, xi, person.id, r, value))
        slots.extend(mine)
        members.append(Membership(person, cols, tuple(mine)))
    return Columns(
        keep=keep,
        sell=sell,
        loan_out=loan_out,
        buy=buy,
        loan_in=loan_in,
        slots=slots,
        members=members,
        net_spend=net_spend,
        wage_bill=wage_bill,
        residual=residual,
    )
