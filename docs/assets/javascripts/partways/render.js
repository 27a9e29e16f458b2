// Results of the engine, drawn into a tool's output. Each renderer returns the nodes to
// show and one short sentence to announce to screen readers.
import { el, fill, formatDate, list, time } from "./dom.js";

function assess(result, labels) {
  const nodes = [
    el("p", { class: `pw-verdict pw-verdict--${result.verdict}`, "data-verdict": result.verdict },
      el("strong", {}, result.title)),
    el("p", {}, result.summary),
  ];
  for (const [key, items] of [["reasons", result.reasons], ["next_steps", result.next_steps],
    ["alternatives", result.alternatives]]) {
    if (items.length) nodes.push(el("h3", {}, labels[key]), list(items));
  }
  return { nodes, announce: `${labels.verdict}: ${result.title}` };
}

// The progress goes to the widget's summary, which stays in view while the reader ticks.
function checklist(result, labels) {
  const { done, total, percent } = result.progress;
  const progressText = fill(labels.progress, { done, total });
  const summary = [
    el("p", { class: "pw-progress" },
      el("label", { for: "pw-checklist-progress" }, progressText), " ",
      el("progress", { id: "pw-checklist-progress", max: total, value: done }, `${percent}%`), " ",
      el("strong", { class: result.ready ? "pw-ready" : "pw-not-ready" },
        result.ready ? labels.ready : labels.not_ready)),
  ];
  const nodes = [
    el("p", { class: result.ready ? "pw-ready" : "pw-not-ready", "data-ready": String(result.ready) },
      el("strong", {}, result.ready ? labels.ready : labels.not_ready)),
  ];
  const blockers = result.groups.flatMap((group) => group.items)
    .filter((item) => result.blockers_left.includes(item.id));
  if (blockers.length) nodes.push(el("h3", {}, labels.blockers), list(blockers));
  return { nodes, summary, announce: `${progressText}. ${result.ready ? labels.ready : labels.not_ready}` };
}

function calendar(days, lang, labels) {
  if (!days.length) return [];
  const months = new Map();
  for (const day of days) {
    const key = day.date.slice(0, 7);
    if (!months.has(key)) months.set(key, []);
    months.get(key).push(day);
  }
  const weekdays = [...Array(7).keys()].map((i) =>
    formatDate(`2024-01-0${i + 1}`, lang, { weekday: "short" })); // 1 Jan 2024 was a Monday
  const tables = [...months.values()].map((monthDays) => {
    const caption = formatDate(monthDays[0].date, lang, { month: "long", year: "numeric" });
    const cells = Array(monthDays[0].weekday).fill(null).concat(monthDays);
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
    return el("table", { class: "pw-calendar" }, el("caption", {}, caption),
      el("thead", {}, el("tr", {}, weekdays.map((name) => el("th", { scope: "col" }, name)))),
      el("tbody", {}, rows.map((row) => el("tr", {}, row.map((day) => day
        ? el("td", {
          class: ["pw-day", day.in_period && "pw-day--period", day.day_off && "pw-day--off",
            day.is_period_end && !day.is_end && "pw-day--period-end",
            day.is_end && "pw-day--end"].filter(Boolean).join(" "),
          title: day.reason || null, "data-date": day.date,
        }, String(Number(day.date.slice(8))),
        day.is_end ? el("span", { class: "pw-sr" }, ` ${labels.end_date}`) : null,
        day.is_period_end && !day.is_end ? el("span", { class: "pw-sr" }, ` ${labels.period_end_day}`) : null,
        day.reason ? el("span", { class: "pw-sr" }, ` ${day.reason}`) : null)
        : el("td", {}))))));
  });
  const legend = el("p", { class: "pw-legend" },
    el("span", { class: "pw-day pw-day--period" }, labels.in_period), " ",
    el("span", { class: "pw-day pw-day--off" }, labels.day_off), " ",
    el("span", { class: "pw-day pw-day--end" }, labels.end_date));
  return [el("div", { class: "pw-calendars" }, tables), legend];
}

// A rule's citation linked to the official text, with any further sources after it.
function cited(rule) {
  const [first, ...others] = rule.links || [];
  if (!first) return [rule.citation];
  const more = others.flatMap((link, i) => [i ? ", " : "", el("a", { href: link.url }, link.name)]);
  return [el("a", { href: first.url }, rule.citation), ...(more.length ? [" (", ...more, ")"] : [])];
}

function ruleParagraph(rule) {
  return el("p", { class: "pw-rule" }, el("strong", {}, rule.title),
    rule.citation ? [" (", ...cited(rule), ")"] : null, ". ", rule.explanation);
}

function notice(result, labels, lang) {
  const dated = (label, field, iso, suffix = "") => el("p", {}, `${label}${suffix}: `,
    el("span", { "data-field": field }, time(iso, lang)));
  const nodes = [
    el("p", { class: "pw-end-date" }, `${labels.end_date}: `,
      el("strong", { "data-field": "end_date" }, time(result.end_date, lang))),
    dated(labels.period_end, "period_end", result.period_end),
  ];
  if (result.moved_under) {
    const disputed = result.disputed ? `, ${labels.disputed}` : "";
    nodes.push(dated(labels.moved_end, "moved_end", result.moved_end,
      ` (${result.moved_under}${disputed})`));
  }
  if (result.month_end) nodes.push(dated(labels.month_end, "month_end", result.month_end));
  if (result.notes.length) {
    nodes.push(el("ul", { class: "pw-notes" }, result.notes.map((note) =>
      el("li", { "data-note": note.kind }, note.text))));
  }
  if (result.moved_by.length) {
    nodes.push(el("h3", {}, labels.moved_by),
      list(result.moved_by, (day) => [time(day.date, lang), ` — ${day.reason}`]));
  }
  nodes.push(ruleParagraph(result.rule));
  if (result.month_end_rule) nodes.push(ruleParagraph(result.month_end_rule));
  nodes.push(...calendar(result.calendar || [], lang, labels));
  const said = [`${labels.end_date}: ${formatDate(result.end_date, lang)}`];
  if (result.disputed) said.push(`${labels.period_end}: ${formatDate(result.period_end, lang)} (${labels.disputed})`);
  return { nodes, announce: said.join(". ") };
}

// Puts the receipt day into the notice calculator on the same page and moves there, so the
// calculator answers with it as it does for typing.
function useInCalculator(iso, labels, lang, announce) {
  const field = document.querySelector('[data-widget="notice"] form [name="received"]');
  if (!field) return;
  field.value = iso;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.focus();
  announce?.(fill(labels.date_used, { date: formatDate(iso, lang) }));
}

function receipt(result, labels, lang, { announce } = {}) {
  const day = formatDate(result.received, lang);
  const estimate = result.estimate ? ` (${labels.receipt_estimate})` : "";
  const hasCalculator = document.querySelector('[data-widget="notice"]');
  const use = hasCalculator ? el("button", { type: "button", class: "md-button pw-use-date",
    "data-date": result.received }, fill(labels.use_date, { date: day })) : null;
  use?.addEventListener("click", () => useInCalculator(result.received, labels, lang, announce));
  const nodes = [
    el("p", { class: "pw-end-date" }, `${labels.receipt_received}${estimate}: `,
      el("strong", { "data-field": "received" }, time(result.received, lang))),
    result.earliest !== result.received
      ? el("p", {}, `${labels.receipt_earliest}: `,
        el("span", { "data-field": "earliest" }, time(result.earliest, lang)))
      : null,
    el("p", { "data-field": "certainty", "data-certainty": result.certainty },
      el("strong", {}, `${labels.receipt_certainty}: `), result.certainty_note),
    el("p", {}, el("strong", {}, `${labels.receipt_conservative}: `), result.conservative),
    el("p", {}, el("strong", {}, `${labels.receipt_evidence}: `), result.evidence),
    ruleParagraph(result.rule),
    use ? el("p", {}, use) : null,
  ].filter(Boolean);
  return { nodes, announce: `${labels.receipt_received}${estimate}: ${day}` };
}

export const renderers = { assess, checklist, notice, receipt };
