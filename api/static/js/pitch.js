// An XI on a pitch in the scenario's formation: each player where his role stands, with a
// ring showing his fit share of the rest of the season (availability and injury).

import { h, svg } from "./dom.js";
import { num, percent, surname } from "./format.js";

// Where each role stands on a pitch 68 wide and 105 long, our goal at the bottom.
// A token's ring and its two label lines reach 8.2 m below its centre and the ring 3.8 m
// above it: lines 14 m apart keep 2 m between one's labels and the next one's ring (the
// keeper, 12 m below the centre-backs, had their labels running into his ring).
const SPOTS = {
  GK: [34, 95],
  RB: [58, 78],
  RWB: [60, 64],
  CB: [34, 81],
  LB: [10, 78],
  LWB: [8, 64],
  DM: [34, 67],
  CDM: [34, 67],
  CM: [34, 53],
  RM: [58, 49],
  LM: [10, 49],
  AM: [34, 39],
  CAM: [34, 39],
  RW: [57, 26],
  LW: [11, 26],
  SS: [34, 24],
  CF: [34, 16],
  ST: [34, 12],
};
const SPREAD = 16; // metres between players who share a role
const RING = 3.8;

/** Pitch positions for the slots: same-role slots side by side, unknown roles on a row. */
function layout(slots) {
  const byRole = new Map();
  slots.forEach((slot, i) => {
    if (!byRole.has(slot.slot)) byRole.set(slot.slot, []);
    byRole.get(slot.slot).push(i);
  });
  const unknown = [...byRole.keys()].filter((role) => !(role in SPOTS));
  const places = new Array(slots.length);
  for (const [role, indexes] of byRole) {
    const [x, y] = SPOTS[role] ?? [((unknown.indexOf(role) + 1) * 68) / (unknown.length + 1), 50];
    indexes.forEach((index, k) => {
      const dx = (k - (indexes.length - 1) / 2) * SPREAD;
      places[index] = [Math.min(62, Math.max(6, x + dx)), y];
    });
  }
  return places;
}

function field() {
  const lines = { class: "pitch-line" };
  const stripes = [];
  for (let k = 0; k < 7; k += 1) {
    stripes.push(
      svg("rect", { x: 0, y: k * 15, width: 68, height: 15, class: k % 2 ? "stripe-b" : "stripe-a" }),
    );
  }
  return svg(
    "g",
    { "aria-hidden": "true" },
    stripes,
    svg("rect", { x: 1, y: 1, width: 66, height: 103, ...lines }),
    svg("line", { x1: 1, x2: 67, y1: 52.5, y2: 52.5, ...lines }),
    svg("circle", { cx: 34, cy: 52.5, r: 9.15, ...lines }),
    svg("rect", { x: 13.85, y: 1, width: 40.3, height: 16.5, ...lines }),
    svg("rect", { x: 24.85, y: 1, width: 18.3, height: 5.5, ...lines }),
    svg("rect", { x: 13.85, y: 87.5, width: 40.3, height: 16.5, ...lines }),
    svg("rect", { x: 24.85, y: 98.5, width: 18.3, height: 5.5, ...lines }),
  );
}

function fitClass(share) {
  return share >= 0.9 ? "fit-high" : share >= 0.6 ? "fit-mid" : "fit-low";
}

/**
 * The XI on a pitch. `xi`: [{slot, player, name, strength}]; `members`: the plan's squad
 * by id (fit_share, via); `people`: the scenario's players and targets by id (for injury
 * dates); `marked`: ids to highlight (e.g. not in the other plan's XI).
 */
export function pitch({ title, xi, members, people, marked = new Set() }) {
  const places = layout(xi);
  const circumference = 2 * Math.PI * RING;
  const tokens = xi.map((slot, i) => {
    const member = members.get(slot.player) ?? {};
    const person = people.get(slot.player) ?? {};
    const share = member.fit_share ?? 1;
    // Every way in (models.plan.Via): a free signing over a horizon is new too.
    const arriving = ["bought", "signed_free", "loaned_in"].includes(member.via);
    const injury = person.injured_until ? `, injured until ${person.injured_until}` : "";
    const said =
      `${slot.slot}: ${slot.name}, strength ${num(slot.strength)}, fit ${percent(share)}` +
      `${injury}${arriving ? (member.via === "loaned_in" ? ", on loan" : ", signed") : ""}`;
    const [x, y] = places[i];
    return svg(
      "g",
      {
        class: `token ${marked.has(slot.player) ? "marked" : ""}`,
        transform: `translate(${x} ${y})`,
        tabindex: 0,
        role: "img",
        "aria-label": said,
        dataset: { player: slot.player },
      },
      svg("title", {}, said),
      svg("circle", { r: RING, class: "ring-track" }),
      svg("circle", {
        r: RING,
        class: `ring ${fitClass(share)}`,
        "stroke-dasharray": `${circumference * share} ${circumference}`,
        transform: "rotate(-90)",
      }),
      svg("circle", { r: 3, class: `shirt ${arriving ? "arriving" : ""}` }),
      svg("text", { y: 0.75, class: "token-role" }, slot.slot),
      svg("text", { y: 6.9, class: "token-name" }, surname(slot.name)),
      svg("text", { y: 9.4, class: "token-fit" }, `${percent(share)}${arriving ? " · new" : ""}`),
    );
  });
  const strength = xi.reduce((total, slot) => total + slot.strength, 0);
  return h(
    "figure",
    { class: "pitch-box" },
    h("figcaption", {}, h("strong", {}, title), ` · strength ${num(strength)}`),
    svg(
      "svg",
      { viewBox: "-1 -1 70 107", class: "pitch", role: "group", "aria-label": title },
      field(),
      tokens,
    ),
    h(
      "details",
      { class: "as-list" },
      h("summary", {}, `${title} as a list`),
      h(
        "ul",
        {},
        xi.map((slot) =>
          h(
            "li",
            {},
            `${slot.slot} ${slot.name}: ${num(slot.strength)}, fit ${percent(members.get(slot.player)?.fit_share ?? 1)}`,
          ),
        ),
      ),
    ),
  );
}

export function pitchLegend() {
  return h(
    "p",
    { class: "legend" },
    h("span", { class: "key fit-high" }, "fit ≥ 90 %"),
    h("span", { class: "key fit-mid" }, "60–90 %"),
    h("span", { class: "key fit-low" }, "< 60 %"),
    h("span", { class: "key arriving" }, "new arrival"),
    " The ring is each player's expected fit share of the rest of the season (availability and injuries).",
  );
}
