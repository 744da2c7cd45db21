"""Rules 12-13, how many may come in each window: at most ``rules.max_signings`` bought or
signed on a free (``max_signings``) and at most ``rules.max_loans_in`` loaned in
(``max_loans_in``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.horizon import name_suffix
from models.scenario import Scenario
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, Relax, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


def _more(field: str) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        return with_rules(s, **{field: getattr(s.rules, field) + round(x)})

    return relax


class SigningLimits(RuleFamily):
    numbers = "12-13"
    names = ("max_signings", "max_loans_in")

    def add_rows(self, ctx: BuildContext) -> None:
        rules = ctx.scenario.rules
        for st in ctx.cols.stages:
            at, t = name_suffix(ctx.scenario, st.stage), st.stage.index
            if rules.max_signings is not None:
                cols = [col for col, _ in st.buy.values()] + list(st.free.values())
                name = f"max_signings{at}"
                ctx.row("max_signings", (t,), name, ctx.ones(cols), upper=rules.max_signings)
            if rules.max_loans_in is not None:
                cols = list(st.loan_in.values())
                name = f"max_loans_in{at}"
                ctx.row("max_loans_in", (t,), name, ctx.ones(cols), upper=rules.max_loans_in)

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        rules, bad = scenario.rules, []
        for window in replay.windows:
            signed = len(window.bought) + len(window.signed_free)
            if rules.max_signings is not None and signed > rules.max_signings:
                bad.append(f"{signed} signings{window.where}, limit {rules.max_signings}")
            loans = len(window.loaned_in)
            if rules.max_loans_in is not None and loans > rules.max_loans_in:
                bad.append(f"{loans} loans in{window.where}, limit {rules.max_loans_in}")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        rules = form.scenario.rules
        words = {
            "max_signings": f"at most {rules.max_signings} signings",
            "max_loans_in": f"at most {rules.max_loans_in} loans in",
        }
        out = []
        for family, describe in words.items():
            rows = tuple(ref.index for ref in form.rows_of(family))
            if rows:
                relax = _more(family)
                out.append(
                    Relaxable(family, family, "rule", rows, "upper", "players", describe, relax)
                )
        return out


FAMILY = SigningLimits()
