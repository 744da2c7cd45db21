// The scenario's squad and targets as read-only tables, each cell carrying its document
// path, so a problem the server finds in a row is shown in that cell.

import { h } from "./dom.js";

function positionsText(positions) {
  if (typeof positions === "string") return positions;
  return Object.entries(positions ?? {})
    .map(([role, factor]) => (factor === 1 ? role : `${role}:${factor}`))
    .join(";");
}

const SQUAD = [
  "id",
  "name",
  "positions",
  "rating",
  "availability",
  "injured_until",
  "wage",
  "market_value",
  "contract_until",
];
const TARGETS = [
  "id",
  "name",
  "club",
  "positions",
  "rating",
  "fee",
  "loan_fee",
  "wage",
  "availability",
  "injured_until",
];

function cell(row, table, index, column) {
  const value = row[column];
  const text = column === "positions" ? positionsText(value) : (value ?? "");
  return h("td", { dataset: { path: `${table}.${index}.${column}` }, tabindex: -1 }, String(text));
}

export function peopleTable(scenario, table) {
  const rows = scenario[table] ?? [];
  const columns = table === "squad" ? SQUAD : TARGETS;
  const title = table === "squad" ? `Squad (${rows.length})` : `Targets (${rows.length})`;
  return h(
    "details",
    { class: "people" },
    h("summary", {}, title),
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { class: "numbers people-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            columns.map((c) => h("th", { scope: "col" }, c.replaceAll("_", " "))),
          ),
        ),
        h(
          "tbody",
          {},
          rows.map((row, index) =>
            h(
              "tr",
              { dataset: { path: `${table}.${index}` } },
              columns.map((c) => cell(row, table, index, c)),
            ),
          ),
        ),
      ),
    ),
  );
}
