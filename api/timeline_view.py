"""Terminal rendering of a plan over several windows (rich): window by window its moves and
money, period by period its squad, XIs, cover, wage bill and objective terms. Presentation
only."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from api.accounts_view import accounts_view
from models.moves import Action
from models.plan import Plan, Timeline


def _m(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f} m"


def timeline_view(plan: Plan, currency: str = "EUR") -> Group:
    timeline = plan.timeline
    assert timeline is not None
    parts: list[object] = []
    for window in timeline.windows:
        budget = f" / budget {_m(window.budget)}" if window.budget is not None else ""
        notes = [
            f"agents' fees {_m(window.agent_fees)}" if window.agent_fees else "",
            f"instalments of earlier deals {_m(window.instalments)}" if window.instalments else "",
        ]
        said = "; ".join(n for n in notes if n)
        title = (
            f"{window.window} (closes {window.closes}): net spend {_m(window.net_spend)}{budget}"
            + (f" (of which {said})" if said else "")
        )
        # Above the table, not its title: a title wraps at the table's width ("budget 30.00"
        # on one line, "m" on the next, over a one-move window).
        parts.append(Text(title, style="italic"))
        moves = Table()
        for col in ("action", "player", "counterparty", "fee", "wage change / yr"):
            moves.add_column(col, justify="right" if col in ("fee", "wage change / yr") else "left")
        for m in window.moves:
            fee = "-" if m.action == Action.EXPIRE else _m(m.fee)
            moves.add_row(m.action.words, m.name, m.counterparty, fee, _m(m.wage_change))
        if not window.moves:
            moves.add_row("(none)", "no moves in this window", "", "", "")
        parts.append(moves)
    parts.append(_periods(timeline, currency))
    accounts = None if plan.finance is None else accounts_view(plan.finance, currency)
    if accounts is not None:
        parts.append(accounts)
    parts.append(_lineups(timeline))
    terms = Table(title="Objective terms, per period (money: its window)", title_justify="left")
    terms.add_column("term")
    for period in timeline.periods:
        terms.add_column(period.period, justify="right")
    terms.add_column("total", justify="right")
    for name, total in plan.objective_terms.items():
        cells = [
            f"{p.objective_terms[name].contribution:+,.2f}" if name in p.objective_terms else "-"
            for p in timeline.periods
        ]
        terms.add_row(name, *cells, f"{total.contribution:+,.2f}")
    later = plan.finance.later_cash if plan.finance is not None else None
    if later:
        money = plan.objective_terms["money"]
        shown = sum(p.objective_terms["money"].contribution for p in timeline.periods)
        terms.caption = (
            f"money's total includes {money.contribution - shown:+,.2f} for instalments due "
            f"after the horizon ({_m(later)}, discounted to their due dates)"
        )
        terms.caption_justify = "left"
    parts.append(terms)
    return Group(*parts)  # type: ignore[arg-type]


def _periods(timeline: Timeline, currency: str) -> Table:
    table = Table(title=f"Periods (wage bills annual, {currency})", title_justify="left")
    for col in ("period", "squad", "first XI", "second XI", "wage bill", "short of cover"):
        table.add_column(col, justify="left" if col in ("period", "short of cover") else "right")
    for p in timeline.periods:
        short = [
            f"{row.role} {row.available_after}/{row.required}"
            for row in p.coverage
            if row.required is not None and row.available_after < row.required
        ]
        table.add_row(
            p.period,
            str(len(p.squad)),
            f"{sum(a.strength for a in p.first_xi):,.1f}",
            f"{sum(a.strength for a in p.second_xi):,.1f}",
            _m(p.wage_bill),
            Text(", ".join(short) or "none", style="red" if short else ""),
        )
    return table


def _lineups(timeline: Timeline) -> Table:
    """The first XI slot by slot, one column per period: who plays where, and when."""
    table = Table(title="First XI by period", title_justify="left")
    table.add_column("slot")
    for p in timeline.periods:
        table.add_column(p.period)
    rows = max((len(p.first_xi) for p in timeline.periods), default=0)
    for k in range(rows):
        slot = next((p.first_xi[k].slot for p in timeline.periods if k < len(p.first_xi)), "")
        cells = [
            f"{p.first_xi[k].name} ({p.first_xi[k].strength:.0f})" if k < len(p.first_xi) else ""
            for p in timeline.periods
        ]
        table.add_row(slot, *cells)
    return table
