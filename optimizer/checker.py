"""The independent plan checker.

It recomputes everything a plan claims from the scenario and the plan's moves and XIs alone
(never from the model or the solver's values): the moves are replayed
(:mod:`optimizer.replay`), each rule family judges the result (its ``check``, in
:mod:`optimizer.rules`), and every objective term is recomputed (:mod:`optimizer.objective`).
Every plan passes it before it is returned; a failure is a bug and raises.
"""

from __future__ import annotations

from models.plan import Plan
from models.scenario import Scenario
from optimizer import rules
from optimizer.objective import TERMS, replay_value, stage_factor
from optimizer.replay import Replay, close, replay


def check_plan(s: Scenario, plan: Plan) -> list[str]:
    """Every rule the plan breaks, in words; empty when it is sound."""
    if not plan.status.has_plan:
        return [] if not plan.moves else [f"a {plan.status} result carries moves"]
    played = replay(s, plan)
    bad: list[str] = []
    for family in rules.FAMILIES:
        bad += family.check(s, played)
    bad += timeline_problems(s, plan, played)
    total = 0.0
    for term in TERMS:
        amount = replay_value(term, s, played)
        total += term.sign * term.weight(s) * amount
        reported = plan.objective_terms.get(term.name)
        if reported is None or not close(reported.value, amount):
            shown = None if reported is None else reported.value
            bad.append(f"objective term {term.name} reported {shown}, recomputed {amount}")
    if plan.objective is None or abs(plan.objective - total) > 1e-5 * max(1.0, abs(total)):
        bad.append(f"objective reported {plan.objective}, recomputed {total}")
    return bad


def timeline_problems(s: Scenario, plan: Plan, played: Replay) -> list[str]:
    """The timeline says what the moves do: each window's moves are the plan's moves of that
    window, its money and each period's squad and wage bill as replayed, each period's terms
    as recomputed; the top level is the first period."""
    timeline = plan.timeline
    if timeline is None:
        return []  # a plan made by hand, without its timeline: the top level is judged
    bad: list[str] = []
    if len(timeline.windows) != len(played.windows) or len(timeline.periods) != len(played.periods):
        return ["the timeline does not have the scenario's windows and periods"]
    first = played.windows[0].stage.window
    for listed, window in zip(timeline.windows, played.windows, strict=True):
        own = sorted(
            (m.action.value, m.player, m.offer, m.option)
            for m in plan.moves
            if (m.window or first) == window.stage.window
        )
        shown = sorted((m.action.value, m.player, m.offer, m.option) for m in listed.moves)
        if own != shown:
            bad.append(f"the timeline's moves{window.where} are not the plan's")
        for label, claimed, actual in (
            ("gross spend", listed.gross_spend, window.gross),
            ("income", listed.income, window.income),
            ("net spend", listed.net_spend, window.net_spend),
        ):
            if not close(claimed, actual):
                bad.append(f"{label}{window.where} reported {claimed}, recomputed {actual}")
    for listed_period, period in zip(timeline.periods, played.periods, strict=True):
        if {m.player for m in listed_period.squad} != set(period.members):
            bad.append(f"the squad listed{period.where} is not the squad the moves leave")
        if not close(listed_period.wage_bill, period.wage_bill):
            bad.append(
                f"wage bill{period.where} reported {listed_period.wage_bill}, "
                f"recomputed {period.wage_bill}"
            )
        for term in TERMS:
            reported = listed_period.objective_terms.get(term.name)
            if reported is None:
                continue
            amount = term.recompute(s, played, period.stage.index)
            factor = stage_factor(term, s, period.stage)
            if not close(reported.value, amount) or not close(
                reported.contribution, term.sign * term.weight(s) * factor * amount
            ):
                bad.append(
                    f"{term.name}{period.where} reported {reported.value}, recomputed {amount}"
                )
    top = timeline.periods[0]
    if (top.first_xi, top.second_xi, top.squad) != (plan.first_xi, plan.second_xi, plan.squad):
        bad.append("the plan's squad and XIs are not its timeline's first period")
    return bad
