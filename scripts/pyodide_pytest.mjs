// Runs pytest inside Pyodide on Node, offline, against this repository's tests:
//   node scripts/pyodide_pytest.mjs [dist-dir] [-- pytest args...]
// dist-dir defaults to build/pyodide-test (scripts/pyodide_test_dist.py builds it: the
// shipped dist plus pytest, hypothesis, babel and markdown wheels in its lock file). The
// pytest args default to `tests/engine -q`; paths are relative to the repository root.
//
// The repository is mounted read-mostly at /repo with NODEFS (the tests and pyproject.toml
// for pytest's config); `partways` itself comes from the dist's wheel, loaded by name, so
// the suite tests the wheel the site ships. Bytecode, pytest's cache and hypothesis's
// storage are kept out of the repository. Prints pytest's output, then one line
//   pyodide_pytest: {"exit_code": 0, "passed": N, "skipped": N, ...}
// and exits with pytest's exit code (2 on a load failure or timeout).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodideFrom, runMain } from "./pyodide_node.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const sep = argv.indexOf("--");
const ownArgs = sep === -1 ? argv : argv.slice(0, sep);
const pytestArgs = sep === -1 ? ["tests/engine", "-q"] : argv.slice(sep + 1);
const dist = path.resolve(ownArgs[0] ?? path.join(root, "build", "pyodide-test"));
const PACKAGES = ["partways", "pytest", "hypothesis", "babel", "markdown"];
const TIMEOUT_MS = Number(process.env.PYODIDE_PYTEST_TIMEOUT_S ?? 900) * 1000;

runMain("pyodide_pytest", TIMEOUT_MS, async () => {
  const pyodide = await loadPyodideFrom(dist, {
    env: {
      HOME: "/home/pyodide",
      PYTHONDONTWRITEBYTECODE: "1",
      HYPOTHESIS_STORAGE_DIRECTORY: "/tmp/hypothesis",
    },
  });
  // Raw writes, so pytest's progress dots stay on one line.
  const raw = (stream) => ({ write: (bytes) => (stream.write(bytes), bytes.length) });
  pyodide.setStdout(raw(process.stdout));
  pyodide.setStderr(raw(process.stderr));
  const errors = [];
  const loaded = await pyodide.loadPackage(PACKAGES, {
    messageCallback: () => {},
    errorCallback: (msg) => errors.push(msg),
  });
  const names = new Set(loaded.map((pkg) => pkg.name));
  const missing = PACKAGES.filter((name) => !names.has(name));
  if (errors.length || missing.length) {
    throw new Error(`loadPackage failed: ${errors.join("; ") || `missing ${missing.join(", ")}`}`);
  }
  pyodide.FS.mkdirTree("/repo");
  pyodide.mountNodeFS("/repo", root);
  pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
  const result = await pyodide.runPythonAsync(`
import json, os, sys
sys.dont_write_bytecode = True
os.chdir("/repo")
import pytest

class Counts:
    stats = {}

    def pytest_terminal_summary(self, terminalreporter):
        Counts.stats = {k: len(v) for k, v in terminalreporter.stats.items() if k}

code = int(pytest.main([*pytest_args, "-p", "no:cacheprovider"], plugins=[Counts()]))
import partways
summary = {"exit_code": code, "python": sys.version.split()[0], "platform": sys.platform,
           "partways": os.path.dirname(partways.__file__)}
summary.update({k: Counts.stats.get(k, 0) for k in ("passed", "skipped", "failed", "error")})
json.dumps(summary)
`);
  console.log(`pyodide_pytest: ${result}`);
  return JSON.parse(result).exit_code;
});
