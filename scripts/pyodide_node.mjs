// What the Node scripts that run Pyodide share: loading it from a dist folder, and running
// a main function that exits with its code, or with 2 on an error or when time runs out.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// The site's dist splits the standard library (scripts/pyodide_compile.py); npm's does not.
const STDLIB_REST = "python_stdlib_rest.zip";

export async function loadPyodideFrom(dist, options = {}) {
  const { loadPyodide } = await import(pathToFileURL(path.join(dist, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL: dist + path.sep,
    lockFileURL: path.join(dist, "pyodide-lock.json"),
    ...options,
  });
  const rest = path.join(dist, STDLIB_REST);
  if (existsSync(rest)) {
    // As in the browser's worker, but from the dist folder mounted at its own path.
    pyodide.FS.mkdirTree(dist);
    pyodide.mountNodeFS(dist, dist);
    pyodide.pyimport("_partways_stdlib").install(rest);
  }
  return pyodide;
}

export function runMain(name, timeoutMs, main) {
  const timer = setTimeout(() => {
    console.error(`${name}: no result after ${timeoutMs / 1000} s`);
    process.exit(2);
  }, timeoutMs);
  main().then(
    (code = 0) => {
      clearTimeout(timer);
      process.exit(code);
    },
    (err) => {
      console.error(`${name}: ${err?.stack ?? err}`);
      process.exit(2);
    },
  );
}
