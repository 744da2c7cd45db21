"""The money a plan reports: each window's cash (instalments where they fall due) and, when
the accounts are kept, each season's accounts and what each disposal books and frees
(:mod:`models.accounts`). Read from the solution over the model's expressions; the checker
recomputes all of it from the replayed moves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from models.accounts import (
    Amortisation,
    accounting,
    instalment_windows,
    period_rate,
    renewed_amortisation,
    squad_amortisation,
)
from models.horizon import Stage, season_share
from models.plan import Action, Disposal, Move, SeasonFinance, WindowPlan
from models.scenario import Scenario
from optimizer.columns import Columns
from optimizer.linear_model import FloatArray


def _parts(s: Scenario, m: Move) -> int:
    """How many yearly parts the move's fee is paid or received in."""
    if m.action == Action.BUY:
        return next(t.instalments for t in s.targets if t.id == m.player)
    if m.action == Action.SELL and m.offer is not None:
        return s.offers[m.offer].instalments
    return 1


@dataclass
class WindowCash:
    """A window's cash: paid and received (fees, or their parts due in it), of which agents'
    fees paid and the net instalments of deals made in earlier windows."""

    paid: float = 0.0
    received: float = 0.0
    agent_fees: float = 0.0
    instalments: float = 0.0


def window_cash(
    s: Scenario, all_stages: Sequence[Stage], moves: Sequence[Sequence[Move]]
) -> list[WindowCash]:
    """Each window's cash: each fee, or its parts where they fall due, and agents' fees."""
    cash = [WindowCash() for _ in all_stages]
    agents = {t.id: t.agent_fee for t in s.targets}
    for stage, window_moves in zip(all_stages, moves, strict=True):
        for m in window_moves:
            if m.action in (Action.BUY, Action.SIGN_FREE):
                cash[stage.index].paid += agents[m.player]
                cash[stage.index].agent_fees += agents[m.player]
            for where, share in instalment_windows(s, stage, _parts(s, m)):
                if where is None:
                    continue
                amount = m.fee * share
                if m.action.outgoing:
                    cash[where].received += amount
                else:
                    cash[where].paid += amount
                if where != stage.index:
                    cash[where].instalments += -amount if m.action.outgoing else amount
    return cash


def accounts(
    s: Scenario, cols: Columns, x: FloatArray, windows: Sequence[WindowPlan]
) -> dict[str, Any]:
    """The accounts' part of :class:`models.plan.Finance`."""
    later = sum(amount * x[col] for col, amount, _ in cols.later_cash)
    out: dict[str, Any] = {"later_cash": later if cols.later_cash else None}
    if not accounting(s):
        return out
    out["money_basis"] = s.objective.money_basis
    out["seasons"] = tuple(_seasons(s, cols, x))
    out["disposals"] = tuple(_disposals(s, cols, x, windows))
    return out


def _seasons(s: Scenario, cols: Columns, x: FloatArray) -> list[SeasonFinance]:
    rules = s.rules.finance
    sums: dict[str, dict[str, float]] = {}
    for st in cols.stages:
        share = season_share(s, st.stage)
        acc = sums.setdefault(st.stage.season, dict.fromkeys(("w", "a", "e", "p", "l"), 0.0))
        acc["w"] += share * st.wage_bill.value(x)
        acc["a"] += share * st.amortisation.value(x)
        acc["e"] += st.expensed.value(x)
        acc["p"] += sum(expr.value(x) for expr in st.disposals.values())
        acc["l"] += st.loan_income.value(x)
    out = []
    for season, acc in sums.items():
        other = s.other_squad_cost.get(season, 0.0)
        cost = acc["w"] + acc["a"] + acc["e"] + other
        revenue = s.revenue.get(season)
        base = None if revenue is None else revenue + acc["p"] + acc["l"]
        binds = rules is not None and rules.binds(season)
        limit = rules.squad_cost_ratio if binds and rules is not None else None
        out.append(
            SeasonFinance(
                season=season,
                wages=acc["w"],
                amortisation=acc["a"],
                expensed=acc["e"],
                other_squad_cost=other,
                squad_cost=cost,
                profit_on_disposals=acc["p"],
                loan_income=acc["l"],
                revenue=revenue,
                ratio=None if base is None or base <= 0 else cost / base,
                ratio_limit=limit,
                allowance=None if limit is None or base is None else limit * base,
                squad_cost_budget=rules.squad_cost if binds and rules is not None else None,
            )
        )
    return out


def _disposals(
    s: Scenario, cols: Columns, x: FloatArray, windows: Sequence[WindowPlan]
) -> list[Disposal]:
    """Each sale and release: its profit (from the model) and a year of the squad cost it
    frees (his wage and his amortisation in the period after, renewals so far applied)."""
    books: dict[str, Amortisation] = {p.id: squad_amortisation(s, p) for p in s.squad}
    wages = {p.id: p.wage for p in s.squad}
    names = {p.id: p.label for p in s.squad}
    out = []
    for st, w in zip(cols.stages, windows, strict=True):
        where = "" if s.window is not None else f" in {w.window}"
        for m in w.moves:
            if m.action == Action.EXTEND and m.player in books and m.option is not None:
                option = s.extensions[m.option]
                books[m.player] = renewed_amortisation(books[m.player], st.stage, option.until)
                wages[m.player] = option.wage
            if m.action not in (Action.SELL, Action.RELEASE) or m.player not in books:
                continue
            profit = st.disposals[m.player].value(x)
            book = m.fee - profit if m.action == Action.SELL else -profit
            amortisation = period_rate(books[m.player], st.stage)
            freed = wages[m.player] + amortisation
            if m.action == Action.SELL:
                club = "" if m.counterparty == "market" else f" to {m.counterparty}"
                what = (
                    f"Selling {names[m.player]}{club} for {_m(m.fee)}{where} books "
                    f"{_m(profit)} {'profit' if profit >= 0 else 'loss'} (book value {_m(book)})"
                )
            else:
                what = (
                    f"Releasing {names[m.player]}{where} costs {_m(book + m.fee)} in the "
                    f"accounts (book value {_m(book)} written off, pay-off {_m(m.fee)})"
                )
            summary = (
                f"{what} and frees {_m(freed)} of squad cost a year (wage "
                f"{_m(wages[m.player])}, amortisation {_m(amortisation)})."
            )
            out.append(
                Disposal(
                    player=m.player,
                    name=names[m.player],
                    window=w.window,
                    action=m.action,
                    fee=m.fee,
                    book_value=book,
                    profit=profit,
                    squad_cost_freed=freed,
                    summary=summary,
                )
            )
    return out


def _m(amount: float) -> str:
    """Millions as a person says them: 18 m, 2.5 m, 0.04 m."""
    shown = f"{abs(amount):.2f}".rstrip("0").rstrip(".")
    return f"{shown} m"
