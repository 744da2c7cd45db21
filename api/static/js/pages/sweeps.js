// Sweeps: vary one number of the scenario over a range, watch the runs finish, see how the
// objective, the money and the moves change, and download the runs as CSV or Parquet.

import { api } from "../api.js";
import { axes, chartBox, extent, rankedBars, withTip } from "../charts.js";
import { h, put, svg } from "../dom.js";
import { fieldFor, problemText, showProblems } from "../fields.js";
import { num, percent } from "../format.js";
import { busy, say } from "../messages.js";
import { state } from "../state.js";
import { moveLabelText } from "../words.js";
import { nameOf, nothingYet, pathExamples, section } from "./common.js";

const POLL_MS = 400;

/** Parameters worth sweeping in this scenario, with a sensible range for each. */
function suggestions(doc) {
  const out = [];
  const budget = doc.rules?.budget ?? {};
  const around = (value, fallback) => {
    const top = value ? Math.max(2 * value, 10) : fallback;
    const step = Math.max(1, Math.round(top / 12));
    return [0, Math.ceil(top / step) * step, step];
  };
  out.push(["rules.budget.net_spend", "Net-spend budget", around(budget.net_spend, 100)]);
  out.push([
    "rules.budget.wage_bill",
    "Wage budget",
    budget.wage_bill
      ? [
          Math.round(budget.wage_bill * 0.8),
          Math.round(budget.wage_bill * 1.2),
          Math.max(1, Math.round(budget.wage_bill / 50)),
        ]
      : [0, 200, 20],
  ]);
  (doc.offers ?? []).forEach((offer, k) => {
    out.push([
      `offers[${k}].fee`,
      `Fee of bid ${k + 1} (${offer.club || "a club"} for ${offer.player})`,
      around(offer.fee, 40),
    ]);
  });
  out.push(["objective.money", "Money weight", [0, 0.5, 0.05]]);
  return out;
}

function numberInput(id, label, value) {
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("input", {
      id,
      type: "text",
      inputmode: "decimal",
      class: "narrow",
      value: String(value),
      dataset: { path: id },
      "aria-describedby": `${id}-error`,
    }),
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }),
  );
}

/** What is wrong with the range as typed, at its fields: an empty or non-number field was
 * sent as 0 or null (the server's answer then named the parameter, or listed every shape a
 * parameter may take). */
function rangeProblems() {
  const text = (key) => document.getElementById(`sweep-${key}`).value.trim();
  const problems = [];
  for (const key of ["from", "to", "step"]) {
    if (text(key) === "" || !Number.isFinite(Number(text(key)))) {
      problems.push({ path: [`sweep-${key}`], msg: "give a number", input: text(key) || undefined });
    }
  }
  if (problems.length) return problems;
  const [from, to, step] = ["from", "to", "step"].map((key) => Number(text(key)));
  if (!(step > 0)) problems.push({ path: ["sweep-step"], msg: "must be above 0", input: text("step") });
  if (from > to) problems.push({ path: ["sweep-to"], msg: `must be at or above From (${text("from")})`, input: text("to") });
  return problems;
}

let said = null; // this form's last message: replaced by the next, not stacked under it

function sweepForm(app) {
  const doc = state.scenario;
  const options = suggestions(doc);
  // The last sweep's values, else the first suggestion's.
  const [firstPath, firstRange] = state.sweepAsked ?? [options[0][0], options[0][2]];
  const parameter = h("input", {
    id: "sweep-parameter",
    list: "sweep-paths",
    value: firstPath,
    autocomplete: "off",
    "aria-describedby": "sweep-parameter-error",
    dataset: { path: "sweep.parameters" },
    onchange: () => {
      const known = options.find(([path]) => path === parameter.value);
      if (!known) return;
      ["from", "to", "step"].forEach((key, i) => {
        document.getElementById(`sweep-${key}`).value = String(known[2][i]);
      });
    },
  });
  const form = h(
    "form",
    {
      id: "sweep-form",
      onsubmit: (event) => {
        event.preventDefault();
        start(app, form);
      },
    },
    h(
      "div",
      { class: "inline wrap" },
      h(
        "div",
        { class: "field wide" },
        h("label", { for: "sweep-parameter" }, "Parameter (a path into the scenario)"),
        parameter,
        h(
          "datalist",
          { id: "sweep-paths" },
          options.map(([path, label]) => h("option", { value: path }, label)),
        ),
        h("p", { class: "field-error", id: "sweep-parameter-error", hidden: true }),
      ),
      numberInput("sweep-from", "From", firstRange[0]),
      numberInput("sweep-to", "To (inclusive)", firstRange[1]),
      numberInput("sweep-step", "Step", firstRange[2]),
    ),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", id: "start-sweep", class: "primary" }, "Start the sweep"),
    ),
    h(
      "p",
      { class: "hint" },
      `Each run is the scenario above with that one number set, solved to proven optimality (no trade-offs). Paths as in sweep files: ${pathExamples(doc)}, …`,
    ),
  );
  return form;
}

async function start(app, form) {
  const value = (id) => Number(document.getElementById(id).value);
  const path = document.getElementById("sweep-parameter").value.trim();
  said?.remove();
  said = null;
  const wrong = rangeProblems();
  showProblems(form, wrong);
  if (wrong.length) return;
  const range = [value("sweep-from"), value("sweep-to"), value("sweep-step")];
  const sweep = { mode: "grid", parameters: { [path]: { range } } };
  state.sweepAsked = [path, range];
  busy("Starting the sweep…");
  try {
    state.sweep = await api.startSweep(state.scenario, sweep);
    state.sweepScenario = state.scenario.name;
    app.render();
    watch(app, state.sweep.id);
  } catch (error) {
    if (error.status === 422) {
      showProblems(form, error.problems);
      const unplaced = error.problems.filter((p) => !fieldFor(form, p.path));
      said = say(`The sweep was not started: ${error.problems.map((p) => problemText(p)).join("; ")}`);
      if (!unplaced.length) document.getElementById("sweep-parameter").focus();
    } else {
      said = say(error.message);
    }
  } finally {
    busy("");
  }
}

async function watch(app, id) {
  while (state.sweep?.id === id && ["queued", "running"].includes(state.sweep.state)) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    try {
      state.sweep = await api.sweep(id);
    } catch (error) {
      say(`Lost the sweep: ${error.message}`);
      return;
    }
    const bar = document.getElementById("sweep-progress");
    if (bar && ["queued", "running"].includes(state.sweep.state)) bar.replaceWith(progress(state.sweep));
    else if (location.hash === "#/sweeps") app.render();
  }
  if (state.sweep?.state === "failed") say(`The sweep failed: ${state.sweep.error}`);
}

function progress(status) {
  return h(
    "div",
    { id: "sweep-progress", class: "progress" },
    h("progress", { max: status.total, value: status.done, "aria-label": "Sweep progress" }),
    h(
      "p",
      { role: "status" },
      `${status.state}: ${status.done} of ${status.total} runs, ${status.failures} failed`,
    ),
  );
}

/** A run's number against the swept value; `tipFormat` says a run's number in its tip (the
 * axes say their ticks with the decimals their step needs). */
function lineChart(title, rows, key, yLabel, tipFormat, parameter) {
  const name = nameOf(state.scenario);
  const box = chartBox(title);
  const solved = rows.filter(
    (r) => r[key] !== null && r[key] !== undefined && Number.isFinite(Number(r[`param.${parameter}`])),
  );
  if (!solved.length) {
    box.prepend(h("p", { class: "empty" }, "No run gave a number to plot."));
    return box;
  }
  const xs = solved.map((r) => Number(r[`param.${parameter}`]));
  const chart = axes({
    title,
    width: 560,
    height: 260,
    x: { domain: extent(xs, 0.03), label: parameter },
    y: {
      domain: extent(
        solved.map((r) => r[key]),
        0.12,
      ),
      label: yLabel,
    },
  });
  const points = solved.map((r) => [chart.sx(Number(r[`param.${parameter}`])), chart.sy(r[key]), r]);
  chart.plot.append(
    svg("polyline", { points: points.map(([x, y]) => `${x},${y}`).join(" "), class: "front" }),
  );
  for (const [x, y, row] of points) {
    const dot = svg("circle", { cx: x, cy: y, r: 4.5, class: "point" });
    chart.plot.append(dot);
    const said = `${parameter} = ${row[`param.${parameter}`]}: ${yLabel} ${tipFormat(row[key])}`;
    const moves = row.moves.map((m) => moveLabelText(m, name)).join(", ") || "no moves";
    withTip(box, dot, `${said}: ${moves}`, () => h("div", {}, h("strong", {}, said), h("p", {}, moves)));
  }
  box.prepend(chart.root);
  return box;
}

function moveShares(rows, name) {
  const solved = rows.filter((r) => r.status === "optimal" || r.status === "feasible");
  const counts = new Map();
  for (const row of solved) for (const move of row.moves) counts.set(move, (counts.get(move) ?? 0) + 1);
  const box = chartBox("How often each move is in the best plan, over the runs that have one.");
  if (!counts.size) {
    box.prepend(h("p", { class: "empty" }, "No run made a move."));
    return box;
  }
  return rankedBars(
    box,
    [...counts].map(([move, count]) => ({
      label: moveLabelText(move, name),
      value: count,
      text: `${count} of ${solved.length} (${percent(count / solved.length)})`,
      detail: () =>
        h("p", {}, `${moveLabelText(move, name)}: in the best plan of ${count} of ${solved.length} runs`),
    })),
  );
}

function results(status) {
  const rows = status.rows ?? [];
  const parameter = status.parameters?.[0] ?? "";
  const failed = rows.filter((r) => r.status === "error");
  return [
    h(
      "p",
      { class: "actions downloads" },
      h(
        "a",
        { class: "button", href: api.sweepDownload(status.id, "csv"), download: "" },
        "Download runs.csv",
      ),
      h(
        "a",
        { class: "button", href: api.sweepDownload(status.id, "parquet"), download: "" },
        "Download runs.parquet",
      ),
    ),
    h(
      "div",
      { class: "columns" },
      lineChart(
        "The best plan's objective in each run",
        rows,
        "objective",
        "objective",
        (v) => num(v, 2),
        parameter,
      ),
      lineChart(
        "Net spend of the best plan in each run",
        rows,
        "net_spend",
        "net spend (m)",
        (v) => num(v, 2),
        parameter,
      ),
    ),
    h("h3", {}, "Moves in the best plan"),
    moveShares(rows, nameOf(state.scenario)),
    failed.length
      ? h(
          "div",
          { class: "problems" },
          h("h3", {}, `${failed.length} runs failed`),
          h(
            "ul",
            {},
            failed.map((r) => h("li", {}, `run ${r.run_id}: ${r.error}`)),
          ),
        )
      : null,
  ];
}

export function sweepsPage(root, app) {
  if (!state.scenario) {
    put(root, nothingYet("Sweep", "Open a scenario first: a sweep varies one of its numbers."));
    return;
  }
  put(
    root,
    h("header", { class: "page-head" }, h("h1", {}, `Sweep: ${state.scenario.name}`)),
    section("Start a sweep", sweepForm(app)),
  );
  const status = state.sweep;
  if (!status) return;
  put(
    root,
    section(
      `Sweep over ${status.parameters.join(", ")}: ${state.sweepScenario}, ${status.total} runs`,
      progress(status),
      status.state === "done" ? results(status) : null,
      status.state === "failed"
        ? h("p", { class: "message error" }, status.error ?? "the sweep failed")
        : null,
    ),
  );
}
