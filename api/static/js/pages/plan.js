// The plan: moves per window as cards, the first and second XI on pitches, coverage depth
// against the requirement (and on matchdays, under the injury model), and money against the
// budgets.

import { h, put } from "../dom.js";
import { num, signed } from "../format.js";
import { matchdayCover } from "../matchday_cover.js";
import { moveCards, windowsOf } from "../moves.js";
import { pitch, pitchLegend } from "../pitch.js";
import { coverageBars, moneyBars, seasonBars } from "../squad_bars.js";
import { latestPlan, state } from "../state.js";
import { termWord } from "../words.js";
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
          h("th", { scope: "row" }, termWord(name)),
          h("td", {}, num(term.weight, 2)),
          h("td", {}, num(term.value, 1)),
          h("td", {}, signed(term.contribution, 2)),
        ),
      ),
    ),
  );
}

/** Over several windows, the XIs of one period at a time, chosen by period: the first
 * period's alone showed players the plan lets go in a later window. */
function periodPitches(periods, people) {
  const shown = h("div", { class: "pitches" });
  const show = (k) => {
    const period = periods[k];
    const members = new Map(period.squad.map((m) => [m.player, m]));
    // replaceChildren writes a null as the text "null": no second XI, no second pitch.
    shown.replaceChildren(
      pitch({ title: `First XI, ${period.period}`, xi: period.first_xi, members, people }),
      ...(period.second_xi.length
        ? [pitch({ title: `Second XI, ${period.period}`, xi: period.second_xi, members, people })]
        : []),
    );
  };
  const choose = h(
    "select",
    { id: "xi-period", onchange: (event) => show(Number(event.target.value)) },
    periods.map((p, k) => h("option", { value: String(k) }, `${p.period} (from ${p.start})`)),
  );
  show(0);
  return section(
    "The XIs period by period",
    h("div", { class: "field inline" }, h("label", { for: "xi-period" }, "Period"), choose),
    shown,
    pitchLegend(),
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
  const periods = plan.timeline?.periods ?? [];
  if (periods.length > 1) put(root, periodPitches(periods, people));
  else if (plan.first_xi.length) {
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
      section(
        `Money against the budgets (${scenario.currency ?? "EUR"} millions)`,
        moneyBars(plan.finance, plan.timeline?.windows ?? [], periods),
      ),
    ),
    plan.matchday_risk ? section("Matchday cover", matchdayCover(plan.matchday_risk)) : null,
    seasonBars(plan.finance)
      ? section(`Accounts per season (${scenario.currency ?? "EUR"} millions)`, seasonBars(plan.finance))
      : null,
    section("Objective", objectiveTable(plan)),
  );
}
