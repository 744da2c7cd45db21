"""All trade-offs of the best plan, from one loaded model (``analyse``), and "why not?"
questions answered by forcing a move (``explain``)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from models.people import Player
from models.plan import Plan, SolveStatus
from models.quantities import sale_barrier
from models.scenario import Scenario
from models.tradeoffs import Explanation, PlanSummary, TradeOffs
from optimizer.backends import Backend, get_backend
from optimizer.backends.base import Session, SolveOptions, Stopwatch
from optimizer.formulation import Formulation, build
from optimizer.linear_model import FloatArray
from optimizer.solve import Solved, solve
from optimizer.tradeoffs.budget import BudgetCurve, first_budget
from optimizer.tradeoffs.elastic import explain_infeasible
from optimizer.tradeoffs.prices import alternatives, price_of, regret_of
from optimizer.tradeoffs.relaxations import relaxable_rules
from optimizer.tradeoffs.resolver import (
    Resolver,
    Task,
    change_words,
    objective_loss,
    plan_change,
    summary,
)
from optimizer.tradeoffs.tasks import run_tasks

# Re-solves must tell apart plans whose values differ by far less than the default 1e-6
# relative gap of a plain solve, so what-ifs are solved to optimality. One thread: these
# re-solves end at the root, where HiGHS's second thread only waits (measured 40 % slower
# with two), and the analysis runs its own second process (optimizer.tradeoffs.tasks).
EXACT = SolveOptions(gap=0.0, threads=1)


def analyse(
    scenario: Scenario,
    plan: Plan,
    solver: str = "highs",
    alternatives_count: int = 3,
    budget_step: float = 0.1,
    pareto: bool | None = None,
) -> TradeOffs:
    """Prices, budget curve and Pareto front, alternatives and regret of ``plan`` (the best
    plan of ``scenario``); for an infeasible scenario, which rules must give and by how much.
    Builds and loads the model; :func:`analyse_solved` reuses a solve's. ``pareto``: the
    strength-vs-net-spend front (None: for one-window scenarios; over a horizon each of its
    points is a hard re-solve, so it is asked for)."""
    backend = get_backend(solver)
    form = build(scenario)
    return _analyse(form, plan, backend, None, alternatives_count, budget_step, pareto, None)


def analyse_solved(
    solved: Solved,
    alternatives_count: int = 3,
    budget_step: float = 0.1,
    pareto: bool | None = None,
) -> TradeOffs:
    """As :func:`analyse`, on the model and session the plan was solved with. A reduced
    market is loaded again in full: the exact market reduction is proven for the
    scenario's own rules, not for relaxed ones."""
    if solved.reduced:
        form, session = build(solved.scenario), None
    else:
        form, session = solved.form, solved.session
    return _analyse(
        form,
        solved.plan,
        solved.backend,
        session,
        alternatives_count,
        budget_step,
        pareto,
        solved.x_in(form),
    )


def _analyse(
    form: Formulation,
    plan: Plan,
    backend: Backend,
    session: Session | None,
    alternatives_count: int,
    budget_step: float,
    pareto: bool | None,
    best_x: FloatArray | None,
) -> TradeOffs:
    clock = Stopwatch()
    scenario = form.scenario
    notes: list[str] = []
    if plan.status == SolveStatus.INFEASIBLE:
        why = explain_infeasible(form, backend.name)
        if why is None:
            notes.append("even with every rule relaxed there is no plan (check the formation)")
        return TradeOffs(infeasibility=why, solves=1, seconds=clock.seconds, notes=tuple(notes))
    if not plan.status.has_plan:
        return TradeOffs(notes=(f"no trade-offs: the solve ended {plan.status.value}",))
    if plan.status == SolveStatus.FEASIBLE:
        notes.append("the plan is not proven optimal: losses are measured against it")
    r = Resolver(form, backend, EXACT, session, best_x)
    curve = None
    if first_budget(scenario) is None:
        notes.append("no net-spend budget in the scenario: no budget curve")
    else:
        front = pareto if pareto is not None else scenario.window is not None
        if not front:
            notes.append(
                "no Pareto front: over a horizon each of its points is a hard re-solve; ask for "
                "it (--pareto, or pareto=true over HTTP)"
                if pareto is None
                else "Pareto front not requested"
            )
        curve = BudgetCurve(r, plan, budget_step, front)
    searches = curve.searches() if curve is not None else []
    points = curve.points() if curve is not None else []
    rules = relaxable_rules(form)
    # The longest chains of re-solves first: they set how long two processes take.
    tasks: list[Task] = [
        *searches,
        lambda r: alternatives(r, plan, alternatives_count),
        *(partial(regret_of, best=plan, move=move) for move in plan.moves),
        *points,
        *(partial(price_of, best=plan, rule=rule) for rule in rules),
    ]
    answers = iter(run_tasks(r, tasks))
    found = [next(answers) for _ in searches]
    found_alternatives = next(answers)
    regret = tuple(a for a in (next(answers) for _ in plan.moves) if a is not None)
    budget = curve.report(found, [next(answers) for _ in points]) if curve is not None else None
    return TradeOffs(
        budget=budget,
        prices=tuple(answers),
        alternatives=found_alternatives,
        regret=regret,
        solves=r.solves,
        seconds=clock.seconds,
        notes=tuple(notes),
    )


def explain(
    scenario: Scenario,
    sign: str | None = None,
    sell: str | None = None,
    keep: str | None = None,
    solver: str = "highs",
) -> Explanation:
    """Answer "why not sign / sell / keep X?" with the best plan that does it, and its cost.

    Raises KeyError naming an id that is not in the squad (sell, keep) or targets (sign).
    """
    chosen = [(k, v) for k, v in (("sign", sign), ("sell", sell), ("keep", keep)) if v]
    if len(chosen) != 1:
        raise ValueError("ask about exactly one of --sign, --sell, --keep")
    kind, pid = chosen[0]
    person = scenario.target(pid) if kind == "sign" else scenario.player(pid)
    locks = scenario.locks
    field = {"sign": "sign", "sell": "sell", "keep": "keep"}[kind]
    # Forcing the move replaces any lock that says the opposite, except a dated keep lock
    # asked to sell: it only delays the sale (the manager's "until the end of the season"),
    # so the best plan that sells him honours it where it can (dropping it answered "what
    # does the wish cost?", and blamed the lock for a sale the best plan already made).
    opposite = {"sign": "never_sign", "sell": "keep", "keep": "sell"}[kind]
    delays = kind == "sell" and isinstance(locks.when("keep", pid), dt.date)
    # Other players' locks stay as given, dated ones with their dates.
    forced_locks = locks.adding(field, pid)
    if not delays:
        forced_locks = forced_locks.without(opposite, pid)
    forced_scenario = scenario.model_copy(update={"locks": forced_locks})
    question = f"{kind} {person.label}"
    best = solve(scenario, solver=solver)
    if isinstance(person, Player) and kind == "sell":
        barrier = sale_barrier(scenario, person)
        if barrier is not None:  # no rule to relax: the move itself does not exist
            return Explanation(
                question=question,
                best=summary(best),
                forced=PlanSummary(status=SolveStatus.INFEASIBLE),
                objective_loss=None,
                money_equivalent=None,
                summary=f"{person.label} cannot be sold: {barrier}",
            )
    forced = solve(forced_scenario, solver=solver)
    loss = money = None
    infeasibility = None
    change = plan_change(summary(forced), summary(best))
    if forced.status.has_plan and best.objective is not None and forced.objective is not None:
        loss = objective_loss(best.objective, forced.objective, best.solver.tolerance)
        w = scenario.objective.money
        money = loss / w if w > 0 else None
        in_money = "" if money is None else f" ({abs(money):.1f} m at {w:g} points per m)"
        if loss > 0:
            text = f"to {question} costs {loss:.2f} objective points{in_money}"
        elif loss < 0 and pid in getattr(locks, opposite):
            # Forcing the move replaced the lock that said the opposite.
            text = (
                f"to {question} gains {-loss:.2f} objective points{in_money}; "
                f"the scenario's {opposite} lock on {person.label} is what forbids it"
            )
        else:
            text = f"the best plan already does it, or an equally good one does: {question} is free"
        if loss:
            text += f"; it would mean {change_words(change)}"
    else:
        # The forced move is the question, not a rule to give up: it is not relaxed.
        forced_rule = f"lock_{field}[{pid}]"
        infeasibility = explain_infeasible(build(forced_scenario), solver, keep={forced_rule})
        text = f"no plan can {question}"
        if infeasibility is not None:
            text += f": {infeasibility.summary}"
    return Explanation(
        question=question,
        best=summary(best),
        forced=summary(forced),
        objective_loss=loss,
        money_equivalent=money,
        summary=text,
        infeasibility=infeasibility,
        change=change,
    )
