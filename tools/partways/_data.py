"""Read the package's content files (TOML under ``data/``), once each, on first use."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """Return the parsed ``data/<name>.toml``; cached, so nothing is read at import time."""
    text = files("partways").joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
