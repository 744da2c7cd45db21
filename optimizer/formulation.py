r"""The transfer-window MIP: scenario -> :class:`LinearModel`. Builds; never solves, never prints.

The columns are declared in :mod:`optimizer.columns`; each constraint family writes its own
rows (:mod:`optimizer.rules`); the objective's terms are in :mod:`optimizer.objective`.

Sets
----
K stages k = 0..K-1: window k, then the period it opens (:mod:`models.horizon`; a one-window
scenario is K = 1 and is the model as it always was). S squad players; T targets; R roles;
n_r the formation's slots of role r (slots of one role are interchangeable: players are
assigned to roles with capacity n_r); O offers (each names its window). H_k the people we may
hold entering window k (S at k = 0; then whoever window k-1 may have left held). E_k the
members *eligible* to play in period k: fit for at least ``rules.available_from`` of it
(Leoni, out past this season's end, is not in period 0). C_rk the members of E_k who *cover*
role r: they play it with rating x competence >= ``rules.cover_min_rating`` (when given).

Variables (all binary)
----------------------
- p in H_k: ``keep[p,k]``; ``sell[p,o,k]`` per sale option in window k (each sale offer of
  that window, plus a sale at his value path then when ``rules.sell_without_offer``);
  ``loan_out[p,o,k]`` per loan offer of window k (for period k); ``release[p,k]`` when he has
  a ``release_fee``; ``lapse[p,k]`` when his contract ends before period k ends
  (:meth:`models.horizon.Stage.holds`). Options a
  player's ``sellable`` / ``loanable`` flags forbid are not created.
- j in T: ``buy[j,k]`` at his asking fee in window k (while his club holds his contract);
  ``free[j,k]`` once his contract has ended (``free_from``); ``loan_in[j,k]`` (``loan_fee``).
- ``extend[i,e,k]``: renewal option e of i taken in window k (while his contract runs);
  ``renewed[i,e,k',k]``: the renewal taken in window k' is in force in period k (still held;
  named ``renewed[i,e,window k']`` in a horizon).
- ``x1[p,r,k]``, ``x2[p,r,k]``: member p fills a role-r slot of period k's first / second
  XI, for p in E_k that can play r (competence > 0) and r in the formation.
- Expressions: ``held[p,k]`` = keep + sum_o loan_out + buy + free (we hold his contract
  after window k); ``held[p,-1]`` = 1 for p in S; ``member[p,k]`` = keep + buy + free +
  loan_in (he plays for us in period k). A one-window scenario's columns are exactly
  keep / sell / loan_out, buy / loan_in and the XI columns, named without a stage.
- ``covered[r,i,k]``: fit pattern i of role r's candidates is covered (rule 18 declares
  these itself; they exist only for roles given a probability).

Constraints (family name in brackets, used in reports and errors; each family's rows, check
of a plan, relaxations and wording live in the module named after it in
:mod:`optimizer.rules`, registered in ``optimizer.rules.FAMILIES``; every row is per stage
unless it says otherwise)
---------------------------------------------------------------------------------------
1. [fate]        keep + sum sell + sum loan_out + release + lapse = held[p,k-1]  p in H_k (fate)
2. [deal]        buy[j,k] + free[j,k] + loan_in[j,k] + held[j,k-1] <= 1       j in T (fate)
3. [valid] keep + sum loan_out <= sum_{renewals reaching period k} extend, when the contract
   ended before it; sum sell (on bids only) <= sum_{renewals reaching window k's close}
   extend, when it ended before that close; [lapse] lapse + those renewals <= 1;
   [renew_once] sum_{e,k} extend <= 1; [renew_held] extend[i,e,k] <= held[i,k];
   [renewal] renewed[i,e,k',k] = extend[i,e,k'] AND held[i,k], as three rows    (contracts)
4. [one_slot]    sum_r x1[p,r,k] + sum_r x2[p,r,k] <= member[p,k]         p in E_k  (lineup)
5. [first_xi]    sum_p x1[p,r,k] <= n_r                                   for r  (lineup)
6. [second_xi]   sum_p x2[p,r,k] <= n_r                                   for r  (lineup)
7. [coverage]    sum_{p in C_rk} member[p,k] >= coverage[r]   for r given a count  (coverage)
8. [net_spend]   window k's fees paid (buy, free signing-on, loan in, release, renewal fee)
                 - fees received (sell, loan out) <= its budget; [net_spend_total] the sum
                 over windows <= budget.net_spend_total                           (budget)
9. [wage_bill]   sum over a season's periods of (days_k / the season's days) x period k's
                 annual wages (held players; loan shares; renewed wages) <= budget.wage_bill
                 (a one-window scenario: the annual wage bill after the window)    (budget)
10. [registration_senior]       sum_{p senior in period k's season} member[p,k] <= max_senior
                                                                            (registration)
11. [registration_non_homegrown] sum_{p senior, not homegrown} member[p,k]
                                <= max_non_homegrown                        (registration)
12. [max_signings]  sum_j buy[j,k] + free[j,k] <= max_signings          (signing_limits)
13. [max_loans_in]  sum_j loan_in[j,k] <= max_loans_in                  (signing_limits)
14. [squad_size]    min <= sum_p member[p,k] <= max                          (squad_size)
15. [group]         sum_{p: column(p) = v} member[p,k] <= max   per limit and value v  (groups)
16. [lock_keep] member[i,k] >= 1 in each period the lock covers; [lock_sell] sum sell over
    the windows it allows >= 1; [lock_sign] deals over its windows >= 1; [lock_never_sign]
    every deal <= 0                                                              (locks)
17. [squad_cost_ratio] per season from ``rules.finance.from_season``: squad cost (wages and
    amortisation as annual rates pro rata over its periods, fees expensed in its windows,
    ``other_squad_cost``) - ratio x (profit on disposals + loan fees received)
    <= ratio x revenue; [squad_cost] squad cost <= rules.finance.squad_cost     (finance)
    Amortisation is linear in the columns: a squad player's rate per period times held, a
    signing's from the window he came in (a player signed within the horizon stays in it
    when the accounts are kept), a renewal's re-spread as renewed x (new rate - old rate);
    a disposal's profit is fee - book value on the sale column, with the renewal's shift
    on (renewed this period - renewed next) (:mod:`models.accounts`).
18. [covered] sum_{p in P_i} member[p,k] >= n_r z[r,i,k] for each fit pattern P_i of the
    members who can cover r, with at least n_r of them; [coverage_risk] sum_i w_i z[r,i,k] >=
    alpha_r, for r given {players: n_r, probability: alpha_r}: at least n_r fit on a share
    alpha_r of matchdays; w_i the share of seeded draws with that pattern, or its
    probability (``injury.method``); z binary                              (coverage_risk)
A rule absent from the scenario adds no row. Locks are rows (not fixed bounds) so that the
trade-off analysis can price each one by relaxing its rows.

Objective (maximise; weights from ``objective``; the terms are stated once in
:mod:`optimizer.objective`; w_k = period k's length over period 0's, discounted; d_k =
window k's discount; a one-window scenario has w_0 = d_0 = 1)
-------------------------------------------------------------------------------
  sum_k w_k (first_xi * sum s_prk x1[p,r,k] + second_xi * sum s_prk x2[p,r,k])
                                              s_prk = rating_pk x competence x fit_pk
+ squad_rating * sum_k w_k sum_p rating_pk member[p,k]
+ residual_value * d_H * (sum_p res_p held[p,K-1] + sum renewed[i,e,K-1] (res_ie - res_i))
- money * (sum_k d_k (net spend of window k) + sum d_due x instalments after the horizon)
  (``money_basis: pnl``: d_k x (amortisation_k x years of period k + fees expensed in
  window k - profit on disposals - loan fees received), no instalments)
- wages * sum_k w_k (wage bill of period k)
res is the value at ``horizon_end`` (:func:`models.quantities.residual_value`; under a
renewal, for its new contract); a player out on loan is still ours, a loanee is not. Each
term is kept as its own vector so a plan reports what drove it.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.scenario import Scenario
from optimizer import rules
from optimizer.columns import Columns, declare
from optimizer.linear_model import FloatArray, LinearModel, ModelBuilder
from optimizer.objective import objective_vector, term_vectors
from optimizer.rules.base import BuildContext, RowRef


@dataclass
class Formulation:
    """The model plus what says what each column and row means."""

    scenario: Scenario
    model: LinearModel
    cols: Columns
    terms: dict[str, FloatArray]  # term name -> coefficient vector of its raw quantity
    rows: list[RowRef]

    def rows_of(self, family: str) -> list[RowRef]:
        return [ref for ref in self.rows if ref.family == family]

    def rows_by_subject(self, family: str) -> dict[str, list[int]]:
        """A family's row indices by the first part of their key (the role, the player), in
        the order the rows were built: what a relaxation of one role or one lock loosens."""
        out: dict[str, list[int]] = {}
        for ref in self.rows_of(family):
            out.setdefault(str(ref.key[0]), []).append(ref.index)
        return out

    @property
    def families(self) -> dict[str, list[int]]:
        """Row indices by family (a family without rows is absent)."""
        out: dict[str, list[int]] = {}
        for ref in self.rows:
            out.setdefault(ref.family, []).append(ref.index)
        return out

    def term_values(self, x: FloatArray) -> dict[str, float]:
        return {name: float(vec @ x) for name, vec in self.terms.items()}


def build(scenario: Scenario) -> Formulation:
    """Write the MIP of this module's docstring for one scenario."""
    builder = ModelBuilder()
    ctx = BuildContext(scenario, declare(scenario, builder), builder)
    for family in rules.FAMILIES:
        family.add_rows(ctx)
    n = builder.num_cols
    terms = term_vectors(scenario, ctx.cols, n)
    model = builder.finish(objective_vector(scenario, terms, n))
    return Formulation(scenario, model, ctx.cols, terms, ctx.rows)
