// Smoke test of the assembled Pyodide dist in Node (no browser):
//   node scripts/pyodide_smoke.mjs [dist-dir] [request-json]
// Loads Pyodide from the dist dir (default build/pyodide), loads the `partways` wheel by
// name from the dist's own pyodide-lock.json (sha256 checked, dependencies resolved), sends
// one JSON request to the engine and prints the JSON answer on stdout. Exits non-zero on
// any failure, including a package that could not be loaded.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodideFrom, runMain } from "./pyodide_node.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.resolve(process.argv[2] ?? path.join(root, "build", "pyodide"));
const request =
  process.argv[3] ??
  '{"tool":"notice","input":{"received":"2026-12-28","days":3,"jurisdiction":"ru"}}';

runMain("pyodide_smoke", 120_000, async () => {
  const pyodide = await loadPyodideFrom(dist, {
    stdout: (line) => console.error(`[py] ${line}`),
    stderr: (line) => console.error(`[py] ${line}`),
  });
  const errors = [];
  const loaded = await pyodide.loadPackage("partways", {
    messageCallback: (msg) => console.error(`[load] ${msg}`),
    errorCallback: (msg) => errors.push(msg),
  });
  if (errors.length || !loaded.some((pkg) => pkg.name === "partways")) {
    throw new Error(`loadPackage("partways") failed: ${errors.join("; ") || "not loaded"}`);
  }
  pyodide.globals.set("request", request);
  const answer = await pyodide.runPythonAsync(`
try:
    from partways import handle_json
    source = "partways"
except ImportError:
    from partways._entry import handle_json
    source = "partways._entry"
import sys
print(f"handle_json from {source}; Python {sys.version.split()[0]}")
handle_json(request)
`);
  JSON.parse(answer); // the answer must be JSON
  console.log(answer);
});
