// Opening a scenario: a bundled one by name, or files uploaded (a YAML with the CSV or .xlsx
// files it names), read on the server by the same loader as `transfers validate`.

import { api } from "../api.js";
import { h } from "../dom.js";
import { problemItem } from "../fields.js";
import { busy, say } from "../messages.js";
import { open, state } from "../state.js";
import { section } from "./common.js";

const FIRST_CHOICE = "liverpool-2026-01"; // the founding case, offered first
let lastUpload = null; // the message of the last upload, replaced by the next one's
let opening = 0; // the last open asked for (bundled or upload): an older one's answer is dropped

function fileNames(files) {
  return [...files].map((f) => f.name).join(", ");
}

export function openPanel(app) {
  const select = h(
    "select",
    { id: "bundled" },
    state.bundled.map((name) =>
      h(
        "option",
        { value: name, selected: state.source ? state.source === `bundled: ${name}` : name === FIRST_CHOICE },
        name,
      ),
    ),
  );
  const files = h("input", { type: "file", id: "upload", multiple: true, accept: ".yaml,.yml,.csv,.xlsx" });
  const openBundled = async () => {
    lastUpload?.remove();
    lastUpload = null;
    busy(`Opening ${select.value}…`);
    const mine = ++opening;
    try {
      const scenario = await api.scenario(select.value);
      if (mine !== opening) return; // an upload asked for since: it is the one opened
      open(scenario, `bundled: ${select.value}`);
      state.uploadProblems = [];
      app.render();
    } catch (error) {
      say(error.message);
    } finally {
      busy("");
    }
  };
  const upload = async () => {
    // The last upload's word (read, or refused) is replaced by this one's: a "Read ..." of
    // the last good file stayed above the next file's refusal.
    lastUpload?.remove();
    lastUpload = null;
    if (!files.files.length) {
      lastUpload = say(
        "Choose the scenario's files first: its .yaml with the CSV or .xlsx files it names.",
      );
      return;
    }
    const names = fileNames(files.files);
    busy(`Reading ${names}…`);
    const mine = ++opening;
    try {
      const scenario = await api.upload([...files.files]);
      if (mine !== opening) return; // a scenario asked for since: it is the one opened
      open(scenario, `upload: ${names}`);
      state.uploadProblems = [];
      app.render();
      lastUpload = say(
        `Read ${names}: ${scenario.squad.length} squad players, ${scenario.targets.length} targets, ${scenario.offers.length} bids.`,
        "info",
      );
    } catch (error) {
      if (mine !== opening) return;
      if (error.status !== 422) {
        lastUpload = say(error.message);
        return;
      }
      state.uploadProblems = error.problems;
      state.uploadNames = names;
      app.render();
      document.getElementById("upload-problems")?.focus();
    } finally {
      busy("");
    }
  };
  const problems = state.uploadProblems ?? [];
  return section(
    "Open a scenario",
    h(
      "div",
      { class: "open-row" },
      h(
        "div",
        { class: "field" },
        h("label", { for: "bundled" }, "Bundled scenario"),
        h(
          "div",
          { class: "inline" },
          select,
          h("button", { type: "button", id: "open-bundled", onclick: openBundled }, "Open"),
        ),
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "upload" }, "Or upload files"),
        h(
          "div",
          { class: "inline" },
          files,
          h("button", { type: "button", id: "upload-files", onclick: upload }, "Upload"),
        ),
        h(
          "span",
          { class: "hint" },
          "A scenario .yaml with the CSV or .xlsx files it names (select them together).",
        ),
      ),
    ),
    problems.length
      ? h(
          "div",
          { class: "problems", id: "upload-problems", tabindex: -1, role: "alert" },
          h(
            "h3",
            {},
            `${state.uploadNames}: ${problems.length} problem${problems.length === 1 ? "" : "s"}, nothing was opened`,
          ),
          h(
            "ul",
            {},
            problems.map((problem) => problemItem(problem)),
          ),
        )
      : null,
  );
}
