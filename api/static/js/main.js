// The page's entry: the views by address (#/scenario, #/plan, #/compare, #/tradeoffs,
// #/sweeps), and the guarantees around them: an error becomes a message, never a blank page.

import { api } from "./api.js";
import { h } from "./dom.js";
import { clearMessages, say } from "./messages.js";
import { comparePage } from "./pages/compare.js";
import { planPage } from "./pages/plan.js";
import { scenarioPage } from "./pages/scenario.js";
import { sweepsPage } from "./pages/sweeps.js";
import { tradeoffsPage } from "./pages/tradeoffs.js";
import { state } from "./state.js";

const PAGES = {
  "#/scenario": ["Scenario", scenarioPage],
  "#/plan": ["Plan", planPage],
  "#/compare": ["Compare", comparePage],
  "#/tradeoffs": ["Trade-offs", tradeoffsPage],
  "#/sweeps": ["Sweeps", sweepsPage],
};

function current() {
  return PAGES[location.hash] ? location.hash : "#/scenario";
}

function render() {
  const hash = current();
  const [title, page] = PAGES[hash];
  for (const link of document.querySelectorAll("nav a")) {
    if (link.getAttribute("href") === hash) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = `${title} · transfers`;
  const root = document.getElementById("page");
  root.replaceChildren();
  try {
    page(root, app);
  } catch (error) {
    console.error(error);
    root.replaceChildren(
      h(
        "section",
        { class: "panel problems", role: "alert" },
        h("h1", {}, `The ${title.toLowerCase()} view could not be shown`),
        h("p", {}, String(error?.message ?? error)),
        h("p", {}, h("a", { class: "button", href: "#/scenario" }, "Back to the scenario")),
      ),
    );
  }
}

const app = {
  render,
  /** Show a view; re-render when it is already the one shown. */
  go(hash) {
    if (location.hash === hash) render();
    else location.hash = hash;
  },
};

window.addEventListener("hashchange", () => {
  clearMessages(); // what was said belongs to the view it was said on
  render();
  document.getElementById("page").focus({ preventScroll: false });
  window.scrollTo(0, 0);
});
window.addEventListener("error", (event) => say(`The page hit an error: ${event.message}`));
window.addEventListener("unhandledrejection", (event) =>
  say(`The page hit an error: ${event.reason?.message ?? event.reason}`),
);
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault(); // the address is the view, so the skip link moves focus only
  document.getElementById("page").focus();
});

async function start() {
  window.transfersStarted = true;
  render();
  try {
    state.bundled = (await api.scenarios()).scenarios;
  } catch (error) {
    say(error.message);
  }
  render();
}

start();
