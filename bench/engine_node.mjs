// The engine under Pyodide in Node (no browser): how long each loading step takes and how
// many handle_json calls per second the engine answers once loaded.
//   node bench/engine_node.mjs [dist-dir] [seconds-per-request]
// Loads Pyodide from the dist dir (default build/pyodide) the way scripts/pyodide_smoke.mjs
// does, then loads partways' wheels one by one, dependencies first as its lock file lists
// them (so each one's cost shows), imports partways, times
// the first call of each tool and then calls handle_json in a loop. Prints one JSON object.
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadPyodideFrom, runMain } from "../scripts/pyodide_node.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.resolve(process.argv[2] ?? path.join(root, "build", "pyodide"));
const seconds = Number(process.argv[3] ?? 1);

const LETTER = {
  client: "Acme Ltd", contact: "Jane Doe", sender: "Ola Nowak", company: "Studio North",
  contract: "No. 12/2026", received: "2026-12-01", letter_date: "2026-12-01", days: 14,
  jurisdiction: "pl",
  reason: "specialization", tone: "neutral", lang: "en",
};
const REQUESTS = {
  assess: { tool: "assess", input: { haggling: true, lang: "en" } },
  checklist: { tool: "checklist", input: { jurisdiction: "pl", done: ["records"], lang: "en" } },
  notice: { tool: "notice", input: { received: "2026-12-28", days: 14, jurisdiction: "pl", lang: "pl" } },
  letter: { tool: "letter", input: LETTER },
};

// partways and what it depends on, per the dist's lock file, each after its dependencies.
function wheelsInOrder(lockFile, name = "partways", seen = new Set()) {
  if (seen.has(name)) return [];
  seen.add(name);
  const { depends = [] } = lockFile.packages[name];
  return [...depends.flatMap((dep) => wheelsInOrder(lockFile, dep, seen)), name];
}

async function main() {
  const out = { dist, steps_ms: {}, first_call_ms: {}, calls_per_s: {} };
  let t = performance.now();
  const pyodide = await loadPyodideFrom(dist, {
    stdout: () => {},
    stderr: (line) => console.error(`[py] ${line}`),
  });
  out.steps_ms.loadPyodide = performance.now() - t;
  out.python = pyodide.runPython("import sys; sys.version.split()[0]");
  // One by one, so the cost of each wheel (read from disk, unpack) shows on its own.
  const lockFile = JSON.parse(readFileSync(path.join(dist, "pyodide-lock.json"), "utf-8"));
  for (const name of wheelsInOrder(lockFile)) {
    const errors = [];
    t = performance.now();
    await pyodide.loadPackage(name, { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
    if (errors.length) throw new Error(`loadPackage(${name}): ${errors.join("; ")}`);
    out.steps_ms[`loadPackage ${name}`] = performance.now() - t;
  }
  t = performance.now();
  const handleJson = pyodide.pyimport("partways").handle_json;
  out.steps_ms["import partways"] = performance.now() - t;
  t = performance.now();
  pyodide.runPython("import holidays");
  out.steps_ms["import holidays (after partways)"] = performance.now() - t;
  for (const [tool, request] of Object.entries(REQUESTS)) {
    t = performance.now();
    const answer = JSON.parse(handleJson(JSON.stringify(request)));
    out.first_call_ms[tool] = performance.now() - t;
    if (!answer.ok) throw new Error(`${tool}: ${JSON.stringify(answer.errors)}`);
  }
  for (const tool of ["notice", "letter"]) {
    // Vary the period so no cache answers the same question twice in a row.
    const texts = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ ...REQUESTS[tool], input: { ...REQUESTS[tool].input, days: i + 1 } }));
    let calls = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) {
      handleJson(texts[calls % texts.length]);
      calls += 1;
    }
    out.calls_per_s[tool] = calls / ((performance.now() - start) / 1000);
  }
  handleJson.destroy();
  console.log(JSON.stringify(out));
}

runMain("engine_node", 300_000, main);
