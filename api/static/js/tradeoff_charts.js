// The trade-offs as interactive charts: the budget curve with its breakpoints and the
// Pareto front of strength against net spend; every mark says its plan's moves.

import { axes, chartBox, extent, withTip } from "./charts.js";
import { h, svg } from "./dom.js";
import { money, num, signedMoney } from "./format.js";
import { feeReceived, moveKey, moveText } from "./words.js";

function movesList(moves) {
  if (!moves.length) return h("p", {}, "no moves");
  return h(
    "ul",
    {},
    moves.map((m) => {
      return h("li", {}, `${moveText(m)} (${signedMoney(feeReceived(m) ? m.fee : -m.fee)})`);
    }),
  );
}

function tip(title, lines, moves) {
  return () =>
    h(
      "div",
      {},
      h("strong", {}, title),
      lines.map((line) => h("p", {}, line)),
      movesList(moves),
    );
}

/** What changed between two plans' moves, in words: "+ buy Guéhi; − sell Gomez". */
function change(before, after) {
  const had = new Set(before.map(moveKey));
  const has = new Set(after.map(moveKey));
  const added = after.filter((m) => !had.has(moveKey(m))).map((m) => `+ ${moveText(m)}`);
  const dropped = before.filter((m) => !has.has(moveKey(m))).map((m) => `− ${moveText(m)}`);
  return [...added, ...dropped].join("; ") || "same moves";
}

/** One million more and one less, each on its own, as the terminal says them: their
 * average (marginal_value) hides a zero on one side (Liverpool at 60 m: +1 m gains
 * nothing, −1 m loses 3.585 points). */
export function budgetSides(analysis) {
  const said = [];
  for (const [words, point] of [
    ["one million more", analysis.one_more],
    ["one million less", analysis.one_less],
  ]) {
    if (!point) continue;
    const change = point.objective_change;
    if (change === null || change === undefined) said.push(`${words} leaves no plan`);
    else if (Math.abs(change) < 5e-4) said.push(`${words} changes nothing`);
    else said.push(`${words} ${change > 0 ? "gains" : "loses"} ${num(Math.abs(change), 3)} points`);
  }
  return said.length ? ` At ${money(analysis.budget)}: ${said.join(", ")}.` : "";
}

/** The best plan's objective at every budget in the range: one step per plan. */
export function budgetCurve(analysis) {
  const changes = analysis.breakpoints.map((b) => money(b)).join(", ");
  // The segments start where the first plan becomes affordable: below it, no plan.
  const first = analysis.segments[0]?.from_budget ?? analysis.range[1];
  const gaps = first > analysis.range[0] + 1e-9 || analysis.segments.some((s) => s.plan.objective === null);
  const same = gaps
    ? `no plan below ${money(first)}, the same plan from there on`
    : "the same plan at every budget in the range";
  const box = chartBox(
    `The best plan's objective against the net-spend budget; ${
      changes ? `the plan changes at ${changes}` : same
    }.${budgetSides(analysis)}${
      analysis.complete ? "" : " The search stopped at its solve cap: the curve may be incomplete."
    }`,
  );
  const [low, high] = analysis.range;
  const steps = analysis.segments
    .filter((s) => s.plan.objective !== null)
    .map((s) => ({ from: s.from_budget, to: s.to_budget ?? high, plan: s.plan }));
  if (!steps.length) {
    box.prepend(h("p", { class: "empty" }, "No budget in the range admits a plan."));
    return box;
  }
  const chart = axes({
    title: "Budget curve",
    x: {
      domain: [low, high],
      label: `${analysis.window ? `${analysis.window} ` : ""}net-spend budget (m)`,
    },
    y: {
      domain: extent(
        steps.map((s) => s.plan.objective),
        0.15,
      ),
      label: "objective",
    },
  });
  const { plot, sx, sy, margin, height } = chart;
  plot.append(
    svg("line", {
      x1: sx(analysis.budget),
      x2: sx(analysis.budget),
      y1: margin.top,
      y2: height - margin.bottom,
      class: "now-line",
    }),
    svg(
      "text",
      { x: sx(analysis.budget) + 4, y: margin.top + 12, class: "now-label" },
      `budget ${money(analysis.budget, 0)}`,
    ),
  );
  steps.forEach((step, k) => {
    const y = sy(step.plan.objective);
    const next = steps[k + 1];
    if (next) {
      plot.append(
        svg("line", {
          x1: sx(step.to),
          x2: sx(next.from),
          y1: y,
          y2: sy(next.plan.objective),
          class: "riser",
        }),
      );
    }
    const band = svg("rect", {
      x: sx(step.from),
      y: y - 10,
      width: Math.max(2, sx(step.to) - sx(step.from)),
      height: 20,
      class: "band",
    });
    plot.append(
      band,
      svg("line", {
        x1: sx(step.from),
        x2: sx(step.to),
        y1: y,
        y2: y,
        class: "step",
        "pointer-events": "none",
      }),
    );
    withTip(
      box,
      band,
      `From ${money(step.from)} to ${money(step.to)}: objective ${num(step.plan.objective, 2)}`,
      tip(
        `${money(step.from)} to ${money(step.to)}`,
        // Over a horizon a plan's net spend is its total over every window, while the axis
        // is the first window's budget: said as such.
        [
          `objective ${num(step.plan.objective, 2)}, net spend ${money(step.plan.net_spend)}${
            analysis.window ? " over every window" : ""
          }`,
        ],
        step.plan.moves,
      ),
    );
    if (k > 0) {
      const dot = svg("circle", { cx: sx(step.from), cy: y, r: 5, class: "breakpoint" });
      plot.append(dot);
      const before = steps[k - 1].plan.moves;
      withTip(
        box,
        dot,
        `Breakpoint at ${money(step.from)}: ${change(before, step.plan.moves)}`,
        tip(
          `From ${money(step.from)} the best plan changes`,
          [change(before, step.plan.moves)],
          step.plan.moves,
        ),
      );
    }
  });
  box.prepend(chart.root);
  return box;
}

/** Strength against net spend: no plan is stronger for the same money or less. */
export function paretoFront(points, current, window = null) {
  const box = chartBox(
    "Strength of the XIs against net spend: each point is a plan no other plan beats on both; the ringed one is this plan.",
  );
  if (!points.length) {
    box.prepend(h("p", { class: "empty" }, "No Pareto front was computed."));
    return box;
  }
  const sorted = [...points].sort((a, b) => a.net_spend - b.net_spend);
  const xs = sorted.map((p) => p.net_spend).concat(current ? [current.net_spend] : []);
  const ys = sorted.map((p) => p.strength).concat(current ? [current.strength] : []);
  const chart = axes({
    title: "Pareto front",
    // Tick decimals from the step (axes' default): whole numbers read 170 170 171 on a
    // range of two points, and put a point at 0.5 m under "1".
    x: { domain: extent(xs), label: `${window ? `${window} ` : ""}net spend (m)` },
    y: { domain: extent(ys, 0.12), label: "strength (XI points)" },
  });
  const { plot, sx, sy } = chart;
  let path = "";
  sorted.forEach((p, k) => {
    path += k === 0 ? `M${sx(p.net_spend)},${sy(p.strength)}` : `H${sx(p.net_spend)}V${sy(p.strength)}`;
  });
  plot.append(svg("path", { d: path, class: "front" }));
  if (current) {
    plot.append(
      svg("circle", { cx: sx(current.net_spend), cy: sy(current.strength), r: 9, class: "current-ring" }),
    );
  }
  for (const p of sorted) {
    const dot = svg("circle", { cx: sx(p.net_spend), cy: sy(p.strength), r: 5, class: "point" });
    plot.append(dot);
    withTip(
      box,
      dot,
      `Net spend ${money(p.net_spend)}, strength ${num(p.strength)}: ${p.plan.moves.map(moveText).join(", ") || "no moves"}`,
      tip(`Net spend ${money(p.net_spend)}, strength ${num(p.strength)}`, [], p.plan.moves),
    );
  }
  box.prepend(chart.root);
  return box;
}
