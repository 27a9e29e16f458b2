"""The mkdocs-macros module of the site: engine data rendered into pages at build time."""

from .main import define_env, on_pre_page_macros

__all__ = ["define_env", "on_pre_page_macros"]
