// The letter composer's live part: an editable draft, the letter check, copy, downloads,
// the mail app, printing and talking points. The engine writes; this file only wires.
import { ask } from "./engine.js";
import { el, fill, list } from "./dom.js";
import * as storage from "./storage.js";

const CHECK_DELAY_MS = 300;
const BODY_KEY = "letter-body";

export function createLetterView(output, labels, { pageLang, currentRequest, announce }) {
  let draft = null;
  const saved = storage.load(BODY_KEY)?.text;
  let edited = typeof saved === "string" ? saved : null; // anything else is not a draft
  let checkTimer = null;

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
    print: el("button", { type: "button", class: "md-button" }, labels.print),
  };
  const findings = el("div", { class: "pw-findings" });
  const points = el("div", { class: "pw-points" });
  const printCopy = el("pre", { class: "pw-print-copy", "aria-hidden": "true" });
  const view = el("div", { class: "pw-letter-live" },
    subject,
    el("label", { for: textarea.id }, labels.draft_label),
    textarea, editedNote,
    el("div", { class: "pw-actions" }, Object.values(buttons), mailLink),
    el("h3", {}, labels.check_title), findings,
    el("h3", {}, labels.talking_points), points, printCopy);

  function text() {
    return textarea.value;
  }

  function showDraft(letter) {
    draft = letter;
    subject.replaceChildren(el("strong", {}, `${labels.subject}: `), letter.subject);
    points.replaceChildren(list(letter.talking_points, (point) => point));
    if (edited === null) textarea.value = letter.text;
    else textarea.value = edited;
    editedNote.hidden = edited === null || edited === letter.text;
    if (!view.isConnected) output.replaceChildren(view);
    refreshDerived();
  }

  function refreshDerived() {
    printCopy.textContent = text();
    const email = currentRequest().contact_email || "";
    const query = `subject=${encodeURIComponent(draft.subject)}&body=${encodeURIComponent(text())}`;
    mailLink.href = `mailto:${encodeURIComponent(email).replace("%40", "@")}?${query}`;
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, CHECK_DELAY_MS);
  }

  async function check() {
    const { sender, company } = currentRequest(); // the signature must carry them
    const answer = await ask({ tool: "letter_check", lang: pageLang(),
      input: { text: text(), lang: draft.lang, end_date: draft.end_date, sender, company } })
      .catch(() => null);
    if (!answer) return;
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

  async function formatted(format) {
    if (edited === null) return draft[format];
    const answer = await ask({ tool: "letter", lang: pageLang(),
      input: { ...currentRequest(), body: text() } });
    return answer.ok ? answer.result[format] : text();
  }

  function download(content, extension, type) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = el("a", { href: url, download: `${labels.file_name}.${extension}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  textarea.addEventListener("input", () => {
    edited = text();
    storage.save(BODY_KEY, { text: edited });
    editedNote.hidden = draft === null || edited === draft.text;
    refreshDerived();
  });
  regenerate.addEventListener("click", () => {
    edited = null;
    storage.clear(BODY_KEY);
    showDraft(draft);
    announce(labels.draft_replaced);
    textarea.focus();
  });
  buttons.copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text());
    } catch {
      textarea.select();
      document.execCommand("copy");
    }
    announce(labels.copied);
  });
  buttons.txt.addEventListener("click", async () =>
    download(await formatted("text"), "txt", "text/plain;charset=utf-8"));
  buttons.md.addEventListener("click", async () =>
    download(await formatted("markdown"), "md", "text/markdown;charset=utf-8"));
  buttons.eml.addEventListener("click", async () =>
    download(await formatted("eml"), "eml", "message/rfc822"));
  buttons.print.addEventListener("click", () => {
    document.body.classList.add("pw-printing");
    window.print();
    document.body.classList.remove("pw-printing");
  });

  return {
    show(letter) {
      showDraft(letter);
      return { nodes: null, announce: fill(labels.letter_updated, { subject: letter.subject }) };
    },
    forget() {
      edited = null;
      storage.clear(BODY_KEY);
    },
  };
}
