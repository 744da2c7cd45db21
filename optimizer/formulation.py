r"""The transfer-window MIP: scenario -> :class:`LinearModel`. Builds; never solves, never prints.

Sets
----
S squad players; T targets; R roles; n_r the number of formation slots of role r (the XI
is ``rules.formation``; slots of one role are interchangeable, so we assign players to roles
with capacity n_r rather than to individual slots); O offers; E the members *eligible* to
play, i.e. fit for at least ``rules.available_from`` of the rest of the season (Leoni, out
past the season's end, is not); C_r the members of E who *cover* role r: they play it with
rating x competence >= ``rules.cover_min_rating``.

Variables (all binary)
----------------------
- ``keep[i]``, i in S; ``sell[i,o]`` per sale option o of i (each sale offer, plus a sale at
  ``market_value`` when ``rules.sell_without_offer``); ``loan_out[i,o]`` per loan offer.
  Options a player's ``sellable`` / ``loanable`` flags forbid are not created.
- ``buy[j]``, j in T; ``loan_in[j]`` when j has a ``loan_fee``.
- ``x1[p,r]``, ``x2[p,r]``: member p fills a role-r slot of the first / second XI, for p in
  E that can play r (competence > 0) and r in the formation.
- ``member[p]`` is an expression: ``keep[i]`` for i in S, ``buy[j] + loan_in[j]`` for j in T.

Constraints (family name in brackets, used in reports and errors)
-----------------------------------------------------------------
1. [fate]          keep[i] + sum_o sell[i,o] + sum_o loan_out[i,o] = 1            for i in S
2. [deal]          buy[j] + loan_in[j] <= 1                                        for j in T
3. [one_slot]      sum_r x1[p,r] + sum_r x2[p,r] <= member[p]                      for p in E
4. [first_xi]      sum_p x1[p,r] <= n_r                                            for r
5. [second_xi]     sum_p x2[p,r] <= n_r                                            for r
6. [coverage]      sum_{p in C_r} member[p] >= coverage[r]                          for r
7. [net_spend]     sum fee_j buy[j] + loan_fee_j loan_in[j]
                   - sum fee_o sell[i,o] - sum fee_o loan_out[i,o] <= budget.net_spend
8. [wage_bill]     sum_i wage_i (keep[i] + (1 - share_o) loan_out[i,o])
                   + sum_j wage_j (buy[j] + share_j loan_in[j]) <= budget.wage_bill
9. [squad_size]    min <= sum_p member[p] <= max
10. [registration_senior]       sum_{p senior} member[p] <= max_senior
11. [registration_non_homegrown] sum_{p senior, not homegrown} member[p] <= max_non_homegrown
12. [max_signings]  sum_j buy[j] <= max_signings
13. [max_loans_in]  sum_j loan_in[j] <= max_loans_in
14. [group]         sum_{p: column(p) = v} member[p] <= max       per limit and value v
15. [lock_keep] keep[i] >= 1; [lock_sell] sum_o sell[i,o] >= 1;
    [lock_sign] member[j] >= 1; [lock_never_sign] member[j] <= 0
A rule absent from the scenario adds no row. Locks are rows (not fixed bounds) so that the
trade-off analysis can price each one by relaxing its row.

Objective (maximise; weights from ``objective``)
------------------------------------------------
  first_xi  * sum s_pr x1[p,r] + second_xi * sum s_pr x2[p,r]       s_pr = rating x competence x fit
+ squad_rating * sum_p rating_p member[p]
+ residual_value * (sum_i res_i (keep[i] + sum_o loan_out[i,o]) + sum_j res_j buy[j])
- money * (net spend expression of 7) - wages * (wage bill expression of 8)
res is the value at ``window.horizon_end`` (:func:`models.quantities.residual_value`); a
player out on loan is still ours, a loanee is not. Each term is kept as its own vector so a
plan reports what drove it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from models.groups import Key, column_key, shown, wanted_key
from models.people import Person
from models.quantities import (
    covers,
    fit_to_play,
    is_senior,
    loan_out_options,
    residual_value,
    sale_options,
    strength,
)
from models.scenario import Scenario
from optimizer.linear_model import FloatArray, LinearModel, ModelBuilder

TERMS = ("first_xi", "second_xi", "squad_rating", "money", "wages", "residual_value")
# money and wages are costs: they enter the objective with a minus sign.
TERM_SIGN = {"money": -1.0, "wages": -1.0}


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


@dataclass
class Formulation:
    """The model plus the maps that say what each column means."""

    scenario: Scenario
    model: LinearModel
    keep: dict[str, int]
    sell: dict[str, list[SaleCol]]
    loan_out: dict[str, list[LoanOutCol]]
    buy: dict[str, int]
    loan_in: dict[str, int]
    slots: list[SlotCol]
    terms: dict[str, FloatArray]  # term name -> coefficient vector of its raw quantity
    families: dict[str, list[int]] = field(default_factory=dict)  # family -> row indices
    group_rows: dict[int, list[int]] = field(default_factory=dict)  # limit index -> rows

    def deal_cols(self, target: str) -> list[int]:
        """The columns that bring ``target`` in: buy, and loan in when he can be loaned."""
        return deal_cols(self.buy, self.loan_in, target)

    def term_values(self, x: FloatArray) -> dict[str, float]:
        return {name: float(vec @ x) for name, vec in self.terms.items()}


def deal_cols(buy: dict[str, int], loan_in: dict[str, int], target: str) -> list[int]:
    return [buy[target]] + ([loan_in[target]] if target in loan_in else [])


class _Expr:
    """A sparse linear expression under construction: column -> coefficient."""

    def __init__(self) -> None:
        self.coef: dict[int, float] = defaultdict(float)

    def add(self, col: int, value: float) -> None:
        if value:
            self.coef[col] += value

    def items(self) -> tuple[list[int], list[float]]:
        return list(self.coef), list(self.coef.values())


def build(scenario: Scenario) -> Formulation:
    """Write the MIP of this module's docstring for one scenario."""
    s = scenario
    b = ModelBuilder()
    rows: dict[str, list[int]] = defaultdict(list)

    def row(family: str, name: str, expr: _Expr | tuple[list[int], list[float]], **bounds: float):
        cols, coefs = expr.items() if isinstance(expr, _Expr) else expr
        rows[family].append(b.row(family, name, cols, coefs, **bounds))

    formation = Counter(s.rules.formation)
    net_spend, wage_bill, squad_rating, residual = _Expr(), _Expr(), _Expr(), _Expr()
    members: list[tuple[Person, list[tuple[int, float]]]] = []  # person, member[p] as (col, 1)

    keep: dict[str, int] = {}
    sell: dict[str, list[SaleCol]] = {}
    loan_out: dict[str, list[LoanOutCol]] = {}
    for p in s.squad:
        k = keep[p.id] = b.binary(f"keep[{p.id}]")
        sell[p.id] = [
            SaleCol(b.binary(f"sell[{p.id},{'market' if o is None else o}]"), o, fee)
            for o, fee in sale_options(s, p)
        ]
        loan_out[p.id] = []
        for o in loan_out_options(s, p):
            offer = s.offers[o]
            saved = p.wage * offer.loan_wage_share
            loan_out[p.id].append(
                LoanOutCol(b.binary(f"loan_out[{p.id},{o}]"), o, offer.fee, saved)
            )
        fate = [k] + [sc.col for sc in sell[p.id]] + [lc.col for lc in loan_out[p.id]]
        row("fate", f"fate[{p.id}]", (fate, [1.0] * len(fate)), lower=1.0, upper=1.0)
        wage_bill.add(k, p.wage)
        res = residual_value(s, p)
        residual.add(k, res)
        for sale in sell[p.id]:
            net_spend.add(sale.col, -sale.fee)
        for lc in loan_out[p.id]:
            net_spend.add(lc.col, -lc.fee)
            wage_bill.add(lc.col, p.wage - lc.wage_saved)
            residual.add(lc.col, res)
        members.append((p, [(k, 1.0)]))

    buy: dict[str, int] = {}
    loan_in: dict[str, int] = {}
    for t in s.targets:
        c = buy[t.id] = b.binary(f"buy[{t.id}]")
        net_spend.add(c, t.fee)
        wage_bill.add(c, t.wage)
        residual.add(c, residual_value(s, t))
        member = [(c, 1.0)]
        if t.loan_fee is not None:
            li = loan_in[t.id] = b.binary(f"loan_in[{t.id}]")
            net_spend.add(li, t.loan_fee)
            wage_bill.add(li, t.wage * t.loan_wage_share)
            member.append((li, 1.0))
            row("deal", f"deal[{t.id}]", ([c, li], [1.0, 1.0]), upper=1.0)
        members.append((t, member))

    # XI assignment, one-slot rows, and the member-level rules.
    slots: list[SlotCol] = []
    first, second = _Expr(), _Expr()
    per_role: dict[tuple[int, str], list[int]] = defaultdict(list)
    cover: dict[str, _Expr] = {r: _Expr() for r in s.rules.coverage}
    size, senior, non_homegrown = _Expr(), _Expr(), _Expr()
    groups: list[defaultdict[Key, _Expr]] = [defaultdict(_Expr) for _ in s.rules.groups]
    wanted = [wanted_key(s, limit) for limit in s.rules.groups]
    reg = s.rules.registration
    need_age = reg.max_senior is not None or reg.max_non_homegrown is not None
    for person, member in members:
        eligible = fit_to_play(s, person)
        for col, coef in member:
            size.add(col, coef)
            squad_rating.add(col, person.rating * coef)
        for r in person.positions:
            if r in cover and covers(s, person, r):
                for col, coef in member:
                    cover[r].add(col, coef)
        if need_age and is_senior(s, person):
            for col, coef in member:
                senior.add(col, coef)
                if not person.homegrown:
                    non_homegrown.add(col, coef)
        for g, limit in enumerate(s.rules.groups):
            key = column_key(person, limit.column, s.age_reference)
            if key is None or (limit.value is not None and key != wanted[g]):
                continue
            for col, coef in member:
                groups[g][key].add(col, coef)
        if not eligible or not formation:
            continue
        mine = _Expr()
        for r in person.positions:
            if r not in formation:
                continue
            value = strength(s, person, r)
            for xi, expr in ((1, first), (2, second)):
                col = b.binary(f"x{xi}[{person.id},{r}]")
                slots.append(SlotCol(col, xi, person.id, r, value))
                expr.add(col, value)
                per_role[(xi, r)].append(col)
                mine.add(col, 1.0)
        if mine.coef:
            for col, coef in member:
                mine.add(col, -coef)
            row("one_slot", f"one_slot[{person.id}]", mine, upper=0.0)
    for xi, family in ((1, "first_xi"), (2, "second_xi")):
        for r, n in formation.items():
            cols = per_role.get((xi, r), [])
            row(family, f"{family}[{r}]", (cols, [1.0] * len(cols)), upper=float(n))

    rules = s.rules
    for r, need in rules.coverage.items():
        row("coverage", f"coverage[{r}]", cover[r], lower=float(need))
    if rules.budget.net_spend is not None:
        row("net_spend", "net_spend", net_spend, upper=rules.budget.net_spend)
    if rules.budget.wage_bill is not None:
        row("wage_bill", "wage_bill", wage_bill, upper=rules.budget.wage_bill)
    if rules.squad_size.min is not None or rules.squad_size.max is not None:
        lo = -np.inf if rules.squad_size.min is None else float(rules.squad_size.min)
        hi = np.inf if rules.squad_size.max is None else float(rules.squad_size.max)
        row("squad_size", "squad_size", size, lower=lo, upper=hi)
    if reg.max_senior is not None:
        row("registration_senior", "registration_senior", senior, upper=float(reg.max_senior))
    if reg.max_non_homegrown is not None:
        row(
            "registration_non_homegrown",
            "registration_non_homegrown",
            non_homegrown,
            upper=float(reg.max_non_homegrown),
        )
    if rules.max_signings is not None:
        cols = list(buy.values())
        row("max_signings", "max_signings", (cols, [1.0] * len(cols)), upper=rules.max_signings)
    if rules.max_loans_in is not None:
        cols = list(loan_in.values())
        row("max_loans_in", "max_loans_in", (cols, [1.0] * len(cols)), upper=rules.max_loans_in)
    group_rows: dict[int, list[int]] = {}
    for g, limit in enumerate(rules.groups):
        for key, expr in sorted(groups[g].items(), key=lambda item: str(item[0])):
            row("group", f"group[{limit.column}={shown(key)}]", expr, upper=float(limit.max))
            group_rows.setdefault(g, []).append(rows["group"][-1])

    locks = s.locks
    for pid in locks.keep:
        row("lock_keep", f"lock_keep[{pid}]", ([keep[pid]], [1.0]), lower=1.0)
    for pid in locks.sell:
        cols = [sc.col for sc in sell[pid]]
        row("lock_sell", f"lock_sell[{pid}]", (cols, [1.0] * len(cols)), lower=1.0)
    for pid in locks.sign:
        cols = deal_cols(buy, loan_in, pid)
        row("lock_sign", f"lock_sign[{pid}]", (cols, [1.0] * len(cols)), lower=1.0)
    for pid in locks.never_sign:
        cols = deal_cols(buy, loan_in, pid)
        row("lock_never_sign", f"lock_never_sign[{pid}]", (cols, [1.0] * len(cols)), upper=0.0)

    n = b.num_cols
    terms = {
        "first_xi": _dense(first, n),
        "second_xi": _dense(second, n),
        "squad_rating": _dense(squad_rating, n),
        "money": _dense(net_spend, n),
        "wages": _dense(wage_bill, n),
        "residual_value": _dense(residual, n),
    }
    weights = s.objective
    objective = np.zeros(n)
    for name, vec in terms.items():
        objective += TERM_SIGN.get(name, 1.0) * getattr(weights, name) * vec
    for j in np.flatnonzero(objective):
        b.add_objective(int(j), float(objective[j]))
    return Formulation(
        scenario=s,
        model=b.finish(),
        keep=keep,
        sell=sell,
        loan_out=loan_out,
        buy=buy,
        loan_in=loan_in,
        slots=slots,
        terms=terms,
        families=dict(rows),
        group_rows=group_rows,
    )


def _dense(expr: _Expr, n: int) -> FloatArray:
    vec = np.zeros(n)
    for col, coef in expr.coef.items():
        vec[col] = coef
    return vec
