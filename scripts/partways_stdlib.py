"""The rest of the standard library, fetched the first time an import needs it.

Shipped compiled as ``_partways_stdlib`` in the first standard-library archive, which holds
only what Pyodide's start and the engine's answers import (scripts/pyodide_compile.py
appends ``REST_MODULES``, the modules of the second archive). ``install(location)`` puts a
finder at the end of ``sys.meta_path``: asked for one of those modules, it brings the second
archive into Pyodide's file system once, from ``location`` — a URL, fetched with a
synchronous request (allowed in a Web Worker, not on a page's main thread), or a path
already in the file system (Pyodide on Node) — and imports the module from it. A module of
neither archive is none of its business: the import fails as it always did.
"""

from __future__ import annotations

import os
import sys
import zipimport

REST_ARCHIVE = "/lib/python_stdlib_rest.zip"
REST_MODULES: frozenset[str] = frozenset()  # the build appends the second archive's


class RestOfStdlib:
    def __init__(self, location: str) -> None:
        self.location = location

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in REST_MODULES:
            return None
        parent = fullname.rpartition(".")[0]
        folder = parent.replace(".", "/") + "/" if parent else ""
        return zipimport.zipimporter(f"{self.archive()}/{folder}").find_spec(fullname)

    def archive(self) -> str:
        if "://" not in self.location:
            return self.location
        if not os.path.exists(REST_ARCHIVE):  # a file, not a flag: a memory snapshot has no files
            data = fetch(self.location)
            with open(REST_ARCHIVE + ".part", "wb") as part:
                part.write(data)
            os.replace(REST_ARCHIVE + ".part", REST_ARCHIVE)
        return REST_ARCHIVE

    def invalidate_caches(self) -> None:
        pass


def fetch(url: str) -> bytes:
    from js import XMLHttpRequest

    request = XMLHttpRequest.new()
    request.open("GET", url, False)
    request.responseType = "arraybuffer"
    try:
        request.send()
    except Exception as error:  # a JsException: offline, blocked
        raise ImportError(f"the rest of the standard library did not arrive: {error}") from None
    if request.status != 200:
        raise ImportError(f"the rest of the standard library did not arrive: HTTP {request.status}")
    return request.response.to_bytes()


def install(location: str) -> None:
    """Import the rest of the standard library from ``location`` when needed (idempotent)."""
    for finder in sys.meta_path:
        if isinstance(finder, RestOfStdlib):
            finder.location = location
            return
    sys.meta_path.append(RestOfStdlib(location))
