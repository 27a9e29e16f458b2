// Reading and writing a tool's form: the engine's field names are the inputs' names.
// A check box whose value is "true" is a yes/no field; other check boxes with one name
// form a list (checklist items, letter options). Rows (the letter's invoices) are named
// field by field on the form, "invoices.0.number" (0-based, see rows.js), and are one list
// of row objects in a snapshot, in the case and in a request.
import { ensureRows } from "./rows.js";

const ROW_FIELD = /^([a-z_]+)\.(\d+)\.([a-z_]+)$/;

function isFlag(element) {
  return element.type === "checkbox" && element.value === "true";
}

// A list of rows (the letter's invoices), as opposed to a list of ticked values.
export function isRows(value) {
  return Array.isArray(value) && value.length > 0
    && value.every((row) => row !== null && typeof row === "object" && !Array.isArray(row));
}

// The form's values by field name; the fields of rows ("invoices.0.number") are gathered
// into one list of rows, every row kept (blank ones too), in order.
export function snapshot(form) {
  const data = {};
  const lists = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled || element.type === "button") continue;
    const row = ROW_FIELD.exec(element.name);
    if (row) {
      const [, list, index, cell] = row;
      lists[list] ??= [];
      lists[list][Number(index)] ??= {};
      lists[list][Number(index)][cell] = element.value;
    } else if (isFlag(element)) data[element.name] = element.checked;
    else if (element.type === "checkbox") {
      data[element.name] ??= [];
      if (element.checked) data[element.name].push(element.value);
    } else data[element.name] = element.value;
  }
  for (const [list, rows] of Object.entries(lists)) data[list] = Array.from(rows, (r) => r || {});
  return data;
}

function blank(value) {
  return typeof value === "string" && value.trim() === "";
}

// Blank text is left out. In a list of rows, blank cells are left out and rows left blank
// at the end too; a blank row between filled ones stays (as {}), so that every row keeps
// the number the engine's errors name it by.
export function toRequest(data) {
  const request = {};
  for (const [name, value] of Object.entries(data)) {
    if (isRows(value)) {
      const rows = value.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => !blank(v))));
      while (rows.length && Object.keys(rows.at(-1)).length === 0) rows.pop();
      if (rows.length) request[name] = rows;
    } else if (!blank(value)) request[name] = value;
  }
  return request;
}

// Saved entries may hold a list of rows ({"invoices": [{...}]}) or their dotted names.
function flattenRows(data) {
  const flat = {};
  for (const [name, value] of Object.entries(data)) {
    if (isRows(value)) {
      value.forEach((row, index) => {
        for (const [cell, text] of Object.entries(row)) flat[`${name}.${index}.${cell}`] = text;
      });
    } else flat[name] = value;
  }
  return flat;
}

function rowCounts(data) {
  const counts = {};
  for (const name of Object.keys(data)) {
    const row = ROW_FIELD.exec(name);
    if (row) counts[row[1]] = Math.max(counts[row[1]] || 0, Number(row[2]) + 1);
  }
  return counts;
}

// Returns the saved list values that have no check box on the form yet (a checklist item
// of another jurisdiction, say), so the caller can keep them until their box appears.
// ``skip``: an element left as it is (the field the reader is typing in).
export function restore(form, saved, skip = null) {
  const leftovers = {};
  if (!saved) return leftovers;
  const data = flattenRows(saved);
  for (const [list, count] of Object.entries(rowCounts(data))) ensureRows(form, list, count);
  for (const [name, value] of Object.entries(data)) {
    if (!Array.isArray(value)) continue;
    const boxes = [...form.elements].filter((e) => e.name === name && e.type === "checkbox");
    const missing = value.filter((v) => typeof v === "string" && !boxes.some((b) => b.value === v));
    if (boxes.length && missing.length) leftovers[name] = missing;
  }
  for (const element of form.elements) {
    if (!element.name || !(element.name in data) || element === skip) continue;
    const value = data[element.name];
    if (isFlag(element)) element.checked = value === true;
    else if (element.type === "checkbox") {
      if (Array.isArray(value)) element.checked = value.includes(element.value);
    } else if (typeof value === "string" || typeof value === "number") {
      element.value = String(value);
    }
  }
  return leftovers;
}

// A field's own description (its hint) is given back when its error goes.
function unmark(field) {
  for (const id of (field.getAttribute("aria-describedby") || "").split(" ")) {
    const message = id && document.getElementById(id);
    if (message?.classList.contains("pw-error")) message.remove();
  }
  field.removeAttribute("aria-invalid");
  if (field.dataset.describedby) field.setAttribute("aria-describedby", field.dataset.describedby);
  else field.removeAttribute("aria-describedby");
  delete field.dataset.describedby;
}

export function clearErrors(root) {
  for (const message of root.querySelectorAll(".pw-error")) message.remove();
  for (const field of root.querySelectorAll("[aria-invalid]")) unmark(field);
}

// The error of a field the reader has just changed goes at once, before the engine answers.
export function clearFieldError(field) {
  if (field?.getAttribute?.("aria-invalid") === "true") unmark(field);
}

// Show each error next to its field; return the ones that name no field on the form.
export function showErrors(form, errors) {
  const unplaced = [];
  for (const error of errors) {
    const found = form.elements.namedItem(error.field);
    const field = found instanceof RadioNodeList ? found[0] : found;
    if (!field) {
      unplaced.push(error);
      continue;
    }
    const message = document.createElement("p");
    message.className = "pw-error";
    message.id = `${field.id || error.field}-error`;
    message.textContent = error.message;
    field.setAttribute("aria-invalid", "true");
    const own = field.getAttribute("aria-describedby");
    if (own) field.dataset.describedby = own;
    field.setAttribute("aria-describedby", own ? `${message.id} ${own}` : message.id);
    (field.closest(".pw-field, fieldset") || field).after(message);
  }
  return unplaced;
}
