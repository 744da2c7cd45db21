// The scenario: open or upload it, edit it, see every problem at its field, solve it.

import { api } from "../api.js";
import { h, put } from "../dom.js";
import { changeText, differences, shown } from "../diff.js";
import { pathText, problemList, showProblems } from "../fields.js";
import { busy, say } from "../messages.js";
import { addPlan, copy, state } from "../state.js";
import { peopleTable } from "../tables.js";
import { windowLabel } from "../words.js";

/** The scenario's window, or its windows by name over a horizon (it said "Window"). */
function windowsText(doc) {
  return Array.isArray(doc.windows) && doc.windows.length
    ? `${doc.windows.length} windows: ${doc.windows.map((w) => w.name).join(", ")}`
    : windowLabel(doc.window);
}
import { section } from "./common.js";
import { editForm } from "./scenario_form.js";
import { openPanel } from "./scenario_open.js";

const SOLVERS = ["highs", "cbc", "scip", "cpsat"];
const SHOWN = 20; // changes listed before "and N more"

function changesPanel() {
  const changes = differences(state.opened, state.scenario);
  return h(
    "section",
    { class: "panel", id: "changes", "aria-live": "polite" },
    h("h2", {}, "Changed since opened"),
    changes.length
      ? h(
          "ul",
          {},
          changes
            .slice(0, SHOWN)
            .map((c) =>
              h("li", {}, h("code", {}, pathText(c.path)), `: ${changeText(c)}`),
            ),
          changes.length > SHOWN ? h("li", {}, `and ${changes.length - SHOWN} more`) : null,
        )
      : h("p", { class: "empty" }, "Nothing yet."),
  );
}

/** A one-line label for a plan: what was changed since the scenario was opened, and the
 * solver when it is not the default (plans of one scenario by two solvers read the same). */
function planLabel(solver) {
  const changes = differences(state.opened, state.scenario);
  const by = solver && solver !== SOLVERS[0] ? `, by ${solver}` : "";
  if (!changes.length) return `${state.scenario.name}, as opened${by}`;
  const first = changes.slice(0, 2).map((c) => `${pathText(c.path)} ${shown(c.after)}`);
  const more = changes.length > 2 ? ` (+${changes.length - 2})` : "";
  return `${state.scenario.name}, ${first.join("; ")}${more}${by}`;
}

/** Fields typed wrong before any check: nothing is sent until they are fixed. */
function refusedAsTyped(app) {
  const typed = Object.values(state.typed);
  if (!typed.length) return false;
  state.problems = [];
  app.render();
  document.getElementById("problems-title")?.scrollIntoView({ block: "start" });
  say(`${typed.length} problem${typed.length === 1 ? "" : "s"} in the input: each is shown at its field.`);
  return true;
}

async function check(app) {
  if (refusedAsTyped(app)) return;
  busy("Checking the scenario…");
  try {
    const report = await api.validate(state.scenario);
    state.problems = [];
    app.render();
    say(
      `The scenario is valid: ${report.squad} squad players, ${report.targets} targets, ${report.offers} bids.`,
      "info",
    );
  } catch (error) {
    failed(app, error);
  } finally {
    busy("");
  }
}

function failed(app, error) {
  if (error.status === 422) {
    state.problems = error.problems;
    app.render();
    document.getElementById("problems-title")?.scrollIntoView({ block: "start" });
    say(`${error.message}: each is shown at its field.`);
  } else {
    say(error.message);
  }
}

export async function solve(app) {
  if (state.solving) return; // one solve at a time: a second press would only queue
  if (refusedAsTyped(app)) return;
  const options = state.options;
  const sent = copy(state.scenario); // the plan answers this, whatever is edited meanwhile
  const label = planLabel(options.solver);
  state.solving = true;
  busy(options.tradeoffs ? "Solving: the plan, then what it costs (a few seconds)…" : "Solving…");
  try {
    const plan = await api.solve(sent, { tradeoffs: options.tradeoffs, solver: options.solver });
    state.problems = [];
    addPlan(plan, sent, label);
    app.go("#/plan");
  } catch (error) {
    failed(app, error);
  } finally {
    state.solving = false;
    busy("");
  }
}

function solvePanel(app) {
  const options = state.options;
  return h(
    "section",
    { class: "panel solve-bar", "aria-label": "Solve" },
    h("h2", {}, "Solve"),
    h(
      "div",
      { class: "inline wrap" },
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          id: "opt-tradeoffs",
          checked: options.tradeoffs,
          onchange: (e) => (options.tradeoffs = e.target.checked),
        }),
        " with trade-offs (prices, budget curve, alternatives)",
      ),
      h("label", { for: "opt-solver" }, "Solver"),
      h(
        "select",
        { id: "opt-solver", onchange: (e) => (options.solver = e.target.value) },
        SOLVERS.map((name) => h("option", { value: name, selected: name === options.solver }, name)),
      ),
    ),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "button", id: "solve", class: "primary", onclick: () => solve(app) }, "Solve"),
      h("button", { type: "button", id: "check", onclick: () => check(app) }, "Check"),
      h(
        "button",
        {
          type: "button",
          id: "undo",
          onclick: () => {
            state.scenario = copy(state.opened);
            state.problems = [];
            state.typed = {};
            app.render();
          },
        },
        "Undo all changes",
      ),
    ),
  );
}

export function scenarioPage(root, app) {
  put(root, openPanel(app));
  const doc = state.scenario;
  if (!doc) {
    put(root, h("p", { class: "empty" }, "Open a bundled scenario or upload one to begin."));
    return;
  }
  let changes = changesPanel();
  const edit = () => {
    const fresh = changesPanel();
    changes.replaceWith(fresh);
    changes = fresh;
  };
  const form = editForm(app, edit);
  const body = h(
    "div",
    { class: "scenario-body" },
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, doc.name),
      h(
        "p",
        { class: "plan-meta" },
        `${doc.club || "club not named"} · ${windowsText(doc)} · ${doc.squad.length} squad players, ${doc.targets.length} targets, ${doc.offers.length} bids · ${state.source}`,
      ),
    ),
    section("Edit", form),
    h(
      "div",
      { class: "columns" },
      changes,
      section("Players", peopleTable(doc, "squad"), peopleTable(doc, "targets")),
    ),
    solvePanel(app),
  );
  put(root, body);
  const problems = [...Object.values(state.typed), ...state.problems];
  showProblems(body, problems); // the list below names those without a field too
  const count = problems.length;
  const list = problemList(body, problems, `${count} problem${count === 1 ? "" : "s"} to fix before solving`);
  if (list) body.prepend(list);
}
