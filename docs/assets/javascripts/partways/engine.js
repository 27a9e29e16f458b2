// The main thread's side of the engine: one worker for the whole visit, kept across
// Material's instant navigation, restarted if it dies, with an honest loading state. After
// the first live result, when the page is idle, a second worker (snapshot.js) prepares a
// memory snapshot that the next visit's worker restores instead of starting Python afresh.
const LOAD_TIMEOUT_MS = 60000;
// Answers take ~10 ms: a ready engine silent for this long has died without a word.
const ANSWER_TIMEOUT_MS = 15000;
// A restore takes a fraction of a fresh start; one that hangs is given up for a fresh start.
const RESTORE_TIMEOUT_MS = 30000;
// Making a snapshot takes about as long as a fresh start; a maker still busy after this has
// hung (it has no watch over its downloads) and is let go.
const SNAPSHOT_TIMEOUT_MS = 120000;
// A worker started under this name (worker.js) starts afresh and drops the snapshot.
const DROP_SNAPSHOT = "partways:drop-snapshot";
const listeners = new Set();
let worker = null;
let state = { phase: "idle" };
let nextId = 1;
const pending = new Map();
// "none" until a fresh start wants one, then "waiting" (for the first answer), "making",
// and "saved", "skipped" or "failed".
let snapshot = "none";

function publish(next) {
  state = next;
  for (const listener of listeners) listener(state);
}

function failAll(reason) {
  for (const { reject } of pending.values()) reject(new Error(reason));
  pending.clear();
}

// Counted from when a ready engine has the request, not while it is still loading.
function expectAnswer(id) {
  const request = pending.get(id);
  if (!request || request.timer || state.phase !== "ready") return;
  request.timer = setTimeout(() => {
    if (pending.has(id)) stop("crash", "no answer");
  }, ANSWER_TIMEOUT_MS);
}

function start(name = "partways") {
  publish({ phase: "loading", stage: "start" });
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name });
  const timer = setTimeout(() => {
    if (state.phase === "loading") stop("timeout");
  }, LOAD_TIMEOUT_MS);
  let restoreTimer = null;
  const settle = () => {
    clearTimeout(timer);
    clearTimeout(restoreTimer);
  };
  worker.onmessage = ({ data }) => {
    if (data.type === "status") {
      if (data.stage === "restore") {
        restoreTimer = setTimeout(() => {
          settle();
          restart();
        }, RESTORE_TIMEOUT_MS);
      }
      publish({ phase: "loading", stage: data.stage });
    } else if (data.type === "ready") {
      settle();
      if (data.snapshotWanted && snapshot === "none") snapshot = "waiting";
      publish({ phase: "ready", from: data.from });
      for (const id of pending.keys()) expectAnswer(id);
    } else if (data.type === "restart") {
      settle();
      restart();
    } else if (data.type === "failed") {
      settle();
      stop(data.reason, data.detail);
    } else if (pending.has(data.id)) {
      const { resolve, reject, timer: answerTimer } = pending.get(data.id);
      clearTimeout(answerTimer);
      pending.delete(data.id);
      if (data.answer) {
        resolve(data.answer);
        if (snapshot === "waiting") whenIdle(makeSnapshot);
      } else reject(new Error("not-ready"));
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle();
    stop("crash", event.message);
  };
}

// A restore that failed (or hung for RESTORE_TIMEOUT_MS): a new worker starts afresh (even
// if the snapshot could not be dropped), and gets the requests the old one had not answered.
function restart() {
  if (!worker) return; // stopped meanwhile
  worker.terminate();
  start(DROP_SNAPSHOT);
  for (const [id, { request }] of pending) worker.postMessage({ id, request });
}

function stop(reason, detail = "") {
  if (worker) worker.terminate();
  worker = null;
  failAll(reason);
  publish({ phase: "failed", reason, detail });
}

function whenIdle(task) {
  if (window.requestIdleCallback) window.requestIdleCallback(task, { timeout: 5000 });
  else setTimeout(task, 1000);
}

// Costs no download (every file is in the HTTP cache by now), but CPU and 30 MB of storage:
// not for readers who asked to save data.
function makeSnapshot() {
  if (snapshot !== "waiting") return;
  if (navigator.connection?.saveData) {
    snapshot = "skipped";
    return;
  }
  snapshot = "making";
  const maker = new Worker(new URL("./snapshot.js", import.meta.url), { type: "module" });
  let timer = null;
  const done = (outcome) => {
    clearTimeout(timer);
    snapshot = outcome;
    maker.terminate();
  };
  timer = setTimeout(() => done("failed"), SNAPSHOT_TIMEOUT_MS);
  maker.onmessage = ({ data }) => done(data.type);
  maker.onerror = (event) => {
    event.preventDefault();
    done("failed");
  };
}

export function subscribe(listener) {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

export function ensureStarted() {
  // A failed load is not retried on its own (it would fail again); a crash after the
  // engine was ready is, on the next request.
  if (!worker && (state.phase === "idle" || state.reason === "crash")) start();
}

export function workerCount() {
  return worker ? 1 : 0;
}

// Where the memory snapshot stands (see `snapshot` above): for tests and the bench.
export function snapshotState() {
  return snapshot;
}

export function ask(request) {
  ensureStarted();
  if (!worker) return Promise.reject(new Error(state.reason || "unavailable"));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, request });
    worker.postMessage({ id, request });
    expectAnswer(id);
  });
}

export function currentState() {
  return state;
}
