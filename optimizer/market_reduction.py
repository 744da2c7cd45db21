r"""Exact reduction of a large market by LP pricing and reduced-cost bounds.

A market of thousands of targets makes a model of tens of thousands of columns, yet the
LP relaxation of this model is tight (within 0.1 % at 5,000 targets) and almost every
target is provably useless. We prove it without ever solving the big model:

1. Restricted LP. Solve the LP relaxation over the squad plus a small set R of targets
   (the strongest per formation role, the cheapest cover per coverage role, the locked).
2. Pricing (column generation). With the LP's row duals y, every target j outside R gets
   the dual of its own ``one_slot`` row, mu_j = max(0, max over its XI columns of
   (c - A^T y)), which makes all its XI columns' reduced costs <= 0; its buy / loan-in
   columns then have reduced cost d = c - A^T y (mu_j included). Targets with d > 0 would
   improve the LP: add the best to R and repeat.
3. Bound (Lagrangian). Keep each target's own rows as constraints (his ``fate`` rows once
   held, his ``deal`` rows: rows over his columns alone) and price the shared rows with
   any values y (0 on his own rows; on his ``one_slot`` rows the mu above). Every plan is
   worth at most L(y) = sum_r max(y_r lo_r, y_r up_r) + sum_{c not a target's}
   max(d_c lo_c, d_c up_c) + sum_j B_j, where d = c - A^T y and B_j is the best d-value of
   a *trajectory* of target j: window by window, not held (nothing, buy, free, loan in) or
   held (keep, loan out, sell, release, lapse), as his own rows allow; a short dynamic
   programme over the windows finds it (a one-window market: max(0, d_buy, d_loan_in)).
   A plan that signs j at all is worth at most L_j = L - B_j + B'_j, with B'_j the best
   trajectory that signs him. This holds whatever the LP solver's tolerances were: it is
   recomputed here from the model's arrays.
4. Incumbent and cut. Solve the MIP over R: a plan worth z. Every target outside R with
   L_j < z - tol can be in no plan better than z, so removing it keeps an optimal plan. The
   rest of the market is kept. Targets whose best signing trajectory has B'_j > 0 would
   improve the LP: the pricing of step 2 adds the best of them to R.

The remaining MIP (R plus the survivors) is solved as usual by the chosen backend, and the
plan is checked against the full scenario. Rules only enter through the model's rows, so the
reduction is exact for every rule and lock. ``tests/optimizer/test_market_reduction.py``
compares optima with and without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import numpy as np

from models.quantities import can_cover, fit_enough, fit_share, rating
from optimizer.backends import Backend, Feature, backend_for
from optimizer.backends.base import SolveOptions
from optimizer.backends.highs import HighsBackend
from optimizer.formulation import Formulation
from optimizer.linear_model import FloatArray, LinearModel

MIN_MARKET = 400  # markets from this size are reduced; below, the plain model takes < 1 s
SEED_PER_ROLE = 6
ADD_PER_ROUND = 60
MAX_ROUNDS = 25


@dataclass(frozen=True)
class Reduction:
    kept: frozenset[str]  # ids of the targets that stay in the market
    lp_bound: float  # L(y): no plan is worth more
    incumbent: float  # value of the plan found over the restricted market
    start: dict[str, float]  # that plan, column name -> value (a warm start)
    note: str | None  # which part ran on HiGHS instead of the chosen backend, and why

    def start_for(self, model: LinearModel) -> FloatArray:
        """The incumbent as a point of ``model`` (columns matched by name, others 0)."""
        return np.array([self.start.get(name, 0.0) for name in model.col_names])


def reduce_market(
    form: Formulation,
    min_market: int = MIN_MARKET,
    seed_per_role: int = SEED_PER_ROLE,
    add_per_round: int = ADD_PER_ROUND,
    backend: Backend | None = None,
) -> Reduction | None:
    """The targets an optimal plan may need, or None when the market is under
    ``min_market`` targets or the restricted problem gives no plan to bound against.
    ``seed_per_role`` and ``add_per_round`` size the restricted market and its growth.
    The restricted MIP runs on ``backend`` (HiGHS by default); the LP pricing needs row
    duals, so it runs on HiGHS unless ``backend`` gives them."""
    mip_backend = backend or HighsBackend()
    lp_backend, note = backend_for(Feature.LP_DUALS, mip_backend, "the market reduction's LP")
    s, model = form.scenario, form.model
    targets = s.targets
    if len(targets) < max(1, min_market):
        return None
    index = {t.id: k for k, t in enumerate(targets)}
    owned = _target_columns(form, index)
    col_target = np.full(model.num_cols, -1, dtype=np.int64)
    col_target[owned.cols] = owned.owners
    own_rows = _own_rows(form, index)

    chosen = _seed(form, index, seed_per_role)
    rounds = 0
    while True:
        rounds += 1
        keep_cols = (col_target < 0) | chosen[np.maximum(col_target, 0)]
        solved = lp_backend.open(model.restrict(keep_cols, relax=True)).lp_duals()
        if solved is None:
            return None
        y = _clean_duals(model, solved[1])
        y[own_rows] = 0.0  # his own rows are constraints of his trajectory, not priced
        y, d = _extend(model, y, owned, chosen)
        best, signing = _trajectories(owned, d, len(targets))
        improving = np.flatnonzero(~chosen & (signing > 1e-9))
        if len(improving) == 0 or rounds >= MAX_ROUNDS:
            break
        order = improving[np.argsort(-signing[improving])][:add_per_round]
        chosen[order] = True

    restricted = model.restrict(keep_cols)  # the last round's market: the loop left it as is
    raw = mip_backend.solve(restricted, SolveOptions(probing=False))  # any plan bounds
    if not raw.status.has_plan or raw.objective is None or raw.x is None:
        return None
    incumbent = raw.objective
    bound = _lagrangian_bound(model, y, d, col_target < 0) + float(best.sum())
    tol = 1e-6 * max(1.0, abs(incumbent))
    # L_j = L - B_j + B'_j: the plan that signs j.
    kept = chosen | (bound - best + signing >= incumbent - tol)
    return Reduction(
        kept=frozenset(t.id for t, k in zip(targets, kept, strict=True) if k),
        lp_bound=bound,
        incumbent=incumbent,
        start={n: float(v) for n, v in zip(restricted.col_names, raw.x, strict=True) if v},
        note=note,
    )


def _seed(form: Formulation, index: dict[str, int], per_role: int) -> np.ndarray:
    """Initial market: strongest per formation role, cheapest cover per coverage role,
    cheapest overall, and every locked target."""
    s, targets = form.scenario, form.scenario.targets
    chosen = np.zeros(len(targets), dtype=bool)
    # Each person's numbers once, not once per role: strength is rating x competence x fit
    # share (models.quantities.strength, the same products in the same order); the stable
    # sorts keep the market's order among equals.
    rated = np.array([rating(s, t) for t in targets])
    fit = np.array([fit_share(s, t) for t in targets])
    plays: dict[str, list[int]] = {}  # role -> the targets who play it
    for k, t in enumerate(targets):
        for role in t.positions:
            plays.setdefault(role, []).append(k)
    for role in set(s.rules.formation):
        competence = np.zeros(len(targets))
        who = plays.get(role, [])
        competence[who] = [targets[k].positions[role] for k in who]
        chosen[np.argsort(-(rated * competence * fit), kind="stable")[:per_role]] = True
    playing = [fit_enough(s, share) for share in fit.tolist()]
    cheapest = np.array(
        [min(t.fee, t.loan_fee if t.loan_fee is not None else t.fee) for t in targets]
    )
    for role in s.rules.coverage:
        # the cheapest first, asking can_cover only until per_role are found
        fit_players = np.array([k for k in plays.get(role, []) if playing[k]], dtype=np.int64)
        by_price = fit_players[np.argsort(cheapest[fit_players], kind="stable")]
        able = (k for k in by_price.tolist() if can_cover(s, targets[k], role))
        chosen[list(islice(able, per_role))] = True
    fees = np.array([t.fee for t in targets])
    chosen[np.argsort(fees, kind="stable")[:per_role]] = True
    for tid in (*s.locks.sign, *s.locks.never_sign):
        chosen[index[tid]] = True
    return chosen


@dataclass(frozen=True)
class TargetColumns:
    """Which columns belong to which target (by index), and his trajectory's options window
    by window: ``acquire`` (buy, free: he is then held), ``loan_in`` (not held after),
    ``stay`` (keep, loan out: still held), ``leave`` (sell, release, lapse); each an array
    (windows x targets x options) of column indices, -1 where there is none. XI columns
    with their own ``one_slot`` rows, for the mu of step 2."""

    cols: np.ndarray
    owners: np.ndarray
    acquire: np.ndarray
    loan_in: np.ndarray
    stay: np.ndarray
    leave: np.ndarray
    xi_cols: np.ndarray
    xi_owners: np.ndarray
    xi_rows: np.ndarray


def _target_columns(form: Formulation, index: dict[str, int]) -> TargetColumns:
    one_slot = {(str(ref.key[0]), ref.key[1]): ref.index for ref in form.rows_of("one_slot")}
    xi: list[tuple[int, int, int]] = []
    n, stages = len(index), form.cols.stages
    # (window, target, column) of each kind of option, in the order met
    acquire: list[tuple[int, int, int]] = []
    loan_in: list[tuple[int, int, int]] = []
    stay: list[tuple[int, int, int]] = []
    leave: list[tuple[int, int, int]] = []
    for st in stages:
        t = st.stage.index
        acquire += [(t, index[tid], col) for tid, (col, _) in st.buy.items()]
        acquire += [(t, index[tid], col) for tid, col in st.free.items()]
        loan_in += [(t, index[tid], col) for tid, col in st.loan_in.items()]
        for pid in st.held_before:
            if pid not in index:
                continue
            k = index[pid]
            stay += [(t, k, st.keep[pid])] if pid in st.keep else []
            stay += [(t, k, loan.col) for loan in st.loan_out.get(pid, [])]
            leave += [(t, k, col) for col in st.sale_cols(pid)]
            leave += [(t, k, st.release[pid][0])] if pid in st.release else []
            leave += [(t, k, st.lapse[pid])] if pid in st.lapse else []
        for slot in st.slots:
            if slot.player in index:
                xi.append((slot.col, index[slot.player], one_slot[(slot.player, t)]))
    kinds = [np.array(e, dtype=np.int64).reshape(-1, 3) for e in (acquire, loan_in, stay, leave)]
    triples = np.array(xi, dtype=np.int64).reshape(-1, 3)
    acquired, loaned, stays, leaves = (_padded(e, len(stages), n) for e in kinds)
    return TargetColumns(
        cols=np.concatenate([*(e[:, 2] for e in kinds), triples[:, 0]]),
        owners=np.concatenate([*(e[:, 1] for e in kinds), triples[:, 1]]),
        acquire=acquired,
        loan_in=loaned,
        stay=stays,
        leave=leaves,
        xi_cols=triples[:, 0],
        xi_owners=triples[:, 1],
        xi_rows=triples[:, 2],
    )


def _padded(entries: np.ndarray, windows: int, n: int) -> np.ndarray:
    """(window, target, column) rows as an array (windows x targets x options) of column
    indices, each cell's in the order given, -1 after them."""
    cell = entries[:, 0] * n + entries[:, 1]
    order = np.argsort(cell, kind="stable")
    entries, cell = entries[order], cell[order]
    rank = np.arange(len(cell)) - np.searchsorted(cell, cell, side="left")
    out = np.full((windows, n, int(rank.max(initial=0)) + 1), -1, dtype=np.int64)
    out[entries[:, 0], entries[:, 1], rank] = entries[:, 2]
    return out


def _own_rows(form: Formulation, index: dict[str, int]) -> np.ndarray:
    """A target's own rows the trajectory keeps as constraints: his fate and deal rows."""
    rows = [
        ref.index
        for family in ("fate", "deal")
        for ref in form.rows_of(family)
        if str(ref.key[0]) in index
    ]
    return np.array(rows, dtype=np.int64)


def _trajectories(owned: TargetColumns, d: FloatArray, n: int) -> tuple[FloatArray, FloatArray]:
    """Per target, the best d-value of a trajectory (B_j, at least 0: he never comes) and of
    one that signs him (B'_j; -inf when he cannot be signed). States after each window:
    not signed yet; signed before but not held now; held."""
    NEG = -np.inf

    def best_of(cols: np.ndarray) -> FloatArray:
        values = np.where(cols >= 0, d[np.maximum(cols, 0)], NEG)
        return values.max(axis=-1)

    never = np.zeros(n)
    gone = np.full(n, NEG)  # signed once (loaned in, or held and left), not held now
    held = np.full(n, NEG)
    for t in range(owned.acquire.shape[0]):
        acquire, loan = best_of(owned.acquire[t]), best_of(owned.loan_in[t])
        stay, leave = best_of(owned.stay[t]), best_of(owned.leave[t])
        free = np.maximum(never, gone)
        gone, held = (
            np.maximum.reduce([gone, free + loan, held + leave]),
            np.maximum(free + acquire, held + stay),
        )
    signing = np.maximum(gone, held)
    return np.maximum(never, signing), signing


def _clean_duals(model: LinearModel, y: FloatArray) -> FloatArray:
    """Zero the duals whose sign has no finite bound to pay for it (solver noise), so that
    L(y) stays finite; any y gives a valid bound."""
    y = y.copy()
    y[(y > 0) & ~np.isfinite(model.row_upper)] = 0.0
    y[(y < 0) & ~np.isfinite(model.row_lower)] = 0.0
    return y


def _extend(
    model: LinearModel, y: FloatArray, owned: TargetColumns, chosen: np.ndarray
) -> tuple[FloatArray, FloatArray]:
    """Give every target's one_slot rows (one per period) the dual that prices his XI
    columns in it out (so the trajectories of step 3 may leave XI columns aside: none has a
    positive reduced cost); returns the extended duals and every column's reduced cost."""
    rows = owned.xi_rows
    y = y.copy()
    y[rows] = 0.0
    d0 = model.objective - model.transpose_times(y)
    mu = np.zeros(model.num_rows)
    np.maximum.at(mu, rows, d0[owned.xi_cols])
    y[rows] = mu[rows]
    return y, model.objective - model.transpose_times(y)


def _lagrangian_bound(
    model: LinearModel, y: FloatArray, d: FloatArray, in_box: np.ndarray
) -> float:
    """L(y) without the targets' trajectories: the rows' part and the box part of every
    column that is no target's, from the model's own arrays."""
    cols = np.maximum(d * model.col_lower, d * model.col_upper)[in_box]
    with np.errstate(invalid="ignore"):
        up = np.where(y > 0, y * model.row_upper, 0.0)
        lo = np.where(y < 0, y * model.row_lower, 0.0)
    return float(cols.sum() + up.sum() + lo.sum() + model.objective_offset)
