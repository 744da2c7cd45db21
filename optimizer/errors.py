"""Our exception hierarchy. Backend errors are translated into these in one place
(:func:`optimizer.backends.base.translate_errors`); nothing above it sees a solver's own."""

from __future__ import annotations


class TransfersError(Exception):
    """Base of every error this engine raises on purpose."""


class UnknownSolverError(TransfersError):
    """No backend by that name."""


class SolverUnavailableError(TransfersError):
    """The backend is known but cannot run here (its package or binary is missing)."""


class SolverFailedError(TransfersError):
    """The backend crashed or refused the model."""


class PlanCheckError(TransfersError):
    """A plan broke a rule when recomputed independently: a bug, never shown as a plan."""

    def __init__(self, violations: list[str]) -> None:
        self.violations = violations
        super().__init__("plan failed the independent check:\n  - " + "\n  - ".join(violations))
