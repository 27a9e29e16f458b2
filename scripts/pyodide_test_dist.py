"""Assemble a TEST Pyodide dist: the shipped one plus the wheels pytest needs inside Pyodide.

    .venv/bin/python scripts/pyodide_test_dist.py --out build/pyodide-test

1. builds the shipped dist with scripts/pyodide_dist.py (``--site-dist``, default
   build/pyodide; idempotent) and leaves it untouched afterwards;
2. copies its runtime, wheels and lock file into ``--out``;
3. fetches the pinned pure-Python wheels the engine's test suite needs (pytest < 9 and its
   dependencies, hypothesis, babel, markdown) from PyPI, hashes checked by pip;
4. registers them on top of the shipped lock file with ``pyodide lockfile add-wheels``, so
   scripts/pyodide_pytest.mjs can ``loadPackage("pytest")`` etc. by name, offline.

Nothing here is served by the site: the site ships build/pyodide only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyodide_dist
from pyodide_dist import ROOT, check_lock, copy_if_changed, fetch_pinned_wheels, log

# Test-only wheels (py3-none-any), pinned with their PyPI sha256. pytest 8.4 asks pluggy,
# iniconfig, packaging and pygments (exceptiongroup/tomli only below Python 3.11);
# hypothesis asks sortedcontainers; babel and markdown are imported by engine tests.
TEST_WHEELS = {
    "pytest-8.4.2-py3-none-any.whl": (
        "pytest==8.4.2",
        "872f880de3fc3a5bdc88a11b39c9710c3497a547cfa9320bc3c5e62fbf272e79",
    ),
    "pluggy-1.7.0-py3-none-any.whl": (
        "pluggy==1.7.0",
        "7dd7b0d8832ba3cb632c306926ded123429211b83641b35dc5c41ad2d34f9bec",
    ),
    "iniconfig-2.3.1-py3-none-any.whl": (
        "iniconfig==2.3.1",
        "9121e2c1fdb355232495be3194c8dfe87ccc2d5dee45947b78e68f499790d7a7",
    ),
    "packaging-26.3-py3-none-any.whl": (
        "packaging==26.3",
        "d7193f7c8e4e93f444fde0262bf90af30e16fa0ad0ad44cb553c87339b23cd1c",
    ),
    "pygments-2.21.0-py3-none-any.whl": (
        "pygments==2.21.0",
        "2363c69b61c4a97c838da3b130dcd6468f4848992b21a82f2a63ec34377137d9",
    ),
    "hypothesis-6.155.7-py3-none-any.whl": (
        "hypothesis==6.155.7",
        "9f634bdb1f9e9b8ab6ba09431cf2deedb750c96978125a6fb3c5a0f6c6db4131",
    ),
    "sortedcontainers-2.4.0-py2.py3-none-any.whl": (
        "sortedcontainers==2.4.0",
        "a163dcaede0f1c021485e957a39245190e74249897e2ae4b2aa38595db237ee0",
    ),
    "babel-2.18.0-py3-none-any.whl": (
        "babel==2.18.0",
        "e2b422b277c2b9a9630c1d7903c2a00d0830c409c59ac8cae9081c92f1aeba35",
    ),
    "markdown-3.11.3-py3-none-any.whl": (
        "markdown==3.11.3",
        "e1a31a112232504d753e5c01bb8c2de90d3f0ba986b063e10770cf7695b09e73",
    ),
}

# What scripts/pyodide_pytest.mjs loads by name from the test dist's lock file.
TEST_PACKAGES = ["partways", "pytest", "hypothesis", "babel", "markdown"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pyodide-test")
    parser.add_argument("--site-dist", type=Path, default=ROOT / "build" / "pyodide")
    args = parser.parse_args(argv)
    out, site = args.out.resolve(), args.site_dist.resolve()
    if out == site:
        sys.exit("pyodide_test_dist: --out must differ from --site-dist (the shipped dist)")

    pyodide_dist.main(["--out", str(site)])
    out.mkdir(parents=True, exist_ok=True)
    site_files = [p for p in sorted(site.iterdir()) if p.is_file() and p.name != "pyodide-lock.json"]
    copied = [p.name for p in site_files if copy_if_changed(p, out / p.name)]
    log(f"test dist: copied {', '.join(copied)}" if copied else "test dist: site files up to date")

    site_wheels = [out / p.name for p in site_files if p.suffix == ".whl"]
    test_wheels = fetch_pinned_wheels(out, TEST_WHEELS)
    pyodide_dist.remove_stale_wheels(out, site_wheels + test_wheels)
    pyodide_dist.write_lock(out, test_wheels, base_lock=site / "pyodide-lock.json")
    check_lock(out, site_wheels + test_wheels)


if __name__ == "__main__":
    main()
