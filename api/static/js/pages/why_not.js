// "Why not?" about one player: the best plan that signs, sells or keeps him and what that
// costs (POST /v1/explain); with a parameter, the values at which the move starts or stops
// paying (POST /v1/threshold, the exact scan). The same answers as `transfers explain`.

import { api } from "../api.js";
import { h } from "../dom.js";
import { problemText, showProblems } from "../fields.js";
import { money, num, signed, signedMoney } from "../format.js";
import { busy } from "../messages.js";
import { moveLabelText, movesText } from "../words.js";
import { nameOf, pathExamples, section } from "./common.js";

const QUESTIONS = [
  ["keep", "Keep", "squad"],
  ["sell", "Sell", "squad"],
  ["sign", "Sign", "targets"],
];

function playerOptions(scenario, question) {
  const table = QUESTIONS.find(([q]) => q === question)[2];
  return (scenario[table] ?? []).map((p) => h("option", { value: p.id }, p.name || p.id));
}

/** A labelled text input; `size` ("wide", "narrow") sizes the field in its row. */
function textField(id, label, hint, { size, ...attrs } = {}) {
  return h(
    "div",
    { class: size ? `field ${size}` : "field" },
    h("label", { for: id }, label),
    h("input", { id, type: "text", autocomplete: "off", "aria-describedby": `${id}-error`, ...attrs }),
    hint ? h("span", { class: "hint" }, hint) : null,
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }),
  );
}

/** A threshold segment's moves ("sell:joe-gomez@Summer 2026") in words. */
function segmentMoves(moves, name) {
  return moves.length ? moves.map((label) => moveLabelText(label, name)).join(", ") : "no moves";
}

function planRow(label, plan) {
  const cell = (value, text) => h("td", {}, value === null || value === undefined ? "–" : text(value));
  return h(
    "tr",
    {},
    h("th", { scope: "row", class: "text" }, label),
    cell(plan.objective, (v) => num(v, 2)),
    cell(plan.first_xi, (v) => num(v, 1)),
    cell(plan.second_xi, (v) => num(v, 1)),
    cell(plan.net_spend, money),
    cell(plan.wage_bill, money),
    h("td", { class: "text" }, plan.objective === null ? `no plan (${plan.status})` : movesText(plan.moves)),
  );
}

/** What forcing the move does to the objective, in points and (with a money weight) m. */
function costText(answer) {
  const loss = answer.objective_loss;
  if (loss === null) return "Making this move leaves no plan that meets every rule.";
  const worth = (value) =>
    answer.money_equivalent !== null ? ` (worth ${money(Math.abs(value))})` : "";
  // Within the solver's tolerance of the best plan's objective: an equally good plan.
  if (Math.abs(loss) <= 1e-6 * Math.max(1, Math.abs(answer.best.objective ?? 0)))
    return "Making this move costs nothing: an equally good plan makes it.";
  if (loss > 0) return `Making this move costs ${num(loss, 2)} points${worth(answer.money_equivalent)}.`;
  // Better than the best plan: a lock or rule of the scenario forbids it (the summary says which).
  return `Making this move would gain ${num(-loss, 2)} points${worth(answer.money_equivalent)}, but the scenario forbids it.`;
}

/** A scanned value: four significant figures, no trailing zeros (0.5664, 6.006, 40). */
function short(value) {
  return String(Number(value.toPrecision(4)));
}

function explanationView(answer) {
  const cost = costText(answer);
  const change = answer.change;
  return [
    h("p", { class: "answer" }, h("strong", {}, answer.question), `: ${answer.summary}`),
    h("p", {}, cost),
    change
      ? h(
          "p",
          { class: "note" },
          `With the move: first XI ${signed(change.first_xi, 1)}, second XI ${signed(change.second_xi, 1)} rating points, net spend ${signedMoney(change.net_spend)}, wages ${signedMoney(change.wage_bill, 2)} a year.`,
        )
      : null,
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { class: "numbers", id: "why-plans" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Plan", "Objective", "First XI", "Second XI", "Net spend", "Wages", "Moves"].map((c) =>
              h("th", { scope: "col" }, c),
            ),
          ),
        ),
        h("tbody", {}, planRow("Best plan", answer.best), planRow("With the move", answer.forced)),
      ),
    ),
  ];
}

function thresholdView(found, name) {
  const answer = (does) => (does === null ? "no plan" : does ? "yes" : "no");
  return [
    h("p", { class: "answer" }, h("strong", {}, `${found.question}?`), ` ${found.summary}`),
    h("p", { class: "note" }, found.method),
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { class: "numbers", id: "why-segments" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["From", "To", "Makes the move", "Objective at from", "Best plan's moves"].map((c) =>
              h("th", { scope: "col" }, c),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          found.segments.map((s) =>
            h(
              "tr",
              {},
              h("td", {}, short(s.low)),
              h("td", {}, short(s.high)),
              h("td", {}, answer(s.does)),
              h("td", {}, s.objective === null ? "–" : num(s.objective, 3)),
              h("td", { class: "text" }, s.does === null ? `no plan: ${s.status}` : segmentMoves(s.moves, name)),
            ),
          ),
        ),
      ),
    ),
  ];
}

let asked = 0; // the question whose answer the panel waits for; an older answer is dropped

/** The panel's own words for what the service would refuse in a range, said at the fields
 * as the page names them (From, To), and what it would ignore: a range without a parameter
 * was asked as a plain question, silently. */
function rangeProblems(value, parameter) {
  const given = ["low", "high", "tolerance"].filter((key) => value(`why-${key}`));
  if (!parameter && given.length) {
    const msg = "a range is given (From, To or To within): give the parameter to scan, or empty the range";
    return [{ path: ["parameter"], msg }];
  }
  if (given.includes("low") !== given.includes("high")) {
    const missing = given.includes("low") ? "high" : "low";
    const msg = "give From and To both, or neither (then 0 to twice today's value)";
    return [{ path: [missing], msg }];
  }
  const [low, high] = [Number(value("why-low")), Number(value("why-high"))];
  if (value("why-low") && value("why-high") && Number.isFinite(low) && Number.isFinite(high) && low >= high) {
    return [{ path: ["high"], msg: `must be above From (${value("why-low")})` }];
  }
  return [];
}

function refusal(problems, message) {
  return h(
    "div",
    { class: "message error", role: "alert" },
    h(
      "div",
      {},
      h("p", {}, problems.length ? "The question was not answered:" : message),
      problems.length ? h("ul", {}, problems.map((p) => h("li", {}, problemText(p, false)))) : null,
    ),
  );
}

async function ask(form, scenario, solver, out) {
  const button = document.getElementById("why-ask");
  if (button.disabled) return; // Enter in a field while the last question runs
  const mine = ++asked;
  const value = (id) => document.getElementById(id).value.trim();
  const question = value("why-question");
  const query = { [question]: value("why-player"), solver };
  const parameter = value("why-parameter");
  const wrong = rangeProblems(value, parameter);
  showProblems(form, wrong);
  out.replaceChildren(...(wrong.length ? [refusal(wrong)] : []));
  if (wrong.length) return;
  button.disabled = true;
  busy(parameter ? "Scanning the parameter…" : "Solving with the move forced…");
  let shown;
  try {
    if (parameter) {
      Object.assign(query, { parameter });
      for (const key of ["low", "high", "tolerance"]) {
        if (value(`why-${key}`)) query[key] = value(`why-${key}`);
      }
      shown = thresholdView(await api.threshold(scenario, query), nameOf(scenario));
    } else {
      shown = explanationView(await api.explain(scenario, query));
    }
  } catch (error) {
    const problems = error.status === 422 ? error.problems : [];
    if (mine === asked) showProblems(form, problems);
    shown = refusal(problems, error.message);
  } finally {
    if (mine === asked) {
      button.disabled = false;
      busy("");
    }
  }
  if (mine === asked) out.replaceChildren(...[shown].flat().filter(Boolean));
}

/** The panel: a player, a move, optionally a parameter to scan; the answer below it. */
export function whyNotPanel(scenario, solver = "highs") {
  const out = h("div", { id: "why-answer", "aria-live": "polite" });
  const player = h(
    "select",
    { id: "why-player", dataset: { path: "keep" } },
    playerOptions(scenario, "keep"),
  );
  const question = h(
    "select",
    {
      id: "why-question",
      onchange: () => {
        player.replaceChildren(...playerOptions(scenario, question.value));
        player.dataset.path = question.value;
      },
    },
    QUESTIONS.map(([q, label]) => h("option", { value: q }, label)),
  );
  const form = h(
    "form",
    {
      id: "why-form",
      onsubmit: (event) => {
        event.preventDefault();
        ask(form, scenario, solver, out);
      },
    },
    h(
      "div",
      { class: "inline wrap" },
      h("div", { class: "field" }, h("label", { for: "why-question" }, "Move"), question),
      h("div", { class: "field" }, h("label", { for: "why-player" }, "Player"), player),
      textField("why-parameter", "At what value of (optional)", `a path: ${pathExamples(scenario)}, …`, {
        dataset: { path: "parameter" },
        size: "wide",
      }),
      textField("why-low", "From", "with To", {
        dataset: { path: "low" },
        inputmode: "decimal",
        size: "narrow",
      }),
      textField("why-high", "To", "both blank: 0 to 2× today", {
        dataset: { path: "high" },
        inputmode: "decimal",
        size: "narrow",
      }),
      // A refusal of a range too fine to scan asks for a larger tolerance: it is given here.
      // Its default, as the service's: a thousandth of the range, or of today's value when
      // that is smaller.
      textField("why-tolerance", "To within", "default: 1/1000", {
        dataset: { path: "tolerance" },
        inputmode: "decimal",
        size: "narrow",
        title: "Default: a thousandth of the range, or of today's value when that is smaller",
      }),
    ),
    h("p", { class: "actions" }, h("button", { type: "submit", id: "why-ask", class: "primary" }, "Ask")),
    h(
      "p",
      { class: "hint" },
      "The best plan that makes the move, and what it costs against the best plan. With a parameter, every value where the best plan, with no lock on the player, starts or stops making it (the exact scan of transfers explain --threshold).",
    ),
  );
  return section("Why not? Ask about one player", form, out);
}
