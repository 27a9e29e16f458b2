"""The mkdocs-macros module of the site: engine data rendered into pages at build time."""

from .main import define_env

__all__ = ["define_env"]
