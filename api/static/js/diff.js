// What differs: between two scenario documents (the edits), and between two plans.

import { moveKey } from "./words.js";
import { strengthOf } from "./pages/common.js";

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Rows of a table keyed by their id, so a reordered or edited row reads as such. */
function keyed(list) {
  return list.every((row) => isObject(row) && typeof row.id === "string")
    ? new Map(list.map((row) => [row.id, row]))
    : null;
}

/** Every leaf that differs: [{path: ["rules", "budget", "net_spend"], before, after}]. */
export function differences(before, after, path = []) {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = keyed(before);
    const b = keyed(after);
    if (a && b) {
      // A row only one side has is one difference (added or removed), not one per field.
      const ids = [...new Set([...a.keys(), ...b.keys()])];
      return ids.flatMap((id) =>
        a.has(id) && b.has(id)
          ? differences(a.get(id), b.get(id), [...path, id])
          : [{ path: [...path, id], before: a.get(id), after: b.get(id) }],
      );
    }
    // Lists of plain values (locks, formation) read best whole.
    if ([...before, ...after].every((v) => !isObject(v))) return [{ path, before, after }];
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, k) => differences(before[k], after[k], [...path, k])).flat();
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => differences(before[key], after[key], [...path, key]));
  }
  return [{ path, before, after }];
}

/** A value said briefly: a whole row by its name or id, a list by its items. */
export function shown(value) {
  if (value === undefined || value === null) return "not set";
  if (Array.isArray(value)) return value.length ? value.map(shown).join(", ") : "none";
  if (isObject(value)) return value.name || value.id || JSON.stringify(value);
  return String(value);
}

/** One difference in words: "60 → 30"; a key only one side has is "added" or "removed"
 * (a keep lock added without a date read "not set → not set"). */
export function changeText({ before, after }) {
  if (before === undefined) return after === null ? "added (blank)" : `added: ${shown(after)}`;
  if (after === undefined) return `removed (was ${shown(before)})`;
  return `${shown(before)} → ${shown(after)}`;
}

/** What plan B does differently from plan A. */
export function planDifferences(a, b) {
  const movesA = new Map((a.moves ?? []).map((m) => [moveKey(m), m]));
  const movesB = new Map((b.moves ?? []).map((m) => [moveKey(m), m]));
  const added = [...movesB.values()].filter((m) => !movesA.has(moveKey(m)));
  const dropped = [...movesA.values()].filter((m) => !movesB.has(moveKey(m)));
  const xiA = new Set((a.first_xi ?? []).map((s) => s.player));
  const xiB = new Set((b.first_xi ?? []).map((s) => s.player));
  const delta = (f) => {
    const x = f(a);
    const y = f(b);
    return x === null || x === undefined || y === null || y === undefined ? null : y - x;
  };
  return {
    added,
    dropped,
    marks: new Map([
      ...added.map((m) => [moveKey(m), "added"]),
      ...dropped.map((m) => [moveKey(m), "dropped"]),
    ]),
    onlyInA: new Set([...xiA].filter((p) => !xiB.has(p))),
    onlyInB: new Set([...xiB].filter((p) => !xiA.has(p))),
    objective: delta((p) => p.objective),
    strength: delta(strengthOf),
    netSpend: delta((p) => p.finance?.net_spend),
    wageBill: delta((p) => p.finance?.wage_bill_after),
  };
}
