"""The independent checker's first step: replay a plan's moves against the scenario, window by
window.

From the scenario and the plan's moves alone (never the model or a solver's values) it works
out, for each window, whether each move is allowed and priced as the scenario says then (an
offer of that window, the value path, the asking fee, a free agent, a renewal option, a
release pay-off), whose contracts run out (they must leave, listed as ``expire``), who is in
the squad each period, money in and out per window, each period's wage bill and the residual
value at the horizon. The rule families' ``check`` methods then judge the replayed plan
(:mod:`optimizer.checker`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from models.accounts import (
    Amortisation,
    accounting,
    due_dates,
    instalment_windows,
    period_rate,
    renewed_amortisation,
    signing_amortisation,
    squad_amortisation,
)
from models.horizon import Stage, season_share, stages
from models.moves import Action, Move
from models.people import Person, Player, Target
from models.plan import Plan, SlotAssignment
from models.quantities import asking_fee, can_sign_free, residual_value, value_at
from models.scenario import Scenario

TOL = 1e-6


def close(a: float, b: float) -> bool:
    """Equal up to float rounding relative to their size."""
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def over(value: float, limit: float) -> bool:
    """Above ``limit`` by more than float rounding and the solver's feasibility tolerance,
    relative to their size. (Regression: an absolute 1e-6 refused HiGHS's plan 1.5e-5 over
    a 60 m budget, a threshold scan at a fee of 5.99998 failing with "net spend 60.000 is
    over the budget 60.0".)"""
    return value > limit + TOL * max(1.0, abs(value), abs(limit))


@dataclass
class WindowReplay:
    stage: Stage
    where: str  # "" in a one-window scenario, else " in <window>"
    sold: set[str] = field(default_factory=set)
    loaned_out: set[str] = field(default_factory=set)
    released: set[str] = field(default_factory=set)
    expired: set[str] = field(default_factory=set)
    bought: set[str] = field(default_factory=set)
    signed_free: set[str] = field(default_factory=set)
    loaned_in: set[str] = field(default_factory=set)
    extended: set[str] = field(default_factory=set)
    gross: float = 0.0  # cash paid in the window (instalments of earlier deals included)
    income: float = 0.0  # cash received in it
    expensed: float = 0.0  # agents', loan, signing-on and renewal fees, pay-offs (accounts)
    profits: dict[str, float] = field(default_factory=dict)  # on a sale or a write-off, each
    loan_income: float = 0.0  # loan fees received (accounts)

    @property
    def disposals(self) -> float:
        return sum(self.profits.values())

    @property
    def net_spend(self) -> float:
        return self.gross - self.income

    @property
    def came(self) -> set[str]:
        return self.bought | self.signed_free | self.loaned_in


@dataclass
class PeriodReplay:
    stage: Stage
    where: str  # "" in a one-window scenario, else " in <period>"
    members: dict[str, Person] = field(default_factory=dict)
    first_xi: tuple[SlotAssignment, ...] = ()
    second_xi: tuple[SlotAssignment, ...] = ()
    wage_bill: float = 0.0  # annual
    amortisation: float = 0.0  # a year (accounts)


@dataclass
class SeasonAccounts:
    """A season's accounts (annual rates pro rata over its periods, plus its windows')."""

    season: str
    wages: float = 0.0
    amortisation: float = 0.0
    expensed: float = 0.0
    profit: float = 0.0  # on disposals
    loan_income: float = 0.0
    other: float = 0.0  # the scenario's other_squad_cost

    @property
    def squad_cost(self) -> float:
        return self.wages + self.amortisation + self.expensed + self.other


@dataclass
class Replay:
    plan: Plan
    windows: list[WindowReplay] = field(default_factory=list)
    periods: list[PeriodReplay] = field(default_factory=list)
    residual: float = 0.0  # asset value at horizon_end of the players still ours
    problems: list[str] = field(default_factory=list)  # moves the scenario does not allow
    seasons: list[SeasonAccounts] = field(default_factory=list)  # when the accounts are kept
    later_cash: list[tuple[float, dt.date]] = field(default_factory=list)  # after the horizon

    @property
    def net_spend(self) -> float:
        return sum(w.net_spend for w in self.windows)


@dataclass
class _Contract:
    person: Person
    until: dt.date | None
    wage: float
    renewed: bool = False
    book: Amortisation | None = None  # his book value's path (accounts)


def replay(s: Scenario, plan: Plan) -> Replay:
    """The plan's moves played out on the scenario."""
    out = Replay(plan=plan)
    bad = out.problems
    one = s.window is not None
    all_stages = stages(s)
    names = [st.window for st in all_stages]
    by_window: dict[str, list[Move]] = {name: [] for name in names}
    for m in plan.moves:
        name = m.window or names[0]
        if name not in by_window:
            bad.append(f"{m.action} of {m.player} in {name}, which is not a window")
            continue
        by_window[name].append(m)
    targets = {t.id: t for t in s.targets}
    books = accounting(s)
    held: dict[str, _Contract] = {
        p.id: _Contract(
            p, p.contract_until, p.wage, book=squad_amortisation(s, p) if books else None
        )
        for p in s.squad
    }
    lineups = _lineups(plan, len(all_stages))
    scheduled: dict[int, list[float]] = {}  # window -> later instalments (+ paid, - received)
    for stage in all_stages:
        w = WindowReplay(stage, "" if one else f" in {stage.window}")
        for amount in scheduled.pop(stage.index, []):
            if amount >= 0:
                w.gross += amount
            else:
                w.income -= amount
        loaned_out: dict[str, float] = {}  # pid -> share of his wage the borrower pays
        # A renewal is not a move of its own: he may be renewed and loaned out in one window
        # (rule 3's renew_held), and the renewal holds him for the loan's period.
        moves = by_window[stage.window]
        for pid, n in Counter(m.player for m in moves if m.action != Action.EXTEND).items():
            if n > 1:
                bad.append(f"{pid} moves {n} times{w.where}")
        for m in sorted(moves, key=lambda m: m.action != Action.EXTEND):
            if m.action in (Action.BUY, Action.LOAN_IN, Action.SIGN_FREE):
                _incoming(s, m, targets.get(m.player), held, w, bad)
            else:
                _outgoing(s, m, held, w, loaned_out, bad)
            _instalments(s, m, w, scheduled, out.later_cash)
        for pid, contract in held.items():
            if not stage.holds(contract.until) and pid not in w.expired:
                bad.append(
                    f"{pid}'s contract ends {contract.until}, before {stage.period} ends: he "
                    f"leaves for nothing{w.where} (an expire move is missing)"
                )
        for pid in w.expired:
            held.pop(pid, None)
        period = PeriodReplay(stage, "" if one else f" in {stage.period}")
        period.first_xi, period.second_xi = lineups[stage.index]
        for pid, contract in held.items():
            if pid in loaned_out:
                period.wage_bill += contract.person.wage * (1 - loaned_out[pid])
                period.wage_bill += contract.wage - contract.person.wage
            else:
                period.members[pid] = contract.person
                period.wage_bill += contract.wage
            if contract.book is not None:
                period.amortisation += period_rate(contract.book, stage)
        for pid in w.loaned_in:
            t = targets[pid]
            period.members[pid] = t
            period.wage_bill += t.wage * t.loan_wage_share
        out.windows.append(w)
        out.periods.append(period)
    for contract in held.values():
        until = contract.until if contract.renewed else None
        out.residual += residual_value(s, contract.person, until)
    if books:
        out.seasons = _seasons(s, out)
    listed = {m.player for m in plan.squad}
    if set(out.periods[0].members) != listed:
        bad.append("the squad listed is not the squad the moves leave")
    return out


def _lineups(
    plan: Plan, n: int
) -> list[tuple[tuple[SlotAssignment, ...], tuple[SlotAssignment, ...]]]:
    """Each period's XIs: the first period's from the top of the plan (what it shows), the
    others from its timeline."""
    out = [(plan.first_xi, plan.second_xi)]
    periods = plan.timeline.periods if plan.timeline is not None else ()
    for k in range(1, n):
        p = periods[k] if k < len(periods) else None
        out.append((p.first_xi, p.second_xi) if p is not None else ((), ()))
    return out


def _incoming(
    s: Scenario,
    m: Move,
    t: Target | None,
    held: dict[str, _Contract],
    w: WindowReplay,
    bad: list[str],
) -> None:
    if t is None:
        bad.append(f"{m.action} of {m.player}, who is not a target")
        return
    if t.id in held:
        bad.append(f"{m.action} of {t.id}{w.where}, whom we already hold")
        return
    stage = w.stage
    if m.action in (Action.BUY, Action.SIGN_FREE) and not stage.holds(t.contract_until):
        bad.append(
            f"{t.id} signed{w.where} on a contract to {t.contract_until}, which ends before "
            f"{stage.period} ends"
        )
        return
    if m.action == Action.BUY:
        fee = asking_fee(s, t, stage)
        if fee is None:
            bad.append(f"{t.id} bought{w.where}, but he is a free agent by then")
            return
        if not close(m.fee, fee):
            bad.append(f"{t.id} bought for {m.fee}, not his fee {fee}")
        book = signing_amortisation(t, fee, stage) if accounting(s) else None
        held[t.id] = _Contract(t, t.contract_until, t.wage, book=book)
        w.bought.add(t.id)
        w.expensed += t.agent_fee
        w.gross += m.fee / t.instalments + t.agent_fee
        return
    elif m.action == Action.SIGN_FREE:
        if not can_sign_free(t, stage):
            bad.append(f"{t.id} signed on a free{w.where}, but his contract has not ended")
            return
        if not close(m.fee, t.free_fee):
            bad.append(f"{t.id} signed free for {m.fee}, not his signing-on fee {t.free_fee}")
        book = signing_amortisation(t, 0.0, stage) if accounting(s) else None
        held[t.id] = _Contract(t, t.contract_until, t.wage, book=book)
        w.signed_free.add(t.id)
        w.expensed += t.free_fee + t.agent_fee
        w.gross += t.agent_fee
    else:
        if t.loan_fee is None or (t.free_from is not None and stage.closes >= t.free_from):
            bad.append(f"{t.id} loaned in but not available on loan")
            return
        if not close(m.fee, t.loan_fee):
            bad.append(f"{t.id} loaned in for {m.fee}, not his loan fee {t.loan_fee}")
        w.loaned_in.add(t.id)
        w.expensed += m.fee
    w.gross += m.fee


def _outgoing(
    s: Scenario,
    m: Move,
    held: dict[str, _Contract],
    w: WindowReplay,
    loaned_out: dict[str, float],
    bad: list[str],
) -> None:
    contract = held.get(m.player)
    if contract is None:
        bad.append(f"{m.action} of {m.player}, who is not in the squad{w.where}")
        return
    p, stage = contract.person, w.stage
    running = contract.until is None or contract.until >= stage.closes
    if m.action == Action.SELL:
        if not getattr(p, "sellable", True):
            bad.append(f"{p.id} is sold but not sellable")
        if not running:
            bad.append(f"{p.id} sold{w.where}, after his contract ended")
        if m.offer is None:
            value = p.market_value if stage.index == 0 else value_at(s, p, stage.closes)
            if not s.rules.sell_without_offer:
                bad.append(f"{p.id} sold without an offer, which the rules forbid")
            elif value is None or not close(m.fee, value):
                bad.append(f"{p.id} sold at {m.fee}, not his market value")
        elif not _offer_says(s, m, "sale", stage):
            bad.append(f"{p.id} sold on offer {m.offer}, which does not say so")
        if contract.book is not None:
            if isinstance(p, Target):
                bad.append(f"{p.id} sold{w.where}: a player signed within the horizon stays")
            w.profits[p.id] = m.fee - contract.book.at(stage.closes)
        held.pop(p.id)
        w.sold.add(p.id)
        parts = (
            1
            if m.offer is None or not 0 <= m.offer < len(s.offers)
            else s.offers[m.offer].instalments
        )
        w.income += m.fee / parts
    elif m.action == Action.LOAN_OUT:
        if not getattr(p, "loanable", True):
            bad.append(f"{p.id} loaned out but not loanable")
        if m.offer is None or not _offer_says(s, m, "loan", stage):
            bad.append(f"{p.id} loaned out on offer {m.offer}, which does not say so")
            return
        loaned_out[p.id] = s.offers[m.offer].loan_wage_share
        w.loaned_out.add(p.id)
        w.income += m.fee
        w.loan_income += m.fee
    elif m.action == Action.RELEASE:
        _release(s, m, contract, w, bad)
        if contract.book is not None:
            w.profits[p.id] = -contract.book.at(stage.closes)
        held.pop(p.id)
        w.released.add(p.id)
        w.gross += m.fee
        w.expensed += m.fee
    elif m.action == Action.EXPIRE:
        if stage.holds(contract.until):
            bad.append(f"{p.id} listed as expiring{w.where}, but his contract runs")
        w.expired.add(p.id)
    elif m.action == Action.EXTEND:
        _extend(s, m, contract, w, bad)
        w.gross += m.fee
        w.expensed += m.fee


def _offer_says(s: Scenario, m: Move, kind: str, stage: Stage) -> bool:
    if m.offer is None or not 0 <= m.offer < len(s.offers):
        return False
    o = s.offers[m.offer]
    window = o.window or stages(s)[0].window
    return (
        o.player == m.player and o.kind == kind and close(o.fee, m.fee) and window == stage.window
    )


def _release(s: Scenario, m: Move, contract: _Contract, w: WindowReplay, bad: list[str]) -> None:
    p, stage = contract.person, w.stage
    fee = getattr(p, "release_fee", None)
    if fee is None or p.contract_until is None or p.contract_until < stage.closes:
        bad.append(f"{p.id} released{w.where}, which his contract does not allow")
        return
    first = stages(s)[0].closes
    left_first = (p.contract_until - first).days
    due = (
        fee
        if stage.index == 0 or left_first <= 0
        else fee * (p.contract_until - stage.closes).days / left_first
    )
    if not close(m.fee, due):
        bad.append(f"{p.id} released for {m.fee}, not the pay-off {due}")


def _extend(s: Scenario, m: Move, contract: _Contract, w: WindowReplay, bad: list[str]) -> None:
    p, stage = contract.person, w.stage
    k = m.option
    if not isinstance(p, Player) or k is None or not 0 <= k < len(s.extensions):
        bad.append(f"{m.player} extended on option {k}, which does not exist")
        return
    option = s.extensions[k]
    if option.player != p.id or (option.window is not None and option.window != stage.window):
        bad.append(f"{p.id} extended on option {k}{w.where}, which does not say so")
    if contract.renewed:
        bad.append(f"{p.id} extended twice")
    if p.contract_until is None or stage.closes > p.contract_until:
        bad.append(f"{p.id} extended{w.where}, after his contract ended")
    if not close(m.fee, option.fee):
        bad.append(f"{p.id} extended for a fee of {m.fee}, not {option.fee}")
    contract.until, contract.wage, contract.renewed = option.until, option.wage, True
    if contract.book is not None:
        contract.book = renewed_amortisation(contract.book, stage, option.until)
    w.extended.add(p.id)


def _instalments(
    s: Scenario,
    m: Move,
    w: WindowReplay,
    scheduled: dict[int, list[float]],
    later: list[tuple[float, dt.date]],
) -> None:
    """A fee paid (a signing) or received (a sale on a bid) in yearly parts: the parts after
    the first go to the window they fall due in, or after the horizon."""
    if m.action == Action.BUY:
        parts, sign = next((t.instalments for t in s.targets if t.id == m.player), 1), 1.0
    elif m.action == Action.SELL and m.offer is not None and 0 <= m.offer < len(s.offers):
        parts, sign = s.offers[m.offer].instalments, -1.0
    else:
        return
    if parts == 1:
        return
    windows = instalment_windows(s, w.stage, parts)
    for (where, share), due in list(zip(windows, due_dates(w.stage, parts), strict=True))[1:]:
        if where is None:
            later.append((sign * m.fee * share, due))
        else:
            scheduled.setdefault(where, []).append(sign * m.fee * share)


def _seasons(s: Scenario, out: Replay) -> list[SeasonAccounts]:
    seasons: dict[str, SeasonAccounts] = {}
    for w, period in zip(out.windows, out.periods, strict=True):
        stage = period.stage
        acc = seasons.setdefault(
            stage.season,
            SeasonAccounts(stage.season, other=s.other_squad_cost.get(stage.season, 0)),
        )
        share = season_share(s, stage)
        acc.wages += share * period.wage_bill
        acc.amortisation += share * period.amortisation
        acc.expensed += w.expensed
        acc.profit += w.disposals
        acc.loan_income += w.loan_income
    return list(seasons.values())
