"""Turn a backend's raw solution into a :class:`models.plan.Plan`, window by window.

Values are read only from a solve that has a plan (optimal or feasible); for any other
status the plan carries the status and no moves. The plan's top level is the first window
and period (all a one-window scenario has); ``timeline`` has each of them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from models.people import Person
from models.plan import (
    Action,
    CoverageRow,
    Finance,
    Member,
    Move,
    ObjectiveTerm,
    PeriodPlan,
    Plan,
    SlotAssignment,
    SolverInfo,
    Timeline,
    Via,
    WindowPlan,
)
from models.quantities import covers, fit_share, rating
from models.scenario import Scenario
from optimizer.accounts_report import accounts, window_cash
from optimizer.backends.base import RawResult, relative_gap
from optimizer.columns import StageCols
from optimizer.formulation import Formulation
from optimizer.objective import TERMS, stage_factor, stage_vectors
from optimizer.rules.budget import window_budget

Flags = np.ndarray


def extract(form: Formulation, raw: RawResult, solver: SolverInfo) -> Plan:
    s = form.scenario
    base = {"scenario": s.name, "status": raw.status, "solver": solver}
    if not raw.status.has_plan or raw.x is None:
        return Plan(**base, objective=None, bound=None, gap=None)
    on = raw.x > 0.5
    x = raw.x.round()
    everyone = {p.id: p for p in (*s.squad, *s.targets)}
    per_stage = stage_vectors(s, form.cols, form.model.num_cols)
    windows: list[WindowPlan] = []
    periods: list[PeriodPlan] = []
    before = {p.id for p in s.squad}
    stage_moves = [_moves(s, st, on, everyone) for st in form.cols.stages]
    cash = window_cash(s, [st.stage for st in form.cols.stages], stage_moves)
    for st, vectors, moves, money in zip(
        form.cols.stages, per_stage, stage_moves, cash, strict=True
    ):
        members = _members(s, st, on, everyone)
        windows.append(
            WindowPlan(
                window=st.stage.window,
                kind=st.stage.kind,
                opens=st.stage.opens,
                closes=st.stage.closes,
                moves=tuple(moves),
                gross_spend=money.paid,
                income=money.received,
                net_spend=money.paid - money.received,
                agent_fees=money.agent_fees,
                instalments=money.instalments,
                budget=window_budget(s, st.stage),
            )
        )
        first, second = _lineups(s, st, on, members)
        after = {m.player for m in members}
        values = {name: float(vec @ x) for name, vec in vectors.items()}
        periods.append(
            PeriodPlan(
                period=st.stage.period,
                start=st.stage.start,
                end=st.stage.end,
                season=st.stage.season,
                squad=tuple(members),
                first_xi=first,
                second_xi=second,
                coverage=coverage_rows(s, st, before, after),
                wage_bill=values["wages"],
                objective_terms=_period_terms(s, st, values),
            )
        )
        before = after

    totals = form.term_values(x)
    terms = {
        term.name: ObjectiveTerm(
            weight=term.weight(s),
            value=totals[term.name],
            contribution=term.sign * term.weight(s) * totals[term.name],
        )
        for term in TERMS
    }
    every_move = tuple(m for w in windows for m in w.moves)
    gross = sum(w.gross_spend for w in windows)
    income = sum(w.income for w in windows)
    finance = Finance(
        gross_spend=gross,
        income=income,
        net_spend=gross - income,
        # Over several windows the net spend is the horizon's: its limit is the total's.
        budget=windows[0].budget if len(windows) == 1 else s.rules.budget.net_spend_total,
        wage_bill_before=sum(p.wage for p in s.squad),
        wage_bill_after=periods[0].wage_bill,
        wage_budget=s.rules.budget.wage_bill,
        **accounts(s, form.cols, x, windows),
    )
    # The plan's worth is recomputed from the rounded 0/1 values, not taken from the solver's
    # floating-point objective; the bound is the solver's proof of how good any plan can be.
    objective = sum(t.contribution for t in terms.values()) + form.model.objective_offset
    bound = None if raw.bound is None else max(raw.bound, objective)
    gap = relative_gap(bound, objective, raw.tolerance)
    first_period = periods[0]
    return Plan(
        **base,
        objective=objective,
        bound=bound,
        gap=gap,
        moves=every_move,
        squad=first_period.squad,
        first_xi=first_period.first_xi,
        second_xi=first_period.second_xi,
        finance=finance,
        coverage=first_period.coverage,
        objective_terms=terms,
        timeline=Timeline(windows=tuple(windows), periods=tuple(periods)),
    )


def _moves(s: Scenario, st: StageCols, on: Flags, everyone: dict[str, Person]) -> list[Move]:
    """The window's moves: for each person held entering it, his sale, loan out, release,
    expiry or renewal; then each target's signing, free signing or loan."""
    window = st.stage.window if s.window is None else None
    out: list[Move] = []

    def move(
        p: Person, action: Action, club: str, fee: float, wage: float, **more: int | None
    ) -> None:
        out.append(
            Move(
                player=p.id,
                name=p.label,
                action=action,
                counterparty=club,
                fee=fee,
                wage_change=wage,
                window=window,
                **more,
            )
        )

    for pid in st.held_before:
        p = everyone[pid]
        for sale in st.sell.get(pid, []):
            if on[sale.col]:
                club = "market" if sale.offer is None else s.offers[sale.offer].club
                move(p, Action.SELL, club, sale.fee, -p.wage, offer=sale.offer)
        for loan in st.loan_out.get(pid, []):
            if on[loan.col]:
                club = s.offers[loan.offer].club
                move(p, Action.LOAN_OUT, club, loan.fee, -loan.wage_saved, offer=loan.offer)
        if pid in st.release and on[st.release[pid][0]]:
            move(p, Action.RELEASE, "", st.release[pid][1], -p.wage)
        if pid in st.lapse and on[st.lapse[pid]]:
            move(p, Action.EXPIRE, "", 0.0, -p.wage)
        for ext in st.extend.get(pid, []):
            if on[ext.col]:
                move(
                    p, Action.EXTEND, "", ext.terms.fee, ext.terms.wage - p.wage, option=ext.option
                )
    for t in s.targets:
        if t.id in st.buy and on[st.buy[t.id][0]]:
            move(t, Action.BUY, t.club, st.buy[t.id][1], t.wage)
        if t.id in st.free and on[st.free[t.id]]:
            move(t, Action.SIGN_FREE, t.club, t.free_fee, t.wage)
        if t.id in st.loan_in and on[st.loan_in[t.id]] and t.loan_fee is not None:
            move(t, Action.LOAN_IN, t.club, t.loan_fee, t.wage * t.loan_wage_share)
    return out


def _members(s: Scenario, st: StageCols, on: Flags, everyone: dict[str, Person]) -> list[Member]:
    """Who plays for us in the period, in the model's order (kept first, then those who
    came in)."""
    out = []
    for pid in st.held_before:
        if pid in st.keep and on[st.keep[pid]]:
            out.append(_member(s, st, everyone[pid], Via.KEPT))
    for t in s.targets:
        for via, cols in (
            (Via.BOUGHT, [st.buy[t.id][0]] if t.id in st.buy else []),
            (Via.SIGNED_FREE, [st.free[t.id]] if t.id in st.free else []),
            (Via.LOANED_IN, [st.loan_in[t.id]] if t.id in st.loan_in else []),
        ):
            if any(on[c] for c in cols):
                out.append(_member(s, st, t, via))
    return out


def _member(s: Scenario, st: StageCols, p: Person, via: Via) -> Member:
    return Member(
        player=p.id,
        name=p.label,
        via=via,
        positions=dict(p.positions),
        rating=rating(s, p, st.stage),
        fit_share=fit_share(s, p, st.stage),
    )


def _lineups(
    s: Scenario, st: StageCols, on: Flags, members: Sequence[Member]
) -> tuple[tuple[SlotAssignment, ...], tuple[SlotAssignment, ...]]:
    names = {m.player: m.name for m in members}
    order = {r: k for k, r in enumerate(s.rules.formation)}
    xis: dict[int, list[SlotAssignment]] = {1: [], 2: []}
    for slot in st.slots:
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
    return tuple(xis[1]), tuple(xis[2])


def _period_terms(s: Scenario, st: StageCols, values: dict[str, float]) -> dict[str, ObjectiveTerm]:
    """Each term's value in this stage, and its contribution with the stage's factor."""
    out = {}
    for term in TERMS:
        if term.factor is None:
            continue
        value = values[term.name]
        factor = stage_factor(term, s, st.stage)
        contribution = term.sign * term.weight(s) * factor * value
        out[term.name] = ObjectiveTerm(
            weight=term.weight(s), value=value, contribution=contribution
        )
    return out


def coverage_rows(
    s: Scenario, st: StageCols, before: set[str], after: set[str]
) -> tuple[CoverageRow, ...]:
    """Per role: required, fit cover among the squad before the window (the last period's)
    and after it."""
    people = list(s.squad) + list(s.targets)
    rows = []
    for r in s.roles:
        able = [p.id for p in people if covers(s, p, r, st.stage)]
        rows.append(
            CoverageRow(
                role=r,
                required=s.rules.players_needed(r),
                available_before=sum(1 for pid in able if pid in before),
                available_after=sum(1 for pid in able if pid in after),
            )
        )
    return tuple(rows)
