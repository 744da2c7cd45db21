// What the plan costs: the budget curve, the Pareto front, the price of each lock and rule
// (ranked, in millions), the next-best plans and the regret of each move.

import { chartBox, rankedBars } from "../charts.js";
import { h, put } from "../dom.js";
import { money, num, signed } from "../format.js";
import { budgetCurve, paretoFront } from "../tradeoff_charts.js";
import { latestPlan } from "../state.js";
import { movesText, ruleLabel } from "../words.js";
import { hasPlan, infeasibility, nameOf, nothingYet, planHeading, section, strengthOf } from "./common.js";
import { whyNotPanel } from "./why_not.js";

/** How the objective's points read in football units, from the scenario's weights. */
function unitsNote(weights) {
  const parts = [];
  if (weights.money) parts.push(`${num(weights.money, 2)} points are worth 1 m (the money weight)`);
  if (weights.first_xi)
    parts.push(`one rating point of first-XI strength is ${num(weights.first_xi, 2)} points`);
  return parts.length ? ` Here ${parts.join("; ")}.` : "";
}

/** How a price relaxes its rule: by one unit, a share of matchdays by the price step. */
function relaxedHow(prices) {
  const share = prices.find((p) => p.rule.startsWith("coverage_risk[") && p.relaxation.startsWith("-"));
  const unit = "a rule relaxed by one unit";
  return share ? `${unit}, a share of matchdays lowered by ${share.relaxation.slice(1)}` : unit;
}

function priceChart(prices, name, tolerance, weights) {
  const costly = prices.filter((p) => p.objective_loss !== null && p.objective_loss > tolerance);
  const free = prices.filter((p) => p.objective_loss !== null && p.objective_loss <= tolerance);
  const binding = prices.filter((p) => p.objective_loss === null);
  const box = chartBox(
    costly.length
      ? `What each lock and rule costs: the objective points the best plan would gain without it (${relaxedHow(prices)}), ranked by their worth in millions.${unitsNote(weights)} Hover or focus a bar for the plan without it.`
      : "",
  );
  if (costly.length) {
    rankedBars(
      box,
      costly.map((p) => ({
        label: `${ruleLabel(p.rule, name)}${p.relaxation === "dropped" ? "" : ` (${p.relaxation})`}`,
        value: p.money_equivalent ?? p.objective_loss,
        text:
          p.money_equivalent !== null
            ? `${money(p.money_equivalent)} · ${num(p.objective_loss, 2)} points`
            : `${num(p.objective_loss, 2)} points`,
        detail: () =>
          h("div", {}, h("p", {}, p.summary), h("p", {}, `Without it: ${movesText(p.plan.moves)}`)),
      })),
    );
  } else {
    box.prepend(h("p", { class: "empty" }, "No lock or rule costs anything at the margin."));
  }
  return [
    box,
    free.length
      ? h(
          "p",
          { class: "note" },
          h("strong", {}, `Cost nothing at the margin (${relaxedHow(free)}): `),
          free.map((p) => ruleLabel(p.rule, name)).join(", "),
          ".",
        )
      : null,
    binding.length
      ? h(
          "p",
          { class: "note" },
          h("strong", {}, "No plan even without: "),
          binding.map((p) => ruleLabel(p.rule, name)).join(", "),
          ".",
        )
      : null,
  ];
}

function movesCell(moves) {
  return moves.length ? movesText(moves) : "–";
}

function alternativesTable(alternatives, weight) {
  if (!alternatives.length) return h("p", { class: "empty" }, "No other plan was asked for, or none exists.");
  return h(
    "div",
    { class: "scroll" },
    h(
      "table",
      { class: "numbers alternatives" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Rank", "Objective lost", "Net spend", "Adds", "Leaves out"].map((c) =>
            h("th", { scope: "col" }, c),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        alternatives.map((a) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, String(a.rank)),
            h(
              "td",
              {},
              `${num(a.objective_loss, 2)}${weight ? ` (${money(a.objective_loss / weight)})` : ""}`,
            ),
            h("td", {}, money(a.plan.net_spend)),
            h("td", { class: "text" }, movesCell(a.added)),
            h("td", { class: "text" }, movesCell(a.dropped)),
          ),
        ),
      ),
    ),
  );
}

function regretTable(regret, weight) {
  if (!regret.length) return h("p", { class: "empty" }, "No moves, so no regret.");
  return h(
    "div",
    { class: "scroll" },
    h(
      "table",
      { class: "numbers" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Move", "Forced instead", "Cost"].map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h(
        "tbody",
        {},
        regret.map((r) =>
          h(
            "tr",
            {},
            h("th", { scope: "row", class: "text" }, movesText([r.move])),
            h("td", { class: "text" }, r.forced),
            h(
              "td",
              {},
              r.objective_loss === null
                ? "no plan"
                : `${num(r.objective_loss, 2)}${weight ? ` (${money(r.objective_loss / weight)})` : ""}`,
            ),
          ),
        ),
      ),
    ),
  );
}

export function tradeoffsPage(root) {
  const entry = latestPlan();
  if (!entry) {
    put(root, nothingYet("Trade-offs", "No plan yet: solve a scenario (with trade-offs) first."));
    return;
  }
  const { plan, scenario } = entry;
  const report = plan.tradeoffs;
  put(
    root,
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, `What plan ${entry.n} costs: ${scenario.name}`),
      planHeading(entry),
    ),
  );
  if (!hasPlan(plan)) {
    put(root, infeasibility(plan) ?? nothingYet("Trade-offs", "No plan, so nothing to price."));
    return;
  }
  if (!report || (!report.budget && !report.prices.length)) {
    const notes = report?.notes?.length ? report.notes.join(" ") : "Trade-offs were not asked for.";
    put(
      root,
      nothingYet("Trade-offs", `${notes} Tick "with trade-offs" on the scenario page and solve again.`),
      whyNotPanel(scenario, plan.solver.name),
    );
    return;
  }
  const weight = scenario.objective?.money || 0;
  const name = nameOf(scenario);
  const budget = report.budget;
  // Over a horizon the front is about the first window's net spend: so is the ring.
  const spent = budget?.window ? plan.timeline?.windows?.[0]?.net_spend : plan.finance?.net_spend;
  const current = plan.finance && spent != null ? { net_spend: spent, strength: strengthOf(plan) } : null;
  const neighbour = (point) =>
    h(
      "li",
      {},
      `At ${money(point.budget)}: ${signed(point.objective_change)} points; ${movesText(point.plan.moves)}`,
    );
  put(
    root,
    h(
      "p",
      { class: "note" },
      `${report.solves} exact re-solves in ${num(report.seconds, 2)} s; every plan quoted passed the independent checker.`,
    ),
    budget
      ? h(
          "div",
          { class: "columns" },
          section(
            "Budget curve",
            budgetCurve(budget),
            h("ul", { class: "note" }, neighbour(budget.lower), neighbour(budget.upper)),
          ),
          section("Pareto front", paretoFront(budget.pareto, current, budget.window)),
        )
      : null,
    section(
      "Prices of the locks and rules",
      priceChart(report.prices, name, plan.solver.tolerance || 1e-6, scenario.objective ?? {}),
    ),
    h(
      "div",
      { class: "columns" },
      section("Next-best plans", alternativesTable(report.alternatives, weight)),
      section("Regret: forcing the opposite of each move", regretTable(report.regret, weight)),
    ),
    report.notes.length ? h("p", { class: "note" }, report.notes.join(" ")) : null,
    whyNotPanel(scenario, plan.solver.name),
  );
}
