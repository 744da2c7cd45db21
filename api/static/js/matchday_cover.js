// Matchday cover under the injury model: per period and role, the chance of having the fit
// players asked for on a matchday, before the window and with the plan, against the share
// of matchdays required; then the strength of the best XI the fit players make.

import { chartBox, niceTicks, withTip } from "./charts.js";
import { h } from "./dom.js";
import { num, percent, signed } from "./format.js";

// Float rounding only: the engine counts 0.95 x 500 draws as 475 (models/injury.py).
const ROUNDING = 1e-9;

const BASES = { exact: "exactly", fresh: "on fresh draws" };

/** The figures a row shows: exact where the report has them (the engine gives them for
 * every role today), else fresh draws; and which they are. */
function shownFigures(row) {
  if (row.exact_before !== null && row.exact_after !== null) {
    return { before: row.exact_before, after: row.exact_after, basis: "exact" };
  }
  return { before: row.fresh_before, after: row.fresh_after, basis: "fresh" };
}

function isShort(row, after) {
  return row.probability !== null && after !== null && after < row.probability - ROUNDING;
}

/** Decimals enough that a figure short of its level never reads as the level itself
 * (98.95 % against 99 % is "98.95 %", not "99.0 %"). */
function digitsFor(row, after, short) {
  let digits = 1;
  while (short && digits < 4 && percent(after, digits) === percent(row.probability, digits)) digits += 1;
  return digits;
}

function fitPlayers(n) {
  return `${n} fit player${n === 1 ? "" : "s"}`;
}

/** What the figures are, in one sentence. */
function explanation(risk, bases, counted) {
  const fresh = `${risk.fresh_samples.toLocaleString("en")} fresh draws never optimised on (out of sample)`;
  const shown = bases.has("exact")
    ? bases.size === 1
      ? "exact under the injury model (every fit pattern counted)"
      : `exact under the injury model where it could be computed, else on ${fresh}`
    : `on ${fresh}`;
  const enforced =
    risk.method === "sampled"
      ? `the plan was enforced on ${risk.samples.toLocaleString("en")} seeded draws a period (seed ${risk.seed})`
      : "the plan was enforced exactly";
  const tip = bases.has("exact")
    ? `, and each role's tooltip (hover or focus it) gives the chance on ${fresh} too`
    : "";
  const counts = counted
    ? " A role asked for by a count has no share required: its chance is reported, not judged."
    : "";
  return (
    "Each figure is the chance that a role has at least the fit players asked for on a matchday, " +
    `before the window → with the plan, ${shown}; ${enforced}${tip}.${counts}`
  );
}

function figuresTip(row, basis) {
  const line = (label, before, after) =>
    before === null || after === null
      ? null
      : h("li", {}, `${label}: ${percent(before, 1)} → ${percent(after, 1)}`);
  return h(
    "div",
    {},
    h("p", {}, h("strong", {}, `${row.role}, ${row.period}`), ` (shown: ${BASES[basis]})`),
    h(
      "ul",
      {},
      line("exactly", row.exact_before, row.exact_after),
      line("on fresh draws", row.fresh_before, row.fresh_after),
      line("on the draws optimised", row.in_sample_before, row.in_sample_after),
    ),
  );
}

function track(shown, need, at, ticks) {
  const { before, after } = shown;
  const low = Math.min(before, after);
  const high = Math.max(before, after);
  return h(
    "span",
    { class: "cover-track", "aria-hidden": "true" },
    ticks.map((t) => h("span", { class: "cover-grid", style: `left:${at(t)}` })),
    need !== null ? h("span", { class: "cover-need", style: `left:${at(need)}` }) : null,
    h("span", { class: "cover-change", style: `left:${at(low)};right:calc(100% - ${at(high)})` }),
    h("span", { class: "cover-before", style: `left:${at(before)}` }),
    h("span", { class: "cover-after", style: `left:${at(after)}` }),
  );
}

function roleRow(box, row, at, ticks, several) {
  const shown = shownFigures(row);
  const short = isShort(row, shown.after);
  const need = row.probability;
  const verdict =
    need === null ? "a count rule" : short ? `short of ${percent(need, 1)}` : `needs ${percent(need, 1)}`;
  const label = row.role; // over a horizon, under its period's heading
  const digits = digitsFor(row, shown.after, short);
  const figures = `${percent(shown.before, digits)} → ${percent(shown.after, digits)}`;
  const said =
    `${several ? `${row.period}, ` : ""}${label}: ${fitPlayers(row.players)} on ${figures} of matchdays (${BASES[shown.basis]}), ` +
    `before the window → with the plan; ${verdict}`;
  const item = h(
    "li",
    {
      class: `cover-row${short ? " short" : ""}${need === null ? " count" : ""}`,
      dataset: {
        role: row.role,
        period: row.period,
        basis: shown.basis,
        before: String(shown.before),
        after: String(shown.after),
      },
    },
    h("span", { class: "cover-label" }, h("strong", {}, label), h("small", {}, fitPlayers(row.players))),
    track(shown, need, at, ticks),
    h(
      "span",
      { class: "cover-text" },
      h("span", { class: "cover-figures" }, figures),
      h("small", { class: "cover-verdict" }, verdict),
    ),
  );
  return withTip(box, item, said, () => figuresTip(row, shown.basis));
}

function axisRow(at, ticks) {
  return h(
    "li",
    { class: "cover-row cover-axis", "aria-hidden": "true" },
    h("span", {}),
    h(
      "span",
      { class: "cover-ticks" },
      ticks.map((t) => h("span", { style: `left:${at(t)}` }, percent(t))),
    ),
    h("span", {}),
  );
}

function xiTable(risk, several) {
  if (!risk.xi.length) return null;
  const pair = (before, after) => `${num(before)} → ${num(after)} (${signed(after - before, 1)})`;
  return h(
    "table",
    { class: "numbers matchday-xi" },
    h(
      "caption",
      {},
      "Strength of the best XI among the players fit on a matchday, before the window → with the plan",
    ),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        several ? h("th", { scope: "col" }, "Period") : null,
        h("th", { scope: "col" }, "Mean"),
        h("th", { scope: "col" }, "10th percentile (one matchday in ten is worse)"),
        h("th", { scope: "col" }, "Fresh draws"),
      ),
    ),
    h(
      "tbody",
      {},
      risk.xi.map((line) =>
        h(
          "tr",
          { dataset: { period: line.period } },
          several ? h("th", { scope: "row", class: "text" }, line.period) : null,
          h("td", { class: "xi-mean" }, pair(line.mean_before, line.mean_after)),
          h("td", { class: "xi-p10" }, pair(line.p10_before, line.p10_after)),
          h("td", {}, line.draws.toLocaleString("en")),
        ),
      ),
    ),
  );
}

export function matchdayCover(risk) {
  const periods = new Set([...risk.roles.map((r) => r.period), ...risk.xi.map((x) => x.period)]);
  const several = periods.size > 1;
  const rows = risk.roles.map((row) => ({ row, shown: shownFigures(row) }));
  const values = rows.flatMap(({ row, shown }) => [shown.before, shown.after, row.probability ?? 1]);
  // Zoomed to the figures (to a 5 % step below the lowest): on a 0-100 % scale, 93 % and
  // 95 % would look the same.
  const lowest = Math.min(1, ...values.filter((v) => v !== null));
  const low = Math.max(0, Math.floor((lowest - 0.005) * 20) / 20);
  const ticks = niceTicks(low, 1, 4).filter((t) => t >= low - 1e-9 && t <= 1 + 1e-9);
  const at = (v) => `${Math.max(0, Math.min(100, (100 * (v - low)) / (1 - low || 1)))}%`;
  const box = chartBox("");
  box.prepend(
    h(
      "ul",
      { class: "cover-rows", "aria-label": "Chance of the cover asked for on a matchday, per role" },
      rows.map(({ row }, k) => [
        several && row.period !== rows[k - 1]?.row.period
          ? h("li", { class: "cover-period", dataset: { period: row.period } }, h("h3", {}, row.period))
          : null,
        roleRow(box, row, at, ticks, several),
      ]),
      rows.length ? axisRow(at, ticks) : null,
    ),
  );
  return h(
    "div",
    { class: "matchday-cover" },
    h(
      "p",
      { class: "note" },
      explanation(
        risk,
        new Set(rows.map(({ shown }) => shown.basis)),
        rows.some(({ row }) => row.probability === null),
      ),
    ),
    rows.length ? box : h("p", { class: "empty" }, "The scenario sets no coverage rule."),
    rows.length
      ? h(
          "p",
          { class: "legend" },
          h("span", { class: "key dot-before" }, "before the window"),
          h("span", { class: "key dot-after" }, "with the plan"),
          h("span", { class: "key limit" }, "share of matchdays required"),
          h("span", { class: "key dot-short" }, "short of it"),
        )
      : null,
    // The engine's own words for a level met on the draws optimised but not exactly, with
    // what to do about it.
    (risk.shortfalls ?? []).length
      ? h(
          "ul",
          { class: "cover-warning" },
          risk.shortfalls.map((said) => h("li", {}, `Short of a level: ${said}`)),
        )
      : null,
    xiTable(risk, several),
  );
}
