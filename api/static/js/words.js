// The words for the engine's codes: actions, windows, rules, statuses.

// Every action a plan can hold (models.moves.Action), over a horizon too. `direction`: the
// player comes in, goes out or stays (the card's colour); `received`: the move's fee is
// money received (a sale, a loan out), else paid (a release's pay-off, a renewal's
// signing-on fee; models.moves.Move.fee). A release sends a player out and pays.
export const ACTIONS = {
  sell: { label: "Sell", direction: "out", preposition: "to", received: true },
  loan_out: { label: "Loan out", direction: "out", preposition: "to", received: true },
  buy: { label: "Buy", direction: "in", preposition: "from", received: false },
  loan_in: { label: "Loan in", direction: "in", preposition: "from", received: false },
  sign_free: { label: "Sign free", direction: "in", preposition: "from", received: false },
  release: { label: "Release", direction: "out", preposition: "", received: false },
  extend: { label: "Extend", direction: "stay", preposition: "", received: false },
  expire: { label: "Let expire", direction: "out", preposition: "", received: false },
};

/** "sign free", "let expire"; an unknown code as it is. */
export function actionWord(action) {
  return ACTIONS[action]?.label.toLowerCase() ?? action;
}

/** Whether a move's fee is money received (else paid). */
export function feeReceived(move) {
  return ACTIONS[move.action]?.received ?? false;
}

/** "sell:joe-gomez"; over a horizon with its window, "loan_in:kobbie-mainoo@Summer 2026", so
 * that the same loan in two windows is two moves (in comparisons, as the sweeps' labels). */
export function moveKey(move) {
  return `${move.action}:${move.player}${move.window ? `@${move.window}` : ""}`;
}

/** "sell Joe Gomez" */
export function moveText(move) {
  const window = move.window ? ` (${move.window})` : ""; // over a horizon
  return `${actionWord(move.action)} ${move.name || move.player}${window}`;
}

/** A move's label in a sweep row or a threshold segment, "sell:joe-gomez" or over a horizon
 * "sell:joe-gomez@Summer 2026", in words: "sell Joe Gomez (Summer 2026)". */
export function moveLabelText(label, nameOf) {
  const [move, window] = label.split("@");
  const [action, player] = move.split(":");
  return `${actionWord(action)} ${nameOf(player)}${window ? ` (${window})` : ""}`;
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
  net_spend_total: "Net spend over the horizon",
  squad_cost: "Squad cost budget",
  squad_cost_ratio: "Squad cost ratio",
};

const LOCKS = {
  lock_keep: "Keep",
  lock_sell: "Sell",
  lock_sign: "Sign",
  lock_never_sign: "Never sign",
};

/** "lock_keep[joe-gomez]" -> "Keep Joe Gomez"; "coverage[CB]" -> "Cover at CB";
 * "coverage_risk[CB]" -> "Cover on matchdays at CB"; over a horizon a rule of one window or
 * season says it: "net_spend@Summer 2026" -> "Net-spend budget (Summer 2026)";
 * "squad_cost_ratio (all of it)" -> "Squad cost ratio (all of it)". */
export function ruleLabel(rule, nameOf) {
  const match = /^([a-z_]+)(?:\[(.+?)\])?(?:@(.+?))?( \(.+\))?$/.exec(rule);
  if (!match) return rule;
  const [, family, key, when, note] = match;
  const tail = `${when ? ` (${when})` : ""}${note ?? ""}`;
  if (family in LOCKS) return `${LOCKS[family]} ${nameOf(key)}${tail}`;
  if (family === "coverage") return `Cover at ${key}${tail}`;
  if (family === "coverage_risk") return `Cover on matchdays at ${key}${tail}`;
  if (family === "group") return `Group limit (${key})${tail}`;
  return family in RULES ? `${RULES[family]}${tail}` : rule;
}

/** The objective's terms (optimizer/objective.py) in words. */
const TERMS = {
  first_xi: "First XI strength",
  second_xi: "Second XI strength",
  squad_rating: "Squad rating",
  money: "Money",
  wages: "Wages",
  residual_value: "Residual value",
};

export function termWord(term) {
  return TERMS[term] ?? term.replaceAll("_", " ");
}

export const STATUS_WORDS = {
  optimal: "Optimal (proven)",
  feasible: "Feasible (stopped at a limit)",
  infeasible: "No plan exists",
  unbounded: "Unbounded",
  no_solution: "Stopped before any plan",
  error: "Solver error",
};
