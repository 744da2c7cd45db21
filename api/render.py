"""Terminal rendering of plans and input problems (rich). Presentation only."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.table import Table
from rich.text import Text

from api.accounts_view import accounts_view
from models.absences import History
from models.moves import label_words
from models.plan import Move, Plan, SolveStatus
from models.tradeoffs import Explanation, PlanChange, Threshold, TradeOffs

# The football units every what-if is also said in, next to its objective change.
UNIT_COLUMNS = ("first XI", "second XI", "net spend m", "wages m/yr")

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
        parts += _risk(plan)
        return Group(*parts)  # type: ignore[arg-type]

    moves = Table(title="Moves", title_justify="left")
    for col in ("action", "player", "counterparty", "fee", "wage change / yr"):
        moves.add_column(col, justify="right" if col in ("fee", "wage change / yr") else "left")
    for m in plan.moves:
        moves.add_row(m.action.words, m.name, m.counterparty, money(m.fee), money(m.wage_change))
    if not plan.moves:
        moves.add_row("(none)", "keep the squad as it is", "", "", "")
    parts.append(moves)

    if plan.finance is not None:
        f = plan.finance
        fin = Table(title="Money", title_justify="left", show_header=False)
        fin.add_column("what")
        fin.add_column("amount", justify="right")
        fin.add_row("spent", money(f.gross_spend, currency))
        agents = plan.timeline.windows[0].agent_fees if plan.timeline else 0.0
        if agents:
            fin.add_row("  of which agents' fees", money(agents, currency))
        fin.add_row("received", money(f.income, currency))
        fin.add_row("net spend / budget", f"{money(f.net_spend)} / {money(f.budget)}")
        fin.add_row(
            "wage bill before -> after / limit",
            f"{money(f.wage_bill_before)} -> {money(f.wage_bill_after)} / {money(f.wage_budget)}",
        )
        parts.append(fin)
        accounts = accounts_view(f, currency)
        if accounts is not None:
            parts.append(accounts)

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
    parts += _risk(plan)
    return Group(*parts)  # type: ignore[arg-type]


def _risk(plan: Plan) -> list[object]:
    """The matchday risk tables, when the plan has them."""
    if plan.matchday_risk is None:
        return []
    from api.risk_view import risk_view

    return [risk_view(plan.matchday_risk)]


def _moves_text(moves: tuple[Move, ...]) -> str:
    if not moves:
        return "no moves"
    return ", ".join(
        f"{m.action.words} {m.name} ({m.fee:g})" + (f" {m.window}" if m.window else "")
        for m in moves
    )


def _units(change: PlanChange | None) -> list[str]:
    """The change in first-XI and second-XI strength, net spend and wage bill, as cells."""
    if change is None:
        return ["-"] * len(UNIT_COLUMNS)
    return [
        f"{change.first_xi:+,.1f}",
        f"{change.second_xi:+,.1f}",
        f"{change.net_spend:+,.2f}",
        f"{change.wage_bill:+,.2f}",
    ]


def _unit_columns(table: Table) -> None:
    for col in UNIT_COLUMNS:
        table.add_column(col, justify="right")


def _changes_text(best: tuple[Move, ...], moves: tuple[Move, ...]) -> str:
    """The moves of ``moves`` that the best plan does not make (+) and those of the best
    plan it leaves out (-): short enough for a table cell."""
    # A move is also its window: over a horizon the same loan in two windows is two moves.
    key = lambda m: (m.action, m.player, m.offer, m.window)  # noqa: E731
    mine, theirs = {key(m) for m in best}, {key(m) for m in moves}
    added = [m for m in moves if key(m) not in mine]
    dropped = [m for m in best if key(m) not in theirs]
    parts = [f"+ {_moves_text((m,))}" for m in added] + [f"- {_moves_text((m,))}" for m in dropped]
    return ", ".join(parts) or "the same moves"


def tradeoffs_view(t: TradeOffs, best: tuple[Move, ...] = ()) -> Group:
    """The trade-offs of a plan whose moves are ``best`` (other plans are said as their
    differences from it)."""
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
        prices = Table(
            title="What each lock and rule costs (what it does to the plan, in football units)",
            title_justify="left",
        )
        for col in ("rule", "relaxed", "objective loss", "in m"):
            prices.add_column(col, justify="right" if col in ("objective loss", "in m") else "left")
        _unit_columns(prices)
        prices.add_column("without it, the plan would")
        for p in sorted(costly, key=lambda p: -(p.objective_loss or 0)):
            money_eq = "-" if p.money_equivalent is None else f"{p.money_equivalent:,.1f}"
            prices.add_row(
                p.rule,
                p.relaxation,
                f"{p.objective_loss:,.3f}",
                money_eq,
                *_units(p.change),
                _changes_text(best, p.plan.moves),
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
        parts.append(head)
        margin = Table(
            title="One million more or less (each side on its own: the average hides a zero)",
            title_justify="left",
        )
        for col in ("net-spend budget", "objective change"):
            margin.add_column(col, justify="right")
        _unit_columns(margin)
        margin.add_column("moves, versus the best plan")
        for label, side in (("+1 m", b.one_more), ("-1 m", b.one_less)):
            if side is None:
                continue
            change = side.objective_change
            margin.add_row(
                f"{label} ({side.budget:,.2f})",
                "no plan" if change is None else f"{change:+,.3f}",
                *_units(side.change),
                _changes_text(best, side.plan.moves) if side.plan.status.has_plan else "-",
            )
        parts.append(margin)
        of = f"{b.window} " if b.window else ""  # over a horizon: the first window's budget
        curve = Table(
            title=f"Best plan by {of}budget, {b.range[0]:g} to {b.range[1]:g} m"
            + ("" if b.complete else " (stopped at the solve cap)"),
            title_justify="left",
        )
        spend = "net spend, all windows" if b.window else "net spend"
        for col in ("from", "to", "objective", spend, "moves"):
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
        front = Table(title=f"Pareto front: XI strength vs {of}net spend", title_justify="left")
        for col in (f"{of}net spend", "strength", "moves"):
            front.add_column(col, justify="left" if col == "moves" else "right")
        for dot in b.pareto:
            front.add_row(
                f"{dot.net_spend:,.2f}", f"{dot.strength:,.3f}", _moves_text(dot.plan.moves)
            )
        if b.pareto:  # none asked for over a horizon: the notes below say so
            parts.append(front)
    if t.alternatives:
        alt = Table(title="Next-best plans (versus the best)", title_justify="left")
        for col in ("rank", "objective loss"):
            alt.add_column(col, justify="right")
        _unit_columns(alt)
        for col in ("adds", "drops"):
            alt.add_column(col)
        for a in t.alternatives:
            alt.add_row(
                str(a.rank),
                f"{a.objective_loss:,.3f}",
                *_units(a.change),
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
        _unit_columns(reg)
        for g in t.regret:
            reg.add_row(
                g.forced,
                "no plan" if g.objective_loss is None else f"{g.objective_loss:,.3f}",
                *_units(g.change),
            )
        parts.append(reg)
    foot = f"trade-offs: {t.solves} re-solves in {t.seconds:.2f} s"
    parts.append(Text("\n".join([foot, *t.notes]), style="dim"))
    return Group(*parts)  # type: ignore[arg-type]


def explanation_view(e: Explanation) -> Group:
    parts: list[object] = [Text(f"Why not {e.question}?", style="bold"), Text(e.summary)]
    table = Table(show_header=True)
    table.add_column("")
    for col in ("objective", "first XI", "second XI", "net spend m", "wages m/yr"):
        table.add_column(col, justify="right")
    table.add_column("moves")

    def cell(value: float | None, form: str) -> str:
        return "-" if value is None else format(value, form)

    for label, p in (("best plan", e.best), (f"forced: {e.question}", e.forced)):
        table.add_row(
            label,
            cell(p.objective, ",.3f"),
            cell(p.first_xi, ",.1f"),
            cell(p.second_xi, ",.1f"),
            cell(p.net_spend, ",.2f"),
            cell(p.wage_bill, ",.2f"),
            _moves_text(p.moves) if p.status.has_plan else p.status.value,
        )
    if e.change is not None:
        c = e.change
        table.add_row(
            "change",
            f"{c.objective:+,.3f}",
            f"{c.first_xi:+,.1f}",
            f"{c.second_xi:+,.1f}",
            f"{c.net_spend:+,.2f}",
            f"{c.wage_bill:+,.2f}",
            "",
        )
    parts.append(table)
    return Group(*parts)  # type: ignore[arg-type]


def threshold_view(t: Threshold, names: dict[str, str]) -> Group:
    """The answer to "at what value does it pay?", and the plans segment by segment."""
    parts: list[object] = [
        Text(f"At what {t.parameter} would the best plan {t.question}?", style="bold"),
        Text(t.summary),
    ]
    table = Table(title=f"Best plan by {t.parameter} ({t.method})", title_justify="left")
    for col in ("from", "to", t.question, "objective at from"):
        table.add_column(col, justify="right")
    table.add_column("moves")
    for seg in t.segments:
        # No plan is not a plan without moves: say why there is none (infeasible, or the
        # value was rejected) instead of "no" and "no moves".
        planless = seg.objective is None
        table.add_row(
            f"{seg.low:,.4g}",
            f"{seg.high:,.4g}",
            "-" if planless else "yes" if seg.does else "no",
            "-" if planless else f"{seg.objective:,.3f}",
            f"no plan: {seg.status}"
            if planless
            else ", ".join(label_words(m, names) for m in seg.moves) or "no moves",
        )
    parts.append(table)
    return Group(*parts)  # type: ignore[arg-type]


def history_lines(source: str, history: list[History], cutoff: str) -> list[str]:
    """What ``--absences`` did to a scenario: the injuries it saw, who its spells matched,
    whose ``availability`` estimate it replaced (id: old -> new) and whom it matched to no
    spell (a name it missed looks like a player never injured)."""
    seen = sum(h.injuries for h in history)
    joined = sum(h.joined for h in history)
    as_one = (
        f" ({joined} further {'spell overlaps' if joined == 1 else 'spells overlap'} or "
        "follows on from another: counted with it as one absence)"
        if joined
        else ""
    )
    matched = sum(1 for h in history if h.spells)
    replaced = [
        f"{h.person}: {h.availability_before:.3f} -> {h.availability_after:.3f}"
        for h in history
        if round(h.availability_before, 3) != round(h.availability_after, 3)
    ]
    unmatched = [h.person for h in history if not h.spells]
    reasons = Counter(reason for h in history for reason in h.not_injuries)
    set_aside = (
        [
            f"not counted as injuries ({reasons.total()} spells, by their reason; an injury's "
            "reason is blank or 'injury'): "
            + ", ".join(f"{reason} {n}" for reason, n in sorted(reasons.items()))
        ]
        if reasons
        else []
    )
    return [
        f"injury model from {source}: {seen} {'injury' if seen == 1 else 'injuries'} to the "
        f"squad and targets this season before {cutoff}{as_one}",
        f"{matched} of {len(history)} people matched by at least one spell; availability "
        f"estimate replaced for {len(replaced)}: {', '.join(replaced) or 'none'}",
        f"matched by no spell ({len(unmatched)}, modelled as injury-free since July): "
        f"{', '.join(unmatched) or 'none'}",
        *set_aside,
    ]
