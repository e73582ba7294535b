"""The parsed model our own HTML rules read: the (rendered or raw) DOM plus computed styles.

In browser mode the page is rendered in Chromium, each element is numbered with a
`data-uu-i` attribute and a few computed styles are recorded (see snapshot.js), then the DOM is
serialised and parsed here. In static mode the raw HTML is parsed and `styles` is empty: checks
that need layout are registered with `needs_render=True` and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from bs4 import BeautifulSoup, Tag

INDEX_ATTR = "data-uu-i"
_INDEX_ATTR_RE = re.compile(r'\s' + INDEX_ATTR + r'="\d+"')
_FRAGMENT_MARKERS = re.compile(r"<(?:html|head|body|title)[\s>]", re.IGNORECASE)


@dataclass
class HtmlDocument:
    """One HTML page (or fragment), parsed once for every rule."""

    url: str
    soup: BeautifulSoup
    rendered: bool
    #: data-uu-i -> computed style snapshot (display, visibility, fontSize, fontWeight, ...).
    styles: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: True when the source is a piece of content without <html>/<head>/<body> (LMS fragments).
    fragment: bool = False
    title: str | None = None
    raw: str = ""
    #: What page probes learned by acting on the rendered page (see engines/probes): name -> data.
    #: Empty in static mode and when a probe did not run; rules must cope with a missing entry.
    probes: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, html: str, url: str, *, rendered: bool = False, styles: dict[int, dict[str, Any]] | None = None,
              raw: str | None = None, title: str | None = None) -> HtmlDocument:
        soup = BeautifulSoup(html, "lxml")
        source = raw if raw is not None else html
        fragment = not _FRAGMENT_MARKERS.search(source[:20000])
        if title is None and soup.title is not None:
            title = soup.title.get_text(" ", strip=True)
        return cls(url=url, soup=soup, rendered=rendered, styles=styles or {}, fragment=fragment,
                   title=title, raw=source)

    def style(self, element: Tag) -> dict[str, Any] | None:
        """Computed style snapshot of an element (browser mode), else None."""
        index = element.get(INDEX_ATTR)
        if index is None:
            return None
        try:
            return self.styles.get(int(index))
        except (TypeError, ValueError):
            return None

    def is_hidden(self, element: Tag) -> bool:
        """Hidden from everyone: display:none / visibility:hidden (rendered), or `hidden` and
        aria-hidden on it or an ancestor (static approximation)."""
        style = self.style(element)
        if style is not None:
            if style.get("display") == "none" or style.get("visibility") in ("hidden", "collapse"):
                return True
        node: Tag | None = element
        while isinstance(node, Tag):
            if node.has_attr("hidden") or str(node.get("aria-hidden", "")).lower() == "true":
                return True
            if style is None and "display:none" in str(node.get("style", "")).replace(" ", "").lower():
                return True
            node = node.parent
        return False

    def is_fragment(self, options: dict[str, Any] | None = None) -> bool:
        """Whether page-level rules (title, page language) should treat this as a fragment of
        an LMS page: the `fragment` run option ("yes"/"no") wins over detection ("auto")."""
        choice = str((options or {}).get("fragment", "auto")).strip().lower()
        if choice in ("yes", "true", "1"):
            return True
        if choice in ("no", "false", "0"):
            return False
        return self.fragment

    @cached_property
    def body(self) -> Tag:
        return self.soup.body or self.soup

    @cached_property
    def declared_lang(self) -> str | None:
        html = self.soup.find("html")
        lang = html.get("lang") if isinstance(html, Tag) else None
        return str(lang).strip() if lang else None


def resolve_fragment(detected: bool, option: str | None, hint: bool | None) -> bool:
    """Is this HTML a content fragment? --fragment yes/no wins, then the source's hint, then
    what the HTML itself shows (no <html>, <head>, <body> or <title>)."""
    if option == "yes":
        return True
    if option == "no":
        return False
    return hint if hint is not None else detected


#: id(parent) -> (parent, id(child) -> position among same-name siblings, name -> count). Keeps
#: selector() linear on pages with thousands of siblings (bs4's Tag == compares whole subtrees).
_SIBLING_POSITIONS: dict[int, tuple[Tag, dict[int, int], dict[str, int]]] = {}


def _position_of_type(parent: Tag, node: Tag) -> tuple[int, int]:
    """(1-based position of node among its parent's children of the same tag name, how many)."""
    entry = _SIBLING_POSITIONS.get(id(parent))
    if entry is None or entry[0] is not parent:
        if len(_SIBLING_POSITIONS) > 512:  # bounded: old pages are not kept alive for long
            _SIBLING_POSITIONS.clear()
        positions: dict[int, int] = {}
        counts: dict[str, int] = {}
        for child in parent.contents:
            if isinstance(child, Tag):
                counts[child.name] = counts.get(child.name, 0) + 1
                positions[id(child)] = counts[child.name]
        entry = (parent, positions, counts)
        _SIBLING_POSITIONS[id(parent)] = entry
    return entry[1].get(id(node), 1), entry[2].get(node.name, 1)


def selector(element: Tag) -> str:
    """A CSS selector that finds the element again: id where unique-looking, else a
    tag:nth-of-type path (without our data-uu-i numbering)."""
    parts: list[str] = []
    node: Tag | None = element
    while isinstance(node, Tag) and node.name not in ("[document]",):
        element_id = node.get("id")
        if element_id and re.fullmatch(r"[A-Za-z][\w\-]*", str(element_id)):
            parts.append(f"#{element_id}")
            break
        parent = node.parent
        if not isinstance(parent, Tag) or node.name in ("html",):
            parts.append(node.name)
            break
        position, count = _position_of_type(parent, node)
        parts.append(f"{node.name}:nth-of-type({position})" if count > 1 else node.name)
        node = parent
    return " > ".join(reversed(parts))


def snippet(element: Tag, limit: int = 200) -> str:
    """The element's opening tag and a little of its content, without our numbering."""
    text = _INDEX_ATTR_RE.sub("", str(element))
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def visible_text(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ", strip=True)).strip()


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def heading_context(element: Tag, limit: int = 80) -> str | None:
    """Text of the nearest heading before (or around) an element, so a teacher can find the
    place on the page without reading a selector."""
    heading = element if element.name in _HEADINGS else element.find_previous(_HEADINGS)
    if heading is None:
        return None
    text = visible_text(heading)
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1] + "…"
