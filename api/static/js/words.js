// The words for the engine's codes: actions, windows, rules, statuses.

export const ACTIONS = {
  sell: { label: "Sell", direction: "out", preposition: "to" },
  loan_out: { label: "Loan out", direction: "out", preposition: "to" },
  buy: { label: "Buy", direction: "in", preposition: "from" },
  loan_in: { label: "Loan in", direction: "in", preposition: "from" },
};

export function moveKey(move) {
  return `${move.action}:${move.player}`;
}

/** "sell Joe Gomez" */
export function moveText(move) {
  const action = ACTIONS[move.action]?.label.toLowerCase() ?? move.action;
  return `${action} ${move.name || move.player}`;
}

export function movesText(moves) {
  return moves && moves.length ? moves.map(moveText).join(", ") : "no moves";
}

const WINDOW_KINDS = { january: "January window", summer: "Summer window", other: "Window" };

/** A window said for a person: "January window (2026-01-01 to 2026-02-02)". */
export function windowLabel(window) {
  const kind = WINDOW_KINDS[window?.kind] ?? "Window";
  return window?.opens && window?.closes ? `${kind} (${window.opens} to ${window.closes})` : kind;
}

const RULES = {
  net_spend: "Net-spend budget",
  wage_bill: "Wage budget",
  registration_senior: "Senior squad list",
  registration_non_homegrown: "Non-homegrown places",
  max_signings: "Signing limit",
  max_loans_in: "Loan-in limit",
  squad_size: "Squad size",
};

const LOCKS = {
  lock_keep: "Keep",
  lock_sell: "Sell",
  lock_sign: "Sign",
  lock_never_sign: "Never sign",
};

/** "lock_keep[joe-gomez]" -> "Keep Joe Gomez"; "coverage[CB]" -> "Cover at CB";
 * "coverage_risk[CB]" -> "Cover on matchdays at CB". */
export function ruleLabel(rule, nameOf) {
  const match = /^([a-z_]+)(?:\[(.+)\])?$/.exec(rule);
  if (!match) return rule;
  const [, family, key] = match;
  if (family in LOCKS) return `${LOCKS[family]} ${nameOf(key)}`;
  if (family === "coverage") return `Cover at ${key}`;
  if (family === "coverage_risk") return `Cover on matchdays at ${key}`;
  if (family === "group") return `Group limit (${key})`;
  return RULES[family] ?? rule;
}

export const STATUS_WORDS = {
  optimal: "Optimal (proven)",
  feasible: "Feasible (stopped at a limit)",
  infeasible: "No plan exists",
  unbounded: "Unbounded",
  no_solution: "Stopped before any plan",
  error: "Solver error",
};
