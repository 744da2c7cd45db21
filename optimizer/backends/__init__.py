"""Solver backends, chosen by name. Each is one small adapter behind :class:`Backend`."""

from __future__ import annotations

from optimizer.backends.base import Backend, Feature, RawResult, Session, SolveOptions
from optimizer.backends.cbc import CbcBackend
from optimizer.backends.highs import HighsBackend
from optimizer.backends.ortools_mip import CpSatBackend, ScipBackend
from optimizer.errors import SolverUnavailableError, UnknownSolverError

BACKENDS: dict[str, type[Backend]] = {
    b.name: b for b in (HighsBackend, CbcBackend, ScipBackend, CpSatBackend)
}
DEFAULT = "highs"


def get_backend(name: str = DEFAULT) -> Backend:
    """The backend called ``name``; raises UnknownSolverError / SolverUnavailableError."""
    try:
        backend = BACKENDS[name.lower()]()
    except KeyError:
        known = ", ".join(BACKENDS)
        raise UnknownSolverError(f"unknown solver {name!r}; choose one of: {known}") from None
    if not backend.available():
        raise SolverUnavailableError(f"solver {name!r} is not installed here")
    return backend


WHY_MISSING = {
    Feature.LP_DUALS: "gives no LP duals",
    Feature.CONTINUOUS: "takes no continuous columns",
    Feature.WARM_START: "takes no starting plan",
    Feature.IN_PLACE: "rebuilds the model for every solve",
    Feature.LP_BOUND: "gives no LP bound of a changed model",
}


def backend_for(feature: Feature, preferred: Backend, part: str) -> tuple[Backend, str | None]:
    """``preferred`` when it has ``feature``; otherwise HiGHS, and a note for the user
    saying which part of the work ran on HiGHS and why (None when nothing changed)."""
    if preferred.supports(feature):
        return preferred, None
    note = f"{part} ran on HiGHS: {preferred.name} {WHY_MISSING[feature]}"
    return HighsBackend(), note


def available_backends() -> list[str]:
    return [name for name, cls in BACKENDS.items() if cls().available()]


__all__ = [
    "BACKENDS",
    "DEFAULT",
    "Backend",
    "Feature",
    "RawResult",
    "Session",
    "SolveOptions",
    "available_backends",
    "backend_for",
    "get_backend",
]
