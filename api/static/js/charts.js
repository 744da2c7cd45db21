// Hand-written SVG and HTML charts: axes, a tooltip that follows the pointer and the
// keyboard focus, ranked bars and meters against a limit. No library, nothing fetched.

import { h, svg } from "./dom.js";

/** Round tick values covering [min, max], about `count` of them. */
export function niceTicks(min, max, count = 5) {
  let low = min;
  let high = max;
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const rough = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const ratio = rough / magnitude;
  const step = (ratio >= 7.5 ? 10 : ratio >= 3.5 ? 5 : ratio >= 1.5 ? 2 : 1) * magnitude;
  const ticks = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) {
    ticks.push(Number(v.toFixed(10)));
  }
  return ticks;
}

/** Tick labels with as many decimals as the ticks' step needs (step 0.5: "59.5"; step 2:
 * "58"), so that no two ticks read the same. */
function stepFormat(ticks) {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const digits = Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
  return (v) => v.toFixed(digits);
}

/** [min, max] of the values, widened by a share of the span on each side. */
export function extent(values, pad = 0.06) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (!finite.length) return [0, 1];
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  const span = high - low || Math.abs(high) || 1;
  low -= span * pad;
  high += span * pad;
  return [low, high];
}

function linear([d0, d1], [r0, r1]) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * An empty chart with its axes: gridlines, ticks and axis titles. Marks are added to
 * `plot` with the returned scales `sx`, `sy`. An axis without a `format` says its ticks
 * with the decimals their step needs.
 */
export function axes({ title, x, y, width = 640, height = 300 }) {
  const margin = { top: 14, right: 18, bottom: 46, left: 64 };
  const sx = linear(x.domain, [margin.left, width - margin.right]);
  const sy = linear(y.domain, [height - margin.bottom, margin.top]);
  const root = svg("svg", {
    viewBox: `0 0 ${width} ${height}`,
    class: "chart",
    role: "group",
    "aria-label": title,
  });
  const grid = svg("g", { class: "grid", "aria-hidden": "true" });
  const yTicks = niceTicks(...y.domain, 5);
  const yText = y.format ?? stepFormat(yTicks);
  for (const t of yTicks) {
    if (t < y.domain[0] || t > y.domain[1]) continue;
    grid.append(
      svg("line", { x1: margin.left, x2: width - margin.right, y1: sy(t), y2: sy(t) }),
      svg("text", { x: margin.left - 8, y: sy(t) + 4, class: "tick y" }, yText(t)),
    );
  }
  const xTicks = niceTicks(...x.domain, Math.max(3, Math.round(width / 110)));
  const xText = x.format ?? stepFormat(xTicks);
  for (const t of xTicks) {
    if (t < x.domain[0] || t > x.domain[1]) continue;
    grid.append(
      svg("line", { x1: sx(t), x2: sx(t), y1: margin.top, y2: height - margin.bottom, class: "v" }),
      svg("text", { x: sx(t), y: height - margin.bottom + 18, class: "tick x" }, xText(t)),
    );
  }
  grid.append(
    svg("text", { x: (margin.left + width - margin.right) / 2, y: height - 6, class: "axis-title" }, x.label),
    svg(
      "text",
      {
        x: -(margin.top + height - margin.bottom) / 2,
        y: 16,
        transform: "rotate(-90)",
        class: "axis-title",
      },
      y.label,
    ),
  );
  const plot = svg("g", { class: "plot" });
  root.append(grid, plot);
  return { root, plot, sx, sy, margin, width, height };
}

/** A chart's box: the chart, a tooltip that marks can show, and a caption. */
export function chartBox(caption) {
  const tip = h("div", { class: "tooltip", role: "status", hidden: true });
  const box = h("figure", { class: "chart-box" }, tip);
  if (caption) box.append(h("figcaption", {}, caption));
  box.tip = tip;
  return box;
}

function showTip(box, mark, content) {
  const tip = box.tip;
  tip.replaceChildren(content());
  tip.hidden = false;
  const area = box.getBoundingClientRect();
  const at = mark.getBoundingClientRect();
  const half = tip.offsetWidth / 2;
  const left = Math.min(Math.max(at.left + at.width / 2 - area.left, half + 4), area.width - half - 4);
  const above = at.top - area.top - tip.offsetHeight - 8;
  tip.style.left = `${left}px`;
  tip.style.top = `${above >= 0 ? above : at.bottom - area.top + 8}px`;
}

/**
 * Make a mark show `content()` in its chart's tooltip on hover and on keyboard focus
 * (Escape hides it). `label` is what a screen reader says for the mark.
 */
export function withTip(box, mark, label, content) {
  mark.setAttribute("tabindex", "0");
  mark.setAttribute("aria-label", label);
  mark.classList.add("mark");
  const show = () => showTip(box, mark, content);
  const hide = () => {
    box.tip.hidden = true;
  };
  mark.addEventListener("pointerenter", show);
  mark.addEventListener("focus", show);
  mark.addEventListener("pointerleave", hide);
  mark.addEventListener("blur", hide);
  mark.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  return mark;
}

/**
 * Ranked horizontal bars (largest first): items [{label, value, text, detail}], where
 * `detail()` is the tooltip. Values must be >= 0.
 */
export function rankedBars(box, items) {
  const largest = Math.max(...items.map((item) => item.value), 0) || 1;
  const list = h("ol", { class: "ranked" });
  for (const item of [...items].sort((a, b) => b.value - a.value)) {
    const row = h(
      "li",
      { class: "ranked-row" },
      h("span", { class: "ranked-label" }, item.label),
      h(
        "span",
        { class: "ranked-track" },
        h("span", { class: "ranked-bar", style: `width:${(100 * item.value) / largest}%` }),
      ),
      h("span", { class: "ranked-value" }, item.text),
    );
    list.append(withTip(box, row, `${item.label}: ${item.text}`, item.detail));
  }
  box.prepend(list);
  return box;
}

/**
 * One bar against a limit: `value` filled, `before` as a ghost, `limit` as a tick; all on
 * a scale to `max`. `good` colours the fill (true ok, false short, undefined neutral).
 */
export function meter({ label, value, before, limit, max, text, good, describe }) {
  const share = (v) => `${Math.max(0, Math.min(100, (100 * v) / (max || 1)))}%`;
  const track = h(
    "span",
    { class: "meter-track", role: "img", "aria-label": describe || `${label}: ${text}` },
    before !== undefined && before !== null
      ? h("span", { class: "meter-before", style: `width:${share(before)}` })
      : null,
    h("span", {
      class: `meter-fill ${good === true ? "ok" : good === false ? "short" : ""}`,
      style: `width:${share(value)}`,
    }),
    limit !== undefined && limit !== null
      ? h("span", { class: "meter-limit", style: `left:${share(limit)}` })
      : null,
  );
  return h(
    "div",
    { class: "meter" },
    h("span", { class: "meter-label" }, label),
    track,
    h("span", { class: "meter-text" }, text),
  );
}
