// The site's service worker: after a tool's first live result the site works offline.
// hooks/offline.py writes it to the site's root as sw.js, after `const BUILD = {...}`: this
// build's files with their fingerprints, in two groups ("site": pages, search indexes,
// sitemaps, assets; "runtime": the engine's runtime and wheels), each with its own cache.
//
// - Installing fills both caches completely (the files the page has just downloaded come from
//   the HTTP cache; the rest from the network, at low priority; nothing with Save-Data on).
//   Only then does this version take over, once no page of the previous one is open; it
//   then deletes the caches of earlier builds, so a reader never runs one build's engine
//   with another build's pages.
// - Every file of the build is answered from this version's cache, else from the network
//   (and kept, once its fingerprint shows it is this build's file). Nothing is fetched
//   from another host: only requests for the site's own files are handled at all.
/* global BUILD */
const ROOT = new URL("./", self.location);
// Caches named with this prefix belong to this worker: an activated build deletes the ones
// that are not its own. Others (the engine's memory snapshot) are their writer's business.
const OWN = "partways-sw-";
const FINGERPRINT = "X-Partways-Fingerprint";
const GROUPS = { site: BUILD.site, runtime: BUILD.runtime };
// Fill the runtime first: after a tool's first result, its files are all in the HTTP cache.
const FILL_ORDER = ["runtime", "site"];
const PARALLEL = 4;

// path below the site's root -> {group, fingerprint}
const FILES = new Map();
for (const group of Object.values(GROUPS)) {
  for (const [path, fingerprint] of Object.entries(group.files)) FILES.set(path, { group, fingerprint });
  for (const [path, fingerprint] of Object.entries(group.on_demand || {})) {
    FILES.set(path, { group, fingerprint, onDemand: true });
  }
}

const urlOf = (path) => new URL(path, ROOT).href;
const saveData = () => Boolean(self.navigator.connection && self.navigator.connection.saveData);

// The file a URL of the site names ("tools/letter/" is "tools/letter/index.html"), or null
// for a URL outside the site.
function pathOf(url) {
  if (url.origin !== ROOT.origin || !url.pathname.startsWith(ROOT.pathname)) return null;
  let path;
  try {
    path = decodeURIComponent(url.pathname.slice(ROOT.pathname.length));
  } catch {
    return null;
  }
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

async function fingerprintOf(body) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("")
    .slice(0, BUILD.fingerprint_length);
}

// The response as it is kept: this body, its type, and its fingerprint.
function kept(response, body, fingerprint) {
  const headers = { [FINGERPRINT]: fingerprint };
  const type = response.headers.get("Content-Type");
  if (type) headers["Content-Type"] = type;
  return new Response(body, { status: 200, statusText: "OK", headers });
}

// Fetches of this worker's own, by URL, so that a file is never downloaded twice at once.
const inFlight = new Map();

// Puts the build's file into its cache: from an earlier build's cache when the file has not
// changed, else from the HTTP cache, else from the network.
function obtain(path) {
  const url = urlOf(path);
  if (!inFlight.has(url)) {
    inFlight.set(url, download(path, url).finally(() => inFlight.delete(url)));
  }
  return inFlight.get(url);
}

async function download(path, url) {
  const { group, fingerprint } = FILES.get(path);
  const cache = await caches.open(group.cache);
  const earlier = await fromEarlierBuilds(url, fingerprint);
  if (earlier) {
    await cache.put(url, earlier);
    return;
  }
  for (const mode of ["force-cache", "no-cache"]) {
    const response = await fetch(url, { cache: mode, priority: "low", credentials: "same-origin" });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    if ((await fingerprintOf(body)) === fingerprint) {
      await cache.put(url, kept(response, body, fingerprint));
      return;
    }
  }
  throw new Error(`${path}: the server has another build's file`);
}

async function fromEarlierBuilds(url, fingerprint) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(OWN)) continue;
    const response = await (await caches.open(name)).match(url);
    if (response && response.headers.get(FINGERPRINT) === fingerprint) return response;
  }
  return null;
}

async function missing(group) {
  const cache = await caches.open(group.cache);
  const have = new Set((await cache.keys()).map((request) => request.url));
  return Object.keys(group.files).filter((path) => !have.has(urlOf(path)));
}

async function inParallel(items, task) {
  const queue = [...items];
  const lane = async () => {
    while (queue.length) await task(queue.shift());
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, lane));
}

let filling = null;

// Completes this build's caches (only the groups named); one fill at a time.
function fill(names = FILL_ORDER) {
  if (saveData()) return Promise.resolve();
  const previous = filling || Promise.resolve();
  filling = previous.catch(() => {}).then(async () => {
    for (const name of names) await inParallel(await missing(GROUPS[name]), obtain);
  });
  return filling;
}

async function status() {
  const groups = {};
  for (const [name, group] of Object.entries(GROUPS)) {
    const want = Object.keys(group.files).length;
    groups[name] = { cache: group.cache, want, have: want - (await missing(group)).length };
  }
  const complete = Object.values(groups).every((group) => group.have === group.want);
  return { version: BUILD.version, complete, groups };
}

self.addEventListener("install", (event) => {
  // A new build whose files cannot all be stored does not replace the one that works.
  event.waitUntil(fill());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const current = new Set(Object.values(GROUPS).map((group) => group.cache));
    for (const name of await caches.keys()) {
      if (name.startsWith(OWN) && !current.has(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// {type: "fill", groups?} completes the caches, {type: "status"} only reports; the answer,
// status() after the work, goes to the message's port.
self.addEventListener("message", (event) => {
  const { type, groups } = event.data || {};
  const work = type === "fill" ? fill(groups) : Promise.resolve();
  const [port] = event.ports;
  event.waitUntil(work.then(() => null, (error) => String(error))
    .then(async (error) => port && port.postMessage({ ...(await status()), error })));
});

// --- answering the pages -----------------------------------------------------------------------

async function fromCache(path) {
  const { group, fingerprint } = FILES.get(path);
  const response = await (await caches.open(group.cache)).match(urlOf(path));
  return response && response.headers.get(FINGERPRINT) === fingerprint ? response : null;
}

async function answer(event, path) {
  const cached = await fromCache(path);
  if (cached) return cached;
  if (inFlight.has(urlOf(path))) {
    await inFlight.get(urlOf(path)).catch(() => {});
    const stored = await fromCache(path);
    if (stored) return stored;
  }
  const response = await fetch(event.request);
  if (response.ok && response.status === 200) event.waitUntil(keep(path, response.clone()));
  return response;
}

// A file fetched for a page goes into the cache too, if it is this build's.
async function keep(path, response) {
  const { group, fingerprint } = FILES.get(path);
  const body = await response.arrayBuffer();
  if ((await fingerprintOf(body)) !== fingerprint) return;
  await (await caches.open(group.cache)).put(urlOf(path), kept(response, body, fingerprint));
}

// A page that is not in this build: the network's answer, or offline this build's 404 page.
async function elsewhere(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const page = FILES.has(BUILD.not_found) && (await fromCache(BUILD.not_found));
    if (!page) throw error;
    return new Response(page.body, { status: 404, statusText: "Not Found", headers: page.headers });
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const path = pathOf(url);
  if (path === null) return; // not the site's: the browser's own handling
  if (FILES.has(path)) {
    event.respondWith(answer(event, path));
  } else if (FILES.has(`${path}/index.html`)) {
    event.respondWith(Response.redirect(`${url.origin}${url.pathname}/${url.search}`, 301));
  } else if (request.mode === "navigate") {
    event.respondWith(elsewhere(request));
  }
});
