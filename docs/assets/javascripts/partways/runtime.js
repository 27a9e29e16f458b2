// What the engine's two workers share (worker.js answers the page, snapshot.js prepares the
// next visit): where the runtime is, how Python starts with the engine, and the reader's
// memory snapshot, kept in this browser's Cache Storage under the runtime's build id.
export const RUNTIME = new URL("../../pyodide/", import.meta.url);
// Written by scripts/pyodide_dist.py: the build id and the files a tool page fetches.
const MANIFEST = new URL("runtime.json", RUNTIME);
// The modules no tool imports, fetched the first time an import needs one of them.
const STDLIB_REST = new URL("python_stdlib_rest.zip", RUNTIME);
const SNAPSHOTS = "partways-snapshots";

// The fetch as it was when this module ran, before worker.js watches the runtime's files (a
// file that does not arrive fails the load): without the manifest there is no snapshot, and
// the tools still start.
const fetchFile = self.fetch.bind(self);

export async function buildId() {
  const response = await fetchFile(MANIFEST);
  if (!response.ok) throw new Error(`${MANIFEST}: HTTP ${response.status}`);
  return (await response.json()).build;
}

// Pyodide's loader (the module map keeps it: importing it again costs nothing).
export function importPyodide() {
  return import(new URL("pyodide.mjs", RUNTIME).href);
}

// Pyodide with the engine's wheels (named here, they download while the runtime starts) and
// the rest of the standard library on demand; `options` may hold `_makeSnapshot` or
// `_loadSnapshot` (Pyodide's private snapshot options, pinned with its version).
export async function startPython(options = {}) {
  const { loadPyodide } = await importPyodide();
  const pyodide = await loadPyodide({
    indexURL: RUNTIME.href,
    lockFileURL: new URL("pyodide-lock.json", RUNTIME).href,
    packages: ["partways"],
    stdout: () => {},
    stderr: () => {},
    ...options,
  });
  const stdlib = pyodide.pyimport("_partways_stdlib");
  stdlib.install(STDLIB_REST.href);
  stdlib.destroy();
  return pyodide;
}

// A request whose answer reads the engine's data files and the holidays package's: after a
// restore it must be the very answer the snapshot's own interpreter gave.
export const PROBE = {
  tool: "notice",
  input: { received: "2026-12-28", period: 14, unit: "days", jurisdiction: "pl", lang: "pl" },
};

// --- the snapshot, in Cache Storage under `snapshot/<build>`: one entry (so it is stored
// whole or not at all) holding a header (the probe's answer, the site-packages files' names
// and sizes: the heap does not hold Pyodide's file system; the heap's length and where its
// pages that are not all zeros lie), the files, then those pages: of a 31 MB heap, 40% is
// zeros, which need not be read back. Nothing of the reader's: snapshot.js answers only
// made-up requests.

const snapshotKey = (build) => new URL(`snapshot/${build}`, RUNTIME).href;
const failedKey = (build) => new URL(`snapshot/${build}.failed`, RUNTIME).href;
const align16 = (n) => Math.ceil(n / 16) * 16;
const PAGE = 4096;

// [start, end] of the heap's runs of pages that are not all zeros.
function usedRuns(heap) {
  if (heap.length % 4) throw new Error("a heap of whole words was expected");
  const words = new Uint32Array(heap.buffer, heap.byteOffset, heap.length / 4);
  const runs = [];
  for (let start = 0; start < heap.length; start += PAGE) {
    const end = Math.min(start + PAGE, heap.length);
    let used = false;
    for (let word = start / 4; word < end / 4 && !used; word++) used = words[word] !== 0;
    if (!used) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === start) last[1] = end;
    else runs.push([start, end]);
  }
  return runs;
}

function pack({ probe, files, heap }) {
  const runs = usedRuns(heap);
  const header = new TextEncoder().encode(JSON.stringify({
    probe, files: files.map(([path, bytes]) => [path, bytes.length]), heap: [heap.length, runs],
  }));
  const filesAt = align16(4 + header.length);
  const heapAt = align16(filesAt + files.reduce((sum, [, bytes]) => sum + bytes.length, 0));
  const packed = new Uint8Array(heapAt + runs.reduce((sum, [start, end]) => sum + end - start, 0));
  new DataView(packed.buffer).setUint32(0, header.length, true);
  packed.set(header, 4);
  let at = filesAt;
  for (const [, bytes] of files) {
    packed.set(bytes, at);
    at += bytes.length;
  }
  at = heapAt;
  for (const [start, end] of runs) {
    packed.set(heap.subarray(start, end), at);
    at += end - start;
  }
  return packed;
}

function unpack(packed) {
  const length = new DataView(packed.buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(packed.subarray(4, 4 + length)));
  let at = align16(4 + length);
  const files = header.files.map(([path, size]) => [path, packed.subarray(at, (at += size))]);
  const [heapLength, runs] = header.heap;
  const heap = new Uint8Array(heapLength);
  at = align16(at);
  for (const [start, end] of runs) heap.set(packed.subarray(at, (at += end - start)), start);
  if (at !== packed.length) throw new Error("the snapshot's size does not match its header");
  return { probe: header.probe, files, heap };
}

// Cache Storage exists only in secure contexts (https, localhost); elsewhere: no snapshot.
function open() {
  return self.caches ? self.caches.open(SNAPSHOTS) : Promise.resolve(null);
}

// {probe, files, heap} of this build, or null: none stored (then what other builds left,
// 19 MB of no use now, goes), or no storage.
export async function readSnapshot(build) {
  const cache = await open();
  if (!cache) return null;
  const stored = await cache.match(snapshotKey(build));
  if (stored) return unpack(new Uint8Array(await stored.arrayBuffer()));
  const mine = snapshotKey(build);
  const others = (await cache.keys()).filter((request) => !request.url.startsWith(mine));
  await Promise.all(others.map((request) => cache.delete(request)));
  return null;
}

// Whether a snapshot of this build should be made: storage exists, none is stored, and
// none has failed before.
export async function snapshotWanted(build) {
  const cache = await open();
  if (!cache) return false;
  const stored = await Promise.all([snapshotKey(build), failedKey(build)].map((key) => cache.match(key)));
  return !stored.some(Boolean);
}

async function replaceAll(key, body) {
  const cache = await open();
  if (!cache) return;
  await Promise.all((await cache.keys()).map((request) => cache.delete(request)));
  await cache.put(key, new Response(body));
}

export function saveSnapshot(build, snapshot) {
  return replaceAll(snapshotKey(build), pack(snapshot));
}

// Forget the snapshot, and that one may be made for this build: one that failed once is
// not trusted again until the runtime or the engine changes.
export function dropSnapshot(build) {
  return replaceAll(failedKey(build), "");
}

// The files below `root` in Pyodide's file system, as [path below root, bytes].
export function filesBelow(FS, root, prefix = "") {
  return FS.readdir(`${root}/${prefix}`).filter((name) => name !== "." && name !== "..")
    .flatMap((name) => {
      const path = prefix + name;
      return FS.isDir(FS.stat(`${root}/${path}`).mode) ? filesBelow(FS, root, `${path}/`)
        : [[path, FS.readFile(`${root}/${path}`)]];
    });
}

// The `fsInit` of a restoring start: the files back where they were, before Python runs.
export function restoreFiles(files) {
  return (FS, { sitePackages }) => {
    for (const [path, bytes] of files) {
      const target = `${sitePackages}/${path}`;
      FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
      FS.writeFile(target, bytes);
    }
  };
}
