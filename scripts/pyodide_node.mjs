// What the Node scripts that run Pyodide share: loading it from a dist folder, and running
// a main function that exits with its code, or with 2 on an error or when time runs out.
import path from "node:path";
import { pathToFileURL } from "node:url";

export async function loadPyodideFrom(dist, options = {}) {
  const { loadPyodide } = await import(pathToFileURL(path.join(dist, "pyodide.mjs")).href);
  return loadPyodide({
    indexURL: dist + path.sep,
    lockFileURL: path.join(dist, "pyodide-lock.json"),
    ...options,
  });
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
