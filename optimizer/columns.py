"""The decision columns of the MIP and the expressions the rule families are written over.

Declares every column of :mod:`optimizer.formulation`'s model (no rows: those belong to the
rule families in :mod:`optimizer.rules`), stage by stage (a stage is a window and the period
it opens, :mod:`models.horizon`), in a fixed order: for each person we may hold entering the
window, ``keep`` and his ``sell``, ``loan_out``, ``release`` and ``lapse`` options; for each
target ``buy``, ``free`` (a free signing) and ``loan_in``; renewal options; then per member
the XI columns ``x1``, ``x2`` of each formation role he can fill that period. Alongside, the
expressions the rules and objective terms share: ``held`` (we hold his contract after the
window), ``member`` (he plays for us in the period), each window's net spend, each period's
wage bill, and the residual value at the horizon.

A one-window scenario gets exactly the columns it always had (``keep``, ``sell``,
``loan_out`` for the squad; ``buy``, ``loan_in`` for targets; the XI columns), in the same
order: no release, lapse, free-signing or renewal column exists unless the scenario offers one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from models.accounts import (
    accounting,
    due_dates,
    instalment_windows,
    period_rate,
    renewed_amortisation,
    signing_amortisation,
    squad_amortisation,
)
from models.deals import Extension
from models.horizon import Stage, name_suffix, stages
from models.people import Person, Player, Target
from models.quantities import (
    asking_fee,
    can_sign_free,
    fit_to_play,
    loan_out_options,
    residual_value,
    role_strengths,
    sale_options,
)
from models.scenario import Scenario
from optimizer.linear_model import LinearExpr, ModelBuilder

Terms = list[tuple[int, float]]  # an expression as (column, coefficient) pairs


class SaleCol(NamedTuple):
    col: int
    offer: int | None  # None: sold at his value without a bid
    fee: float


class LoanOutCol(NamedTuple):
    col: int
    offer: int
    fee: float
    wage_saved: float


class SlotCol(NamedTuple):
    col: int
    xi: int  # 1 or 2
    player: str
    role: str
    strength: float


class ExtensionCol(NamedTuple):
    col: int
    option: int  # index into scenario.extensions
    terms: Extension


class Membership(NamedTuple):
    """``member[p,t]`` as columns: ``keep`` when we held him entering the window, ``buy`` /
    ``free`` / ``loan_in`` for a target coming in; ``slots`` his XI columns that period
    (empty when he is not fit to play)."""

    person: Person
    cols: tuple[int, ...]
    slots: tuple[SlotCol, ...]


@dataclass
class StageCols:
    """The columns of one window and the period it opens."""

    stage: Stage
    keep: dict[str, int] = field(default_factory=dict)
    sell: dict[str, list[SaleCol]] = field(default_factory=dict)
    loan_out: dict[str, list[LoanOutCol]] = field(default_factory=dict)
    release: dict[str, tuple[int, float]] = field(default_factory=dict)  # col, pay-off
    lapse: dict[str, int] = field(default_factory=dict)  # his contract ran out: he leaves
    buy: dict[str, tuple[int, float]] = field(default_factory=dict)  # col, fee this window
    free: dict[str, int] = field(default_factory=dict)
    loan_in: dict[str, int] = field(default_factory=dict)
    extend: dict[str, list[ExtensionCol]] = field(default_factory=dict)
    slots: list[SlotCol] = field(default_factory=list)
    members: list[Membership] = field(default_factory=list)
    held_before: dict[str, Terms] = field(default_factory=dict)  # entering the window
    held: dict[str, Terms] = field(default_factory=dict)  # after the window
    net_spend: LinearExpr = field(default_factory=LinearExpr)  # cash paid - received in it
    wage_bill: LinearExpr = field(default_factory=LinearExpr)  # annual, during the period
    # The accounts (club finance; empty unless the scenario asks for them):
    amortisation: LinearExpr = field(default_factory=LinearExpr)  # a year, during the period
    expensed: LinearExpr = field(default_factory=LinearExpr)  # agents', loan, signing-on fees,
    # pay-offs of the window
    # profit on his sale (fee - book value) or his book value written off, per player:
    disposals: dict[str, LinearExpr] = field(default_factory=dict)
    loan_income: LinearExpr = field(default_factory=LinearExpr)  # loan fees received

    def deal_cols(self, target: str) -> list[int]:
        """The columns that bring ``target`` in during this window."""
        out = [self.buy[target][0]] if target in self.buy else []
        out += [self.free[target]] if target in self.free else []
        return out + ([self.loan_in[target]] if target in self.loan_in else [])

    def sale_cols(self, pid: str) -> list[int]:
        return [sale.col for sale in self.sell.get(pid, [])]

    def member_cols(self, pid: str) -> list[int]:
        """``member[p,t]``: the columns that have him playing for us this period."""
        for m in self.members:
            if m.person.id == pid:
                return list(m.cols)
        return []

    def held_cols(self, pid: str) -> list[int]:
        return [col for col, _ in self.held.get(pid, [])]


@dataclass(frozen=True)
class ActiveExtension:
    """Renewal ``option`` of ``player``, taken in window ``taken`` (the column ``extend``),
    is in force during stage ``stage`` (binary ``col``: taken, and he is still held then):
    his new wage, his re-spread amortisation, his value at the horizon."""

    col: int
    player: str
    stage: int
    option: int
    taken: int
    extend: int


@dataclass
class Columns:
    stages: list[StageCols]
    active: list[ActiveExtension]
    residual: LinearExpr  # asset value at horizon_end of the players still ours
    later_cash: list[tuple[int, float, dt.date]]  # instalments due after the horizon

    @property
    def first(self) -> StageCols:
        return self.stages[0]

    def deal_cols(self, target: str) -> list[int]:
        """Every column that brings ``target`` in, in any window."""
        return [c for st in self.stages for c in st.deal_cols(target)]

    def sale_cols(self, pid: str) -> list[int]:
        return [c for st in self.stages for c in st.sale_cols(pid)]

    def move_cols(self) -> list[int]:
        """Every column that is a move (sale, loan out, release, signing, free signing, loan
        in, renewal), in order."""
        out: list[int] = []
        for st in self.stages:
            out += [c.col for cols in st.sell.values() for c in cols]
            out += [c.col for cols in st.loan_out.values() for c in cols]
            out += [col for col, _ in st.release.values()]
            out += [col for col, _ in st.buy.values()]
            out += list(st.free.values())
            out += list(st.loan_in.values())
            out += [c.col for cols in st.extend.values() for c in cols]
        return sorted(out)


def declare(scenario: Scenario, b: ModelBuilder) -> Columns:
    """Every column of the model, and the shared expressions over them."""
    s = scenario
    everyone: dict[str, Person] = {p.id: p for p in (*s.squad, *s.targets)}
    out: list[StageCols] = []
    held_prev: dict[str, Terms] = {}
    taken: dict[str, list[ExtensionCol]] = {}  # renewal columns so far, per player
    for stage in stages(s):
        st = StageCols(stage)
        # Whom we may hold entering the window: the squad at first, for certain (None);
        # later, whoever the last window may have left us holding (an expression).
        entering: list[tuple[Person, Terms | None]] = (
            [(p, None) for p in s.squad]
            if stage.index == 0
            else [(everyone[pid], terms) for pid, terms in held_prev.items() if terms]
        )
        member: dict[str, list[int]] = {}
        for p, before in entering:
            st.held_before[p.id] = before if before is not None else []
            _held_options(s, b, st, p)
            member[p.id] = [st.keep[p.id]] if p.id in st.keep else []
        for t in s.targets:
            cols = _deal_options(s, b, st, t)
            if cols:
                member.setdefault(t.id, []).extend(cols)
        for p, _ in entering:
            _extension_options(s, b, st, p, taken)
        for pid in member:
            st.held[pid] = [(c, 1.0) for c in _held_cols(st, pid)]
        _slots(s, b, st, [(everyone[pid], tuple(cols)) for pid, cols in member.items()])
        out.append(st)
        held_prev = st.held
    active = _active_extensions(s, b, out, taken)
    later = _spread_instalments(s, out)
    if accounting(s):
        _accounts(s, out, active)
    return Columns(out, active, _residual(s, out, active), later)


def _residual(s: Scenario, out: list[StageCols], active: list[ActiveExtension]) -> LinearExpr:
    """Value at the horizon of everyone held after the last window (on loan elsewhere too;
    a loanee is not ours), under a renewal in force its new contract's."""
    residual = LinearExpr()
    last = out[-1]
    everyone = {p.id: p for p in (*s.squad, *s.targets)}
    for pid, terms in last.held.items():
        value = residual_value(s, everyone[pid])
        for col, coef in terms:
            residual.add(col, coef * value)
    for a in active:
        if a.stage == last.stage.index:
            person = s.player(a.player)
            until = s.extensions[a.option].until
            residual.add(a.col, residual_value(s, person, until) - residual_value(s, person))
    return residual


def _extension_options(
    s: Scenario, b: ModelBuilder, st: StageCols, p: Person, taken: dict[str, list[ExtensionCol]]
) -> None:
    """Renewal columns of a squad player this window: options open now, while his contract
    runs; the signing-on fee is this window's money."""
    stage = st.stage
    if not isinstance(p, Player) or p.contract_until is None or stage.closes > p.contract_until:
        return
    cols = [
        ExtensionCol(b.binary(f"extend[{p.id},{k}]{name_suffix(s, stage)}"), k, e)
        for k, e in enumerate(s.extensions)
        if e.player == p.id and (e.window is None or e.window == stage.window)
    ]
    if cols:
        st.extend[p.id] = cols
        taken.setdefault(p.id, []).extend(cols)
        for ext in cols:
            st.net_spend.add(ext.col, ext.terms.fee)


def _held_options(s: Scenario, b: ModelBuilder, st: StageCols, p: Person) -> None:
    """Keep, sell, loan out, release and lapse columns of someone we hold entering window t;
    each adds its money to the window's net spend and its wage to the period's bill."""
    stage = st.stage
    at = name_suffix(s, stage)
    end = p.contract_until
    valid = stage.holds(end)
    renewable = any(e.player == p.id for e in s.extensions)
    if valid or renewable:
        k = st.keep[p.id] = b.binary(f"keep[{p.id}]{at}")
        st.wage_bill.add(k, p.wage)
    # With the accounts kept, a player signed within the horizon stays in it (no resale, no
    # release): his amortisation then depends only on the window he came in.
    signed_here = isinstance(p, Target) and accounting(s)
    # After his contract's end he can still be sold on a bid when renewed (rule 3's [valid]
    # row asks for the renewal); a sale at his value then would need the renewed contract's
    # value, so it is not offered.
    ended = end is not None and end < stage.closes
    if (not ended or renewable) and not signed_here:
        st.sell[p.id] = [
            SaleCol(b.binary(f"sell[{p.id},{'market' if o is None else o}]{at}"), o, fee)
            for o, fee in sale_options(s, p, stage)
            if not ended or o is not None
        ]
        for sale in st.sell[p.id]:
            parts = 1 if sale.offer is None else s.offers[sale.offer].instalments
            st.net_spend.add(sale.col, -sale.fee / parts)
    else:
        st.sell[p.id] = []
    st.loan_out[p.id] = []
    if valid or renewable:
        for o in loan_out_options(s, p, stage):
            offer = s.offers[o]
            saved = p.wage * offer.loan_wage_share
            col = b.binary(f"loan_out[{p.id},{o}]{at}")
            st.loan_out[p.id].append(LoanOutCol(col, o, offer.fee, saved))
            st.net_spend.add(col, -offer.fee)
            st.wage_bill.add(col, p.wage - saved)
    fee = None if signed_here else _payoff(s, p, stage)
    if fee is not None:
        col = b.binary(f"release[{p.id}]{at}")
        st.release[p.id] = (col, fee)
        st.net_spend.add(col, fee)
    if not valid:
        st.lapse[p.id] = b.binary(f"lapse[{p.id}]{at}")


def _payoff(s: Scenario, p: Person, stage: Stage) -> float | None:
    """The pay-off to release him in this window: ``release_fee`` in the first window, then
    pro rata to the contract time left; None when he cannot be released (no fee given, or
    his contract has ended)."""
    fee = getattr(p, "release_fee", None)
    if fee is None or p.contract_until is None or p.contract_until < stage.closes:
        return None
    first = stages(s)[0].closes
    left_then = (p.contract_until - stage.closes).days
    left_first = (p.contract_until - first).days
    return float(fee) if stage.index == 0 or left_first <= 0 else fee * left_then / left_first


def _deal_options(s: Scenario, b: ModelBuilder, st: StageCols, t: Target) -> tuple[int, ...]:
    """Buy, free-signing and loan-in columns of a target we do not hold, this window; he is
    bought or signed only on a contract that holds him for the window's period."""
    stage = st.stage
    at = name_suffix(s, stage)
    cols: list[int] = []
    signable = stage.holds(t.contract_until)
    fee = asking_fee(s, t, stage) if signable else None
    if fee is not None:
        c = b.binary(f"buy[{t.id}]{at}")
        st.buy[t.id] = (c, fee)
        st.net_spend.add(c, fee / t.instalments + t.agent_fee)  # the first part; later below
        st.wage_bill.add(c, t.wage)
        cols.append(c)
    if signable and can_sign_free(t, stage):
        c = st.free[t.id] = b.binary(f"free[{t.id}]{at}")
        st.net_spend.add(c, t.free_fee + t.agent_fee)
        st.wage_bill.add(c, t.wage)
        cols.append(c)
    if t.loan_fee is not None and (t.free_from is None or stage.closes < t.free_from):
        li = st.loan_in[t.id] = b.binary(f"loan_in[{t.id}]{at}")
        st.net_spend.add(li, t.loan_fee)
        st.wage_bill.add(li, t.wage * t.loan_wage_share)
        cols.append(li)
    return tuple(cols)


def _held_cols(st: StageCols, pid: str) -> list[int]:
    """The columns whose sum says we hold his contract after the window."""
    out = [st.keep[pid]] if pid in st.keep else []
    out += [loan.col for loan in st.loan_out.get(pid, [])]
    out += [st.buy[pid][0]] if pid in st.buy else []
    return out + ([st.free[pid]] if pid in st.free else [])


def _slots(
    s: Scenario, b: ModelBuilder, st: StageCols, people: list[tuple[Person, tuple[int, ...]]]
) -> None:
    formation = Counter(s.rules.formation)
    at = name_suffix(s, st.stage)
    for person, cols in people:
        mine: list[SlotCol] = []
        if cols and formation and fit_to_play(s, person, st.stage):
            for r, value in role_strengths(s, person, st.stage).items():
                if r not in formation:
                    continue
                for xi in (1, 2):
                    col = b.binary(f"x{xi}[{person.id},{r}]{at}")
                    mine.append(SlotCol(col, xi, person.id, r, value))
        st.slots.extend(mine)
        st.members.append(Membership(person, cols, tuple(mine)))


def _active_extensions(
    s: Scenario, b: ModelBuilder, out: list[StageCols], taken: dict[str, list[ExtensionCol]]
) -> list[ActiveExtension]:
    """One column per renewal column (option and window) and later stage he may be held in:
    the renewal is in force that period (its wage replaces his; his amortisation is
    re-spread; at the horizon, its value)."""
    active: list[ActiveExtension] = []
    for pid, cols in taken.items():
        player = s.player(pid)
        for ext in cols:
            first = next(st.stage.index for st in out if ext in st.extend.get(pid, []))
            for st in out[first:]:
                if pid not in st.held:
                    continue
                at = name_suffix(s, st.stage)
                name = f"renewed[{pid},{ext.option}]{at}"
                if s.window is None:
                    name = f"renewed[{pid},{ext.option},{out[first].stage.window}]{at}"
                col = b.binary(name)
                active.append(ActiveExtension(col, pid, st.stage.index, ext.option, first, ext.col))
                st.wage_bill.add(col, ext.terms.wage - player.wage)
    return active


def _spread_instalments(s: Scenario, out: list[StageCols]) -> list[tuple[int, float, dt.date]]:
    """The later parts of fees paid or received in instalments: into the cash of the window
    they fall due in, or (after the horizon) returned for the money objective."""
    later: list[tuple[int, float, dt.date]] = []
    for st in out:
        deals = [
            (col, fee, t.instalments)
            for t in s.targets
            for col, fee in [st.buy.get(t.id, (-1, 0.0))]
            if col >= 0
        ]
        for cols in st.sell.values():
            deals += [
                (sale.col, -sale.fee, s.offers[sale.offer].instalments)
                for sale in cols
                if sale.offer is not None
            ]
        for col, fee, parts in deals:
            if parts == 1:
                continue
            dues = due_dates(st.stage, parts)
            for (where, share), due in list(
                zip(instalment_windows(s, st.stage, parts), dues, strict=True)
            )[1:]:
                if where is None:
                    later.append((col, fee * share, due))
                else:
                    out[where].net_spend.add(col, fee * share)
    return later


def _accounts(s: Scenario, out: list[StageCols], active: list[ActiveExtension]) -> None:
    """The accounts' expressions, stage by stage (:mod:`models.accounts`): each period's
    amortisation (a year), each window's expensed fees, loan income and profit on disposals."""
    squad = {p.id: squad_amortisation(s, p) for p in s.squad}
    for st in out:
        stage = st.stage
        for pid, terms in st.held.items():
            if pid in squad:
                rate = period_rate(squad[pid], stage)
                for col, coef in terms:
                    st.amortisation.add(col, rate * coef)
        for pid in st.held_before:
            if pid not in squad:
                continue
            book = squad[pid].at(stage.closes)
            profit = st.disposals.setdefault(pid, LinearExpr())
            for sale in st.sell.get(pid, []):
                profit.add(sale.col, sale.fee - book)
            if pid in st.release:
                col, payoff = st.release[pid]
                profit.add(col, -book)
                st.expensed.add(col, payoff)
            for loan in st.loan_out.get(pid, []):
                st.loan_income.add(loan.col, loan.fee)
        for t in s.targets:
            if t.id in st.buy:
                col, fee = st.buy[t.id]
                st.expensed.add(col, t.agent_fee)
                path = signing_amortisation(t, fee, stage)
                for later in out[stage.index :]:
                    later.amortisation.add(col, period_rate(path, later.stage))
            if t.id in st.free:
                st.expensed.add(st.free[t.id], t.free_fee + t.agent_fee)
            if t.id in st.loan_in and t.loan_fee is not None:
                st.expensed.add(st.loan_in[t.id], t.loan_fee)
        for cols in st.extend.values():
            for ext in cols:
                st.expensed.add(ext.col, ext.terms.fee)
    for a in active:
        before = squad[a.player]
        renewed = renewed_amortisation(before, out[a.taken].stage, s.extensions[a.option].until)
        st = out[a.stage]
        gap = period_rate(renewed, st.stage) - period_rate(before, st.stage)
        st.amortisation.add(a.col, gap)
        # Leaving in the next window writes off the renewed book value, not the old one:
        # (in force now - in force next) = 1 exactly when he leaves then.
        if a.stage + 1 < len(out):
            nxt = out[a.stage + 1]
            shift = renewed.at(nxt.stage.closes) - before.at(nxt.stage.closes)
            profit = nxt.disposals.setdefault(a.player, LinearExpr())
            profit.add(a.col, -shift)
            follow = next(
                (x for x in active if x.extend == a.extend and x.stage == a.stage + 1), None
            )
            if follow is not None:
                profit.add(follow.col, shift)
