// The letter composer's live part: what the letter still needs, an editable draft, the
// letter check, copy, downloads, the mail app, printing and talking points. The engine
// writes; this file only wires.
//
// Every output (copy, .txt, .md, .eml, .docx, the mail link, print) uses the same current
// text, and all of them are off, with the reason shown beside them, whenever the draft
// does not match the entries: a field has an error, or the engine has not answered for
// the latest entries yet.
import { ask } from "./engine.js";
import { el, fill, list } from "./dom.js";
import * as storage from "./storage.js";

const CHECK_DELAY_MS = 300;
// A mailto: link longer than this is cut or refused somewhere between the browser, the
// system and the mail app (Chromium hands about 2,000 characters to the system's handler).
const MAILTO_LIMIT = 2000;
const FILE_TYPES = {
  txt: "text/plain;charset=utf-8",
  md: "text/markdown;charset=utf-8",
  eml: "message/rfc822",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};
const NOTE_ID = "pw-letter-actions-note";
const STALE_ID = "pw-letter-stale";

// The field's name in an engine message: "Client company: this field is required."
function fieldName(error) {
  const cut = error.message.indexOf(": ");
  return cut > 0 ? error.message.slice(0, cut) : error.message;
}

function lines(texts) {
  return texts.filter(Boolean).flatMap((line, index) => (index ? [el("br"), line] : [line]));
}

// The letter as a business letter on an A4 page (styled by print.css):
// from the engine's layout, or the reader's own text when they edited the draft.
function printedLetter(layout, text, lang) {
  const page = el("article", { class: "pw-print-letter", lang });
  if (!layout) {
    page.append(el("div", { class: "pw-print-text" }, text));
    return page;
  }
  page.append(...[
    el("div", { class: "pw-print-sender" }, lines(layout.sender || [])),
    el("div", { class: "pw-print-recipient" }, lines(layout.recipient || [])),
    layout.place_date ? el("p", { class: "pw-print-date" }, layout.place_date) : null,
    el("p", { class: "pw-print-subject" }, el("strong", {}, layout.subject)),
    layout.greeting ? el("p", {}, layout.greeting) : null,
    (layout.body || []).map((block) => (block.kind === "list"
      ? list(block.items || [], (item) => item) : el("p", {}, block.text))),
    layout.closing ? el("p", { class: "pw-print-closing" }, layout.closing) : null,
    el("div", { class: "pw-print-signature" }, lines(layout.signature || [])),
  ].flat().filter(Boolean));
  return page;
}

// A field the reader filled in or changed from its default.
function hasEntry(field) {
  if (field.type === "checkbox") return field.checked !== field.defaultChecked;
  if (field.tagName === "SELECT") {
    const initial = [...field.options].find((option) => option.defaultSelected) || field.options[0];
    return field.value !== initial?.value;
  }
  return field.value.trim() !== "";
}

// "More details" opens by itself when it holds an entry or an error, so nothing is hidden.
function openDetailsWithEntries(form) {
  for (const details of form.querySelectorAll("details")) {
    const fields = [...details.querySelectorAll("input, select, textarea")];
    if (fields.some((field) => hasEntry(field) || field.getAttribute("aria-invalid") === "true")) {
      details.open = true;
    }
  }
}

function base64Bytes(text) {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

export function createLetterView(output, labels, { pageLang, currentRequest, announce, form }) {
  let draft = null; // the engine's letter for the last entries without errors
  let problems = null; // the engine's errors for the current entries, if any
  let pending = false; // entries changed, no answer for them yet
  const saved = storage.values().body;
  let edited = typeof saved === "string" ? saved : null; // anything else is not a draft
  let checkTimer = null;
  let mailTooLong = false;
  let fileProblem = "";
  let lastSaid = "";
  const touched = new Set(); // fields the reader changed on this visit
  const root = form.closest("[data-widget]");

  const stale = el("div", { class: "pw-stale", id: STALE_ID, hidden: true });
  const subject = el("p", { class: "pw-subject" });
  const textarea = el("textarea", { id: "pw-letter-draft", rows: 18, spellcheck: "true",
    class: "pw-letter-draft" });
  const editedNote = el("p", { class: "pw-edited", hidden: true }, labels.edited_note, " ");
  const regenerate = el("button", { type: "button", class: "md-button" }, labels.use_new_draft);
  editedNote.append(regenerate);
  const mailLink = el("a", { class: "md-button", href: "mailto:" }, labels.open_mail);
  const buttons = {
    copy: el("button", { type: "button", class: "md-button" }, labels.copy),
    txt: el("button", { type: "button", class: "md-button" }, labels.download_txt),
    md: el("button", { type: "button", class: "md-button" }, labels.download_md),
    eml: el("button", { type: "button", class: "md-button" }, labels.download_eml),
    docx: el("button", { type: "button", class: "md-button" }, labels.download_docx),
    print: el("button", { type: "button", class: "md-button" }, labels.print),
  };
  const note = el("div", { class: "pw-actions-note", id: NOTE_ID });
  const findings = el("div", { class: "pw-findings" });
  const points = el("div", { class: "pw-points" });
  const printFrame = el("div", { class: "pw-print-frame" });
  const view = el("div", { class: "pw-letter-live" },
    stale, subject,
    el("label", { for: textarea.id }, labels.draft_label),
    textarea, editedNote,
    el("div", { class: "pw-actions" }, Object.values(buttons), mailLink), note,
    el("h3", {}, labels.check_title), findings,
    el("h3", {}, labels.talking_points), points, printFrame);

  const text = () => textarea.value;
  const isEdited = () => edited !== null && draft !== null && edited !== draft.text;
  const outputsOff = () => draft === null || problems !== null || pending;

  function offReason() {
    if (problems) {
      const fields = [...new Set(problems.map(fieldName))].join(", ");
      return fill(labels.outputs_off_errors, { fields });
    }
    return pending ? labels.outputs_off_pending : "";
  }

  // The reason the outputs are off, or what to know about them, next to them.
  function refreshNote() {
    const reason = offReason();
    const parts = reason ? [el("p", { class: "pw-off" }, reason)] : [
      fileProblem ? el("p", { class: "pw-file-problem" }, fileProblem) : null,
      mailTooLong ? el("p", { class: "pw-mail-note" }, fill(labels.mail_too_long, {
        length: mailHref(true).length.toLocaleString(pageLang()),
        limit: MAILTO_LIMIT.toLocaleString(pageLang()) })) : null,
      el("p", {}, labels.outputs_hint),
    ];
    note.replaceChildren(...parts.filter(Boolean));
  }

  function refreshActions() {
    const off = outputsOff();
    for (const button of Object.values(buttons)) {
      button.setAttribute("aria-describedby", NOTE_ID);
      if (off) button.setAttribute("aria-disabled", "true");
      else button.removeAttribute("aria-disabled");
    }
    mailLink.setAttribute("aria-describedby", NOTE_ID);
    if (off) {
      // A link without href cannot be followed; role and tabindex keep it reachable, so
      // that its reason is heard.
      mailLink.removeAttribute("href");
      mailLink.setAttribute("role", "link");
      mailLink.setAttribute("tabindex", "0");
      mailLink.setAttribute("aria-disabled", "true");
    } else {
      mailLink.href = mailHref(mailTooLong === false);
      for (const name of ["role", "tabindex", "aria-disabled"]) mailLink.removeAttribute(name);
    }
    textarea.classList.toggle("pw-draft--stale", problems !== null);
    if (problems) textarea.setAttribute("aria-describedby", STALE_ID);
    else textarea.removeAttribute("aria-describedby");
    // Printed while off, the page says why instead of showing a letter that may be wrong.
    printFrame.replaceChildren(off
      ? el("article", { class: "pw-print-letter pw-print-off" },
        el("p", {}, el("strong", {}, labels.stale_title)), el("p", {}, offReason()))
      : printedLetter(isEdited() ? null : draft.layout, text(), draft.lang));
    root.dataset.outputs = off ? "off" : "on";
    refreshNote();
  }

  function mailHref(withBody) {
    const email = currentRequest().contact_email || "";
    const to = `mailto:${encodeURIComponent(email).replace("%40", "@")}`;
    const subjectPart = `subject=${encodeURIComponent(draft.subject)}`;
    return withBody ? `${to}?${subjectPart}&body=${encodeURIComponent(text())}` : `${to}?${subjectPart}`;
  }

  function refreshDerived() {
    mailTooLong = mailHref(true).length > MAILTO_LIMIT;
    refreshActions();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, CHECK_DELAY_MS);
  }

  function focusField(name) {
    const found = form.elements.namedItem(name);
    const field = found instanceof RadioNodeList ? found[0] : found;
    if (!field) return;
    field.closest("details")?.setAttribute("open", "");
    field.focus();
    field.scrollIntoView({ block: "center" });
  }

  // Each problem as a button that takes the reader to its field.
  function problemList(errors, text) {
    return el("ul", {}, errors.map((error) => el("li", {},
      el("button", { type: "button", class: "pw-link", "data-field": error.field },
        text(error)))));
  }

  // Not filled in at all: whatever the engine says of an empty field (of an empty period it
  // asks for "one number with its unit"), the field is missing.
  function isMissing(error) {
    const field = form.elements.namedItem(error.field);
    return Boolean(field) && !(field instanceof RadioNodeList) && field.value === "";
  }

  function problemNodes() {
    const missing = problems.filter(isMissing);
    const wrong = problems.filter((error) => !isMissing(error));
    return [
      missing.length ? [el("p", {}, labels.missing_intro), problemList(missing, fieldName)] : [],
      wrong.length ? [el("p", {}, labels.problems_intro), problemList(wrong, (e) => e.message)] : [],
    ].flat();
  }

  function showProblems() {
    if (draft === null) {
      output.replaceChildren(el("div", { class: "pw-missing" },
        el("h3", {}, labels.missing_title), problemNodes()));
      return;
    }
    stale.replaceChildren(el("p", {}, el("strong", {}, labels.stale_title), " ",
      labels.stale_errors), problemList(problems, (error) => error.message));
    stale.hidden = false;
    refreshActions();
  }

  function showDraft(letter) {
    draft = letter;
    stale.hidden = true;
    stale.replaceChildren();
    fileProblem = "";
    subject.replaceChildren(el("strong", {}, `${labels.subject}: `), letter.subject);
    points.replaceChildren(list(letter.talking_points, (point) => point));
    textarea.value = edited === null ? letter.text : edited;
    editedNote.hidden = !isEdited();
    if (!view.isConnected) output.replaceChildren(view);
    refreshDerived();
  }

  async function check() {
    if (draft === null) return; // cleared meanwhile
    const { sender, company } = currentRequest(); // the signature must carry them
    const answer = await ask({ tool: "letter_check", lang: pageLang(),
      input: { text: text(), lang: draft.lang, kind: draft.kind, end_date: draft.end_date,
        sender, company } })
      .catch(() => null);
    if (!answer || draft === null) return;
    if (!answer.ok) {
      findings.replaceChildren(list(answer.errors, (error) => error.message));
      return;
    }
    const result = answer.result;
    findings.replaceChildren(result.ok
      ? el("p", { class: "pw-check-ok" }, labels.check_ok)
      : list(result.findings, (finding) =>
        [el("strong", {}, labels[`finding_${finding.kind}`] || finding.kind), ": ", finding.message]));
    findings.dataset.ok = String(result.ok);
  }

  // The .eml and .docx carry headers or layout the text alone does not: the engine writes
  // them, around the reader's own text when they edited it. Null, with the reason shown
  // next to the buttons, when it cannot.
  async function engineFile(format) {
    if (format === "eml" && !isEdited()) return draft.eml;
    const input = { ...currentRequest(), format, ...(isEdited() ? { body: text() } : {}) };
    const answer = await ask({ tool: "letter", lang: pageLang(), input }).catch(() => null);
    if (answer?.ok) return format === "docx" ? base64Bytes(answer.result.docx) : answer.result[format];
    const reason = answer ? answer.errors.map((error) => error.message).join(" ") : labels.failed_crash;
    fileProblem = fill(labels.file_failed, { format: `.${format}`, reason });
    refreshNote();
    announce(fileProblem);
    return null;
  }

  function download(content, extension) {
    const url = URL.createObjectURL(new Blob([content], { type: FILE_TYPES[extension] }));
    const link = el("a", { href: url, download: `${labels.file_name}.${extension}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // An output used while off only says why it is off.
  function whenOn(action) {
    return async (event) => {
      if (outputsOff()) {
        event.preventDefault();
        announce(offReason());
        return;
      }
      await action(event);
    };
  }

  form.addEventListener("input", (event) => {
    if (event.target.name) touched.add(event.target.name);
  });
  // The reason and the kind of letter mark the widget: tools.css then highlights or hides
  // the fields that depend on them (data-for-reason, data-for-kind).
  const syncReason = () => {
    root.dataset.reason = form.elements.namedItem("reason")?.value || "";
    root.dataset.kind = form.elements.namedItem("kind")?.value || "notice";
  };
  form.addEventListener("change", syncReason);
  syncReason();
  openDetailsWithEntries(form);
  output.addEventListener("click", (event) => {
    const button = event.target.closest("button.pw-link[data-field]");
    if (button) focusField(button.dataset.field);
  });

  textarea.addEventListener("input", () => {
    edited = text();
    storage.write({ body: edited }, "letter");
    editedNote.hidden = !isEdited();
    fileProblem = "";
    refreshDerived();
  });
  regenerate.addEventListener("click", () => {
    edited = null;
    storage.clear(["body"], "letter");
    showDraft(draft);
    announce(labels.draft_replaced);
    textarea.focus();
  });
  buttons.copy.addEventListener("click", whenOn(async () => {
    try {
      await navigator.clipboard.writeText(text());
    } catch {
      textarea.select();
      document.execCommand("copy");
    }
    announce(labels.copied);
  }));
  buttons.txt.addEventListener("click", whenOn(() => download(text(), "txt")));
  buttons.md.addEventListener("click", whenOn(() =>
    download(isEdited() ? text() : draft.markdown, "md")));
  for (const format of ["eml", "docx"]) {
    buttons[format].addEventListener("click", whenOn(async () => {
      const content = await engineFile(format);
      if (content !== null) download(content, format);
    }));
  }
  buttons.print.addEventListener("click", whenOn(() => window.print()));
  mailLink.addEventListener("click", whenOn(async () => {
    if (!mailTooLong) return;
    await navigator.clipboard.writeText(text()).catch(() => {});
    announce(labels.mail_copied);
  }));
  mailLink.addEventListener("keydown", (event) => {
    // The link without href (outputs off) still answers Enter, with its reason.
    if (event.key === "Enter" && !mailLink.hasAttribute("href")) announce(offReason());
  });

  return {
    show(letter) {
      syncReason(); // entries may have come from another tab without a change event
      pending = false;
      problems = null;
      lastSaid = "";
      showDraft(letter);
      return { nodes: null, announce: fill(labels.letter_updated, { subject: letter.subject }) };
    },
    // The engine's errors for the current entries. `place(errors)` puts errors next to
    // their fields; a required field the reader has not touched yet is only listed here.
    fail(errors, place) {
      syncReason();
      pending = false;
      problems = errors;
      place(errors.filter((error) => !isMissing(error) || touched.has(error.field)));
      openDetailsWithEntries(form);
      showProblems();
      const said = draft === null
        ? `${labels.missing_title}: ${[...new Set(errors.map(fieldName))].join(", ")}.`
        : `${labels.stale_title} ${errors.map((error) => error.message).join(" ")}`;
      if (said === lastSaid) return { announce: "" };
      lastSaid = said;
      return { announce: said };
    },
    entriesChanged() {
      pending = true;
      if (draft !== null) refreshActions();
    },
    // Clear my entries: the draft goes with them, and the next answer says what is missing.
    forget() {
      queueMicrotask(syncReason); // after the form is reset to its defaults
      edited = null;
      storage.clear(["body"], "letter");
      touched.clear();
      lastSaid = "";
      clearTimeout(checkTimer);
      if (draft !== null) {
        draft = null;
        output.replaceChildren();
      }
    },
  };
}
