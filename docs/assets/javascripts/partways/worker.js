// Module Web Worker: hosts Pyodide and the partways engine, off the main thread.
// Messages in:  {id, request}            -> out: {id, answer}
// Messages out: {type: "status", stage} | {type: "ready", from, build, snapshotWanted}
//             | {type: "restart", detail} | {type: "failed", reason, detail}
// On a repeat visit it restores the memory snapshot snapshot.js made after the first one
// ("from": "snapshot") instead of starting Python afresh ("fresh"); if that fails in any
// way, it drops the snapshot and asks engine.js for a new worker, which starts afresh.
import {
  PROBE, buildId, dropSnapshot, importPyodide, readSnapshot, restoreFiles, snapshotWanted,
  startPython,
} from "./runtime.js";

// The name engine.js gives a worker that replaces one whose restore failed or hung: it
// starts afresh, and drops the snapshot (again, in case the one before could not).
const DROP_SNAPSHOT = "partways:drop-snapshot";

let handleJson = null;
let failed = false;
let restoring = null; // the build whose snapshot is being restored

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

// A restore that fails in any way: forget the snapshot, then let engine.js start over.
async function abandonRestore(error) {
  if (failed) return;
  failed = true;
  await dropSnapshot(restoring).catch(() => {});
  report({ type: "restart", detail: describe(error) });
  self.close();
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

// The build id and its snapshot (null when there is none, or no storage), looked up while
// pyodide.mjs downloads.
async function findSnapshot() {
  const build = await buildId().catch(() => null);
  if (!build) return { build, snapshot: null };
  if (self.name === DROP_SNAPSHOT) {
    await dropSnapshot(build).catch(() => {});
    return { build, snapshot: null };
  }
  // One that cannot even be read is dropped too.
  const snapshot = await readSnapshot(build).catch(() => dropSnapshot(build).then(() => null, () => null));
  return { build, snapshot };
}

async function restore(build, snapshot) {
  report({ type: "status", stage: "restore" });
  restoring = build;
  // The engine's modules are in the heap already; its files (data, the rest of its modules)
  // go back into the file system before Python runs, instead of loading the wheels.
  const pyodide = await startPython({
    _loadSnapshot: snapshot.heap, packages: [], fsInit: restoreFiles(snapshot.files),
  });
  const handle = pyodide.pyimport("partways").handle_json;
  if (handle(JSON.stringify(PROBE)) !== snapshot.probe) {
    throw new Error("the restored engine does not answer as the one that was saved");
  }
  restoring = null;
  return handle;
}

async function start() {
  if (typeof WebAssembly !== "object") {
    fail("wasm", "WebAssembly is not available");
    return;
  }
  let build = null;
  let from = "fresh";
  try {
    report({ type: "status", stage: "runtime" });
    const [found] = await Promise.all([findSnapshot(), importPyodide()]);
    build = found.build;
    if (found.snapshot) {
      try {
        handleJson = await restore(build, found.snapshot);
        from = "snapshot";
      } catch (error) {
        if (!failed) await abandonRestore(error);
        return;
      }
    } else {
      const pyodide = await startPython();
      report({ type: "status", stage: "engine" });
      handleJson = pyodide.pyimport("partways").handle_json;
    }
  } catch (error) {
    const detail = describe(error);
    fail(/wasm|WebAssembly/i.test(detail) ? "wasm" : "load", detail);
    return;
  }
  const wanted = from === "fresh" && build !== null && (await snapshotWanted(build).catch(() => false));
  report({ type: "ready", from, build, snapshotWanted: wanted });
}

// Pyodide leaves promises of a failed load unhandled; the failure itself is reported above.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (restoring) abandonRestore(event.reason);
  else fail(handleJson ? "crash" : "load", describe(event.reason));
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
