// The reader's case, kept in this browser only: every value entered in any tool, under one
// versioned key, so that each tool starts from what the others were told.
//
// partways:v2:case = {"fields": {<name>: {"value": ..., "at": <ms>, "by": <tool>}}}
// A name is the engine's field name ("received", "period", "done"), so a field two tools
// share is one value; a cleared field stays as {"value": null} with its time, so that a
// clearing also wins over an older value kept elsewhere (another tab, this tab's memory).
// Writes are merged into what is stored at that moment, field by field, newest first, so
// two tabs never undo each other's fields; a change made in another tab is announced
// through the browser's storage event.
const CASE_KEY = "partways:v2:case";
const OLD_PREFIX = "partways:v1:";
// Migrated from version 1 in this order: a field two tools kept takes the later one's
// value (the notice calculator's dates over the letter's copy of them).
const OLD_TOOLS = ["letter", "assess", "checklist", "notice"];
const OLD_BODY = "letter-body";
const OLD_UNITS = ["days", "business_days", "weeks", "months"];
const MIGRATED_AT = 1; // older than anything the reader enters from now on
// Names that would reach an object's prototype instead of a field of its own.
const NOT_A_FIELD = new Set(["__proto__", "constructor", "prototype"]);

let memory = {}; // the newest known entries
let unsaved = {}; // entries a full or denied storage did not take, kept for this page's life
let lastAt = 0;
let problem = null; // "denied" or "full", once one has occurred
const problemListeners = new Set();
const changeListeners = new Set();

function report(kind) {
  if (problem) return; // said once; a denied storage stays denied, a full one full
  problem = kind;
  for (const listener of problemListeners) listener(kind);
}

function kindOf(error) {
  const name = error && error.name;
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" ? "full" : "denied";
}

// window.localStorage itself throws (SecurityError) when the browser denies site data.
function browserStorage() {
  try {
    const storage = window.localStorage;
    if (!storage) report("denied");
    return storage || null;
  } catch (error) {
    report(kindOf(error));
    return null;
  }
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

// A list of rows (the letter's invoices) holds objects of text cells.
function isRow(item) {
  return isPlainObject(item) && Object.values(item).every((cell) => typeof cell === "string");
}

function isValue(value) {
  return value === null || typeof value === "string" || typeof value === "boolean"
    || (Array.isArray(value) && (value.every((item) => typeof item === "string") || value.every(isRow)))
    || isPlainObject(value);
}

// Entries as stored, without anything malformed (a corrupted key is read as empty).
function parse(raw) {
  let data;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  const fields = data && typeof data === "object" ? data.fields : null;
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) return {};
  const entries = {};
  for (const [name, entry] of Object.entries(fields)) {
    if (NOT_A_FIELD.has(name)) continue;
    if (entry && typeof entry === "object" && Number.isFinite(entry.at) && isValue(entry.value)) {
      entries[name] = { value: entry.value, at: entry.at, by: String(entry.by || "") };
    }
  }
  return entries;
}

function newer(a, b) {
  const merged = { ...a };
  for (const [name, entry] of Object.entries(b)) {
    if (!merged[name] || entry.at > merged[name].at) merged[name] = entry;
  }
  return merged;
}

function getItem(storage, key) {
  try {
    return storage.getItem(key);
  } catch (error) {
    report(kindOf(error));
    return undefined;
  }
}

function setItem(storage, key, value) {
  try {
    storage.setItem(key, value);
    return true;
  } catch (error) {
    report(kindOf(error));
    return false;
  }
}

function migrated(storage) {
  const entries = {};
  const put = (name, value, by) => {
    if (!NOT_A_FIELD.has(name) && isValue(value) && value !== null) entries[name] = { value, at: MIGRATED_AT, by };
  };
  for (const tool of OLD_TOOLS) {
    const raw = getItem(storage, OLD_PREFIX + tool);
    if (typeof raw !== "string") continue;
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      continue;
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) continue;
    const unit = OLD_UNITS.find((name) => typeof data[name] === "string" && data[name].trim());
    for (const [name, value] of Object.entries(data)) {
      if (!OLD_UNITS.includes(name)) put(name, value, tool);
    }
    if (unit) {
      put("period", data[unit], tool);
      put("unit", unit, tool);
    }
  }
  const body = getItem(storage, OLD_PREFIX + OLD_BODY);
  if (typeof body === "string") {
    try {
      const text = JSON.parse(body)?.text;
      if (typeof text === "string") put("body", text, "letter");
    } catch {
      // not a draft
    }
  }
  return entries;
}

// The stored entries, with what this page could not store; version 1's keys are moved over
// once. Without a storage, the page's memory is the case.
function read() {
  const storage = browserStorage();
  const raw = storage ? getItem(storage, CASE_KEY) : undefined;
  if (raw === undefined) return memory;
  let stored;
  if (raw === null) {
    stored = migrated(storage);
    if (Object.keys(stored).length && setItem(storage, CASE_KEY, JSON.stringify({ fields: stored }))) {
      for (const tool of [...OLD_TOOLS, OLD_BODY]) {
        try {
          storage.removeItem(OLD_PREFIX + tool);
        } catch {
          // left behind: read again (and ignored) only while the new key is missing
        }
      }
    }
  } else stored = parse(raw);
  memory = newer(stored, unsaved);
  return memory;
}

function persist(entries, changed) {
  memory = entries;
  const storage = browserStorage();
  if (storage && setItem(storage, CASE_KEY, JSON.stringify({ fields: entries }))) unsaved = {};
  else for (const name of changed) unsaved[name] = entries[name];
}

function stamp() {
  lastAt = Math.max(Date.now(), lastAt + 1);
  return lastAt;
}

/** The case's values: {name: value}, without cleared fields. */
export function values() {
  const result = {};
  for (const [name, entry] of Object.entries(read())) {
    if (entry.value !== null) result[name] = entry.value;
  }
  return result;
}

/** Set fields (a null value clears one) as changed now by the tool ``by``. */
export function write(changes, by) {
  const names = Object.keys(changes);
  if (!names.length) return;
  const at = stamp();
  const entries = { ...read() };
  for (const name of names) entries[name] = { value: changes[name], at, by };
  persist(entries, names);
  notify(); // the other tools on this page (the browser tells the other tabs)
}

export function clear(names, by) {
  write(Object.fromEntries(names.map((name) => [name, null])), by);
}

/** ``listener(kind)`` hears "denied" or "full" once, or at once if it already happened. */
export function onProblem(listener) {
  problemListeners.add(listener);
  if (problem) listener(problem);
  return () => problemListeners.delete(listener);
}

/** ``listener(values)`` hears the case after it changed: in another tab, or by another
 * tool on this page (the tool that wrote hears it too, and finds nothing new). */
export function onChange(listener) {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

function notify() {
  const current = values();
  for (const listener of [...changeListeners]) listener(current);
}

window.addEventListener("storage", (event) => {
  if (event.key === CASE_KEY || event.key === null) notify();
});
