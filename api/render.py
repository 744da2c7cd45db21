"""Terminal rendering of plans and input problems (rich). Presentation only."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from models.plan import Plan, SolveStatus

STATUS_STYLE = {
    SolveStatus.OPTIMAL: "bold green",
    SolveStatus.FEASIBLE: "bold yellow",
    SolveStatus.INFEASIBLE: "bold red",
    SolveStatus.NO_SOLUTION: "bold red",
    SolveStatus.UNBOUNDED: "bold red",
    SolveStatus.ERROR: "bold red",
}


def money(value: float | None, currency: str = "") -> str:
    if value is None:
        return "-"
    return f"{value:,.2f} m{(' ' + currency) if currency else ''}"


def plan_view(plan: Plan, currency: str = "EUR") -> Group:
    parts: list[object] = []
    head = Text()
    head.append(f"{plan.scenario}\n", style="bold")
    head.append(plan.status.value, style=STATUS_STYLE[plan.status])
    if plan.objective is not None:
        head.append(f"   objective {plan.objective:,.3f}")
    if plan.bound is not None:
        head.append(f"   bound {plan.bound:,.3f}   gap {100 * (plan.gap or 0):.4f} %")
    head.append(
        f"\nsolver {plan.solver.name}: {plan.solver.seconds:.3f} s solve, "
        f"{plan.solver.build_seconds:.3f} s build, {plan.solver.variables} variables, "
        f"{plan.solver.constraints} constraints"
    )
    if plan.solver.targets_kept < plan.solver.targets_considered:
        head.append(
            f"\nmarket reduced exactly: {plan.solver.targets_kept} of "
            f"{plan.solver.targets_considered} targets can be in an optimal plan"
        )
    if plan.checked:
        head.append("\nindependent check: passed", style="green")
    parts.append(head)
    if not plan.status.has_plan:
        parts.append(Text(f"no plan: {plan.solver.message}", style="red"))
        return Group(*parts)  # type: ignore[arg-type]

    moves = Table(title="Moves", title_justify="left")
    for col in ("action", "player", "counterparty", "fee", "wage change / yr"):
        moves.add_column(col, justify="right" if col in ("fee", "wage change / yr") else "left")
    for m in plan.moves:
        moves.add_row(m.action.value, m.name, m.counterparty, money(m.fee), money(m.wage_change))
    if not plan.moves:
        moves.add_row("(none)", "keep the squad as it is", "", "", "")
    parts.append(moves)

    if plan.finance is not None:
        f = plan.finance
        fin = Table(title="Money", title_justify="left", show_header=False)
        fin.add_column("what")
        fin.add_column("amount", justify="right")
        fin.add_row("spent", money(f.gross_spend, currency))
        fin.add_row("received", money(f.income, currency))
        fin.add_row("net spend / budget", f"{money(f.net_spend)} / {money(f.budget)}")
        fin.add_row(
            "wage bill before -> after / limit",
            f"{money(f.wage_bill_before)} -> {money(f.wage_bill_after)} / {money(f.wage_budget)}",
        )
        parts.append(fin)

    for title, xi in (("First XI", plan.first_xi), ("Second XI", plan.second_xi)):
        if xi:
            t = Table(title=title, title_justify="left")
            t.add_column("slot")
            t.add_column("player")
            t.add_column("strength", justify="right")
            for a in xi:
                t.add_row(a.slot, a.name, f"{a.strength:.1f}")
            parts.append(t)

    cov = Table(title="Coverage (fit players per role)", title_justify="left")
    for col in ("role", "required", "before", "after"):
        cov.add_column(col, justify="left" if col == "role" else "right")
    for row in plan.coverage:
        short = row.required is not None and row.available_after < row.required
        cov.add_row(
            row.role,
            "-" if row.required is None else str(row.required),
            str(row.available_before),
            Text(str(row.available_after), style="red" if short else ""),
        )
    parts.append(cov)

    terms = Table(title="Objective terms", title_justify="left")
    for col in ("term", "weight", "value", "contribution"):
        terms.add_column(col, justify="left" if col == "term" else "right")
    for name, term in plan.objective_terms.items():
        terms.add_row(name, f"{term.weight:g}", f"{term.value:,.3f}", f"{term.contribution:+,.3f}")
    parts.append(terms)
    return Group(*parts)  # type: ignore[arg-type]
