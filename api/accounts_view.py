"""Terminal rendering of a plan's club finance (rich): the accounts season by season (squad
cost against the ratio's allowance) and what each disposal books and frees. Presentation
only."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from models.plan import Finance


def _m(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f} m"


def accounts_view(finance: Finance, currency: str = "EUR") -> Group | None:
    """None when the scenario keeps no accounts."""
    if not finance.seasons:
        return None
    basis = "P&L" if finance.money_basis == "pnl" else "cash"
    table = Table(
        title=f"Accounts per season ({currency})",
        title_justify="left",
        caption=f"wages and amortisation a year; the money objective counts {basis}",
        caption_justify="left",
    )
    rows = (
        ("wages", lambda s: _m(s.wages)),
        ("amortisation", lambda s: _m(s.amortisation)),
        ("fees expensed", lambda s: _m(s.expensed)),
        ("other squad cost", lambda s: _m(s.other_squad_cost)),
        ("squad cost", lambda s: _m(s.squad_cost)),
        ("revenue", lambda s: _m(s.revenue)),
        ("profit on disposals", lambda s: _m(s.profit_on_disposals)),
        ("loan fees received", lambda s: _m(s.loan_income)),
        ("squad cost ratio", lambda s: "-" if s.ratio is None else f"{100 * s.ratio:.1f} %"),
        (
            "ratio limit / allowance",
            lambda s: (
                "-" if s.ratio_limit is None else f"{100 * s.ratio_limit:g} % / {_m(s.allowance)}"
            ),
        ),
        ("squad cost budget", lambda s: _m(s.squad_cost_budget)),
    )
    table.add_column("")
    for season in finance.seasons:
        table.add_column(season.season, justify="right")
    for label, cell in rows:
        table.add_row(label, *(cell(s) for s in finance.seasons))
    parts: list[object] = [table]
    if finance.later_cash is not None:
        parts.append(
            Text(f"instalments due after the horizon: {_m(finance.later_cash)} (net paid)")
        )
    parts += [Text(d.summary) for d in finance.disposals]
    return Group(*parts)  # type: ignore[arg-type]
