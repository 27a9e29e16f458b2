// Reading and writing a tool's form: the engine's field names are the inputs' names.
// A check box whose value is "true" is a yes/no field; other check boxes with one name
// form a list (checklist items, letter options).

function isFlag(element) {
  return element.type === "checkbox" && element.value === "true";
}

export function snapshot(form) {
  const data = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled || element.type === "button") continue;
    if (isFlag(element)) data[element.name] = element.checked;
    else if (element.type === "checkbox") {
      data[element.name] ??= [];
      if (element.checked) data[element.name].push(element.value);
    } else data[element.name] = element.value;
  }
  return data;
}

export function toRequest(data) {
  const request = {};
  for (const [name, value] of Object.entries(data)) {
    if (typeof value === "string" && value.trim() === "") continue;
    request[name] = value;
  }
  return request;
}

// Returns the saved list values that have no check box on the form yet (a checklist item
// of another jurisdiction, say), so the caller can keep them until their box appears.
// ``skip``: an element left as it is (the field the reader is typing in).
export function restore(form, data, skip = null) {
  const leftovers = {};
  if (!data) return leftovers;
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

function unmark(field) {
  const message = document.getElementById(field.getAttribute("aria-describedby"));
  if (message?.classList.contains("pw-error")) message.remove();
  field.removeAttribute("aria-invalid");
  field.removeAttribute("aria-describedby");
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
    field.setAttribute("aria-describedby", message.id);
    (field.closest(".pw-field, fieldset") || field).after(message);
  }
  return unplaced;
}
