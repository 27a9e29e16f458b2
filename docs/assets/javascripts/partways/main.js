// Upgrades the static tool forms into live tools, on every page that has one. Material's
// instant navigation swaps pages without reloading this module, so the engine's worker
// (engine.js) lives for the whole visit while widgets mount once per page.
import * as engine from "./engine.js";
import { el } from "./dom.js";
import { clearErrors, restore, showErrors, snapshot, toRequest } from "./form.js";
import { createLetterView } from "./letter.js";
import { preparations, renderers } from "./render.js";
import * as storage from "./storage.js";
import "./language.js";

// Answers take ~10 ms, so most tools answer every keystroke (stale answers are dropped);
// the letter waits for a pause in typing, so its long preview does not flicker.
const INPUT_DELAY_MS = { letter: 250 };
const TOOLS = { assess: "assess", checklist: "checklist", notice: "notice", receipt: "receipt",
  letter: "letter" };

function pageLang() {
  return (document.documentElement.lang || "en").slice(0, 2);
}

function statusText(state, labels) {
  // "idle": the engine starts after the first paint; the page already says it is starting.
  if (state.phase === "idle" || state.phase === "loading") {
    return labels[`loading_${state.stage}`] || labels.loading_start;
  }
  if (state.phase === "failed") return `${labels[`failed_${state.reason}`] || labels.failed_load} ${labels.static_kept}`;
  return "";
}

function mount(root) {
  if (root.dataset.mounted === "true") return;
  root.dataset.mounted = "true";
  const kind = root.dataset.widget;
  const form = root.querySelector("form");
  const output = root.querySelector("[data-output]");
  const labels = JSON.parse(root.dataset.labels || "{}");
  const status = el("p", { class: "pw-status", role: "status" });
  const announcer = el("p", { class: "pw-sr", "aria-live": "polite" });
  const clearButton = el("button", { type: "button", class: "md-button pw-clear" }, labels.clear);
  output.setAttribute("aria-live", "off"); // results are summarised by the announcer instead
  form.after(el("div", { class: "pw-controls" }, clearButton, status), announcer);
  const defaults = snapshot(form);
  let pendingTicks = restore(form, storage.load(kind) || carriedOver(kind));

  // Said once with the next announcement, so the answer that follows at once does not
  // replace it before a screen reader has read it (Clear: "Entries cleared. <result>").
  let preface = "";
  const announce = (sentence) => {
    announcer.textContent = preface ? `${preface} ${sentence}` : sentence;
    preface = "";
  };
  const letterView = kind === "letter" ? createLetterView(output, labels, {
    pageLang, currentRequest: () => request().input, announce,
  }) : null;
  let sequence = 0;
  let timer = null;

  // The form's values plus saved ticks whose boxes the form does not show yet.
  function current() {
    const data = snapshot(form);
    for (const [name, values] of Object.entries(pendingTicks)) {
      data[name] = [...new Set([...(data[name] || []), ...values])];
    }
    return data;
  }

  function request() {
    const input = toRequest(current());
    if (!("lang" in input)) input.lang = pageLang();
    return { tool: TOOLS[kind], lang: pageLang(), input };
  }

  async function update() {
    storage.save(kind, current());
    engine.ensureStarted(); // after a crash, the reader's next change restarts the engine
    if (engine.currentState().phase !== "ready") return;
    const mine = ++sequence;
    let answer;
    try {
      answer = await engine.ask(request());
    } catch {
      return; // the engine's state change already says what happened
    }
    if (mine !== sequence || !root.isConnected) return;
    clearErrors(root);
    if (!answer.ok) {
      const unplaced = showErrors(form, answer.errors);
      const messages = answer.errors.map((error) => error.message);
      if (unplaced.length) {
        output.replaceChildren(el("div", { class: "pw-error", role: "alert" },
          el("ul", {}, unplaced.map((error) => el("li", {}, error.message)))));
      }
      announce(messages.join(" "));
      root.dataset.result = "error";
      return;
    }
    if (kind === "checklist") {
      syncChecklist(form, answer.result);
      pendingTicks = restore(form, { done: current().done }); // keep those still without a box
    }
    const shown = letterView ? letterView.show(answer.result)
      : renderers[kind](answer.result, labels, pageLang(), { announce });
    if (shown.nodes) output.replaceChildren(...shown.nodes);
    announce(shown.announce);
    root.dataset.result = "ok";
  }

  function schedule() {
    clearTimeout(timer);
    storage.save(kind, current()); // every keystroke is kept, even before the answer
    const delay = INPUT_DELAY_MS[kind] || 0;
    if (delay) timer = setTimeout(update, delay);
    else update();
  }

  form.addEventListener("input", schedule);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  clearButton.addEventListener("click", () => {
    storage.clear(kind);
    letterView?.forget();
    pendingTicks = {};
    restore(form, defaults);
    announce(labels.cleared); // heard even if no answer can follow (engine not ready)
    preface = labels.cleared;
    update();
  });

  let unsubscribe = null;
  unsubscribe = engine.subscribe((state) => {
    if (!root.isConnected) {
      unsubscribe?.(); // the page was replaced by instant navigation
      return;
    }
    root.dataset.state = state.phase === "failed" ? "error" : state.phase === "idle" ? "loading" : state.phase;
    status.textContent = statusText(state, labels);
    if (state.phase === "ready") update();
  });
  startAfterFirstPaint();
  // What the first result will need is made while the engine loads, not in the task that
  // draws it (the main thread is idle for seconds meanwhile).
  const prepare = preparations[kind];
  if (prepare) (window.requestIdleCallback || setTimeout)(() => prepare(pageLang()));
}

// The letter starts from the dates the reader already entered in the notice calculator.
const CARRIED = { letter: { from: "notice", fields: ["received", "jurisdiction", "period", "unit",
  "days", "business_days", "weeks", "months"] } };

function carriedOver(kind) {
  const rule = CARRIED[kind];
  const source = rule && storage.load(rule.from);
  if (!source) return null;
  return Object.fromEntries(rule.fields.filter((name) => name in source).map((name) => [name, source[name]]));
}

// Rebuild the checklist's items when the jurisdiction changes the set of items.
function syncChecklist(form, result) {
  const shown = [...form.querySelectorAll('input[name="done"]')].map((box) => box.value);
  const wanted = result.groups.flatMap((group) => group.items.map((item) => item.id));
  if (shown.join() === wanted.join()) return;
  const blockingText = form.querySelector(".pw-blocking")?.textContent || "";
  for (const fieldset of form.querySelectorAll("fieldset[data-group]")) fieldset.remove();
  for (const group of result.groups) {
    form.append(el("fieldset", { "data-group": group.id }, el("legend", {}, group.title),
      el("ul", { class: "pw-checklist" }, group.items.map((item) => el("li", { "data-item": item.id },
        el("label", { class: "pw-check", for: `checklist-done-${item.id}` },
          el("input", { type: "checkbox", name: "done", value: item.id,
            id: `checklist-done-${item.id}`, checked: item.done }), ` ${item.text}`),
        el("span", { class: "pw-why" }, item.why), " ",
        item.blocking ? el("span", { class: "pw-blocking" }, blockingText) : null,
        citations(item))))));
  }
}

// An item's citations, each linked to its official text as the static page links them.
function citations(item) {
  if (!item.citations?.length) return null;
  const links = item.citations.flatMap((citation, i) => [i ? "; " : null,
    el("a", { class: "pw-citation", "data-act": citation.act, "data-part": citation.part,
      href: citation.url }, citation.text)]);
  return el("span", { class: "pw-cite" }, links.filter(Boolean));
}

function mountAll() {
  for (const root of document.querySelectorAll("[data-widget]")) mount(root);
}

// The engine starts once Material has started and the page has painted. Started as this
// module runs, before Material's DOMContentLoaded work, Pyodide's start took the CPU that
// Material's first tasks needed on a 2-core machine and stretched them into long tasks:
// blocking time of cold visits 604 ms (median of 12) against 339 ms started after the first
// paint, interleaved on a busy machine (load average 22-28), the first result no later.
let painted = false;
let queued = false;

function startAfterFirstPaint() {
  if (painted) {
    engine.ensureStarted(); // a tool reached by instant navigation
    return;
  }
  if (queued) return;
  queued = true;
  const start = () => {
    painted = true;
    engine.ensureStarted();
  };
  requestAnimationFrame(() => setTimeout(start));
  setTimeout(start, 1000); // a background tab paints nothing
}

if (window.document$) window.document$.subscribe(mountAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();

// For tests and curious readers: how many engine workers this page runs (at most one).
window.partways = { workerCount: engine.workerCount };
