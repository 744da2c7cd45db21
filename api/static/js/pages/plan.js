// The plan: moves per window as cards, the first and second XI on pitches, coverage depth
// against the requirement, and money against the budgets.

import { h, put } from "../dom.js";
import { num, signed } from "../format.js";
import { moveCards, windowsOf } from "../moves.js";
import { pitch, pitchLegend } from "../pitch.js";
import { coverageBars, moneyBars, seasonBars } from "../squad_bars.js";
import { latestPlan, state } from "../state.js";
import {
  hasPlan,
  infeasibility,
  membersOf,
  noMoves,
  nothingYet,
  peopleOf,
  planHeading,
  section,
} from "./common.js";

function objectiveTable(plan) {
  const terms = Object.entries(plan.objective_terms ?? {}).filter(([, term]) => term.weight !== 0);
  if (!terms.length) return h("p", { class: "empty" }, "No plan, so nothing to add up.");
  return h(
    "table",
    { class: "numbers" },
    h("caption", {}, "What the objective adds up"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Term"),
        h("th", { scope: "col" }, "Weight"),
        h("th", { scope: "col" }, "Value"),
        h("th", { scope: "col" }, "Contribution"),
      ),
    ),
    h(
      "tbody",
      {},
      terms.map(([name, term]) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, name.replaceAll("_", " ")),
          h("td", {}, num(term.weight, 2)),
          h("td", {}, num(term.value, 1)),
          h("td", {}, signed(term.contribution, 2)),
        ),
      ),
    ),
  );
}

export function planPage(root) {
  const entry = latestPlan();
  if (!entry) {
    put(root, nothingYet("Plan", "No plan yet: open a scenario and press Solve."));
    return;
  }
  const { plan, scenario } = entry;
  const members = membersOf(plan);
  const people = peopleOf(scenario);
  const others = state.plans.length > 1;
  put(
    root,
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, `Plan ${entry.n}: ${scenario.name}`),
      planHeading(entry),
      h(
        "p",
        { class: "actions" },
        h("a", { class: "button", href: "#/scenario" }, "Change the scenario and solve again"),
        others ? h("a", { class: "button", href: "#/compare" }, "Compare with the plan before") : null,
        h("a", { class: "button", href: "#/tradeoffs" }, "What it costs"),
      ),
    ),
    infeasibility(plan),
    section("Moves", moveCards(windowsOf(plan, scenario), new Map(), noMoves(plan))),
  );
  if (plan.first_xi.length) {
    put(
      root,
      section(
        "The XIs after the window",
        h(
          "div",
          { class: "pitches" },
          pitch({ title: "First XI", xi: plan.first_xi, members, people }),
          plan.second_xi.length ? pitch({ title: "Second XI", xi: plan.second_xi, members, people }) : null,
        ),
        pitchLegend(),
      ),
    );
  }
  put(
    root,
    h(
      "div",
      { class: "columns" },
      section(
        "Coverage: fit players per role",
        hasPlan(plan)
          ? coverageBars(plan.coverage)
          : h("p", { class: "empty" }, "No plan, so no coverage figures."),
      ),
      section(`Money against the budgets (${scenario.currency ?? "EUR"} millions)`, moneyBars(plan.finance, plan.timeline?.windows ?? [])),
    ),
    seasonBars(plan.finance)
      ? section(`Accounts per season (${scenario.currency ?? "EUR"} millions)`, seasonBars(plan.finance))
      : null,
    section("Objective", objectiveTable(plan)),
  );
}
