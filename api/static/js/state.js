// What the page holds between views: the scenario being edited, the plans solved (newest
// last, for the compare view), the last sweep, and the problems of the last check.

export const state = {
  bundled: [], // bundled scenario names
  scenario: null, // the scenario document being edited (JSON, tables inline)
  opened: null, // the same as opened, to say what was changed since
  source: "", // where it came from, for the page's heading
  problems: [], // problems of the last check, each with its field path
  typed: {}, // fields typed wrong before any check (a percentage out of range), by path
  plans: [], // [{n, label, scenario, plan}]
  sweep: null, // the last sweep's status
  sweepAsked: null, // its [parameter path, [from, to, step]], to show in the form again
  sweepScenario: "", // the name of the scenario it varies
  options: { tradeoffs: true, solver: "highs" }, // how to solve
  solving: false, // a solve is under way
  uploadProblems: [], // problems of the last upload that failed
  uploadNames: "", // its file names
  compare: {}, // the plan numbers chosen as A and B on the compare view
};

const KEEP_PLANS = 12;

export function copy(value) {
  return value === null || value === undefined ? value : structuredClone(value);
}

export function open(scenario, source) {
  state.scenario = copy(scenario);
  state.opened = copy(scenario);
  state.source = source;
  state.problems = [];
  state.typed = {};
  if (scenario?.name !== state.sweepScenario) {
    // Another scenario's sweep stayed under this one's heading, its moves named from the
    // new scenario (raw ids) and its path in the form (a 422 where the path does not exist).
    state.sweep = null;
    state.sweepAsked = null;
    state.sweepScenario = "";
  }
}

export function addPlan(plan, scenario, label) {
  const n = (state.plans.at(-1)?.n ?? 0) + 1;
  state.plans.push({ n, label, scenario: copy(scenario), plan });
  while (state.plans.length > KEEP_PLANS) state.plans.shift();
  return n;
}

export function latestPlan() {
  return state.plans.at(-1) ?? null;
}

/** The value at a path in a document: ["rules", "budget", "net_spend"]. */
export function getPath(doc, path) {
  return path.reduce((node, key) => (node === null || node === undefined ? undefined : node[key]), doc);
}

/** Set (or, with undefined, remove) the value at a path, creating mappings on the way. */
export function setPath(doc, path, value) {
  let node = doc;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || node[key] === undefined || typeof node[key] !== "object") {
      node[key] = {};
    }
    node = node[key];
  }
  const last = path.at(-1);
  if (value === undefined) delete node[last];
  else node[last] = value;
}
