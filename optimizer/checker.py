"""The independent plan checker.

It recomputes everything a plan claims from the scenario and the plan's moves and XIs alone
(never from the model or the solver's values): that each move is allowed and priced as the
scenario says, who is in the squad afterwards, money, wages, coverage, squad size,
registration, signing and loan limits, group limits, locks, the two XIs, and every objective
term. Every plan passes it before it is returned; a failure is a bug and raises.
"""

from __future__ import annotations

from collections import Counter

from models.groups import column_key, shown, wanted_key
from models.people import Person
from models.plan import Action, Plan
from models.quantities import (
    covers,
    fit_to_play,
    is_senior,
    residual_value,
    strength,
)
from models.scenario import Scenario

TOL = 1e-6


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def check_plan(s: Scenario, plan: Plan) -> list[str]:
    """Every rule the plan breaks, in words; empty when it is sound."""
    bad: list[str] = []
    if not plan.status.has_plan:
        return bad if not plan.moves else [f"a {plan.status} result carries moves"]
    squad = {p.id: p for p in s.squad}
    targets = {t.id: t for t in s.targets}

    gross = income = 0.0
    wage_bill = sum(p.wage for p in s.squad)
    residual = 0.0
    left: set[str] = set()
    loaned_out: set[str] = set()
    came: dict[str, Person] = {}
    bought: set[str] = set()
    loaned_in: set[str] = set()
    seen: Counter[str] = Counter(m.player for m in plan.moves)
    for pid, n in seen.items():
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
                    elif p.market_value is None or not _close(m.fee, p.market_value):
                        bad.append(f"{p.id} sold at {m.fee}, not his market value")
                else:
                    o = s.offers[m.offer]
                    if o.player != p.id or o.kind != "sale" or not _close(o.fee, m.fee):
                        bad.append(f"{p.id} sold on offer {m.offer}, which does not say so")
                wage_bill -= p.wage
                left.add(p.id)
            else:
                if not p.loanable:
                    bad.append(f"{p.id} loaned out but not loanable")
                loan = s.offers[m.offer] if m.offer is not None else None
                if (
                    loan is None
                    or loan.player != p.id
                    or loan.kind != "loan"
                    or not _close(loan.fee, m.fee)
                ):
                    bad.append(f"{p.id} loaned out on offer {m.offer}, which does not say so")
                    continue
                wage_bill -= p.wage * loan.loan_wage_share
                residual += residual_value(s, p)
                loaned_out.add(p.id)
            income += m.fee
        else:
            t = targets.get(m.player)
            if t is None:
                bad.append(f"{m.action} of {m.player}, who is not a target")
                continue
            if m.action == Action.BUY:
                if not _close(m.fee, t.fee):
                    bad.append(f"{t.id} bought for {m.fee}, not his fee {t.fee}")
                wage_bill += t.wage
                residual += residual_value(s, t)
                bought.add(t.id)
            else:
                if t.loan_fee is None:
                    bad.append(f"{t.id} loaned in but not available on loan")
                    continue
                if not _close(m.fee, t.loan_fee):
                    bad.append(f"{t.id} loaned in for {m.fee}, not his loan fee {t.loan_fee}")
                wage_bill += t.wage * t.loan_wage_share
                loaned_in.add(t.id)
            gross += m.fee
            came[t.id] = t

    kept = [p for p in s.squad if p.id not in left and p.id not in loaned_out]
    residual += sum(residual_value(s, p) for p in kept)
    members: dict[str, Person] = {p.id: p for p in kept} | came
    if set(members) != {m.player for m in plan.squad}:
        bad.append("the squad listed is not the squad the moves leave")

    # Money and wages (rules 7, 8).
    net = gross - income
    budget = s.rules.budget
    if budget.net_spend is not None and net > budget.net_spend + TOL:
        bad.append(f"net spend {net:.3f} is over the budget {budget.net_spend}")
    if budget.wage_bill is not None and wage_bill > budget.wage_bill + TOL:
        bad.append(f"wage bill {wage_bill:.3f} is over the limit {budget.wage_bill}")
    if plan.finance is None:
        bad.append("a plan without finance")
    else:
        f = plan.finance
        for label, claimed, actual in (
            ("gross spend", f.gross_spend, gross),
            ("income", f.income, income),
            ("net spend", f.net_spend, net),
            ("wage bill after", f.wage_bill_after, wage_bill),
        ):
            if not _close(claimed, actual):
                bad.append(f"{label} reported {claimed}, recomputed {actual}")

    # Coverage (6), size (9), registration (10, 11), limits (12-14).
    for role, need in s.rules.coverage.items():
        have = sum(1 for p in members.values() if covers(s, p, role))
        if have < need:
            bad.append(f"coverage {role}: {have} fit players, {need} required")
    size = s.rules.squad_size
    if size.min is not None and len(members) < size.min:
        bad.append(f"squad of {len(members)} is under the minimum {size.min}")
    if size.max is not None and len(members) > size.max:
        bad.append(f"squad of {len(members)} is over the maximum {size.max}")
    reg = s.rules.registration
    if reg.max_senior is not None or reg.max_non_homegrown is not None:
        seniors = [p for p in members.values() if is_senior(s, p)]
        if reg.max_senior is not None and len(seniors) > reg.max_senior:
            bad.append(f"{len(seniors)} senior players registered, limit {reg.max_senior}")
        foreign = sum(1 for p in seniors if not p.homegrown)
        if reg.max_non_homegrown is not None and foreign > reg.max_non_homegrown:
            bad.append(f"{foreign} non-homegrown seniors, limit {reg.max_non_homegrown}")
    if s.rules.max_signings is not None and len(bought) > s.rules.max_signings:
        bad.append(f"{len(bought)} signings, limit {s.rules.max_signings}")
    if s.rules.max_loans_in is not None and len(loaned_in) > s.rules.max_loans_in:
        bad.append(f"{len(loaned_in)} loans in, limit {s.rules.max_loans_in}")
    for limit in s.rules.groups:
        counts = Counter(column_key(p, limit.column, s.age_reference) for p in members.values())
        wanted = wanted_key(s, limit)
        for key, n in counts.items():
            if key is not None and (wanted is None or key == wanted) and n > limit.max:
                bad.append(f"{n} members with {limit.column}={shown(key)}, limit {limit.max}")

    # Locks (15).
    for pid in s.locks.keep:
        if pid not in members:
            bad.append(f"{pid} is locked to stay but leaves")
    for pid in s.locks.sell:
        if pid not in left:
            bad.append(f"{pid} is locked to be sold but is not")
    for pid in s.locks.sign:
        if pid not in members:
            bad.append(f"{pid} is locked to be signed but is not")
    for pid in s.locks.never_sign:
        if pid in members:
            bad.append(f"{pid} is banned but signed")

    # The XIs (3-5) and the objective.
    formation = Counter(s.rules.formation)
    used: Counter[str] = Counter()
    xi_strength = []
    for label, xi in (("first XI", plan.first_xi), ("second XI", plan.second_xi)):
        total = 0.0
        for role, n in Counter(a.slot for a in xi).items():
            if n > formation.get(role, 0):
                bad.append(f"{label} fills {n} {role} slots, the formation has {formation[role]}")
        for a in xi:
            used[a.player] += 1
            member = members.get(a.player)
            if member is None:
                bad.append(f"{label}: {a.player} is not in the squad")
                continue
            if a.slot not in member.positions or not fit_to_play(s, member):
                bad.append(f"{label}: {a.player} cannot fill {a.slot}")
            own = strength(s, member, a.slot)
            if not _close(own, a.strength):
                bad.append(f"{label}: {a.player} strength {a.strength}, recomputed {own}")
            total += own
        xi_strength.append(total)
    for pid, n in used.items():
        if n > 1:
            bad.append(f"{pid} fills {n} XI slots")

    w = s.objective
    recomputed = {
        "first_xi": xi_strength[0],
        "second_xi": xi_strength[1],
        "squad_rating": sum(p.rating for p in members.values()),
        "money": net,
        "wages": wage_bill,
        "residual_value": residual,
    }
    total = (
        w.first_xi * recomputed["first_xi"]
        + w.second_xi * recomputed["second_xi"]
        + w.squad_rating * recomputed["squad_rating"]
        + w.residual_value * recomputed["residual_value"]
        - w.money * recomputed["money"]
        - w.wages * recomputed["wages"]
    )
    for term_name, amount in recomputed.items():
        term = plan.objective_terms.get(term_name)
        if term is None or not _close(term.value, amount):
            reported = None if term is None else term.value
            bad.append(f"objective term {term_name} reported {reported}, recomputed {amount}")
    if plan.objective is None or abs(plan.objective - total) > 1e-5 * max(1.0, abs(total)):
        bad.append(f"objective reported {plan.objective}, recomputed {total}")
    return bad
