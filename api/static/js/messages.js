// Messages for the user: server errors and notices, kept until dismissed; never a blank page.

import { h } from "./dom.js";

function box() {
  return document.getElementById("messages");
}

export function say(text, kind = "error") {
  const item = h(
    "div",
    { class: `message ${kind}`, role: kind === "error" ? "alert" : "status" },
    h("p", {}, text),
    h(
      "button",
      {
        type: "button",
        class: "dismiss",
        "aria-label": "Dismiss message",
        onclick: () => item.remove(),
      },
      "×",
    ),
  );
  box().append(item);
  return item;
}

export function clearMessages() {
  box().replaceChildren();
}

/** The busy line: what the page is waiting for (empty: nothing). */
export function busy(text) {
  const line = document.getElementById("busy");
  line.textContent = text || "";
  line.hidden = !text;
  document.body.classList.toggle("is-busy", Boolean(text));
}
