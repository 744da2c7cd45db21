"""Prices of locks and rules, regret of each move, and the next-best plans."""

from __future__ import annotations

import numpy as np

from models.plan import Action, Move, Plan
from models.rules import Locks
from models.scenario import Scenario
from models.tradeoffs import Alternative, Price, Regret
from optimizer.rules.base import Relaxable
from optimizer.rules.fate import fate_cols
from optimizer.tradeoffs.resolver import (
    INF,
    Resolver,
    change_words,
    move_key,
    plan_change,
    summary,
)


def describe_moves(moves: tuple[Move, ...] | list[Move]) -> str:
    """Moves in words: "sell Gomez to AC Milan for 18 m in Summer 2026, ..."."""
    if not moves:
        return "make no moves"
    parts = []
    for m in moves:
        when = f" in {m.window}" if m.window else ""
        if m.action == Action.EXPIRE:
            parts.append(f"let {m.name}'s contract run out{when}")
        elif m.action == Action.EXTEND:
            parts.append(f"renew {m.name}'s contract{when} (signing-on fee {m.fee:g} m)")
        elif m.action == Action.RELEASE:
            parts.append(f"release {m.name}{when} (pay-off {m.fee:g} m)")
        else:
            verb = {
                Action.SELL: "sell",
                Action.LOAN_OUT: "loan out",
                Action.BUY: "buy",
                Action.LOAN_IN: "loan in",
                Action.SIGN_FREE: "sign on a free",
            }[m.action]
            joiner = "to" if m.action.outgoing else "from"
            parts.append(f"{verb} {m.name} {joiner} {m.counterparty} for {m.fee:g} m{when}")
    return ", ".join(parts)


def _diff(best: Plan, moves: tuple[Move, ...]) -> tuple[tuple[Move, ...], tuple[Move, ...]]:
    mine = {move_key(m) for m in best.moves}
    theirs = {move_key(m) for m in moves}
    added = tuple(m for m in moves if move_key(m) not in mine)
    dropped = tuple(m for m in best.moves if move_key(m) not in theirs)
    return added, dropped


def price_of(r: Resolver, best: Plan, rule: Relaxable) -> Price:
    session = r.session
    rows = {
        row: rule.bounds(session.row_lower[row], session.row_upper[row], 1.0) for row in rule.rows
    }
    with r.change(rows=rows):
        what_if = rule.relax(r.scenario, 1.0)
        # A relaxed rule leaves the best plan feasible: the re-solve starts from it.
        plan = r.still_best(best, what_if) or r.plan(r.solve(from_best=True), what_if)
    money = r.scenario.objective.money
    step = f"{rule.per_unit:g}" + ("" if rule.unit in ("players", "m") else f" {rule.unit}")
    relaxation = (
        "dropped"
        if rule.side == "drop"
        else {"lower": "-", "upper": "+"}.get(rule.side, "+/-") + step
    )
    best_summary, without = summary(best), summary(plan)
    if not plan.status.has_plan or plan.objective is None or best.objective is None:
        return Price(
            rule=rule.name,
            kind=rule.kind,
            relaxation=relaxation,
            objective_loss=None,
            money_equivalent=None,
            net_spend_change=None,
            summary=f"{rule.describe}: no plan even without it",
            plan=without,
        )
    loss = r.loss(plan.objective, best.objective)  # what dropping the rule gains
    spend = None
    if plan.finance is not None and best.finance is not None:
        spend = plan.finance.net_spend - best.finance.net_spend
    equivalent = loss / money if money > 0 else None
    change = plan_change(best_summary, without)  # what the rule does to the plan
    unit = "" if rule.side == "drop" else f" ({_relaxed(rule)})"
    if loss == 0.0:
        text = f"{rule.describe}{unit} costs nothing: the best plan is unchanged"
    else:
        text = f"{rule.describe}{unit} costs {loss:.2f} objective points"
        if equivalent is not None:
            text += f" ({equivalent:.1f} m at {money:g} points per m)"
        text += f": {change_words(change)}"
        added, dropped = _diff(best, plan.moves)
        text += f"; without it the plan would {describe_moves(added)}"
        if dropped:
            text += f" and not {describe_moves(dropped)}"
    return Price(
        rule=rule.name,
        kind=rule.kind,
        relaxation=relaxation,
        objective_loss=loss,
        money_equivalent=equivalent,
        net_spend_change=spend,
        summary=text,
        plan=without,
        change=change,
    )


def _relaxed(rule: Relaxable) -> str:
    """How the price's one-unit relaxation moved the rule: "lowered by 1 player",
    "raised by 1 m", "widened by 1 player each way"."""
    unit = "player" if rule.unit == "players" else rule.unit
    how = {"lower": "lowered by", "upper": "raised by"}.get(rule.side, "widened by")
    return f"{how} {rule.per_unit:g} {unit}" + (" each way" if rule.side == "both" else "")


def regret_of(r: Resolver, best: Plan, move: Move) -> Regret | None:
    """The cost of forcing the opposite of ``move`` (a move of the best plan); None for an
    expiring contract, which is not a decision."""
    opposite = _opposite(r, move)
    if opposite is None:
        return None
    cols, forced, what_if = opposite
    with r.change(cols=cols):
        raw = r.solve()
        plan = r.plan(raw, what_if)
    loss = None
    if plan.objective is not None and best.objective is not None:
        loss = r.loss(best.objective, plan.objective)
    forced_plan = summary(plan)
    return Regret(
        move=move,
        forced=forced,
        objective_loss=loss,
        plan=forced_plan,
        change=plan_change(forced_plan, summary(best)),
    )


def _opposite(
    r: Resolver, move: Move
) -> tuple[dict[int, tuple[float, float]], str, Scenario] | None:
    """The columns to fix to force the opposite of ``move``, in words, and the scenario the
    forced plan is checked against. A one-window sale or loan out becomes a keep lock and a
    signing a ban (the checker then verifies the opposite too); over a horizon the move's
    window options are fixed (not sold, loaned out or released then; not signed then; not
    renewed then) and the plan is checked against the scenario itself. An expiring contract
    is not a decision: None."""
    scenario, cols = r.scenario, r.form.cols
    pid, one = move.player, scenario.window is not None
    if move.action == Action.EXPIRE:
        return None
    if one and move.action in (Action.SELL, Action.LOAN_OUT):
        locks = scenario.locks.adding("keep", pid)
        return {cols.first.keep[pid]: (1.0, 1.0)}, f"keep {move.name}", _with(scenario, locks)
    if one and move.action.incoming:
        locks = scenario.locks.model_copy(update={"never_sign": (*scenario.locks.never_sign, pid)})
        fixed = {c: (0.0, 0.0) for c in cols.deal_cols(pid)}
        return fixed, f"do not sign {move.name}", _with(scenario, locks)
    first = cols.first.stage.window
    st = next(x for x in cols.stages if x.stage.window == (move.window or first))
    where = "" if one else f" in {st.stage.window}"
    if move.action == Action.EXTEND:
        fixed = {c.col: (0.0, 0.0) for c in st.extend.get(pid, []) if c.option == move.option}
        return fixed, f"do not renew {move.name}{where}", scenario
    if move.action.incoming:
        fixed = {c: (0.0, 0.0) for c in st.deal_cols(pid)}
        return fixed, f"do not sign {move.name}{where}", scenario
    leaving = [c for c in fate_cols(st, pid) if c != st.keep.get(pid)]
    return {c: (0.0, 0.0) for c in leaving}, f"keep {move.name}{where}", scenario


def _with(scenario: Scenario, locks: Locks) -> Scenario:
    return scenario.model_copy(update={"locks": locks})


def alternatives(r: Resolver, best: Plan, count: int) -> tuple[Alternative, ...]:
    """The ``count`` next-best plans, each differing from the best and from each other in at
    least one move (a no-good cut per plan found), ranked by objective."""
    form = r.form
    move_cols = np.array(form.cols.move_cols(), dtype=np.int64)
    if best.objective is None or len(move_cols) == 0:
        return ()
    chosen = _chosen_cols(r, best)
    cuts: list[int] = []
    found: list[Alternative] = []
    try:
        for rank in range(1, count + 1):
            cuts.append(_no_good(r, move_cols, chosen))
            raw = r.solve()
            if not raw.status.has_plan or raw.x is None:
                break
            plan = r.plan(raw, r.scenario)
            chosen = set(move_cols[raw.x[move_cols] > 0.5].tolist())
            added, dropped = _diff(best, plan.moves)
            other = summary(plan)
            found.append(
                Alternative(
                    rank=rank,
                    objective_loss=r.loss(best.objective, plan.objective or 0.0),
                    plan=other,
                    added=added,
                    dropped=dropped,
                    change=plan_change(other, summary(best)),
                )
            )
    finally:
        for row in cuts:
            r.session.set_row_bounds(row, -INF, INF)
    return tuple(found)


def _chosen_cols(r: Resolver, plan: Plan) -> set[int]:
    """The move columns of ``plan`` (its decisions; expiries are not)."""
    stages = r.form.cols.stages
    first = stages[0].stage.window
    cols: set[int] = set()
    for m in plan.moves:
        st = next(x for x in stages if x.stage.window == (m.window or first))
        pid = m.player
        if m.action == Action.SELL:
            cols |= {c.col for c in st.sell[pid] if c.offer == m.offer}
        elif m.action == Action.LOAN_OUT:
            cols |= {c.col for c in st.loan_out[pid] if c.offer == m.offer}
        elif m.action == Action.RELEASE:
            cols.add(st.release[pid][0])
        elif m.action == Action.EXTEND:
            cols |= {c.col for c in st.extend[pid] if c.option == m.option}
        elif m.action == Action.BUY:
            cols.add(st.buy[pid][0])
        elif m.action == Action.SIGN_FREE:
            cols.add(st.free[pid])
        elif m.action == Action.LOAN_IN:
            cols.add(st.loan_in[pid])
    return cols


def _no_good(r: Resolver, move_cols: np.ndarray, chosen: set[int]) -> int:
    """sum_{c not chosen} x_c - sum_{c chosen} x_c >= 1 - |chosen|: some move differs."""
    coefs = np.array([-1.0 if c in chosen else 1.0 for c in move_cols])
    return r.session.add_row(move_cols, coefs, 1.0 - len(chosen), INF)
