"""Fixtures of the offline and intent tests (``pytest_plugins = ["offline_fixtures"]``): two
builds of the site for one origin below a sub-path, the host that serves them, and readers'
browsers. See offline_host.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from offline_host import (
    SUB_PATH,
    Host,
    Visit,
    build_site,
    changed_build,
    free_port,
    start_host,
)


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> dict[str, Path]:
    """Two builds of the site for one origin: the first, and the next deploy of it."""
    port = free_port()
    first = tmp_path_factory.mktemp("first-host")
    site_url = f"http://127.0.0.1:{port}/{SUB_PATH}"
    build_site(first / SUB_PATH.strip("/"), site_url)
    second = tmp_path_factory.mktemp("second-host") / "root"
    changed_build(first / SUB_PATH.strip("/"), second / SUB_PATH.strip("/"), "second build")
    return {"port": port, "first": first, "second": second}


@pytest.fixture
def host(builds):
    served = Host(port=builds["port"], root=builds["first"])
    stop = start_host(served)
    yield served
    stop()


@pytest.fixture
def visits(browser, tmp_path):
    """Open readers' browsers: ``visits(host, **context_options)``."""
    opened: list[Visit] = []

    def open_visit(host, **options) -> Visit:
        profile = tmp_path / f"profile-{len(opened)}"
        opened.append(Visit(browser.browser_type, profile, host, **options))
        return opened[-1]

    yield open_visit
    for visit in opened:
        visit.close()
