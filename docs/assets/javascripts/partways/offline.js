// Keeps the site for offline use once a tool has given its first live result: then, when the
// page has loaded and is idle, it registers the service worker (sw.js at the site's root,
// built by hooks/offline.py), which stores this build's pages, search indexes, assets, runtime
// and wheels. Not with Save-Data on. A page whose engine never answered (a runtime that did
// not arrive, WebAssembly blocked) registers nothing, so no cache ever hides such a failure.
export const SITE_ROOT = new URL("../../../", import.meta.url);
const SCRIPT = new URL("sw.js", SITE_ROOT);
const IDLE_TIMEOUT_MS = 5000;

// "waiting" (for a live result) | "unsupported" | "skipped" (Save-Data) | "registered" | "failed"
let state = "serviceWorker" in navigator ? "waiting" : "unsupported";

export function saveData() {
  return Boolean(navigator.connection?.saveData);
}

export function offlineState() {
  return state;
}

// The service worker's answer to {type: "fill"} (completes its caches, then reports) or
// {type: "status"}: {version, complete, groups: {site|runtime: {cache, want, have}}, error}.
export async function askServiceWorker(message, worker = navigator.serviceWorker?.controller) {
  const target = worker || (await navigator.serviceWorker.ready).active;
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => {
    channel.port1.onmessage = ({ data }) => resolve(data);
  });
  target.postMessage(message, [channel.port2]);
  return answer;
}

// Resolves once the page's engine has answered a tool (data-result set by main.js), also
// when the answer is on a page instant navigation brings in later.
function firstLiveResult() {
  const answered = () => document.querySelector(".pw-widget[data-result]");
  if (answered()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!answered()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.documentElement, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["data-result"],
    });
  });
}

function loadedAndIdle() {
  const loaded = document.readyState === "complete" ? Promise.resolve()
    : new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
  return loaded.then(() => new Promise((resolve) => {
    if (window.requestIdleCallback) window.requestIdleCallback(resolve, { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 0);
  }));
}

async function keepForOffline() {
  if (saveData()) {
    state = "skipped";
    return;
  }
  try {
    const registration = await navigator.serviceWorker.register(SCRIPT, { scope: SITE_ROOT.pathname });
    state = "registered";
    // A worker installed while Save-Data was on stored nothing: it completes its caches now.
    if (registration.active) registration.active.postMessage({ type: "fill" });
  } catch {
    state = "failed"; // e.g. storage denied: the site works as before, online
  }
}

if (state === "waiting") firstLiveResult().then(loadedAndIdle).then(keepForOffline);
