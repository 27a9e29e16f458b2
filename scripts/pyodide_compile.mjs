// Runs scripts/pyodide_compile.py inside stock Pyodide on Node (npm's node_modules/pyodide):
//   node scripts/pyodide_compile.mjs <job.json>
// The job (written by scripts/pyodide_dist.py) names the standard library and the wheels
// to compile; the wheels are loaded first, as a page loads them. The repository is mounted
// at its own path, so the job's paths mean the same inside Pyodide and out. Prints the
// script's one-line JSON report.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodideFrom, runMain } from "./pyodide_node.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const jobFile = path.resolve(process.argv[2]);

runMain("pyodide_compile", 300_000, async () => {
  const job = JSON.parse(readFileSync(jobFile, "utf8"));
  const pyodide = await loadPyodideFrom(path.join(root, "node_modules", "pyodide"), {
    // No column ranges in the bytecode (-X no_debug_ranges): a fifth smaller, the same code;
    // only a traceback loses its ^^^ marks.
    env: { PYTHONDONTWRITEBYTECODE: "1", PYTHONNODEBUGRANGES: "1" },
  });
  pyodide.FS.mkdirTree(root);
  pyodide.mountNodeFS(root, root);
  const errors = [];
  await pyodide.loadPackage(job.wheels.map((wheel) => wheel.source), {
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  if (errors.length) throw new Error(`loadPackage failed: ${errors.join("; ")}`);
  const script = path.join(root, "scripts", "pyodide_compile.py");
  pyodide.runPython(`import sys; sys.argv = ${JSON.stringify([script, jobFile])}`);
  pyodide.runPython(readFileSync(script, "utf8"), { filename: script });
  return 0;
});
