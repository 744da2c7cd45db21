"""Terminal rendering of plans and input problems (rich). Presentation only."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from models.plan import Move, Plan, SolveStatus
from models.tradeoffs import Explanation, TradeOffs

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
    if plan.timeline is not None and len(plan.timeline.windows) > 1:
        from api.timeline_view import timeline_view

        parts.append(timeline_view(plan, currency))
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


def _moves_text(moves: tuple[Move, ...]) -> str:
    if not moves:
        return "no moves"
    return ", ".join(
        f"{m.action.value.replace('_', ' ')} {m.name} ({m.fee:g})"
        + (f" {m.window}" if m.window else "")
        for m in moves
    )


def tradeoffs_view(t: TradeOffs) -> Group:
    parts: list[object] = []
    if t.infeasibility is not None:
        why = Table(title="Why there is no plan: relax these rules", title_justify="left")
        why.add_column("rule")
        why.add_column("by", justify="right")
        why.add_column("meaning")
        for r in t.infeasibility.relaxations:
            why.add_row(r.rule, f"{r.amount:g} {r.unit}", r.message)
        parts.append(why)
        parts.append(Text(f"then the best plan would: {_moves_text(t.infeasibility.plan.moves)}"))
    costly = [p for p in t.prices if p.objective_loss]
    if t.prices:
        prices = Table(title="What each lock and rule costs", title_justify="left")
        for col in ("rule", "relaxed", "objective loss", "in m", "without it"):
            prices.add_column(col, justify="right" if col in ("objective loss", "in m") else "left")
        for p in sorted(costly, key=lambda p: -(p.objective_loss or 0)):
            money_eq = "-" if p.money_equivalent is None else f"{p.money_equivalent:,.1f}"
            prices.add_row(
                p.rule,
                p.relaxation,
                f"{p.objective_loss:,.3f}",
                money_eq,
                _moves_text(p.plan.moves),
            )
        free = len(t.prices) - len(costly)
        prices.caption = f"{free} other rules cost nothing at the margin"
        parts.append(prices)
        for p in costly:
            if p.kind == "lock":
                parts.append(Text(p.summary, style="bold"))
    if t.budget is not None:
        b = t.budget
        head = Text()
        head.append("Budget\n", style="bold")
        for point in (b.lower, b.upper):
            change = point.objective_change
            head.append(
                f"  at {point.budget:,.2f} m: objective "
                f"{'-' if point.plan.objective is None else f'{point.plan.objective:,.3f}'}"
                f" ({'' if change is None else f'{change:+,.3f}'})\n"
            )
        if b.marginal_value is not None:
            head.append(f"  marginal value: {b.marginal_value:,.4f} points per million\n")
        parts.append(head)
        curve = Table(
            title=f"Best plan by budget, {b.range[0]:g} to {b.range[1]:g} m"
            + ("" if b.complete else " (stopped at the solve cap)"),
            title_justify="left",
        )
        for col in ("from", "to", "objective", "net spend", "moves"):
            curve.add_column(col, justify="left" if col == "moves" else "right")
        for seg in b.segments:
            curve.add_row(
                f"{seg.from_budget:,.2f}",
                "end" if seg.to_budget is None else f"{seg.to_budget:,.2f}",
                f"{seg.plan.objective:,.3f}" if seg.plan.objective is not None else "-",
                f"{seg.plan.net_spend:,.2f}" if seg.plan.net_spend is not None else "-",
                _moves_text(seg.plan.moves),
            )
        parts.append(curve)
        front = Table(title="Pareto front: XI strength vs net spend", title_justify="left")
        for col in ("net spend", "strength", "moves"):
            front.add_column(col, justify="left" if col == "moves" else "right")
        for dot in b.pareto:
            front.add_row(
                f"{dot.net_spend:,.2f}", f"{dot.strength:,.3f}", _moves_text(dot.plan.moves)
            )
        parts.append(front)
    if t.alternatives:
        alt = Table(title="Next-best plans", title_justify="left")
        for col in ("rank", "objective loss", "adds", "drops"):
            alt.add_column(col, justify="right" if col in ("rank", "objective loss") else "left")
        for a in t.alternatives:
            alt.add_row(
                str(a.rank),
                f"{a.objective_loss:,.3f}",
                _moves_text(a.added),
                _moves_text(a.dropped),
            )
        parts.append(alt)
    if t.regret:
        reg = Table(
            title="Regret: the cost of doing the opposite of each move", title_justify="left"
        )
        reg.add_column("forced")
        reg.add_column("objective loss", justify="right")
        for g in t.regret:
            reg.add_row(
                g.forced, "no plan" if g.objective_loss is None else f"{g.objective_loss:,.3f}"
            )
        parts.append(reg)
    foot = f"trade-offs: {t.solves} re-solves in {t.seconds:.2f} s"
    parts.append(Text("\n".join([foot, *t.notes]), style="dim"))
    return Group(*parts)  # type: ignore[arg-type]


def explanation_view(e: Explanation) -> Group:
    parts: list[object] = [Text(f"Why not {e.question}?", style="bold"), Text(e.summary)]
    table = Table(show_header=True)
    table.add_column("")
    table.add_column("objective", justify="right")
    table.add_column("net spend", justify="right")
    table.add_column("moves")
    for label, p in (("best plan", e.best), (f"forced: {e.question}", e.forced)):
        table.add_row(
            label,
            "-" if p.objective is None else f"{p.objective:,.3f}",
            "-" if p.net_spend is None else f"{p.net_spend:,.2f}",
            _moves_text(p.moves) if p.status.has_plan else p.status.value,
        )
    parts.append(table)
    return Group(*parts)  # type: ignore[arg-type]
