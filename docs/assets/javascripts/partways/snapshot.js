// Module Web Worker that prepares the reader's next visit: started by engine.js once a tool
// has drawn its first live result and the page is idle, it starts Python afresh in a clean
// interpreter of its own, answers made-up requests of every tool in every language (so the
// modules and data the tools use are loaded), and keeps a memory snapshot of that
// interpreter in Cache Storage under the runtime's build id (runtime.js). It never sees
// the reader's entries: what it keeps holds none of them.
// Messages out: {type: "saved" | "skipped"} | {type: "failed", detail}
import {
  PROBE, buildId, filesBelow, saveSnapshot, snapshotWanted, startPython,
} from "./runtime.js";

const LANGUAGES = ["en", "ru", "pl"];
const DATES = { received: "2026-12-28", period: 14, unit: "days" };
const LETTER = {
  client: "Client", contact: "Contact", sender: "Sender", company: "Company", contract: "1/2026",
  reason: "specialization", format: "eml", ...DATES,
};

function warmUp() {
  return LANGUAGES.flatMap((lang) => [
    { tool: "assess", input: { lang } },
    { tool: "letter_check", input: { lang, text: "-", end_date: DATES.received } },
    ...["ru", "pl", "other"].flatMap((jurisdiction) => [
      { tool: "checklist", input: { lang, jurisdiction } },
      { tool: "notice", input: { lang, jurisdiction, ...DATES } },
      { tool: "receipt", input: { lang, jurisdiction, sent: DATES.received, method: "registered" } },
      { tool: "letter", input: { ...LETTER, lang, jurisdiction } },
    ]),
  ]);
}

async function make() {
  const build = await buildId();
  if (!(await snapshotWanted(build))) return "skipped";
  const pyodide = await startPython({ _makeSnapshot: true });
  const handle = pyodide.pyimport("partways").handle_json;
  for (const request of warmUp()) handle(JSON.stringify(request));
  const probe = handle(JSON.stringify(PROBE));
  handle.destroy();
  // Pyodide cannot snapshot an interpreter whose loaded packages it still lists ("Unexpected
  // hiwire entry"); the restoring start does not load them: it gets their files back.
  for (const name of Object.keys(pyodide.loadedPackages)) delete pyodide.loadedPackages[name];
  const heap = pyodide.makeMemorySnapshot();
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  await saveSnapshot(build, { probe, files: filesBelow(pyodide.FS, sitePackages), heap });
  return "saved";
}

make().then(
  (outcome) => self.postMessage({ type: outcome }),
  (error) => self.postMessage({ type: "failed", detail: String((error && error.message) || error) }),
);
