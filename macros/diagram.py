"""The playbook's whole path as an inline SVG: numbered boxes joined by arrows.

Pure Python, no dependencies. The boxes flow left to right and wrap onto the next row,
with an elbow arrow from the end of one row to the start of the next. Every box is a link
to its page. Colours come only from CSS classes (see docs/assets/stylesheets/extra.css,
which uses Material's palette variables), so the figure follows the light and dark
schemes; the geometry (sizes, positions, font size) is set here.

No JavaScript, no external request, no Mermaid.
"""

from __future__ import annotations

import html
import re
import textwrap

__all__ = ["path_diagram_svg"]

# Geometry, in SVG user units (the figure scales to the column width through CSS).
_PAD = 12  # room around the figure for focus outlines
_BOX_W = 236
_HGAP = 56
_VGAP = 44
_FONT = 16
_LINE = 20
_VPAD = 14
_NUM_W = 34  # space on the left of a box for the step number
_CHARS_PER_LINE = 20  # about (box width - number - padding) / average glyph width
_MAX_LINES = 3


def _wrap(label: str) -> list[str]:
    lines = textwrap.wrap(label, width=_CHARS_PER_LINE, break_long_words=True) or [""]
    if len(lines) > _MAX_LINES:
        lines = lines[: _MAX_LINES - 1] + [" ".join(lines[_MAX_LINES - 1 :])]
    return lines


def _class_token(value: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", str(value).lower()).strip("-")


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def path_diagram_svg(
    steps: list[dict],
    title: str,
    description: str,
    *,
    columns: int = 2,
    id_prefix: str = "pw-path",
) -> str:
    """Return an accessible inline SVG of the path.

    ``steps`` is a list of ``{"label": ..., "href": ...}`` (optionally ``"kind"``, which
    only adds a CSS class). ``href`` is used as given: the caller makes it relative to the
    page. ``title`` and ``description`` become the SVG's ``<title>`` and ``<desc>``, which
    label it for assistive technology. It is a ``role="group"``, not an image, because each
    box is a link a keyboard or screen-reader user can reach.
    """
    if not steps:
        raise ValueError("path_diagram_svg: at least one step is needed")
    columns = max(1, min(int(columns), len(steps)))
    prefix = _class_token(id_prefix) or "pw-path"
    title_id, desc_id, head_id = f"{prefix}-title", f"{prefix}-desc", f"{prefix}-head"

    wrapped = [_wrap(str(step.get("label", ""))) for step in steps]
    box_h = max(len(lines) for lines in wrapped) * _LINE + 2 * _VPAD
    rows = -(-len(steps) // columns)
    width = 2 * _PAD + columns * _BOX_W + (columns - 1) * _HGAP
    height = 2 * _PAD + rows * box_h + (rows - 1) * _VGAP

    def box_xy(index: int) -> tuple[int, int]:
        row, col = divmod(index, columns)
        return _PAD + col * (_BOX_W + _HGAP), _PAD + row * (box_h + _VGAP)

    out: list[str] = [
        f'<svg class="pw-path" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {width} {height}" font-size="{_FONT}" '
        f'role="group" aria-labelledby="{title_id}" aria-describedby="{desc_id}">',
        f'<title id="{title_id}">{html.escape(title)}</title>',
        f'<desc id="{desc_id}">{html.escape(description)}</desc>',
        "<defs>",
        f'<marker id="{head_id}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">',
        '<path class="pw-path__head" d="M0,0 L10,5 L0,10 z"/>',
        "</marker>",
        "</defs>",
    ]

    # Arrows first, so the boxes sit on top of them.
    out.append('<g class="pw-path__arrows">')
    for index in range(len(steps) - 1):
        x, y = box_xy(index)
        nx, ny = box_xy(index + 1)
        if ny == y:  # same row: a straight arrow to the right
            cy = y + box_h // 2
            d = f"M{x + _BOX_W},{cy} H{nx - 2}"
        else:  # wrap: down, back to the start of the next row, down again
            mid = y + box_h + _VGAP // 2
            d = f"M{x + _BOX_W // 2},{y + box_h} V{mid} H{nx + _BOX_W // 2} V{ny - 2}"
        out.append(f'<path class="pw-path__arrow" d="{d}" marker-end="url(#{head_id})"/>')
    out.append("</g>")

    for index, (step, lines) in enumerate(zip(steps, wrapped)):
        x, y = box_xy(index)
        classes = "pw-path__step"
        kind = _class_token(step.get("kind", ""))
        if kind:
            classes += f" pw-path__step--{kind}"
        text_h = len(lines) * _LINE
        baseline = y + (box_h - text_h) // 2 + (_LINE + _FONT) // 2 - 2
        # xlink:href, not href: Material's instant navigation rewrites every [href] with
        # el.href = el.href, which throws on an SVG link (its href is read-only).
        out.append(f'<a class="pw-path__link" xlink:href="{_attr(step.get("href", ""))}">')
        out.append(f'<g class="{classes}">')
        out.append(
            f'<rect class="pw-path__box" x="{x}" y="{y}" width="{_BOX_W}" height="{box_h}" '
            'rx="8" ry="8"/>'
        )
        out.append(
            f'<text class="pw-path__num" x="{x + _NUM_W // 2 + 4}" y="{baseline}" '
            f'text-anchor="middle">{index + 1}</text>'
        )
        spans = "".join(
            f'<tspan x="{x + _NUM_W + 6}" dy="{0 if n == 0 else _LINE}">{html.escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        out.append(f'<text class="pw-path__label" y="{baseline}">{spans}</text>')
        out.append("</g></a>")

    out.append("</svg>")
    return "".join(out)
