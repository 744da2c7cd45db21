// A plan's moves as cards, grouped by transfer window. Today every plan has one window
// (the scenario's); a plan with a `timeline` lists its windows, each with its moves.

import { h } from "./dom.js";
import { signedMoney } from "./format.js";
import { ACTIONS, feeReceived, moveKey, windowLabel } from "./words.js";

/** [{label, moves}] for a plan: its timeline's windows, or the scenario's one window. */
export function windowsOf(plan, scenario) {
  const windows = plan?.timeline?.windows;
  if (Array.isArray(windows)) {
    return windows.map((window) => ({ label: windowLabel(window), moves: window.moves ?? [] }));
  }
  return [{ label: windowLabel(scenario?.window), moves: plan?.moves ?? [] }];
}

/** One move as a card; `mark` ("added", "dropped") flags it in a comparison. */
function moveCard(move, mark = "") {
  const action = ACTIONS[move.action] ?? { label: move.action, direction: "", preposition: "" };
  const received = feeReceived(move);
  const fee = received ? move.fee : -move.fee; // money for the club: + received, − paid
  // An expiry moves no money (models.moves.Move.fee is 0): no fee line.
  const feeLine =
    move.action === "expire"
      ? []
      : [
          h("dt", {}, received ? "Fee received" : "Fee paid"),
          // A renewal or free signing without a fee: "none", not "±0.0 m".
          fee === 0
            ? h("dd", {}, "none")
            : h("dd", { class: fee > 0 ? "gain" : "cost" }, signedMoney(fee)),
        ];
  return h(
    "li",
    {
      class: `card move ${action.direction} ${mark}`,
      dataset: { move: moveKey(move) },
    },
    h("p", { class: "card-kicker" }, action.label, mark ? h("span", { class: "flag" }, mark) : null),
    h("h4", {}, move.name || move.player),
    move.counterparty // none for a release, an expiry or a renewal
      ? h("p", { class: "counterparty" }, `${action.preposition} ${move.counterparty}`)
      : null,
    h(
      "dl",
      { class: "figures" },
      ...feeLine,
      h("dt", {}, "Wages a year"),
      h("dd", { class: move.wage_change <= 0 ? "gain" : "cost" }, signedMoney(move.wage_change)),
    ),
  );
}

/**
 * Every window's moves as cards. `marks`: move key -> "added" / "dropped"; `none`: what
 * to say for a window without moves.
 */
export function moveCards(windows, marks = new Map(), none = "No moves: the squad stays as it is.") {
  return windows.map((window) =>
    h(
      "section",
      { class: "window" },
      h("h3", {}, window.label),
      window.moves.length
        ? h(
            "ul",
            { class: "cards" },
            window.moves.map((move) => moveCard(move, marks.get(moveKey(move)))),
          )
        : h("p", { class: "empty" }, none),
    ),
  );
}
