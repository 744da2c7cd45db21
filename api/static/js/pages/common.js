// Small pieces the pages share.

import { h } from "../dom.js";
import { num } from "../format.js";
import { STATUS_WORDS } from "../words.js";

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

/** The XIs' share of the objective: what the Pareto front calls strength. */
export function strengthOf(plan) {
  const terms = plan?.objective_terms ?? {};
  return (terms.first_xi?.contribution ?? 0) + (terms.second_xi?.contribution ?? 0);
}

export function statusBadge(plan) {
  const ok = plan.status === "optimal" || plan.status === "feasible";
  return h("span", { class: `badge ${ok ? "ok" : "bad"}` }, STATUS_WORDS[plan.status] ?? plan.status);
}

export function section(title, ...children) {
  return h("section", { class: "panel" }, h("h2", {}, title), ...children);
}

/** What a page shows before there is anything to show: never a blank page. */
export function nothingYet(text) {
  return h(
    "section",
    { class: "panel empty-state" },
    h("p", {}, text),
    h("p", {}, h("a", { href: "#/scenario", class: "button" }, "Go to the scenario")),
  );
}

export function planHeading(entry) {
  const { plan } = entry;
  return h(
    "p",
    { class: "plan-meta" },
    statusBadge(plan),
    plan.objective !== null ? ` objective ${num(plan.objective, 2)}` : "",
    plan.checked ? h("span", { class: "badge ok" }, "checked") : h("span", { class: "badge bad" }, "not checked"),
    ` solver ${plan.solver.name}, ${num(plan.solver.seconds, 2)} s`,
  );
}
