"""Rule 15, group limits: in every period, for each limit in ``rules.groups`` and each
value v of its column (only its ``value`` when given), at most ``max`` members have
column = v. Values are typed
(:mod:`models.groups`): ``25`` and ``"25"`` are one age, ``true`` means homegrown."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from models.groups import Key, column_key, shown, wanted_key
from models.horizon import name_suffix
from models.scenario import Scenario
from optimizer.linear_model import LinearExpr
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, Relax, Relaxable, RuleFamily, with_rules

if TYPE_CHECKING:
    from optimizer.formulation import Formulation


def _more(index: int) -> Relax:
    def relax(s: Scenario, x: float) -> Scenario:
        groups = list(s.rules.groups)
        groups[index] = groups[index].model_copy(update={"max": groups[index].max + round(x)})
        return with_rules(s, groups=tuple(groups))

    return relax


class Groups(RuleFamily):
    numbers = "15"
    names = ("group",)

    def add_rows(self, ctx: BuildContext) -> None:
        s = ctx.scenario
        for st in ctx.cols.stages:
            at, t = name_suffix(s, st.stage), st.stage.index
            for g, limit in enumerate(s.rules.groups):
                wanted = wanted_key(s, limit)
                counted: defaultdict[Key, LinearExpr] = defaultdict(LinearExpr)
                for member in st.members:
                    key = column_key(member.person, limit.column, s.age_reference)
                    if key is None or (limit.value is not None and key != wanted):
                        continue
                    for col in member.cols:
                        counted[key].add(col, 1.0)
                for key, expr in sorted(counted.items(), key=lambda item: str(item[0])):
                    name = f"group[{limit.column}={shown(key)}]{at}"
                    ctx.row("group", (g, key, t), name, expr, upper=float(limit.max))

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        bad = []
        for period in replay.periods:
            for limit in scenario.rules.groups:
                counts = Counter(
                    column_key(p, limit.column, scenario.age_reference)
                    for p in period.members.values()
                )
                wanted = wanted_key(scenario, limit)
                for key, n in counts.items():
                    if key is not None and (wanted is None or key == wanted) and n > limit.max:
                        what = f"{limit.column}={shown(key)}"
                        bad.append(f"{n} members with {what}{period.where}, limit {limit.max}")
        return bad

    def relaxations(self, form: Formulation) -> list[Relaxable]:
        out = []
        for g, limit in enumerate(form.scenario.rules.groups):
            rows = tuple(ref.index for ref in form.rows_of("group") if ref.key[0] == g)
            if not rows:
                continue
            describe = f"at most {limit.max} members per {limit.column}"
            name = f"group[{limit.column}]"
            if limit.value is not None:
                describe += f" = {limit.value}"
                name = f"group[{limit.column}={limit.value}]"
            out.append(
                Relaxable(name, "group", "rule", rows, "upper", "players", describe, _more(g))
            )
        return out


FAMILY = Groups()
