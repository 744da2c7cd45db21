"""Terminal rendering of what the injury model says: a plan's matchday risk, and the
backtest against real absences. Presentation only."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from models.backtest import Backtest
from models.injury import meets_probability
from models.risk import MatchdayRisk, RoleRisk


def share(value: float | None) -> str:
    """0.9512 -> '95.1 %'; None -> '-'."""
    return "-" if value is None else f"{100 * value:.1f} %"


def _pair(
    before: float | None, after: float | None, wanted: float | None, judge: bool = False
) -> Text:
    """Before -> after, red below the level asked; the exact figure (``judge``), which
    decides a shortfall, also says it in words."""
    short = wanted is not None and after is not None and not meets_probability(after, wanted)
    text = Text(f"{share(before)} -> ")
    said = " short" if short and judge else ""
    text.append(share(after) + said, style="red" if short else "")
    return text


def _needs(row: RoleRisk) -> str:
    if row.probability is None:
        return f"{row.players} (a count)"
    return f"{row.players} on {share(row.probability)}"


def risk_view(risk: MatchdayRisk) -> Group:
    """Per period and role, the chance of the cover asked for on a matchday, before the
    window and with the plan; then the best fit XI on a matchday."""
    periods = {row.period for row in risk.roles} | {xi.period for xi in risk.xi}
    several = len(periods) > 1
    sampled = risk.method == "sampled"
    title = (
        f"Matchday cover under the injury model ({risk.method}"
        + (f", {risk.samples} draws optimised" if sampled else "")
        + f", {risk.fresh_samples} fresh draws, seed {risk.seed}): before -> after"
    )
    roles = Table(title=title, title_justify="left")
    columns = ["period"] if several else []
    columns += ["role", "fit players needed on"]
    columns += ["on the draws optimised"] if sampled else []
    columns += ["on fresh draws", "exactly"]
    for col in columns:
        roles.add_column(col, justify="left" if col in ("period", "role") else "right")
    for row in risk.roles:
        cells: list[str | Text] = [row.period] if several else []
        cells += [row.role, _needs(row)]
        if sampled:
            cells.append(_pair(row.in_sample_before, row.in_sample_after, row.probability))
        cells.append(_pair(row.fresh_before, row.fresh_after, row.probability))
        cells.append(_pair(row.exact_before, row.exact_after, row.probability, judge=True))
        roles.add_row(*cells)
    parts: list[Table | Text] = [roles]
    for shortfall in risk.shortfalls:
        parts.append(Text(f"Short of a level: {shortfall}", style="bold red"))
    if risk.xi:
        xi = Table(
            title="The best XI among the players fit on a matchday (fresh draws): before -> after",
            title_justify="left",
        )
        for col in (*(["period"] if several else []), "draws", "mean strength", "10th percentile"):
            xi.add_column(col, justify="left" if col == "period" else "right")
        for line in risk.xi:
            xi.add_row(
                *([line.period] if several else []),
                str(line.draws),
                f"{line.mean_before:,.1f} -> {line.mean_after:,.1f}",
                f"{line.p10_before:,.1f} -> {line.p10_after:,.1f}",
            )
        parts.append(xi)
    return Group(*parts)


def backtest_view(result: Backtest) -> Group:
    """The three plans side by side: moves, matchdays covered per role (next to the chance
    the planning model gave), matchdays with every role covered, the fit XI's strength."""
    total = len(result.matchdays)
    head = Text()
    head.append(
        f"{result.scenario}: {result.period} replayed with the real absences\n", style="bold"
    )
    head.append(
        f"{total} matchdays (Saturdays {result.matchdays[0]} to {result.matchdays[-1]}); planned "
        f"with the {result.spells_known} spells begun before {result.known_by} (history from "
        f"{result.since}); judged with those and the {result.spells_after} begun after"
    )
    plans = result.plans
    table = Table(title="Matchdays covered (the planning model's chance)", title_justify="left")
    table.add_column("", justify="left")
    for outcome in plans:
        table.add_column(outcome.plan, justify="right")
    table.add_row("status", *[o.status for o in plans])
    # A plan that the engine could not find has no net spend (it read 0.00, as no moves).
    table.add_row(
        "net spend m", *["-" if o.net_spend is None else f"{o.net_spend:,.2f}" for o in plans]
    )
    judged = next((o.roles for o in plans if o.roles), ())
    for k, asked in enumerate(judged):
        cells: list[str | Text] = []
        for outcome in plans:
            if not outcome.roles:
                cells.append("-")
                continue
            r = outcome.roles[k]
            cells.append(
                Text(
                    f"{r.covered}/{total} ({share(r.predicted)})",
                    style="red" if r.covered < total else "",
                )
            )
        table.add_row(f"{asked.role}: {asked.players} fit", *cells)
    table.add_row(
        "every role covered",
        *["-" if o.fully_covered is None else f"{o.fully_covered}/{total}" for o in plans],
    )
    table.add_row(
        "fit XI, mean", *["-" if o.xi_mean is None else f"{o.xi_mean:,.1f}" for o in plans]
    )
    table.add_row(
        "fit XI, worst matchday",
        *["-" if o.xi_worst is None else f"{o.xi_worst:,.1f}" for o in plans],
    )
    moves = Table(title="Moves", title_justify="left")
    moves.add_column("plan")
    moves.add_column("moves")
    for outcome in plans:
        said = ", ".join(m.words for m in outcome.moves)
        moves.add_row(outcome.plan, said or ("none" if outcome.has_plan else "no plan"))
    return Group(head, table, moves)
