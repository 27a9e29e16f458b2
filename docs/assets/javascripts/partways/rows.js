// Repeatable rows of a form (the letter's invoices): a <fieldset data-repeat="invoices">
// whose <ol data-rows> holds one <li data-row="i"> per row, with fields named
// "invoices.<i>.<cell>" (0-based), as the engine names them. Rows are added and removed
// with buttons, renumbered so that the names stay 0..n-1, and announced.
import { el, fill } from "./dom.js";

const templates = new WeakMap(); // list → an empty copy of its first row, to clone from

function groups(form) {
  return [...form.querySelectorAll("fieldset[data-repeat]")];
}

function rowsOf(group) {
  return [...group.querySelector("[data-rows]").children];
}

function template(group) {
  const list = group.querySelector("[data-rows]");
  if (!templates.has(list) && list.firstElementChild) {
    const copy = list.firstElementChild.cloneNode(true);
    for (const field of copy.querySelectorAll("input, select, textarea")) field.value = "";
    copy.querySelector(".pw-row-remove")?.remove();
    templates.set(list, copy);
  }
  return templates.get(list);
}

// Names, ids, labels and the row's legend follow its position.
function number(group, row, index, labels) {
  const name = group.dataset.repeat;
  const pattern = new RegExp(`^${name}\\.\\d+\\.`);
  row.dataset.row = String(index);
  for (const field of row.querySelectorAll("[name]")) {
    field.name = field.name.replace(pattern, `${name}.${index}.`);
  }
  for (const node of row.querySelectorAll("[id]")) {
    const id = node.id.replace(new RegExp(`-${name}-\\d+-`), `-${name}-${index}-`);
    row.querySelector(`label[for="${node.id}"]`)?.setAttribute("for", id);
    node.id = id;
  }
  const legend = row.querySelector("legend");
  if (legend && group.dataset.rowLabel) legend.textContent = fill(group.dataset.rowLabel, { n: index + 1 });
  const remove = row.querySelector(".pw-row-remove");
  if (remove) remove.textContent = fill(labels.remove_invoice, { n: index + 1 });
}

function renumber(group, labels) {
  rowsOf(group).forEach((row, index) => number(group, row, index, labels));
}

function addRemoveButton(group, row, labels, changed) {
  if (row.querySelector(".pw-row-remove")) return;
  const button = el("button", { type: "button", class: "md-button pw-row-remove" });
  (row.querySelector("fieldset") || row).append(button);
  button.addEventListener("click", () => {
    const index = rowsOf(group).indexOf(row);
    row.remove();
    renumber(group, labels);
    const rows = rowsOf(group);
    const next = rows[Math.min(index, rows.length - 1)];
    (next?.querySelector("input, select, textarea") || group.querySelector(".pw-row-add")).focus();
    changed(fill(labels.invoice_removed, { n: index + 1 }));
  });
}

function appendRow(group, labels, changed) {
  const row = template(group).cloneNode(true);
  group.querySelector("[data-rows]").append(row);
  if (labels) addRemoveButton(group, row, labels, changed);
  renumber(group, labels || {});
  return row;
}

// Make each group hold exactly `count` rows (restoring saved entries); the caller then
// fills in their values.
export function ensureRows(form, name, count) {
  const group = form.querySelector(`fieldset[data-repeat="${name}"]`);
  if (!group || !template(group)) return;
  const { labels, changed } = mounted.get(group) || {};
  while (rowsOf(group).length < count) appendRow(group, labels, changed);
  while (rowsOf(group).length > count) rowsOf(group).at(-1).remove();
  if (labels) renumber(group, labels);
}

const mounted = new WeakMap(); // group → its labels and change callback, once mounted

// Add the buttons: "Add an invoice" after the rows, "Remove invoice n" in each row.
// `changed(sentence)` is told after every change, to save the form and announce it.
export function mountRows(form, labels, changed) {
  for (const group of groups(form)) {
    if (mounted.has(group)) continue;
    template(group);
    mounted.set(group, { labels, changed });
    for (const row of rowsOf(group)) addRemoveButton(group, row, labels, changed);
    renumber(group, labels);
    const add = el("button", { type: "button", class: "md-button pw-row-add" }, labels.add_invoice);
    group.append(add);
    add.addEventListener("click", () => {
      const row = appendRow(group, labels, changed);
      row.querySelector("input, select, textarea")?.focus();
      changed(fill(labels.invoice_added, { n: rowsOf(group).length }));
    });
  }
}
