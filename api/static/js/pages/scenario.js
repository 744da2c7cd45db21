// The scenario: open a bundled one or upload files, see every problem at its field, edit
// the numbers a director changes (budgets, bids, locks, coverage, objective weights), solve.

import { api } from "../api.js";
import { h, put } from "../dom.js";
import { differences, shown } from "../diff.js";
import { cellInput, cellSelect, numberField, pathText, problemItem, problemList, showProblems } from "../fields.js";
import { busy, say } from "../messages.js";
import { addPlan, copy, open, setPath, state } from "../state.js";
import { peopleTable } from "../tables.js";
import { windowLabel } from "../words.js";
import { section } from "./common.js";

const DEFAULT_ROLES = ["GK", "RB", "CB", "LB", "DM", "CM", "AM", "RW", "LW", "ST"];
const SOLVERS = ["highs", "cbc", "scip", "cpsat"];
const FIRST_CHOICE = "liverpool-2026-01"; // the founding case, offered first

function fileNames(files) {
  return [...files].map((f) => f.name).join(", ");
}

function openPanel(app) {
  const select = h(
    "select",
    { id: "bundled" },
    state.bundled.map((name) =>
      h("option", { value: name, selected: state.source ? state.source === `bundled: ${name}` : name === FIRST_CHOICE }, name),
    ),
  );
  const files = h("input", { type: "file", id: "upload", multiple: true, accept: ".yaml,.yml,.csv,.xlsx" });
  const openBundled = async () => {
    busy(`Opening ${select.value}…`);
    try {
      open(await api.scenario(select.value), `bundled: ${select.value}`);
      state.uploadProblems = [];
      app.render();
    } catch (error) {
      say(error.message);
    } finally {
      busy("");
    }
  };
  const upload = async () => {
    if (!files.files.length) {
      say("Choose the scenario's files first: its .yaml with the CSV files it names, or an .xlsx workbook.");
      return;
    }
    const names = fileNames(files.files);
    busy(`Reading ${names}…`);
    try {
      const scenario = await api.upload([...files.files]);
      open(scenario, `upload: ${names}`);
      state.uploadProblems = [];
      app.render();
      say(`Read ${names}: ${scenario.squad.length} squad players, ${scenario.targets.length} targets, ${scenario.offers.length} bids.`, "info");
    } catch (error) {
      if (error.status !== 422) {
        say(error.message);
        return;
      }
      state.uploadProblems = error.problems;
      state.uploadNames = names;
      app.render();
      document.getElementById("upload-problems")?.focus();
    } finally {
      busy("");
    }
  };
  const problems = state.uploadProblems ?? [];
  return section(
    "Open a scenario",
    h(
      "div",
      { class: "open-row" },
      h(
        "div",
        { class: "field" },
        h("label", { for: "bundled" }, "Bundled scenario"),
        h("div", { class: "inline" }, select, h("button", { type: "button", id: "open-bundled", onclick: openBundled }, "Open")),
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "upload" }, "Or upload files"),
        h("div", { class: "inline" }, files, h("button", { type: "button", id: "upload-files", onclick: upload }, "Upload")),
        h("span", { class: "hint" }, "A scenario .yaml with the CSV files it names (select them together), or an .xlsx workbook."),
      ),
    ),
    problems.length
      ? h(
          "div",
          { class: "problems", id: "upload-problems", tabindex: -1, role: "alert" },
          h("h3", {}, `${state.uploadNames}: ${problems.length} problem${problems.length === 1 ? "" : "s"}, nothing was opened`),
          h("ul", {}, problems.map((problem) => problemItem(problem))),
        )
      : null,
  );
}

function fieldset(legend, ...children) {
  return h("fieldset", {}, h("legend", {}, legend), ...children);
}

function bidsTable(doc, edit, structural) {
  const squad = (doc.squad ?? []).map((p) => [p.id, p.name || p.id]);
  const offers = doc.offers ?? [];
  const rows = offers.map((offer, k) => {
    const at = (field) => ["offers", k, field];
    const said = `Bid ${k + 1}`;
    return h(
      "tr",
      { dataset: { path: `offers.${k}` } },
      h("td", {}, cellSelect({ label: `${said}: player`, path: at("player"), options: squad, onEdit: edit })),
      h("td", {}, cellInput({ label: `${said}: club`, path: at("club"), numeric: false, onEdit: edit })),
      h("td", {}, cellSelect({ label: `${said}: kind`, path: at("kind"), options: [["sale", "sale"], ["loan", "loan"]], onEdit: edit })),
      h("td", {}, cellInput({ label: `${said}: fee (m)`, path: at("fee"), onEdit: edit })),
      h("td", {}, cellInput({ label: `${said}: share of his wage they pay`, path: at("loan_wage_share"), onEdit: edit })),
      h(
        "td",
        {},
        h(
          "button",
          {
            type: "button",
            class: "quiet",
            "aria-label": `Remove bid ${k + 1}`,
            onclick: () => {
              offers.splice(k, 1);
              structural("#add-bid");
            },
          },
          "Remove",
        ),
      ),
    );
  });
  return fieldset(
    "Bids received",
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { class: "edit-table", dataset: { path: "offers" } },
        h(
          "thead",
          {},
          h("tr", {}, ["Player", "Club", "Kind", "Fee (m)", "Wage share they pay", ""].map((c) => h("th", { scope: "col" }, c))),
        ),
        h("tbody", {}, rows),
      ),
    ),
    h(
      "button",
      {
        type: "button",
        id: "add-bid",
        onclick: () => {
          doc.offers = [...offers, { player: squad[0]?.[0] ?? "", club: "", kind: "sale" }];
          structural(`[data-path="offers.${offers.length}.fee"]`);
        },
      },
      "Add a bid",
    ),
    h("p", { class: "hint" }, "A loan's fee is the loan fee; the wage share is what the borrowing club pays (1 = all)."),
  );
}

function lockList(doc, kind, label, pool, structural) {
  const ids = doc.locks?.[kind] ?? [];
  const names = new Map(pool);
  const select = h(
    "select",
    { id: `add-${kind}-select`, "aria-label": `Player to add to "${label}"` },
    h("option", { value: "" }, "Choose a player…"),
    pool.filter(([id]) => !ids.includes(id)).map(([id, name]) => h("option", { value: id }, name)),
  );
  return h(
    "fieldset",
    { class: "locks", dataset: { path: `locks.${kind}` } },
    h("legend", {}, label),
    h(
      "ul",
      { class: "chips" },
      ids.length ? null : h("li", { class: "empty" }, "nobody"),
      ids.map((id, k) =>
        h(
          "li",
          { class: "chip", dataset: { path: `locks.${kind}.${k}` }, tabindex: -1 },
          names.get(id) ?? id,
          h(
            "button",
            {
              type: "button",
              "aria-label": `Remove ${names.get(id) ?? id} from "${label}"`,
              onclick: () => {
                setPath(doc, ["locks", kind], ids.filter((_, j) => j !== k));
                structural(`#add-${kind}-select`);
              },
            },
            "×",
          ),
        ),
      ),
    ),
    h(
      "div",
      { class: "inline" },
      select,
      h(
        "button",
        {
          type: "button",
          id: `add-${kind}`,
          onclick: () => {
            if (!select.value) return;
            setPath(doc, ["locks", kind], [...ids, select.value]);
            structural(`#add-${kind}-select`);
          },
        },
        "Add",
      ),
    ),
  );
}

function editForm(app, edit) {
  const doc = state.scenario;
  const structural = (focus) => {
    state.problems = []; // their row numbers may no longer hold
    app.render();
    if (focus) document.querySelector(focus)?.focus();
  };
  const money = (label, path, hint) => numberField({ label, path, hint, onEdit: edit });
  const squad = (doc.squad ?? []).map((p) => [p.id, p.name || p.id]);
  const targets = (doc.targets ?? []).map((p) => [p.id, p.name || p.id]);
  const roles = doc.roles ?? DEFAULT_ROLES;
  const weights = [
    ["first_xi", "First XI strength"],
    ["second_xi", "Second XI strength"],
    ["squad_rating", "Squad rating"],
    ["money", "Money (per m of net spend)"],
    ["wages", "Wages (per m a year)"],
    ["residual_value", "Residual value (per m)"],
    ["residual_decay_years", "Value decays over (years)"],
  ];
  return h(
    "form",
    { id: "scenario-form", onsubmit: (event) => event.preventDefault() },
    h(
      "div",
      { class: "columns" },
      fieldset(
        "Budgets",
        money("Net spend (m)", ["rules", "budget", "net_spend"], "fees paid minus fees received; blank: no limit"),
        money("Wage bill (m a year)", ["rules", "budget", "wage_bill"], "blank: no limit"),
      ),
      fieldset(
        "Squad",
        h(
          "div",
          { class: "grid-2" },
          money("Squad size at least", ["rules", "squad_size", "min"]),
          money("Squad size at most", ["rules", "squad_size", "max"]),
          money("Signings at most", ["rules", "max_signings"]),
          money("Loans in at most", ["rules", "max_loans_in"]),
        ),
      ),
    ),
    bidsTable(doc, edit, structural),
    h(
      "div",
      { class: "columns" },
      lockList(doc, "keep", "Keep", squad, structural),
      lockList(doc, "sell", "Sell", squad, structural),
      lockList(doc, "sign", "Sign", targets, structural),
      lockList(doc, "never_sign", "Never sign", targets, structural),
    ),
    fieldset(
      "Coverage: fit players needed per role (blank: no rule)",
      h("div", { class: "grid-roles" }, roles.map((role) => numberField({ label: role, path: ["rules", "coverage", role], onEdit: edit, width: "narrow" }))),
    ),
    fieldset(
      "Objective weights (blank: 0)",
      h("div", { class: "grid-3" }, weights.map(([key, label]) => numberField({ label, path: ["objective", key], onEdit: edit }))),
    ),
  );
}

function changesPanel() {
  const changes = differences(state.opened, state.scenario);
  return h(
    "section",
    { class: "panel", id: "changes", "aria-live": "polite" },
    h("h2", {}, "Changed since opened"),
    changes.length
      ? h("ul", {}, changes.slice(0, 40).map((c) => h("li", {}, h("code", {}, pathText(c.path)), `: ${shown(c.before)} → ${shown(c.after)}`)))
      : h("p", { class: "empty" }, "Nothing yet."),
  );
}

/** A one-line label for a plan: what was changed since the scenario was opened. */
function planLabel() {
  const changes = differences(state.opened, state.scenario);
  if (!changes.length) return `${state.scenario.name}, as opened`;
  const first = changes.slice(0, 2).map((c) => `${pathText(c.path)} ${shown(c.after)}`);
  return `${state.scenario.name}, ${first.join("; ")}${changes.length > 2 ? ` (+${changes.length - 2})` : ""}`;
}

async function check(app) {
  busy("Checking the scenario…");
  try {
    const report = await api.validate(state.scenario);
    state.problems = [];
    app.render();
    say(`The scenario is valid: ${report.squad} squad players, ${report.targets} targets, ${report.offers} bids.`, "info");
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
  const options = state.options;
  busy(options.tradeoffs ? "Solving: the plan, then what it costs (a few seconds)…" : "Solving…");
  try {
    const plan = await api.solve(state.scenario, { tradeoffs: options.tradeoffs, solver: options.solver });
    state.problems = [];
    addPlan(plan, state.scenario, planLabel());
    app.go("#/plan");
  } catch (error) {
    failed(app, error);
  } finally {
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
        h("input", { type: "checkbox", id: "opt-tradeoffs", checked: options.tradeoffs, onchange: (e) => (options.tradeoffs = e.target.checked) }),
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
      h("p", { class: "plan-meta" }, `${doc.club || "club not named"} · ${windowLabel(doc.window)} · ${doc.squad.length} squad players, ${doc.targets.length} targets, ${doc.offers.length} bids · ${state.source}`),
    ),
    section("Edit", form),
    h("div", { class: "columns" }, changes, section("Players", peopleTable(doc, "squad"), peopleTable(doc, "targets"))),
    solvePanel(app),
  );
  put(root, body);
  showProblems(body, state.problems); // the list below names those without a field too
  const count = state.problems.length;
  const list = problemList(body, state.problems, `${count} problem${count === 1 ? "" : "s"} to fix before solving`);
  if (list) body.prepend(list);
}
