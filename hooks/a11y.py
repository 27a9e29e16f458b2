"""MkDocs hook: name Material's search dialog for assistive technology.

Material renders the search overlay as ``role="dialog"`` without a name (axe-core:
aria-dialog-name, serious); it takes the name of its own search field, in the page's language.
"""

from __future__ import annotations

import re

_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_PLACEHOLDER = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


def on_post_page(output: str, page, config) -> str:
    label = _PLACEHOLDER.search(output)
    if not label or _DIALOG not in output:
        return output
    named = _DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{label[1]}"')
    return output.replace(_DIALOG, named, 1)
