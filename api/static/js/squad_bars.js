// Coverage depth per role against its requirement, and money against the budgets.

import { h } from "./dom.js";
import { meter } from "./charts.js";
import { money } from "./format.js";

export function coverageBars(rows) {
  if (!rows.length) return h("p", { class: "empty" }, "The scenario sets no coverage rule.");
  const max =
    Math.max(...rows.map((r) => Math.max(r.required ?? 0, r.available_before, r.available_after))) + 1;
  return h(
    "div",
    { class: "meters" },
    rows.map((row) => {
      const need = row.required;
      const short = need !== null && row.available_after < need;
      const was = row.available_before !== row.available_after ? `was ${row.available_before}` : "";
      const said = [need !== null ? `need ${need}` : "", was].filter(Boolean).join(", ");
      return meter({
        label: row.role,
        value: row.available_after,
        before: row.available_before,
        limit: need,
        max,
        good: need === null ? undefined : !short,
        text: `${row.available_after}${said ? ` (${said})` : ""}`,
        describe: `${row.role}: ${row.available_after} fit players after the window${
          need !== null ? `, ${need} required` : ""
        }, ${row.available_before} before`,
      });
    }),
    h(
      "p",
      { class: "legend" },
      h("span", { class: "key ok" }, "after the window"),
      h("span", { class: "key before" }, "before"),
      h("span", { class: "key limit" }, "required"),
    ),
  );
}

// Over several windows, each window's net spend against its own budget.
function windowBars(windows) {
  const max = Math.max(...windows.map((w) => Math.max(w.budget ?? 0, Math.abs(w.net_spend)))) * 1.1 || 1;
  return windows.map((w) =>
    meter({
      label: `Net spend ${w.window}`,
      value: Math.max(0, w.net_spend),
      limit: w.budget,
      max,
      good: w.budget === null ? undefined : w.net_spend <= w.budget + 1e-6,
      text: `${money(w.net_spend)}${w.budget !== null ? ` of ${money(w.budget)}` : " (no limit)"}`,
    }),
  );
}

// Over several windows, each period's annual wage bill. The budget's wage bill holds each
// season's bill, its periods weighted by their days (rule 9), not each period's: so no
// period is marked against it.
function periodWageBars(periods, limit) {
  const max = Math.max(limit ?? 0, ...periods.map((p) => p.wage_bill)) * 1.05 || 1;
  return periods.map((p) =>
    meter({ label: `Wage bill ${p.period}`, value: p.wage_bill, max, text: `${money(p.wage_bill)} a year` }),
  );
}

export function moneyBars(finance, windows = [], periods = []) {
  if (!finance) return h("p", { class: "empty" }, "No plan, so no money figures.");
  if (windows.length > 1) {
    const limit = finance.wage_budget;
    return h(
      "div",
      { class: "meters money" },
      windowBars(windows),
      periodWageBars(periods, limit),
      h(
        "p",
        { class: "note" },
        `Over the horizon: fees paid ${money(finance.gross_spend)}, received ${money(finance.income)}. ` +
          (limit === null
            ? "No wage-bill limit."
            : `Each season's wage bill, its periods weighted by their days, is held to ${money(limit)} a year.`),
      ),
    );
  }
  const spendMax = Math.max(finance.budget ?? 0, finance.gross_spend, Math.abs(finance.net_spend)) * 1.1 || 1;
  const wageMax =
    Math.max(finance.wage_budget ?? 0, finance.wage_bill_after, finance.wage_bill_before) * 1.05 || 1;
  const withinSpend = finance.budget === null ? undefined : finance.net_spend <= finance.budget + 1e-6;
  const withinWages =
    finance.wage_budget === null ? undefined : finance.wage_bill_after <= finance.wage_budget + 1e-6;
  return h(
    "div",
    { class: "meters money" },
    meter({
      label: "Net spend",
      value: Math.max(0, finance.net_spend),
      limit: finance.budget,
      max: spendMax,
      good: withinSpend,
      text: `${money(finance.net_spend)}${finance.budget !== null ? ` of ${money(finance.budget)}` : " (no limit)"}`,
    }),
    meter({
      label: "Wage bill",
      value: finance.wage_bill_after,
      before: finance.wage_bill_before,
      limit: finance.wage_budget,
      max: wageMax,
      good: withinWages,
      text: `${money(finance.wage_bill_after)}${finance.wage_budget !== null ? ` of ${money(finance.wage_budget)}` : " (no limit)"}`,
    }),
    h(
      "p",
      { class: "note" },
      `Fees paid ${money(finance.gross_spend)}, received ${money(finance.income)}. Wage bill ${money(finance.wage_bill_before)} a year before the window (the ghost bar).`,
    ),
  );
}

// Club finance, season by season: squad cost against the ratio's allowance (or a P&L
// budget), then what each sale or release books and frees.
export function seasonBars(finance) {
  if (!finance?.seasons?.length) return null;
  const limitOf = (s) => s.allowance ?? s.squad_cost_budget;
  const max = Math.max(...finance.seasons.map((s) => Math.max(s.squad_cost, limitOf(s) ?? 0))) * 1.05 || 1;
  return h(
    "div",
    { class: "meters money seasons" },
    finance.seasons.map((s) => {
      const limit = limitOf(s);
      const ratio = s.ratio === null ? "" : `, ${(100 * s.ratio).toFixed(1)} % of revenue and profit`;
      return meter({
        label: s.season,
        value: s.squad_cost,
        limit,
        max,
        good: limit === null ? undefined : s.squad_cost <= limit + 1e-6,
        text: `squad cost ${money(s.squad_cost)}${limit !== null ? ` of ${money(limit)}` : ""}${ratio}`,
        describe:
          `${s.season}: wages ${money(s.wages)}, amortisation ${money(s.amortisation)}, fees expensed ` +
          `${money(s.expensed)}, other ${money(s.other_squad_cost)}; profit on disposals ` +
          `${money(s.profit_on_disposals)}`,
      });
    }),
    h(
      "p",
      { class: "note" },
      `Wages and amortisation a year; the money objective counts ${finance.money_basis === "pnl" ? "P&L" : "cash"}.`,
    ),
    finance.disposals.map((d) => h("p", { class: "note disposal" }, d.summary)),
  );
}
