// Starts the engine's download before the click: when the reader points at, focuses or
// touches a link to a tool page, the runtime and wheels that page's worker will fetch start
// downloading at low priority. Never on a page read without such a sign, never twice in a
// tab, never with Save-Data on, and not when the current page already loads the engine.
//
// The files (and the tool pages of this edition) are listed by the build in the page's
// #partways-offline block (hooks/offline.py). When the service worker controls the page it
// fetches them into its cache. Otherwise, with Material's instant navigation, the engine's
// own worker starts: it outlives the swap to the tool page, so its download is the one the
// tool uses. (A prefetch beside it was measured fetching the runtime twice on a 20 Mbit/s
// link: a click before the prefetch had finished made the worker request the same 4.9 MB
// again, as the HTTP cache does not share a download under way.) Without instant
// navigation, <link rel="prefetch"> puts the files in the HTTP cache for the next page.
import * as engine from "./engine.js";
import { SITE_ROOT, askServiceWorker, saveData } from "./offline.js";

const DONE_KEY = "partways:v1:prefetched";
// "idle" | "skipped" | "started" (files requested) | "done" (all arrived) | "failed"
let state = "idle";

function listed() {
  const block = document.getElementById("partways-offline");
  try {
    return block ? JSON.parse(block.textContent) : null;
  } catch {
    return null;
  }
}

export function intentState() {
  return state;
}

function pathBelowRoot(href) {
  const url = new URL(href, document.baseURI);
  if (url.origin !== SITE_ROOT.origin || !url.pathname.startsWith(SITE_ROOT.pathname)) return null;
  return url.pathname.slice(SITE_ROOT.pathname.length).replace(/index\.html$/, "");
}

function isToolLink(link, tools) {
  const path = link.hasAttribute("href") && pathBelowRoot(link.href);
  return path !== null && path !== false && tools.includes(path);
}

function alreadyDone(key) {
  try {
    return sessionStorage.getItem(DONE_KEY) === key;
  } catch {
    return false; // storage denied: at worst the HTTP cache answers a second prefetch
  }
}

function remember(key) {
  try {
    sessionStorage.setItem(DONE_KEY, key);
  } catch {
    // storage denied or full: nothing to keep
  }
}

function prefetchLinks(files) {
  const arrivals = files.map((file) => new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "prefetch";
    link.href = new URL(file, SITE_ROOT).href;
    link.fetchPriority = "low";
    link.dataset.partwaysPrefetch = "";
    link.onload = resolve;
    link.onerror = () => reject(new Error(file));
    document.head.append(link);
  }));
  return Promise.all(arrivals);
}

function instantNavigation() {
  try {
    return JSON.parse(document.getElementById("__config").textContent).features
      .includes("navigation.instant");
  } catch {
    return false;
  }
}

// Resolves once the engine is ready (its files have all arrived), rejects if it failed.
function startEngine() {
  return new Promise((resolve, reject) => {
    let settled = false;
    const unsubscribe = engine.subscribe((current) => {
      if (settled || (current.phase !== "ready" && current.phase !== "failed")) return;
      settled = true;
      queueMicrotask(() => unsubscribe());
      if (current.phase === "ready") resolve();
      else reject(new Error(current.reason || "failed"));
    });
    engine.ensureStarted();
  });
}

async function start({ runtime, runtime_cache: cache }) {
  state = "started";
  remember(cache);
  const controller = navigator.serviceWorker?.controller;
  try {
    if (controller) {
      const answer = await askServiceWorker({ type: "fill", groups: ["runtime"] }, controller);
      if (answer.error) throw new Error(answer.error);
    } else if (instantNavigation()) {
      await startEngine();
    } else {
      await prefetchLinks(runtime);
    }
    state = "done";
  } catch {
    state = "failed";
  }
}

function onIntent(event) {
  if (state !== "idle") return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  const data = link && listed();
  if (!data || !isToolLink(link, data.tools)) return;
  if (saveData()) {
    state = "skipped";
    return;
  }
  // The page's own engine is loading or loaded: its files are on their way already.
  if (document.querySelector("[data-widget]")) return;
  if (alreadyDone(data.runtime_cache)) state = "done";
  else start(data);
}

for (const type of ["pointerover", "focusin", "touchstart"]) {
  document.addEventListener(type, onIntent, { capture: true, passive: true });
}
