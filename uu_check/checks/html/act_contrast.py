"""ACT afw4f7 (WCAG 1.4.3 Contrast): text on a colour gradient.

axe-core cannot compute contrast over a gradient and asks for review. When every colour of the
gradient fails against the text colour, the text fails wherever it sits on it, so that is
decided here; when some colours pass, where the text lies matters and it stays a review item
(axe's). Gradients with transparent parts, images or text shadows are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import NavigableString, Tag

from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.contrast import AA_LARGE, AA_NORMAL, contrast_ratio

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)")


def _colour(value: str) -> tuple[float, float, float, float] | None:
    match = _RGB.search(value or "")
    if not match:
        return None
    r, g, b, a = match.groups()
    alpha = 1.0 if a is None else (float(a[:-1]) / 100 if a.endswith("%") else float(a))
    return float(r), float(g), float(b), alpha


def _hex(rgb: tuple[float, float, float]) -> str:
    return "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def _blend(front: tuple[float, float, float, float], back: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b, a = front
    return (r * a + back[0] * (1 - a), g * a + back[1] * (1 - a), b * a + back[2] * (1 - a))


def _own_text(element: Tag) -> bool:
    return any(type(c) is NavigableString and c.strip() for c in element.children)


def _gradient_stops(background_image: str) -> list[tuple[float, float, float]] | None:
    """Opaque colour stops of a single gradient, None when it is not one we can judge."""
    if "gradient(" not in background_image or "url(" in background_image or "transparent" in background_image:
        return None
    if background_image.count("gradient(") != 1:
        return None
    stops = []
    for match in _RGB.finditer(background_image):
        colour = _colour(match.group(0))
        if colour is None or colour[3] < 1:
            return None
        stops.append(colour[:3])
    return stops or None


def gradient_failure(doc: HtmlDocument, element: Tag) -> tuple[float, float] | None:
    """(best ratio, required) when the element's own text fails on every colour of the opaque
    gradient behind it, else None."""
    if not _own_text(element):
        return None
    style = doc.style(element)
    if not style or style.get("display") == "none" or style.get("visibility") != "visible":
        return None
    if style.get("textShadow") or float(style.get("opacity", 1) or 1) < 1:
        return None
    # the nearest box with a background decides what the text sits on
    node: Tag | None = element
    stops = None
    while isinstance(node, Tag):
        node_style = doc.style(node) or {}
        if node_style.get("bgImage"):
            stops = _gradient_stops(str(node_style["bgImage"]))
            break
        background = _colour(str(node_style.get("backgroundColor", "")))
        if background and background[3] > 0:
            break
        if float(node_style.get("opacity", 1) or 1) < 1:
            break
        node = node.parent
    if not stops:
        return None
    text = _colour(str(style.get("color", "")))
    if text is None:
        return None
    size = float(style.get("fontSize") or 16)
    bold = int(style.get("fontWeight") or 400) >= 700
    large = size >= 24 or (bold and size >= 18.66)
    required = AA_LARGE if large else AA_NORMAL
    best = max(contrast_ratio(_hex(_blend(text, stop)), _hex(stop)) for stop in stops)
    return (best, required) if best < required else None


@check("html-contrast-gradient", engine="html", needs_render=True)
def contrast_gradient(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    for element in doc.body.find_all(True):
        failure = gradient_failure(doc, element)
        if failure is not None:
            yield ctx.violation(Location(selector=selector(element), snippet=snippet(element),
                                         context=heading_context(element)),
                                ratio=f"{failure[0]:.1f}", required=f"{failure[1]:g}")


# ---------------------------------------------------------------------------------------------
# Text on a background image or a partly transparent gradient, measured on painted pixels

@check("html-contrast-image", engine="html", needs_render=True)
def contrast_image(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Violation when some character's best contrast against the pixels behind it is under the
    minimum (the contrast probe, engines/probes/contrast.py, measures it)."""
    texts = (doc.probes.get("contrast") or {}).get("texts") or {}
    if not texts:
        return
    for element in doc.body.find_all(attrs={"data-uu-i": True}):
        try:
            measured = texts.get(int(element["data-uu-i"]))
        except (TypeError, ValueError):
            continue
        if not measured or float(measured["worst"]) >= float(measured["required"]):
            continue
        if gradient_failure(doc, element) is not None:
            continue  # html-contrast-gradient already reports it, with the gradient's colours
        yield ctx.violation(Location(selector=selector(element), snippet=snippet(element),
                                     context=heading_context(element)),
                            ratio=f"{float(measured['worst']):.1f}", required=f"{float(measured['required']):g}",
                            char=str(measured.get("char", "")))
