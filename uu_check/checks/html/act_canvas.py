"""A <canvas> with words drawn on it but nothing for a screen reader (WCAG 1.1.1; ACT e88epe).

A canvas is an image made by a script. When the script writes text on it (a chart's title and
labels, a word puzzle, "ACT Rules!"), the canvas is not decoration, yet with no name and no
fallback content it is missing from the accessibility tree: screen reader users miss it all.
Which canvases had text drawn is only known in the browser, from the canvas_text probe
(engines/probes/canvas_text.py). A canvas the author hid on purpose (aria-hidden, role
presentation/none) is left alone: it may duplicate a table or text next to it.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Tag

from uu_check.checks.html.act_accname import is_rendered_hidden, text_alternative
from uu_check.engines.html_model import INDEX_ATTR, HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check


def _hidden_or_decorative(doc: HtmlDocument, element: Tag) -> bool:
    if str(element.get("role", "")).strip().lower() in ("none", "presentation"):
        return True
    node: Tag | None = element
    while isinstance(node, Tag) and node.name not in ("html", "[document]"):
        if str(node.get("aria-hidden", "")).strip().lower() == "true" or is_rendered_hidden(doc, node):
            return True
        node = node.parent
    return False


def _has_alternative(doc: HtmlDocument, element: Tag) -> bool:
    """A name (aria-label, aria-labelledby, title) or fallback content inside the canvas."""
    if text_alternative(doc, element, from_content=False):
        return True
    return bool(element.get_text(strip=True)) or element.find(("img", "a", "button", "input", "table")) is not None


@check("html-canvas-text-no-alt", engine="html", needs_render=True)
def canvas_text_no_alt(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    for item in (doc.probes.get("canvas_text") or {}).get("canvases") or []:
        if not isinstance(item, dict):
            continue
        element = doc.soup.find("canvas", attrs={INDEX_ATTR: str(item.get("i"))})
        if not isinstance(element, Tag) or _hidden_or_decorative(doc, element) or _has_alternative(doc, element):
            continue
        yield ctx.violation(Location(selector=selector(element), snippet=snippet(element),
                                     context=heading_context(element)), text=str(item.get("text", ""))[:80])
