"""The independent checker's first step: replay a plan's moves against the scenario.

From the scenario and the plan's moves alone (never the model or a solver's values) it
works out whether each move is allowed and priced as the scenario says, who is in the squad
afterwards, money in and out, the wage bill and the residual value. The rule families'
``check`` methods then judge the replayed plan (:mod:`optimizer.checker`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from models.moves import Action
from models.people import Person
from models.plan import Plan
from models.quantities import residual_value
from models.scenario import Scenario

TOL = 1e-6


def close(a: float, b: float) -> bool:
    """Equal up to float rounding relative to their size."""
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


@dataclass
class Replay:
    plan: Plan
    members: dict[str, Person] = field(default_factory=dict)  # the squad after the window
    sold: set[str] = field(default_factory=set)
    loaned_out: set[str] = field(default_factory=set)
    bought: set[str] = field(default_factory=set)
    loaned_in: set[str] = field(default_factory=set)
    gross: float = 0.0  # fees paid
    income: float = 0.0  # fees received
    wage_bill: float = 0.0  # annual, after the window
    residual: float = 0.0  # asset value at horizon_end of the players still ours
    problems: list[str] = field(default_factory=list)  # moves the scenario does not allow

    @property
    def net_spend(self) -> float:
        return self.gross - self.income


def replay(s: Scenario, plan: Plan) -> Replay:
    """The plan's moves played out on the scenario."""
    out = Replay(plan=plan, wage_bill=sum(p.wage for p in s.squad))
    bad = out.problems
    squad = {p.id: p for p in s.squad}
    targets = {t.id: t for t in s.targets}
    came: dict[str, Person] = {}
    for pid, n in Counter(m.player for m in plan.moves).items():
        if n > 1:
            bad.append(f"{pid} moves {n} times")
    for m in plan.moves:
        if m.action in (Action.SELL, Action.LOAN_OUT):
            p = squad.get(m.player)
            if p is None:
                bad.append(f"{m.action} of {m.player}, who is not in the squad")
                continue
            if m.action == Action.SELL:
                if not p.sellable:
                    bad.append(f"{p.id} is sold but not sellable")
                if m.offer is None:
                    if not s.rules.sell_without_offer:
                        bad.append(f"{p.id} sold without an offer, which the rules forbid")
                    elif p.market_value is None or not close(m.fee, p.market_value):
                        bad.append(f"{p.id} sold at {m.fee}, not his market value")
                else:
                    o = s.offers[m.offer]
                    if o.player != p.id or o.kind != "sale" or not close(o.fee, m.fee):
                        bad.append(f"{p.id} sold on offer {m.offer}, which does not say so")
                out.wage_bill -= p.wage
                out.sold.add(p.id)
            else:
                if not p.loanable:
                    bad.append(f"{p.id} loaned out but not loanable")
                loan = s.offers[m.offer] if m.offer is not None else None
                if (
                    loan is None
                    or loan.player != p.id
                    or loan.kind != "loan"
                    or not close(loan.fee, m.fee)
                ):
                    bad.append(f"{p.id} loaned out on offer {m.offer}, which does not say so")
                    continue
                out.wage_bill -= p.wage * loan.loan_wage_share
                out.residual += residual_value(s, p)
                out.loaned_out.add(p.id)
            out.income += m.fee
        else:
            t = targets.get(m.player)
            if t is None:
                bad.append(f"{m.action} of {m.player}, who is not a target")
                continue
            if m.action == Action.BUY:
                if not close(m.fee, t.fee):
                    bad.append(f"{t.id} bought for {m.fee}, not his fee {t.fee}")
                out.wage_bill += t.wage
                out.residual += residual_value(s, t)
                out.bought.add(t.id)
            else:
                if t.loan_fee is None:
                    bad.append(f"{t.id} loaned in but not available on loan")
                    continue
                if not close(m.fee, t.loan_fee):
                    bad.append(f"{t.id} loaned in for {m.fee}, not his loan fee {t.loan_fee}")
                out.wage_bill += t.wage * t.loan_wage_share
                out.loaned_in.add(t.id)
            out.gross += m.fee
            came[t.id] = t

    kept = [p for p in s.squad if p.id not in out.sold and p.id not in out.loaned_out]
    out.residual += sum(residual_value(s, p) for p in kept)
    out.members = {p.id: p for p in kept} | came
    if set(out.members) != {m.player for m in plan.squad}:
        bad.append("the squad listed is not the squad the moves leave")
    return out
