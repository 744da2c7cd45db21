"""Turn a backend's raw solution into a :class:`models.plan.Plan`.

Values are read only from a solve that has a plan (optimal or feasible); for any other
status the plan carries the status and no moves.
"""

from __future__ import annotations

from models.people import Person
from models.plan import (
    Action,
    CoverageRow,
    Finance,
    Member,
    Move,
    ObjectiveTerm,
    Plan,
    SlotAssignment,
    SolverInfo,
    Via,
)
from models.quantities import covers, fit_share
from optimizer.backends.base import RawResult, relative_gap
from optimizer.formulation import Formulation
from optimizer.objective import TERMS


def extract(form: Formulation, raw: RawResult, solver: SolverInfo) -> Plan:
    s = form.scenario
    base = {"scenario": s.name, "status": raw.status, "solver": solver}
    if not raw.status.has_plan or raw.x is None:
        return Plan(**base, objective=None, bound=None, gap=None)
    on = raw.x > 0.5
    cols = form.cols
    moves: list[Move] = []
    members: list[Member] = []
    for p in s.squad:
        for sale in cols.sell[p.id]:
            if on[sale.col]:
                club = "market" if sale.offer is None else s.offers[sale.offer].club
                moves.append(
                    Move(
                        player=p.id,
                        name=p.label,
                        action=Action.SELL,
                        counterparty=club,
                        fee=sale.fee,
                        wage_change=-p.wage,
                        offer=sale.offer,
                    )
                )
        for loan in cols.loan_out[p.id]:
            if on[loan.col]:
                moves.append(
                    Move(
                        player=p.id,
                        name=p.label,
                        action=Action.LOAN_OUT,
                        counterparty=s.offers[loan.offer].club,
                        fee=loan.fee,
                        wage_change=-loan.wage_saved,
                        offer=loan.offer,
                    )
                )
        if on[cols.keep[p.id]]:
            members.append(_member(form, p, Via.KEPT))
    for t in s.targets:
        if on[cols.buy[t.id]]:
            moves.append(
                Move(
                    player=t.id,
                    name=t.label,
                    action=Action.BUY,
                    counterparty=t.club,
                    fee=t.fee,
                    wage_change=t.wage,
                )
            )
            members.append(_member(form, t, Via.BOUGHT))
        li = cols.loan_in.get(t.id)
        if li is not None and on[li] and t.loan_fee is not None:
            moves.append(
                Move(
                    player=t.id,
                    name=t.label,
                    action=Action.LOAN_IN,
                    counterparty=t.club,
                    fee=t.loan_fee,
                    wage_change=t.wage * t.loan_wage_share,
                )
            )
            members.append(_member(form, t, Via.LOANED_IN))

    names = {m.player: m.name for m in members}
    order = {r: k for k, r in enumerate(s.rules.formation)}
    xis: dict[int, list[SlotAssignment]] = {1: [], 2: []}
    for slot in cols.slots:
        if on[slot.col]:
            xis[slot.xi].append(
                SlotAssignment(
                    slot=slot.role,
                    player=slot.player,
                    name=names[slot.player],
                    strength=slot.strength,
                )
            )
    for xi in xis.values():
        xi.sort(key=lambda a: (order[a.slot], -a.strength, a.player))

    x = raw.x.round()
    values = form.term_values(x)
    terms = {
        term.name: ObjectiveTerm(
            weight=term.weight(s),
            value=values[term.name],
            contribution=term.sign * term.weight(s) * values[term.name],
        )
        for term in TERMS
    }
    gross = sum(m.fee for m in moves if m.action in (Action.BUY, Action.LOAN_IN))
    income = sum(m.fee for m in moves if m.action in (Action.SELL, Action.LOAN_OUT))
    wage_before = sum(p.wage for p in s.squad)
    finance = Finance(
        gross_spend=gross,
        income=income,
        net_spend=gross - income,
        budget=s.rules.budget.net_spend,
        wage_bill_before=wage_before,
        wage_bill_after=values["wages"],
        wage_budget=s.rules.budget.wage_bill,
    )
    # The plan's worth is recomputed from the rounded 0/1 values, not taken from the solver's
    # floating-point objective; the bound is the solver's proof of how good any plan can be.
    objective = sum(t.contribution for t in terms.values()) + form.model.objective_offset
    bound = None if raw.bound is None else max(raw.bound, objective)
    gap = relative_gap(bound, objective, raw.tolerance)
    return Plan(
        **base,
        objective=objective,
        bound=bound,
        gap=gap,
        moves=tuple(moves),
        squad=tuple(members),
        first_xi=tuple(xis[1]),
        second_xi=tuple(xis[2]),
        finance=finance,
        coverage=coverage_rows(form, {m.player for m in members}),
        objective_terms=terms,
    )


def _member(form: Formulation, p: Person, via: Via) -> Member:
    return Member(
        player=p.id,
        name=p.label,
        via=via,
        positions=dict(p.positions),
        rating=p.rating,
        fit_share=fit_share(form.scenario, p),
    )


def coverage_rows(form: Formulation, after: set[str]) -> tuple[CoverageRow, ...]:
    s = form.scenario
    people = list(s.squad) + list(s.targets)
    before = {p.id for p in s.squad}
    rows = []
    for r in s.roles:
        able = [p.id for p in people if covers(s, p, r)]
        rows.append(
            CoverageRow(
                role=r,
                required=s.rules.coverage.get(r),
                available_before=sum(1 for pid in able if pid in before),
                available_after=sum(1 for pid in able if pid in after),
            )
        )
    return tuple(rows)
