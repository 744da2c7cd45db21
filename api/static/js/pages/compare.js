// Two plans side by side: what was changed in the scenario between them, and what the
// plans do differently (moves added and left out, the XI, money, objective).

import { h, put } from "../dom.js";
import { changeText, differences, planDifferences } from "../diff.js";
import { pathText } from "../fields.js";
import { money, num, signed, signedMoney } from "../format.js";
import { moveCards, windowsOf } from "../moves.js";
import { pitch } from "../pitch.js";
import { state } from "../state.js";
import { movesText } from "../words.js";
import { membersOf, noMoves, nothingYet, peopleOf, section, statusBadge, strengthOf } from "./common.js";

const SHOWN = 12; // scenario edits listed before "and N more"

function chooser(id, label, chosen, onChange) {
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h(
      "select",
      { id, onchange: (e) => onChange(Number(e.target.value)) },
      state.plans.map((entry) =>
        h("option", { value: entry.n, selected: entry.n === chosen }, `Plan ${entry.n}: ${entry.label}`),
      ),
    ),
  );
}

function figures(plan) {
  const row = (label, value) => h("tr", {}, h("th", { scope: "row" }, label), h("td", {}, value));
  return h(
    "table",
    { class: "numbers" },
    h(
      "tbody",
      {},
      row("Status", statusBadge(plan)),
      row("Objective", num(plan.objective, 2)),
      row("Strength (XIs)", num(strengthOf(plan), 1)),
      row("Net spend", money(plan.finance?.net_spend)),
      row("Wage bill", money(plan.finance?.wage_bill_after)),
    ),
  );
}

function side(entry, marks, onlyHere, title) {
  const { plan, scenario } = entry;
  return h(
    "section",
    { class: "panel side" },
    h("h2", {}, `${title}: plan ${entry.n}`),
    h("p", { class: "note" }, entry.label),
    figures(plan),
    moveCards(windowsOf(plan, scenario), marks, noMoves(plan)),
    plan.first_xi.length
      ? pitch({
          title: "First XI",
          xi: plan.first_xi,
          members: membersOf(plan),
          people: peopleOf(scenario),
          marked: onlyHere,
        })
      : null,
  );
}

function summary(a, b, diff) {
  const edits = differences(a.scenario, b.scenario);
  const said = (value, format) => (value === null ? "–" : format(value));
  return section(
    "What differs",
    h(
      "div",
      { class: "columns" },
      h(
        "div",
        {},
        h("h3", {}, "In the scenario"),
        a.scenario.name !== b.scenario.name
          ? h(
              "p",
              { class: "note" },
              `A and B answer different scenarios: ${a.scenario.name} and ${b.scenario.name}.`,
            )
          : null,
        edits.length
          ? h(
              "ul",
              { id: "scenario-edits" },
              edits
                .slice(0, SHOWN)
                .map((c) =>
                  h("li", {}, h("code", {}, pathText(c.path)), `: ${changeText(c)}`),
                ),
              edits.length > SHOWN ? h("li", {}, `and ${edits.length - SHOWN} more`) : null,
            )
          : h("p", { class: "empty" }, "Nothing: the same scenario."),
      ),
      h(
        "div",
        {},
        h("h3", {}, `In the plan (B against A)`),
        h(
          "ul",
          { id: "plan-differences" },
          h("li", {}, h("strong", {}, "Adds: "), diff.added.length ? movesText(diff.added) : "nothing"),
          h(
            "li",
            {},
            h("strong", {}, "Leaves out: "),
            diff.dropped.length ? movesText(diff.dropped) : "nothing",
          ),
          h(
            "li",
            {},
            `Objective ${said(diff.objective, (v) => signed(v, 2))}, strength ${said(diff.strength, (v) => signed(v, 1))}, net spend ${said(diff.netSpend, signedMoney)}, wage bill ${said(diff.wageBill, signedMoney)}`,
          ),
          h(
            "li",
            {},
            `First XI: ${diff.onlyInB.size ? `${diff.onlyInB.size} player(s) in, ${diff.onlyInA.size} out` : "the same players"}`,
          ),
        ),
      ),
    ),
  );
}

export function comparePage(root, app) {
  if (state.plans.length < 2) {
    put(
      root,
      nothingYet(
        "Compare two plans",
        state.plans.length
          ? "One plan so far. Change something on the scenario page (a budget, a bid, a lock) and solve again: both plans will be shown here side by side."
          : "No plans yet: solve a scenario, change something and solve again.",
      ),
    );
    return;
  }
  const find = (n) => state.plans.find((entry) => entry.n === n);
  const a = find(state.compare.a) ?? state.plans.at(-2);
  const b = find(state.compare.b) ?? state.plans.at(-1);
  const choose = (key) => (n) => {
    state.compare[key] = n;
    app.render();
    document.getElementById(`compare-${key}`)?.focus();
  };
  const diff = planDifferences(a.plan, b.plan);
  const dropped = new Map([...diff.marks].filter(([, mark]) => mark === "dropped"));
  const added = new Map([...diff.marks].filter(([, mark]) => mark === "added"));
  put(
    root,
    h("header", { class: "page-head" }, h("h1", {}, "Compare two plans")),
    h(
      "div",
      { class: "inline wrap choosers" },
      chooser("compare-a", "Plan A", a.n, choose("a")),
      chooser("compare-b", "Plan B", b.n, choose("b")),
    ),
    summary(a, b, diff),
    h(
      "div",
      { class: "columns compare" },
      side(a, dropped, diff.onlyInA, "A"),
      side(b, added, diff.onlyInB, "B"),
    ),
  );
}
