// The reader's entries, kept in this browser only, under versioned keys.
const PREFIX = "partways:v1:";

export function load(widget) {
  try {
    const raw = localStorage.getItem(PREFIX + widget);
    if (!raw) return null;
    const data = JSON.parse(raw);
    return data && typeof data === "object" && !Array.isArray(data) ? data : null;
  } catch {
    return null; // unreadable or corrupted: start empty, never crash
  }
}

export function save(widget, data) {
  try {
    localStorage.setItem(PREFIX + widget, JSON.stringify(data));
  } catch {
    // storage full or disabled: the form still works, it just will not be remembered
  }
}

export function clear(widget) {
  try {
    localStorage.removeItem(PREFIX + widget);
  } catch {
    // nothing to clear
  }
}
