"""Rules 10-11, the Premier League squad list (Rule K): at most ``max_senior`` members aged
``senior_from_age`` or more on the reference date (``registration_senior``), and at most
``max_non_homegrown`` of them not homegrown (``registration_non_homegrown``); under-21s do
not count. The list is registered per period (per season, and again in January), ages on
1 January of the year its season began."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.horizon import name_suffix
from models.quantities import is_senior
from models.scenario import Scenario
from optimizer.linear_model import LinearExpr
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, Relax, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


def _more(field: str) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        reg = s.rules.registration
        return with_rules(
            s, registration=reg.model_copy(update={field: getattr(reg, field) + round(x)})
        )

    return relax


class Registration(RuleFamily):
    numbers = "10-11"
    names = ("registration_senior", "registration_non_homegrown")

    def add_rows(self, ctx: BuildContext) -> None:
        s = ctx.scenario
        reg = s.rules.registration
        if reg.max_senior is None and reg.max_non_homegrown is None:
            return
        for st in ctx.cols.stages:
            at, t = name_suffix(s, st.stage), st.stage.index
            senior, foreign = LinearExpr(), LinearExpr()
            for member in st.members:
                if not is_senior(s, member.person, st.stage):
                    continue
                for col in member.cols:
                    senior.add(col, 1.0)
                    if not member.person.homegrown:
                        foreign.add(col, 1.0)
            if reg.max_senior is not None:
                name = "registration_senior"
                ctx.row(name, (t,), f"{name}{at}", senior, upper=float(reg.max_senior))
            if reg.max_non_homegrown is not None:
                name = "registration_non_homegrown"
                ctx.row(name, (t,), f"{name}{at}", foreign, upper=float(reg.max_non_homegrown))

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        reg = scenario.rules.registration
        if reg.max_senior is None and reg.max_non_homegrown is None:
            return []
        bad = []
        for period in replay.periods:
            members = period.members.values()
            seniors = [p for p in members if is_senior(scenario, p, period.stage)]
            if reg.max_senior is not None and len(seniors) > reg.max_senior:
                n = len(seniors)
                bad.append(f"{n} senior players registered{period.where}, limit {reg.max_senior}")
            foreign = sum(1 for p in seniors if not p.homegrown)
            if reg.max_non_homegrown is not None and foreign > reg.max_non_homegrown:
                bad.append(
                    f"{foreign} non-homegrown seniors{period.where}, limit {reg.max_non_homegrown}"
                )
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        reg = form.scenario.rules.registration
        words = {
            "registration_senior": (f"the {reg.max_senior}-player senior list", "max_senior"),
            "registration_non_homegrown": (
                f"the {reg.max_non_homegrown} non-homegrown senior places",
                "max_non_homegrown",
            ),
        }
        out = []
        for family, (describe, field) in words.items():
            rows = tuple(ref.index for ref in form.rows_of(family))
            if rows:
                relax = _more(field)
                out.append(
                    Relaxable(family, family, "rule", rows, "upper", "players", describe, relax)
                )
        return out


FAMILY = Registration()
