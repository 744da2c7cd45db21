r"""The transfer-window MIP: scenario -> :class:`LinearModel`. Builds; never solves, never prints.

The columns are declared in :mod:`optimizer.columns`; each constraint family writes its own
rows (:mod:`optimizer.rules`); the objective's terms are in :mod:`optimizer.objective`.

Sets
----
S squad players; T targets; R roles; n_r the number of formation slots of role r (the XI
is ``rules.formation``; slots of one role are interchangeable, so we assign players to roles
with capacity n_r rather than to individual slots); O offers; E the members *eligible* to
play, i.e. fit for at least ``rules.available_from`` of the rest of the season (Leoni, out
past the season's end, is not); C_r the members of E who *cover* role r: they play it with
rating x competence >= ``rules.cover_min_rating``.

Variables (all binary)
----------------------
- ``keep[i]``, i in S; ``sell[i,o]`` per sale option o of i (each sale offer, plus a sale at
  ``market_value`` when ``rules.sell_without_offer``); ``loan_out[i,o]`` per loan offer.
  Options a player's ``sellable`` / ``loanable`` flags forbid are not created.
- ``buy[j]``, j in T; ``loan_in[j]`` when j has a ``loan_fee``.
- ``x1[p,r]``, ``x2[p,r]``: member p fills a role-r slot of the first / second XI, for p in
  E that can play r (competence > 0) and r in the formation.
- ``member[p]`` is an expression: ``keep[i]`` for i in S, ``buy[j] + loan_in[j]`` for j in T.

Constraints (family name in brackets, used in reports and errors; each family's rows, check
of a plan, relaxations and wording live in the module named after it in
:mod:`optimizer.rules`, registered in ``optimizer.rules.FAMILIES``)
---------------------------------------------------------------------------------------
1. [fate]          keep[i] + sum_o sell[i,o] + sum_o loan_out[i,o] = 1     for i in S  (fate)
2. [deal]          buy[j] + loan_in[j] <= 1                                 for j in T  (fate)
3. [one_slot]      sum_r x1[p,r] + sum_r x2[p,r] <= member[p]            for p in E  (lineup)
4. [first_xi]      sum_p x1[p,r] <= n_r                                     for r  (lineup)
5. [second_xi]     sum_p x2[p,r] <= n_r                                     for r  (lineup)
6. [coverage]      sum_{p in C_r} member[p] >= coverage[r]                   for r  (coverage)
7. [net_spend]     sum fee_j buy[j] + loan_fee_j loan_in[j]
                   - sum fee_o sell[i,o] - sum fee_o loan_out[i,o] <= budget.net_spend
                                                                            (budget)
8. [wage_bill]     sum_i wage_i (keep[i] + (1 - share_o) loan_out[i,o])
                   + sum_j wage_j (buy[j] + share_j loan_in[j]) <= budget.wage_bill
                                                                            (budget)
9. [registration_senior]       sum_{p senior} member[p] <= max_senior      (registration)
10. [registration_non_homegrown] sum_{p senior, not homegrown} member[p]
                                <= max_non_homegrown                        (registration)
11. [max_signings]  sum_j buy[j] <= max_signings                        (signing_limits)
12. [max_loans_in]  sum_j loan_in[j] <= max_loans_in                    (signing_limits)
13. [squad_size]    min <= sum_p member[p] <= max                            (squad_size)
14. [group]         sum_{p: column(p) = v} member[p] <= max   per limit and value v  (groups)
15. [lock_keep] keep[i] >= 1; [lock_sell] sum_o sell[i,o] >= 1;
    [lock_sign] member[j] >= 1; [lock_never_sign] member[j] <= 0             (locks)
A rule absent from the scenario adds no row. Locks are rows (not fixed bounds) so that the
trade-off analysis can price each one by relaxing its row.

Objective (maximise; weights from ``objective``; the terms are stated once in
:mod:`optimizer.objective`)
-------------------------------------------------------------------------------
  first_xi  * sum s_pr x1[p,r] + second_xi * sum s_pr x2[p,r]       s_pr = rating x competence x fit
+ squad_rating * sum_p rating_p member[p]
+ residual_value * (sum_i res_i (keep[i] + sum_o loan_out[i,o]) + sum_j res_j buy[j])
- money * (net spend expression of 7) - wages * (wage bill expression of 8)
res is the value at ``window.horizon_end`` (:func:`models.quantities.residual_value`); a
player out on loan is still ours, a loanee is not. Each term is kept as its own vector so a
plan reports what drove it.
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
    terms = term_vectors(ctx.cols, n)
    objective = objective_vector(scenario, terms, n)
    for j in objective.nonzero()[0]:
        builder.add_objective(int(j), float(objective[j]))
    return Formulation(scenario, builder.finish(), ctx.cols, terms, ctx.rows)
