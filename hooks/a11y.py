"""MkDocs hook: name Material's search dialog for assistive technology.

Material renders the search overlay as ``role="dialog"`` without a name (axe-core:
aria-dialog-name, serious); it takes the name of its own search field, in the page's language.
Static templates (404.html) skip ``on_post_page``, so they are named in ``on_post_template``.
"""

from __future__ import annotations

import re

_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_PLACEHOLDER = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


def name_search_dialog(output: str) -> str:
    label = _PLACEHOLDER.search(output)
    if not label or _DIALOG not in output:
        return output
    named = _DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{label[1]}"')
    return output.replace(_DIALOG, named, 1)


def on_post_page(output: str, page, config) -> str:
    return name_search_dialog(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return name_search_dialog(output_content) if template_name.endswith(".html") else output_content
