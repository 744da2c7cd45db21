"""The rule families: the formulation's docstring states each with its module, each is
stated once (rows, check, relaxations), and a new rule is one module and a registry line."""

from __future__ import annotations

import re

import pytest

from models.plan import Plan
from models.scenario import Scenario
from optimizer import formulation, rules
from optimizer.checker import check_plan
from optimizer.linear_model import LinearExpr
from optimizer.replay import Replay
from optimizer.rules.base import BuildContext, Relaxable, RuleFamily, with_rules
from optimizer.solve import solve
from optimizer.tradeoffs.relaxations import relaxable_rules


def _stated() -> dict[str, tuple[str, str]]:
    """Family name -> (number, module) as the formulation's docstring states them."""
    doc = formulation.__doc__ or ""
    block = doc[doc.index("Constraints (") : doc.index("Objective (")]
    out: dict[str, tuple[str, str]] = {}
    entries = re.split(r"\n(?=\d+\. )", block)
    for entry in entries:
        number = re.match(r"(\d+)\. ", entry)
        module = re.findall(r"\((\w+)\)\s*$", entry, re.MULTILINE)
        if number is None or not module:
            continue
        for name in re.findall(r"(?:^|\s)\[(\w+)\]", entry):  # not keep[i]: a column
            out[name] = (number.group(1), module[-1])
    return out


def test_the_docstring_states_every_family_with_its_module() -> None:
    stated = _stated()
    registered = {name: family for family in rules.FAMILIES for name in family.names}
    assert set(stated) == set(registered)
    for name, (number, module) in stated.items():
        family = registered[name]
        assert type(family).__module__ == f"optimizer.rules.{module}", name
        low, _, high = family.numbers.partition("-")
        assert int(low) <= int(number) <= int(high or low), (name, number, family.numbers)


def test_families_are_numbered_in_the_order_they_are_built() -> None:
    firsts = [int(family.numbers.partition("-")[0]) for family in rules.FAMILIES]
    assert firsts == sorted(firsts)


def test_every_relaxable_row_belongs_to_its_family(liverpool: Scenario) -> None:
    form = formulation.build(liverpool)
    owner = {ref.index: ref.family for ref in form.rows}
    names = {family: type(f).__module__ for f in rules.FAMILIES for family in f.names}
    found = relaxable_rules(form)
    assert {r.family for r in found} >= {"coverage", "net_spend", "lock_keep", "group"}
    for rule in found:
        assert rule.family in names
        assert all(owner[row] == rule.family for row in rule.rows), rule.name


class AtMostOver30(RuleFamily):
    """A rule a user might add: at most ``limit`` members aged 30 or more. It exists only in
    this test, registered by one line (monkeypatching the registry)."""

    numbers = "16"
    names = ("over_30",)

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def add_rows(self, ctx: BuildContext) -> None:
        for st in ctx.cols.stages:
            expr = LinearExpr()
            for member in st.members:
                if (member.person.age_on(ctx.scenario.age_reference) or 0) >= 30:
                    for col in member.cols:
                        expr.add(col, 1.0)
            ctx.row("over_30", (st.stage.index,), "over_30", expr, upper=float(self.limit))

    def check(self, scenario: Scenario, replay: Replay) -> list[str]:
        members = replay.periods[0].members.values()
        older = [p for p in members if (p.age_on(scenario.age_reference) or 0) >= 30]
        return (
            [f"{len(older)} members aged 30+, limit {self.limit}"]
            if len(older) > self.limit
            else []
        )

    def relaxations(self, form: formulation.Formulation) -> list[Relaxable]:
        return [
            Relaxable(
                "over_30",
                "over_30",
                "rule",
                tuple(ref.index for ref in form.rows_of("over_30")),
                "upper",
                "players",
                f"at most {self.limit} players aged 30+",
                lambda s, x: with_rules(s),  # the toy rule lives outside the scenario
            )
        ]


def test_a_new_rule_is_one_module_and_a_registry_line(
    monkeypatch: pytest.MonkeyPatch, liverpool: Scenario
) -> None:
    before = solve(liverpool)
    people = {p.id: p for p in (*liverpool.squad, *liverpool.targets)}

    def aged(plan: Plan) -> list[str]:
        ages = {m.player: people[m.player].age_on(liverpool.age_reference) for m in plan.squad}
        return [pid for pid, age in ages.items() if (age or 0) >= 30]

    limit = len(aged(before)) - 1  # binding: the best plan so far breaks it
    assert limit >= 0
    monkeypatch.setattr(rules, "FAMILIES", (*rules.FAMILIES, AtMostOver30(limit)))
    after = solve(liverpool)  # built, solved and checked with the new rule
    assert after.checked and len(aged(after)) <= limit
    # The checker runs it: the plan from before breaks it.
    assert any("aged 30+" in v for v in check_plan(liverpool, before))
    # And the trade-off analysis sees it among the rules it prices and relaxes.
    assert "over_30" in {r.name for r in relaxable_rules(formulation.build(liverpool))}


def test_check_and_rows_share_no_solver_values(liverpool: Scenario) -> None:
    # The checker works from the plan alone: a plan object with nothing from a model.
    plan = solve(liverpool)
    rebuilt = Plan.model_validate(plan.model_dump())
    assert check_plan(liverpool, rebuilt) == []
