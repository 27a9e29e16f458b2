// Runs Python code in an assembled Pyodide dist on Node, after loading the `partways` wheel
// by name from the dist's lock file, and prints the value of its last expression as Python's
// json.dumps writes it:
//   node scripts/pyodide_run.mjs <dist-dir> <python-code>
// For the dist's tests (tests/pyodide): what a module imports, where it came from.
import path from "node:path";
import { loadPyodideFrom, runMain } from "./pyodide_node.mjs";

const [dist, code] = process.argv.slice(2);

runMain("pyodide_run", 120_000, async () => {
  const pyodide = await loadPyodideFrom(path.resolve(dist), { packages: ["partways"] });
  const value = await pyodide.runPythonAsync(code);
  console.log(pyodide.pyimport("json").dumps(value));
});
