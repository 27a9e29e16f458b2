// Module Web Worker: hosts Pyodide and the partways engine, off the main thread.
// Messages in:  {id, request}            -> out: {id, answer}
// Messages out: {type: "status", stage} | {type: "ready"} | {type: "failed", reason, detail}
const RUNTIME = new URL("../../pyodide/", import.meta.url);

let handleJson = null;

function report(message) {
  self.postMessage(message);
}

async function start() {
  if (typeof WebAssembly !== "object") {
    report({ type: "failed", reason: "wasm", detail: "WebAssembly is not available" });
    return;
  }
  try {
    report({ type: "status", stage: "runtime" });
    const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME).href);
    const pyodide = await loadPyodide({
      indexURL: RUNTIME.href,
      lockFileURL: new URL("pyodide-lock.json", RUNTIME).href,
      stdout: () => {},
      stderr: () => {},
    });
    report({ type: "status", stage: "engine" });
    const failures = [];
    // loadPackage does not reject when a download fails: collect its error messages instead.
    await pyodide.loadPackage("partways", {
      messageCallback: () => {},
      errorCallback: (message) => failures.push(message),
    });
    if (failures.length) throw new Error(failures.join("; "));
    handleJson = pyodide.pyimport("partways").handle_json;
    report({ type: "ready" });
  } catch (error) {
    const detail = String((error && error.message) || error);
    const reason = /wasm|WebAssembly/i.test(detail) ? "wasm" : "load";
    report({ type: "failed", reason, detail });
  }
}

const started = start();

self.onmessage = async (event) => {
  const { id, request } = event.data;
  await started;
  if (!handleJson) {
    report({ id, answer: null });
    return;
  }
  report({ id, answer: JSON.parse(handleJson(JSON.stringify(request))) });
};
