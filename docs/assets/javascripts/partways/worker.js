// Module Web Worker: hosts Pyodide and the partways engine, off the main thread.
// Messages in:  {id, request}            -> out: {id, answer}
// Messages out: {type: "status", stage} | {type: "ready"} | {type: "failed", reason, detail}
const RUNTIME = new URL("../../pyodide/", import.meta.url);

let handleJson = null;
let failed = false;

function report(message) {
  self.postMessage(message);
}

function describe(error) {
  return String((error && error.message) || error);
}

function fail(reason, detail) {
  if (failed) return;
  failed = true;
  report({ type: "failed", reason, detail });
  self.close(); // a half-done load would go on, and Pyodide would log errors of its own
}

// loadPyodide() never settles when one of its files fails to arrive: watch the fetches
// ourselves, so the page can say what happened at once instead of waiting for a timeout.
const fetchFile = self.fetch.bind(self);
self.fetch = async (resource, ...rest) => {
  const url = String(resource && resource.url ? resource.url : resource);
  const reason = url.endsWith(".wasm") ? "wasm" : "load";
  let response;
  try {
    response = await fetchFile(resource, ...rest);
  } catch (error) {
    fail(reason, `${url}: ${error}`);
    throw error;
  }
  if (!response.ok) fail(reason, `${url}: HTTP ${response.status}`);
  return response;
};

async function start() {
  if (typeof WebAssembly !== "object") {
    fail("wasm", "WebAssembly is not available");
    return;
  }
  try {
    report({ type: "status", stage: "runtime" });
    const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME).href);
    // Named here, the engine's wheels download while the runtime starts, not after it.
    const pyodide = await loadPyodide({
      indexURL: RUNTIME.href,
      lockFileURL: new URL("pyodide-lock.json", RUNTIME).href,
      packages: ["partways"],
      stdout: () => {},
      stderr: () => {},
    });
    report({ type: "status", stage: "engine" });
    handleJson = pyodide.pyimport("partways").handle_json;
    report({ type: "ready" });
  } catch (error) {
    const detail = describe(error);
    fail(/wasm|WebAssembly/i.test(detail) ? "wasm" : "load", detail);
  }
}

// Pyodide leaves promises of a failed load unhandled; the failure itself is reported above.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  fail(handleJson ? "crash" : "load", describe(event.reason));
});

const started = start();

self.onmessage = async (event) => {
  const { id, request } = event.data;
  await started;
  if (!handleJson) {
    report({ id, answer: null });
    return;
  }
  try {
    report({ id, answer: JSON.parse(handleJson(JSON.stringify(request))) });
  } catch (error) {
    fail("crash", describe(error));
  }
};
