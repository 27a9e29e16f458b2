// The main thread's side of the engine: one worker for the whole visit, kept across
// Material's instant navigation, restarted if it dies, with an honest loading state.
const LOAD_TIMEOUT_MS = 60000;
// Answers take ~10 ms: a ready engine silent for this long has died without a word.
const ANSWER_TIMEOUT_MS = 15000;
const listeners = new Set();
let worker = null;
let state = { phase: "idle" };
let nextId = 1;
const pending = new Map();

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

function start() {
  publish({ phase: "loading", stage: "start" });
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const timer = setTimeout(() => {
    if (state.phase === "loading") stop("timeout");
  }, LOAD_TIMEOUT_MS);
  worker.onmessage = ({ data }) => {
    if (data.type === "status") publish({ phase: "loading", stage: data.stage });
    else if (data.type === "ready") {
      clearTimeout(timer);
      publish({ phase: "ready" });
      for (const id of pending.keys()) expectAnswer(id);
    } else if (data.type === "failed") {
      clearTimeout(timer);
      stop(data.reason, data.detail);
    } else if (pending.has(data.id)) {
      const { resolve, reject, timer: answerTimer } = pending.get(data.id);
      clearTimeout(answerTimer);
      pending.delete(data.id);
      if (data.answer) resolve(data.answer);
      else reject(new Error("not-ready"));
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    clearTimeout(timer);
    stop("crash", event.message);
  };
}

function stop(reason, detail = "") {
  if (worker) worker.terminate();
  worker = null;
  failAll(reason);
  publish({ phase: "failed", reason, detail });
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

export function ask(request) {
  ensureStarted();
  if (!worker) return Promise.reject(new Error(state.reason || "unavailable"));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, request });
    expectAnswer(id);
  });
}

export function currentState() {
  return state;
}
