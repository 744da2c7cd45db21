"""Prices of locks and rules, regret of each move, and the next-best plans."""

from __future__ import annotations

import numpy as np

from models.plan import Action, Move, Plan
from models.tradeoffs import Alternative, Price, Regret
from optimizer.rules.base import Relaxable
from optimizer.tradeoffs.relaxations import relaxable_rules
from optimizer.tradeoffs.resolver import (
    INF,
    Resolver,
    change_words,
    move_key,
    plan_change,
    summary,
)


def _describe_moves(moves: tuple[Move, ...] | list[Move]) -> str:
    if not moves:
        return "make no moves"
    words = {
        Action.SELL: "sell",
        Action.LOAN_OUT: "loan out",
        Action.BUY: "buy",
        Action.LOAN_IN: "loan in",
    }
    parts = []
    for m in moves:
        joiner = "to" if m.action in (Action.SELL, Action.LOAN_OUT) else "from"
        parts.append(f"{words[m.action]} {m.name} {joiner} {m.counterparty} for {m.fee:g} m")
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
        raw = r.solve()
        plan = r.plan(raw, rule.relax(r.scenario, 1.0))
    money = r.scenario.objective.money
    relaxation = (
        "dropped"
        if rule.kind == "lock"
        else ("-1" if rule.side == "lower" else "+1" if rule.side == "upper" else "+/-1")
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
    unit = "" if rule.kind == "lock" else f" ({_relaxed(rule)})"
    if loss == 0.0:
        text = f"{rule.describe}{unit} costs nothing: the best plan is unchanged"
    else:
        text = f"{rule.describe}{unit} costs {loss:.2f} objective points"
        if equivalent is not None:
            text += f" ({equivalent:.1f} m at {money:g} points per m)"
        text += f": {change_words(change)}"
        added, dropped = _diff(best, plan.moves)
        text += f"; without it the plan would {_describe_moves(added)}"
        if dropped:
            text += f" and not {_describe_moves(dropped)}"
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
    how = {"lower": "lowered by 1", "upper": "raised by 1"}.get(rule.side, "widened by 1")
    return f"{how} {unit}" + (" each way" if rule.side == "both" else "")


def prices(r: Resolver, best: Plan) -> tuple[Price, ...]:
    return tuple(price_of(r, best, rule) for rule in relaxable_rules(r.form))


def regret(r: Resolver, best: Plan) -> tuple[Regret, ...]:
    """For each move of the best plan, the cost of forcing its opposite."""
    form, scenario = r.form, r.scenario
    out = []
    for move in best.moves:
        locks = scenario.locks
        if move.action in (Action.SELL, Action.LOAN_OUT):
            cols = {form.cols.keep[move.player]: (1.0, 1.0)}
            forced = f"keep {move.name}"
            locks = locks.model_copy(update={"keep": (*locks.keep, move.player)})
        else:
            cols = {c: (0.0, 0.0) for c in form.cols.deal_cols(move.player)}
            forced = f"do not sign {move.name}"
            locks = locks.model_copy(update={"never_sign": (*locks.never_sign, move.player)})
        with r.change(cols=cols):
            raw = r.solve()
            plan = r.plan(raw, scenario.model_copy(update={"locks": locks}))
        loss = None
        if plan.objective is not None and best.objective is not None:
            loss = r.loss(best.objective, plan.objective)
        forced_plan = summary(plan)
        out.append(
            Regret(
                move=move,
                forced=forced,
                objective_loss=loss,
                plan=forced_plan,
                change=plan_change(forced_plan, summary(best)),
            )
        )
    return tuple(out)


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
    form = r.form
    cols: set[int] = set()
    for m in plan.moves:
        if m.action == Action.SELL:
            cols |= {c.col for c in form.cols.sell[m.player] if c.offer == m.offer}
        elif m.action == Action.LOAN_OUT:
            cols |= {c.col for c in form.cols.loan_out[m.player] if c.offer == m.offer}
        elif m.action == Action.BUY:
            cols.add(form.cols.buy[m.player])
        else:
            cols.add(form.cols.loan_in[m.player])
    return cols


def _no_good(r: Resolver, move_cols: np.ndarray, chosen: set[int]) -> int:
    """sum_{c not chosen} x_c - sum_{c chosen} x_c >= 1 - |chosen|: some move differs."""
    coefs = np.array([-1.0 if c in chosen else 1.0 for c in move_cols])
    return r.session.add_row(move_cols, coefs, 1.0 - len(chosen), INF)
