// Small pieces the pages share.

import { h } from "../dom.js";
import { num } from "../format.js";
import { movesText, STATUS_WORDS } from "../words.js";

/** The scenario's players and targets by id. */
export function peopleOf(scenario) {
  return new Map([...(scenario?.squad ?? []), ...(scenario?.targets ?? [])].map((p) => [p.id, p]));
}

export function nameOf(scenario) {
  const people = peopleOf(scenario);
  return (id) => people.get(id)?.name || id;
}

/** The plan's squad after the window by id. */
export function membersOf(plan) {
  return new Map((plan?.squad ?? []).map((m) => [m.player, m]));
}

/** Whether the solve found a plan (proven best or stopped at a limit). */
export function hasPlan(plan) {
  return plan?.status === "optimal" || plan?.status === "feasible";
}

/** What a plan says when it has no moves. */
export function noMoves(plan) {
  return hasPlan(plan) ? "No moves: the squad stays as it is." : "No plan, so no moves.";
}

/** The XIs' share of the objective: what the Pareto front calls strength (null: no plan). */
export function strengthOf(plan) {
  const terms = plan?.objective_terms ?? {};
  if (!terms.first_xi && !terms.second_xi) return null;
  return (terms.first_xi?.contribution ?? 0) + (terms.second_xi?.contribution ?? 0);
}

export function statusBadge(plan) {
  return h(
    "span",
    { class: `badge ${hasPlan(plan) ? "ok" : "bad"}` },
    STATUS_WORDS[plan.status] ?? plan.status,
  );
}

export function section(title, ...children) {
  return h("section", { class: "panel" }, h("h2", {}, title), ...children);
}

/** What a view shows before there is anything to show: its title and what to do. */
export function nothingYet(title, text) {
  return [
    h("header", { class: "page-head" }, h("h1", {}, title)),
    h(
      "section",
      { class: "panel empty-state" },
      h("p", {}, text),
      h("p", {}, h("a", { href: "#/scenario", class: "button" }, "Go to the scenario")),
    ),
  ];
}

export function planHeading(entry) {
  const { plan } = entry;
  return h(
    "p",
    { class: "plan-meta" },
    statusBadge(plan),
    plan.objective !== null ? ` objective ${num(plan.objective, 2)}` : "",
    plan.checked
      ? h("span", { class: "badge ok" }, "checked")
      : h("span", { class: "badge bad" }, "not checked"),
    ` solver ${plan.solver.name}, ${num(plan.solver.seconds, 2)} s`,
  );
}

/** Why there is no plan: the least relaxation that admits one, and the plan it admits. */
export function infeasibility(plan) {
  const report = plan.tradeoffs?.infeasibility;
  if (!report && plan.status === "infeasible" && !plan.tradeoffs) {
    // Solved without trade-offs, the page said only "No plan exists": say where the why is.
    return section(
      "Why there is no plan",
      h("p", {}, "Solve again with trade-offs: they say the least change to the rules that admits a plan."),
    );
  }
  if (!report) return null;
  const messages = report.relaxations.map((r) => r.message);
  const said = messages.length === 1 && messages[0] === report.summary ? [] : messages;
  return section(
    "Why there is no plan",
    h("p", {}, report.summary),
    said.length
      ? h(
          "ul",
          {},
          said.map((m) => h("li", {}, m)),
        )
      : null,
    h("p", {}, h("strong", {}, "With that relaxed, the best plan would: "), movesText(report.plan.moves)),
    report.notes.length ? h("p", { class: "note" }, report.notes.join(" ")) : null,
  );
}

/** Paths this scenario has, as examples (Liverpool's Gomez was suggested in every one). */
export function pathExamples(scenario) {
  const first = scenario.squad?.[0]?.id;
  return [
    scenario.offers?.length ? "offers[0].fee" : null,
    first ? `squad.${first}.availability` : null,
    "rules.budget.net_spend",
  ]
    .filter(Boolean)
    .join(", ");
}
