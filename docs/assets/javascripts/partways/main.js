// Upgrades the static tool forms into live tools, on every page that has one. Material's
// instant navigation swaps pages without reloading this module, so the engine's worker
// (engine.js) lives for the whole visit while widgets mount once per page.
import * as engine from "./engine.js";
import { el, fill, formatDate } from "./dom.js";
import { clearErrors, clearFieldError, isRows, restore, showErrors, snapshot, toRequest } from "./form.js";
import { createLetterView } from "./letter.js";
import { renderers } from "./render.js";
import { mountRows } from "./rows.js";
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
  if (state.phase === "loading") return labels[`loading_${state.stage}`] || labels.loading_start;
  if (state.phase === "failed") return `${labels[`failed_${state.reason}`] || labels.failed_load} ${labels.static_kept}`;
  return "";
}

// A field whose page value stands until the reader picks one: the letter's language
// follows the page's.
const FOLLOWS_PAGE = new Set(["lang"]);
// What the notice calculator last counted from, for the letter to compare its dates with.
const CALCULATOR = "calculator";
const CALCULATOR_FIELDS = ["received", "period", "unit", "jurisdiction"];
let storageProblemSaid = false; // once per visit, not on every page

function same(a, b) {
  if (isRows(a) || isRows(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v) => b.includes(v));
  }
  return a === b;
}

function sameKind(value, fallback) {
  return Array.isArray(fallback) ? Array.isArray(value) : typeof value === typeof fallback;
}

// A field the reader is typing in, which another tab's change must not overwrite.
function typingIn(form) {
  const active = document.activeElement;
  const typing = active && form.contains(active) && active.name
    && (active.tagName === "TEXTAREA" || (active.tagName === "INPUT" && active.type !== "checkbox"));
  return typing ? active : null;
}

function mount(root) {
  if (root.dataset.mounted === "true") return;
  root.dataset.mounted = "true";
  const kind = root.dataset.widget;
  const form = root.querySelector("form");
  const output = root.querySelector("[data-output]");
  const labels = JSON.parse(root.dataset.labels || "{}");
  const status = el("p", { class: "pw-status", role: "status" });
  const storageNote = el("p", { class: "pw-storage-note", hidden: true });
  const announcer = el("p", { class: "pw-sr", "aria-live": "polite" });
  const clearButton = el("button", { type: "button", class: "md-button pw-clear" }, labels.clear);
  output.setAttribute("aria-live", "off"); // results are summarised by the announcer instead
  form.after(el("div", { class: "pw-controls" }, clearButton, status, storageNote), announcer);
  // Rows added or removed (the letter's invoices) are said, then the answer follows.
  mountRows(form, labels, (sentence) => {
    announce(sentence);
    preface = sentence;
    commit();
    answerSoon();
  });

  // The form as the page was built, and as the case knows it. A list (ticked items) is
  // kept whole: the boxes on the form plus the case's values that have no box here yet.
  // Rows (the letter's invoices) are one value, a list of rows, replaced whole.
  const defaults = snapshot(form);
  const names = Object.keys(defaults);
  let known = {};
  let unshown = {};
  const stale = new Set(); // fields kept as the reader typed while another tab changed them

  function fromCase(values) {
    return Object.fromEntries(names.map((name) =>
      [name, Object.hasOwn(values, name) && sameKind(values[name], defaults[name]) ? values[name] : defaults[name]]));
  }

  function show(values, skip = null) {
    const leftovers = restore(form, values, skip);
    for (const [name, value] of Object.entries(values)) {
      if (Array.isArray(value) && !isRows(defaults[name])) unshown[name] = leftovers[name] || [];
    }
  }

  known = fromCase(storage.values());
  show(known);

  // Said once with the next announcement, so the answer that follows at once does not
  // replace it before a screen reader has read it (Clear: "Entries cleared. <result>").
  let preface = "";
  const announce = (sentence) => {
    announcer.textContent = preface ? `${preface} ${sentence}` : sentence;
    preface = "";
  };
  const letterView = kind === "letter" ? createLetterView(output, labels, {
    pageLang, currentRequest: () => request().input, announce, form,
  }) : null;
  const calculatorNote = kind === "letter" ? createCalculatorNote() : null;
  let sequence = 0;
  let timer = null;

  // The form's values, with each list whole.
  function current() {
    const data = snapshot(form);
    for (const [name, values] of Object.entries(unshown)) {
      if (Array.isArray(data[name])) data[name] = [...new Set([...data[name], ...values])];
    }
    return data;
  }

  function request() {
    const input = toRequest(current());
    if (!("lang" in input)) input.lang = pageLang();
    return { tool: TOOLS[kind], lang: pageLang(), input };
  }

  // The reader changed the form: the fields that differ from what the case knew become the
  // case's (a list by the boxes ticked or unticked here, so another tab's ticks stay), and
  // the page's own values of the other fields join the case if it has none yet, so that
  // every tool counts from the dates this one shows (a value of the wrong kind is replaced).
  function commit() {
    const now = current();
    const stored = storage.values();
    const changes = {};
    for (const name of names) {
      if (same(now[name], known[name])) continue;
      stale.delete(name);
      if (!Array.isArray(now[name]) || isRows(defaults[name])) {
        changes[name] = now[name];
        continue;
      }
      const added = now[name].filter((value) => !known[name].includes(value));
      const removed = known[name].filter((value) => !now[name].includes(value));
      const start = Array.isArray(stored[name]) ? stored[name] : known[name];
      changes[name] = [...new Set([...start.filter((value) => !removed.includes(value)), ...added])];
    }
    if (!Object.keys(changes).length) return;
    const held = (name) => Object.hasOwn(stored, name) && sameKind(stored[name], defaults[name]);
    const adopted = names.filter((name) => !(name in changes) && !held(name) && !FOLLOWS_PAGE.has(name));
    known = { ...now, ...changes }; // before writing: this tool hears its own write too
    storage.write({ ...Object.fromEntries(adopted.map((name) => [name, now[name]])), ...changes }, kind);
    const merged = Object.fromEntries(Object.entries(changes)
      .filter(([name, value]) => Array.isArray(value) && !same(value, now[name])));
    if (Object.keys(merged).length) show(merged);
  }

  // Another tab changed the case: show it, except in the field the reader is typing in.
  function follow(values) {
    if (detached()) return;
    const target = fromCase(values);
    const changed = Object.fromEntries(names.filter((name) => !same(target[name], known[name]))
      .map((name) => [name, target[name]]));
    if (!Object.keys(changed).length) {
      calculatorNote?.refresh();
      return;
    }
    const typing = typingIn(form);
    show(changed, typing);
    if (typing && typing.name in changed) stale.add(typing.name);
    known = { ...known, ...changed };
    answerSoon();
  }

  async function update() {
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
    calculatorNote?.refresh();
    if (!answer.ok && letterView) {
      const shown = letterView.fail(answer.errors, (errors) => showErrors(form, errors));
      if (shown.announce) announce(shown.announce);
      root.dataset.result = "error";
      return;
    }
    if (!answer.ok) {
      const unplaced = showErrors(form, answer.errors);
      const messages = answer.errors.map((error) => error.message);
      const alert = unplaced.length ? el("div", { class: "pw-error", role: "alert" },
        el("ul", {}, unplaced.map((error) => el("li", {}, error.message)))) : null;
      // A result no longer true goes (the letter keeps its draft, which the reader may have
      // edited, unless an error has nowhere else to be said).
      if (alert) output.replaceChildren(alert);
      else if (!letterView) output.replaceChildren();
      announce(messages.join(" "));
      root.dataset.result = "error";
      return;
    }
    if (kind === "checklist") {
      const ticked = current().done; // with the ticks of items the new set may lack
      syncChecklist(form, answer.result);
      show({ done: ticked }); // the boxes just built take their ticks, the others wait
    }
    if (kind === "notice") rememberCalculator(current(), answer.result);
    const shown = letterView ? letterView.show(answer.result)
      : renderers[kind](answer.result, labels, pageLang(), { announce });
    if (shown.nodes) output.replaceChildren(...shown.nodes);
    if (shown.summary) root.querySelector("[data-summary]")?.replaceChildren(...shown.summary);
    announce(shown.announce);
    root.dataset.result = "ok";
  }

  function answerSoon() {
    letterView?.entriesChanged(); // its draft no longer matches the entries
    clearTimeout(timer);
    const delay = INPUT_DELAY_MS[kind] || 0;
    if (delay) timer = setTimeout(update, delay);
    else update();
  }

  // The letter compares its dates with those the notice calculator last counted from, and
  // offers to take those back when the reader has changed them here.
  function createCalculatorNote() {
    const period = form.elements.namedItem("period");
    if (!period) return null;
    const button = el("button", { type: "button", class: "md-button pw-use-calculator" },
      labels.use_calculator);
    const text = el("span");
    const note = el("p", { class: "pw-calculator", hidden: true }, text, " ", button);
    (period.closest("fieldset") || form).append(note);
    const isDate = (value) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
    const calculator = () => {
      const dates = storage.values()[CALCULATOR];
      const whole = dates && typeof dates === "object" && isDate(dates.received)
        && isDate(dates.end_date) && CALCULATOR_FIELDS.every((name) => typeof dates[name] === "string");
      return whole ? dates : null;
    };
    button.addEventListener("click", () => {
      const dates = calculator();
      if (!dates) return;
      show(Object.fromEntries(CALCULATOR_FIELDS.filter((name) => name in known)
        .map((name) => [name, String(dates[name])])));
      commit();
      preface = labels.calculator_used;
      note.hidden = true;
      answerSoon();
    });
    return {
      refresh() {
        const dates = calculator();
        const now = current();
        const differs = dates && CALCULATOR_FIELDS.some((name) => name in now && String(dates[name]) !== now[name]);
        note.hidden = !differs;
        if (differs) {
          text.textContent = fill(labels.calculator_differs, {
            received: formatDate(dates.received, pageLang()),
            end_date: formatDate(dates.end_date, pageLang()),
          });
        }
      },
    };
  }

  form.addEventListener("input", (event) => {
    clearFieldError(event.target);
    commit(); // every keystroke is kept, even before the answer
    answerSoon();
  });
  form.addEventListener("focusout", (event) => {
    const name = event.target.name;
    if (!stale.has(name)) return;
    stale.delete(name);
    show({ [name]: known[name] });
    answerSoon();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  clearButton.addEventListener("click", () => {
    unshown = {};
    known = { ...defaults };
    restore(form, defaults);
    storage.clear(names, kind);
    letterView?.forget();
    announce(labels.cleared); // heard even if no answer can follow (engine not ready)
    preface = labels.cleared;
    update();
  });

  const unsubscribers = [];
  // Instant navigation replaced the page: this tool stops listening.
  function detached() {
    if (root.isConnected) return false;
    for (const unsubscribe of unsubscribers) unsubscribe();
    return true;
  }
  unsubscribers.push(
    storage.onChange(follow),
    storage.onProblem((problem) => {
      if (detached()) return;
      storageNote.textContent = labels[`storage_${problem}`];
      storageNote.hidden = false;
      if (!storageProblemSaid) {
        storageProblemSaid = true;
        preface = storageNote.textContent;
      }
    }),
    engine.subscribe((state) => {
      if (detached()) return;
      root.dataset.state = state.phase === "failed" ? "error" : state.phase === "idle" ? "loading" : state.phase;
      status.textContent = statusText(state, labels);
      if (state.phase === "ready") update();
    }),
  );
  engine.ensureStarted();
}

// The notice calculator's dates, once they are the case's (the reader has used the
// calculator): what the letter offers to take back (see mount).
function rememberCalculator(input, result) {
  const values = storage.values();
  if (!CALCULATOR_FIELDS.every((name) => values[name] === input[name])) return;
  const dates = { ...Object.fromEntries(CALCULATOR_FIELDS.map((name) => [name, input[name]])),
    end_date: result.end_date };
  if (JSON.stringify(values[CALCULATOR]) !== JSON.stringify(dates)) {
    storage.write({ [CALCULATOR]: dates }, "notice");
  }
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

// Start loading the engine as soon as this deferred module runs, before Material's
// document$ fires, on pages that have a tool.
if (document.querySelector("[data-widget]")) engine.ensureStarted();

if (window.document$) window.document$.subscribe(mountAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();

// For tests and curious readers: how many engine workers this page runs (at most one).
window.partways = { workerCount: engine.workerCount };
