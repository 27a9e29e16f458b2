// Small DOM helpers: every text goes in as text, never as HTML.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function list(items, text = (item) => item.text) {
  return el("ul", {}, items.map((item) => el("li", {}, text(item))));
}

function utc(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

// Day-month-year for English too, as the letters write dates.
const LOCALES = { en: "en-GB", ru: "ru-RU", pl: "pl-PL" };
export const LONG_DATE = { dateStyle: "long" };

// One Intl.DateTimeFormat per locale and options. The first one a page makes loads ICU's
// locale data, 20-30 ms on the main thread, so a tool makes its formats while the engine
// loads (prepareDates), not in the task that draws its first result.
const formats = new Map();

function dateFormat(lang, options) {
  const locale = LOCALES[lang] || lang;
  const key = `${locale} ${JSON.stringify(options)}`;
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }));
  return formats.get(key);
}

export function formatDate(iso, lang, options = LONG_DATE) {
  return dateFormat(lang, options).format(utc(iso));
}

export function prepareDates(lang, optionsList = [LONG_DATE]) {
  for (const options of optionsList) dateFormat(lang, options);
}

export function time(iso, lang) {
  return el("time", { datetime: iso }, formatDate(iso, lang));
}

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));
}
