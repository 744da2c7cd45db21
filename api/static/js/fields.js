// Form fields bound to a path in the scenario document, and the server's problems shown at
// the field they concern. A field's `data-path` is the document path the server names
// ("rules.budget.net_spend", "offers.0.fee"); a problem goes to the longest matching one.

import { h, uid } from "./dom.js";
import { getPath, setPath, state } from "./state.js";

export function pathText(path) {
  return path.join(".");
}

/**
 * The value a director typed: blank removes the field (the documented default applies,
 * "no limit" for a budget); a number is sent as a number; anything else is sent as typed,
 * so the server's own check names it at this field.
 */
export function typedValue(text) {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

function errorSlot(id) {
  return h("p", { class: "field-error", id, hidden: true });
}

/** A labelled input for a number at `path`; `onEdit` runs after each change. */
export function numberField({ label, path, hint, onEdit, width = "" }) {
  const id = uid("field");
  const errorId = `${id}-error`;
  const current = getPath(state.scenario, path);
  const input = h("input", {
    id,
    type: "text",
    inputmode: "decimal",
    autocomplete: "off",
    class: width,
    value: current === undefined || current === null ? "" : String(current),
    dataset: { path: pathText(path) },
    "aria-describedby": errorId,
    onchange: () => {
      setPath(state.scenario, path, typedValue(input.value));
      onEdit?.();
    },
  });
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    input,
    hint ? h("span", { class: "hint" }, hint) : null,
    errorSlot(errorId),
  );
}

const PERCENT_RULE = "should be a percentage above 0 and at most 100";

/** The problem with a typed percentage, or null for a number in (0, 100]. */
export function percentProblem(text, path) {
  const trimmed = text.trim();
  const number = Number(trimmed);
  if (trimmed !== "" && Number.isFinite(number) && number > 0 && number <= 100) return null;
  if (trimmed === "") return { path, msg: `Field required: ${PERCENT_RULE}` };
  return { path, msg: PERCENT_RULE, input: trimmed };
}

function shownPercent(share) {
  if (share === undefined || share === null) return "";
  return typeof share === "number" ? String(Number((share * 100).toFixed(8))) : String(share);
}

/**
 * A share (0.95) edited as a percentage (95). A number above 0 and at most 100 is stored as
 * its share; anything else stays as typed in `state.typed`, is named at the field, and Solve
 * and Check send nothing until it is fixed (the server would name it as a share, not as
 * the percentage typed).
 */
export function percentField({ label, path, onEdit, width = "" }) {
  const id = uid("field");
  const errorId = `${id}-error`;
  const key = pathText(path);
  const typed = state.typed[key];
  const input = h("input", {
    id,
    type: "text",
    inputmode: "decimal",
    autocomplete: "off",
    class: width,
    value: typed ? (typed.input ?? "") : shownPercent(getPath(state.scenario, path)),
    dataset: { path: key, unit: "percent" },
    "aria-describedby": errorId,
    onchange: () => {
      const problem = percentProblem(input.value, path);
      if (problem) state.typed[key] = problem;
      else {
        delete state.typed[key];
        setPath(state.scenario, path, Number((Number(input.value.trim()) / 100).toFixed(10)));
      }
      const slot = input.closest(".field")?.querySelector(".field-error");
      if (problem) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      if (slot) {
        slot.hidden = !problem;
        slot.textContent = problem ? problemText(problem, false) : "";
      }
      onEdit?.();
    },
  });
  return h("div", { class: "field" }, h("label", { for: id }, label), input, errorSlot(errorId));
}

/** A bare input inside a table cell, labelled for screen readers by `label`. */
export function cellInput({ label, path, onEdit, numeric = true }) {
  const current = getPath(state.scenario, path);
  const input = h("input", {
    type: "text",
    class: numeric ? "num" : "words",
    inputmode: numeric ? "decimal" : "text",
    autocomplete: "off",
    "aria-label": label,
    value: current === undefined || current === null ? "" : String(current),
    dataset: { path: pathText(path) },
    onchange: () => {
      const value = numeric ? typedValue(input.value) : input.value.trim();
      setPath(state.scenario, path, value === "" ? undefined : value);
      onEdit?.();
    },
  });
  return input;
}

export function cellSelect({ label, path, options, onEdit }) {
  const current = getPath(state.scenario, path);
  const known = options.some(([value]) => value === current);
  const select = h(
    "select",
    {
      "aria-label": label,
      dataset: { path: pathText(path) },
      onchange: () => {
        setPath(state.scenario, path, select.value);
        onEdit?.();
      },
    },
    // Not given (a bid's window: null, the first) shows the first option, not "(unknown)".
    known || current === undefined || current === null
      ? null
      : h("option", { value: current, selected: true }, `${current} (unknown)`),
    options.map(([value, text]) => h("option", { value, selected: value === current }, text)),
  );
  return select;
}

/** The element that shows a problem at `path`: the longest prefix with a field. */
export function fieldFor(root, path) {
  for (let n = path.length; n > 0; n -= 1) {
    const found = root.querySelector(`[data-path="${CSS.escape(pathText(path.slice(0, n)))}"]`);
    if (found) return found;
  }
  // A problem of a whole part (rules.squad_size: "min is above max") goes to its first
  // field: it was only listed, no field marked.
  const part = pathText(path);
  return part ? root.querySelector(`[data-path^="${CSS.escape(`${part}.`)}"]`) : null;
}

/** Mark every field with its problems (and clear the others); returns the unplaced ones. */
export function showProblems(root, problems) {
  for (const el of root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const el of root.querySelectorAll(".field-error, .cell-error")) {
    if (el.classList.contains("cell-error")) el.remove();
    else {
      el.hidden = true;
      el.textContent = "";
    }
  }
  const unplaced = [];
  for (const problem of problems) {
    const field = fieldFor(root, problem.path);
    if (!field) {
      unplaced.push(problem);
      continue;
    }
    field.setAttribute("aria-invalid", "true");
    const said = problemText(problem, false);
    const slot = field.closest(".field")?.querySelector(".field-error");
    if (slot) {
      slot.hidden = false;
      slot.textContent = slot.textContent ? `${slot.textContent}; ${said}` : said;
    } else {
      const id = uid("problem");
      const note = h("span", { class: "cell-error", id }, said);
      const cell = field.tagName === "TR" ? field.firstElementChild : field;
      if (cell?.tagName === "TD") cell.append(note);
      else field.after(note);
      field.setAttribute("aria-describedby", id);
    }
    field.closest("details")?.setAttribute("open", "");
  }
  return unplaced;
}

/** The value a problem quotes, when it is one a person typed (not a whole row). */
function quoted(problem) {
  const value = problem.input;
  const plain = ["string", "number", "boolean"].includes(typeof value);
  return plain && problem.msg !== "Field required" ? ` (value: ${JSON.stringify(value)})` : "";
}

/** A problem in words: where (file, row, field) when known, the message, the value. */
export function problemText(problem, withPlace = true) {
  const place = problem.where || pathText(problem.path) || "scenario";
  return withPlace ? `${place}: ${problem.msg}${quoted(problem)}` : `${problem.msg}${quoted(problem)}`;
}

/** The same, the place in bold. */
export function problemItem(problem, place = problem.where || pathText(problem.path) || "scenario") {
  return h("li", {}, h("strong", {}, `${place}: `), `${problem.msg}${quoted(problem)}`);
}

/** What a person calls a field: its label, or its accessible name. */
function fieldName(field) {
  return (field.labels?.[0]?.textContent ?? field.getAttribute("aria-label") ?? "").trim();
}

/** Every problem as a list; each one with a field gets a button that takes you there. */
export function problemList(root, problems, title) {
  if (!problems.length) return null;
  return h(
    "section",
    { class: "panel problems", role: "alert", "aria-labelledby": "problems-title" },
    h("h2", { id: "problems-title" }, title),
    h(
      "ul",
      {},
      problems.map((problem) => {
        const button = h(
          "button",
          {
            type: "button",
            class: "link",
            onclick: () => {
              const field = fieldFor(root, problem.path);
              field?.closest("details")?.setAttribute("open", "");
              field?.focus();
              field?.scrollIntoView({ block: "center" });
            },
          },
          "show",
        );
        const field = fieldFor(root, problem.path);
        const item = problemItem(problem, (field && fieldName(field)) || undefined);
        if (field) item.append(" ", button);
        return item;
      }),
    ),
  );
}
