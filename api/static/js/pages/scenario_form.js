// The numbers a director changes, as forms bound to the scenario document: budgets, squad
// limits, bids, locks, coverage and objective weights.

import { h } from "../dom.js";
import { cellInput, cellSelect, numberField, percentField } from "../fields.js";
import { getPath, setPath, state } from "../state.js";

const DEFAULT_ROLES = ["GK", "RB", "CB", "LB", "DM", "CM", "AM", "RW", "LW", "ST"];

function fieldset(legend, ...children) {
  return h("fieldset", {}, h("legend", {}, legend), ...children);
}

/** A role's coverage: a count, or for {players, probability} its players and the share of
 * matchdays as a percentage (each label names the role for a screen reader). */
function coverageField(doc, role, edit) {
  const path = ["rules", "coverage", role];
  const rule = getPath(doc, path);
  if (rule === null || typeof rule !== "object") {
    return numberField({ label: role, path, onEdit: edit, width: "narrow" });
  }
  const unseen = (text) => h("span", { class: "visually-hidden" }, text);
  return h(
    "div",
    { class: "cover-pair", dataset: { path: path.join(".") } },
    h("span", { class: "cover-role", "aria-hidden": "true" }, role),
    numberField({
      label: [unseen(`${role} `), "players"],
      path: [...path, "players"],
      onEdit: edit,
      width: "narrow",
    }),
    percentField({
      label: [unseen(`${role} on `), "% of matchdays"],
      path: [...path, "probability"],
      onEdit: edit,
      width: "narrow",
    }),
  );
}

/** Whether a role asks for a share of matchdays: its cell holds two fields. */
function hasChance(doc, roles) {
  return roles.some((role) => {
    const rule = getPath(doc, ["rules", "coverage", role]);
    return rule !== null && typeof rule === "object";
  });
}

function bidsTable(doc, edit, structural) {
  const squad = (doc.squad ?? []).map((p) => [p.id, p.name || p.id]);
  const offers = doc.offers ?? [];
  // Over several windows each bid is of a window (blank: the first); three bids for Gomez
  // at 18, 11 and 5 read alike without it.
  const windows = Array.isArray(doc.windows) ? doc.windows.map((w) => [w.name, w.name]) : [];
  const rows = offers.map((offer, k) => {
    const at = (field) => ["offers", k, field];
    const said = `Bid ${k + 1}`;
    return h(
      "tr",
      { dataset: { path: `offers.${k}` } },
      h("td", {}, cellSelect({ label: `${said}: player`, path: at("player"), options: squad, onEdit: edit })),
      h("td", {}, cellInput({ label: `${said}: club`, path: at("club"), numeric: false, onEdit: edit })),
      h(
        "td",
        {},
        cellSelect({
          label: `${said}: kind`,
          path: at("kind"),
          options: [
            ["sale", "sale"],
            ["loan", "loan"],
          ],
          onEdit: edit,
        }),
      ),
      windows.length
        ? h("td", {}, cellSelect({ label: `${said}: window`, path: at("window"), options: windows, onEdit: edit }))
        : null,
      h("td", {}, cellInput({ label: `${said}: fee (m)`, path: at("fee"), onEdit: edit })),
      h(
        "td",
        {},
        cellInput({
          label: `${said}: share of his wage they pay`,
          path: at("loan_wage_share"),
          onEdit: edit,
        }),
      ),
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
          h(
            "tr",
            {},
            ["Player", "Club", "Kind", ...(windows.length ? ["Window"] : []), "Fee (m)", "Wage share they pay", ""].map(
              (c) => h("th", { scope: "col" }, c),
            ),
          ),
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
    h(
      "p",
      { class: "hint" },
      "A loan's fee is the loan fee; the wage share is what the borrowing club pays (1 = all).",
    ),
  );
}

// A lock is a list of ids (the whole horizon) or ids with a date or window (a dated lock:
// kept until, sold by, signed in); both forms are edited here and kept as they came.
const DATED = { keep: "until", sell: "by", sign: "in" };

function lockList(doc, kind, label, pool, structural) {
  const value = doc.locks?.[kind] ?? [];
  const dated = !Array.isArray(value);
  const ids = dated ? Object.keys(value) : value;
  const when = (id) => (dated && value[id] ? ` (${DATED[kind]} ${value[id]})` : "");
  const without = (k) =>
    dated
      ? Object.fromEntries(Object.entries(value).filter(([id]) => id !== ids[k]))
      : ids.filter((_, j) => j !== k);
  const adding = (id) => (dated ? { ...value, [id]: null } : [...ids, id]);
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
          `${names.get(id) ?? id}${when(id)}`,
          h(
            "button",
            {
              type: "button",
              "aria-label": `Remove ${names.get(id) ?? id} from "${label}"`,
              onclick: () => {
                setPath(doc, ["locks", kind], without(k));
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
            setPath(doc, ["locks", kind], adding(select.value));
            structural(`#add-${kind}-select`);
          },
        },
        "Add",
      ),
    ),
  );
}

export function editForm(app, edit) {
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
        money(
          "Net spend (m)",
          ["rules", "budget", "net_spend"],
          "fees paid minus fees received; blank: no limit",
        ),
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
      h(
        "div",
        { class: `grid-roles${hasChance(doc, roles) ? " chances" : ""}` },
        roles.map((role) => coverageField(doc, role, edit)),
      ),
    ),
    fieldset(
      "Objective weights (blank: 0)",
      h(
        "div",
        { class: "grid-3" },
        weights.map(([key, label]) => numberField({ label, path: ["objective", key], onEdit: edit })),
      ),
    ),
  );
}
