// Results of the engine, drawn into a tool's output. Each renderer returns the nodes to
// show and one short sentence to announce to screen readers.
import { LONG_DATE, el, fill, formatDate, list, prepareDates, time } from "./dom.js";

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

function checklist(result, labels) {
  const { done, total, percent } = result.progress;
  const progressText = fill(labels.progress, { done, total });
  const nodes = [
    el("p", {}, el("label", { for: "pw-checklist-progress" }, progressText), " ",
      el("progress", { id: "pw-checklist-progress", max: total, value: done }, `${percent}%`)),
    el("p", { class: result.ready ? "pw-ready" : "pw-not-ready", "data-ready": String(result.ready) },
      el("strong", {}, result.ready ? labels.ready : labels.not_ready)),
  ];
  const blockers = result.groups.flatMap((group) => group.items)
    .filter((item) => result.blockers_left.includes(item.id));
  if (blockers.length) nodes.push(el("h3", {}, labels.blockers), list(blockers));
  return { nodes, announce: `${progressText}. ${result.ready ? labels.ready : labels.not_ready}` };
}

const WEEKDAY = { weekday: "short" };
const MONTH = { month: "long", year: "numeric" };

function calendar(days, lang, labels) {
  if (!days.length) return [];
  const months = new Map();
  for (const day of days) {
    const key = day.date.slice(0, 7);
    if (!months.has(key)) months.set(key, []);
    months.get(key).push(day);
  }
  const weekdays = [...Array(7).keys()].map((i) =>
    formatDate(`2024-01-0${i + 1}`, lang, WEEKDAY)); // 1 Jan 2024 was a Monday
  const tables = [...months.values()].map((monthDays) => {
    const caption = formatDate(monthDays[0].date, lang, MONTH);
    const cells = Array(monthDays[0].weekday).fill(null).concat(monthDays);
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
    return el("table", { class: "pw-calendar" }, el("caption", {}, caption),
      el("thead", {}, el("tr", {}, weekdays.map((name) => el("th", { scope: "col" }, name)))),
      el("tbody", {}, rows.map((row) => el("tr", {}, row.map((day) => day
        ? el("td", {
          class: ["pw-day", day.in_period && "pw-day--period", day.day_off && "pw-day--off",
            day.is_end && "pw-day--end"].filter(Boolean).join(" "),
          title: day.reason || null, "data-date": day.date,
        }, String(Number(day.date.slice(8))),
        day.is_end ? el("span", { class: "pw-sr" }, ` ${labels.end_date}`) : null,
        day.reason ? el("span", { class: "pw-sr" }, ` ${day.reason}`) : null)
        : el("td", {}))))));
  });
  const legend = el("p", { class: "pw-legend" },
    el("span", { class: "pw-day pw-day--period" }, labels.in_period), " ",
    el("span", { class: "pw-day pw-day--off" }, labels.day_off), " ",
    el("span", { class: "pw-day pw-day--end" }, labels.end_date));
  return [el("div", { class: "pw-calendars" }, tables), legend];
}

function notice(result, labels, lang) {
  const rule = result.rule;
  const citation = rule.url ? el("a", { href: rule.url }, rule.citation) : rule.citation;
  const nodes = [
    el("p", { class: "pw-end-date" }, `${labels.end_date}: `,
      el("strong", { "data-field": "end_date" }, time(result.end_date, lang))),
    el("p", {}, `${labels.period_end}: `,
      el("span", { "data-field": "period_end" }, time(result.period_end, lang))),
  ];
  if (result.moved_by.length) {
    nodes.push(el("h3", {}, labels.moved_by),
      list(result.moved_by, (day) => [time(day.date, lang), ` — ${day.reason}`]));
  }
  nodes.push(el("p", { class: "pw-rule" }, el("strong", {}, rule.title), " (", citation, "). ",
    rule.explanation));
  nodes.push(...calendar(result.calendar || [], lang, labels));
  return { nodes, announce: `${labels.end_date}: ${formatDate(result.end_date, lang)}` };
}

export const renderers = { assess, checklist, notice };

// What a renderer needs made before its first result, done while the engine loads.
export const preparations = {
  notice: (lang) => prepareDates(lang, [LONG_DATE, WEEKDAY, MONTH]),
};
