import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site as `mkdocs build --strict` makes it, built once per test session."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return out


class Page(HTMLParser):
    """The parts of a built page the tests look at: ids, links, resources, text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[tuple[str, str, str]] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self._text: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        link = attributes.get("href") or attributes.get("xlink:href")
        if tag == "a" and link:
            self.links.append(link)
        for name in ("src", "href", "srcset", "poster", "data", "action"):
            if attributes.get(name) and not (tag == "a" and name == "href"):
                self.resources.append((tag, name, attributes[name]))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self._text).split())

    def find_all(self, tag=None, **attrs):
        """Elements by tag and attributes (``data_widget=`` for data-widget, ``for_=`` for for;
        ``True`` only asks that the attribute be there)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            a for t, a in self.elements
            if (tag is None or t == tag)
            and all((k in a) if v is True else a.get(k) == v for k, v in wanted.items())
        ]


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))
