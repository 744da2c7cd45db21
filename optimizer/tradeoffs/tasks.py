"""Run the what-ifs of a trade-off analysis, on two processes when the machine has the cores.

Each task (a price, a regret, a piece of a parametric search) starts from a cleared solver
(:meth:`Session.reset`: no basis, no incumbent from the task before), so its answer depends
on the loaded model alone, never on which task ran before it or in which process. Two
processes then give the answers one process gives, in the same order.

The second process is a fork of this one, made when the analysis starts
(:func:`optimizer.forks.share`): it holds the same loaded model at no start-up cost, and
both take the next task until none is left (the longest tasks are first in the list).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from optimizer.forks import can_fork, cores, share
from optimizer.tradeoffs.resolver import Resolver, Task

# Fewer tasks than this are not worth a second process.
MIN_TASKS = 4


def run_tasks(r: Resolver, tasks: Sequence[Task]) -> list[Any]:
    """Each task's answer, in the order of ``tasks``; ``r.solves`` counts the what-ifs of
    both processes."""
    if len(tasks) < MIN_TASKS or cores() < 2 or not can_fork(r.backend):
        return [_run(r, task)[0] for task in tasks]
    answers: dict[int, Any] = {}
    solves = r.solves
    for k, (answer, made) in share(len(tasks), lambda k: _run(r, tasks[k]), helpers=1):
        answers[k] = answer
        solves += made
    r.solves = solves
    return [answers[k] for k in range(len(tasks))]


def _run(r: Resolver, task: Task) -> tuple[Any, int]:
    """The task's answer from a cleared solver, and the what-ifs it took."""
    r.session.reset()
    before = r.solves
    answer = task(r)
    return answer, r.solves - before
