"""Image rules axe-core does not catch: alt text that is there but says nothing (a file name, a
placeholder, the same words on many pictures), is far too long, repeats the text beside it,
does not say where a linked image goes, or images of text.

WCAG 1.1.1 Non-text Content: https://www.w3.org/WAI/WCAG22/Understanding/non-text-content
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from bs4 import Tag

from uu_check.checks.html.links import accessible_name
from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet, visible_text
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.alttext import MAX_ALT_LENGTH, is_file_name, is_placeholder, looks_generic

#: An alt this many times on different pictures says nothing about any of them.
REPEAT_LIMIT = 3


def _images(doc: HtmlDocument) -> list[tuple[Tag, str]]:
    """Visible, non-decorative images that have alt text: (element, alt)."""
    found = []
    for img in doc.body.find_all(["img", "input"]):
        if img.name == "input" and str(img.get("type", "")).lower() != "image":
            continue
        if str(img.get("role", "")).lower() in ("presentation", "none") or doc.is_hidden(img):
            continue
        alt = img.get("alt")
        if alt is None:
            continue  # no alt at all is axe's image-alt
        alt = re.sub(r"\s+", " ", str(alt)).strip()
        if alt:
            found.append((img, alt))
    return found


def _file_name(img: Tag) -> str:
    return unquote(urlsplit(str(img.get("src", ""))).path).rsplit("/", 1)[-1]


def _location(img: Tag) -> Location:
    return Location(selector=selector(img), snippet=snippet(img), context=heading_context(img))


def _only_content_of_link(img: Tag, doc: HtmlDocument) -> Tag | None:
    """The link an image alone makes up (no text beside it), else None."""
    link = img.find_parent("a")
    if link is None or not link.has_attr("href"):
        return None
    if visible_text(link) or link.get("aria-label") or link.get("aria-labelledby"):
        return None
    others = [i for i in link.find_all(["img", "svg"]) if i is not img]
    return None if others else link


def _is_file_name_alt(alt: str, img: Tag) -> bool:
    """A file name ('IMG_2041.jpg'), or the image's own file name without extension
    ('kart-oslo-2' for kart-oslo-2.png) when that looks machine-made."""
    if is_file_name(alt):
        return True
    stem = _file_name(img).rsplit(".", 1)[0]
    return bool(stem) and alt.lower() == stem.lower() and bool(re.search(r"[_\d]|-\w", stem)) and " " not in alt


@check("html-img-alt-filename", engine="html")
def alt_is_file_name(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Alt text like 'IMG_2041.jpg' is what editors insert when nobody wrote a description."""
    for img, alt in _images(doc):
        if _is_file_name_alt(alt, img) and _only_content_of_link(img, doc) is None:
            yield ctx.violation(_location(img), alt=alt)


@check("html-img-alt-placeholder", engine="html")
def alt_is_placeholder(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """'bilde', 'image', 'spacer', or the same short label on many different pictures."""
    images = _images(doc)
    by_alt: dict[str, set[str]] = defaultdict(set)
    for img, alt in images:
        by_alt[alt.lower()].add(str(img.get("src", "")))
    for img, alt in images:
        if _only_content_of_link(img, doc) is not None or _is_file_name_alt(alt, img):
            continue  # reported by html-img-link-alt / html-img-alt-filename
        if is_placeholder(alt):
            yield ctx.violation(_location(img), alt=alt)
            continue
        sources = by_alt[alt.lower()]
        if len(sources) >= REPEAT_LIMIT or (len(sources) >= 2 and looks_generic(alt)):
            yield ctx.violation(_location(img), key="repeated", alt=alt, count=len(sources))


@check("html-img-alt-long", engine="html")
def alt_too_long(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Over ~150 characters a screen reader user cannot skim or re-read it: long descriptions
    belong in the text or a caption."""
    for img, alt in _images(doc):
        if len(alt) > MAX_ALT_LENGTH:
            yield ctx.review(_location(img), length=len(alt), alt=alt)


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _neighbour_texts(img: Tag) -> list[str]:
    """The caption and the text right beside an image (previous/next sibling block or text)."""
    texts: list[str] = []
    figure = img.find_parent("figure")
    if figure is not None:
        caption = figure.find("figcaption")
        if caption is not None:
            texts.append(visible_text(caption))
    anchor = img
    while anchor.parent is not None and anchor.parent.name in ("a", "span", "picture", "p", "div") and len(
            [c for c in anchor.parent.children if not (isinstance(c, str) and not c.strip())]) == 1:
        anchor = anchor.parent
    for step in ("previous_sibling", "next_sibling"):
        sibling = getattr(anchor, step)
        while sibling is not None and isinstance(sibling, str) and not sibling.strip():
            sibling = getattr(sibling, step)
        if sibling is None:
            continue
        texts.append(visible_text(sibling) if isinstance(sibling, Tag) else str(sibling).strip())
    return [t for t in texts if t]


@check("html-img-alt-redundant", engine="html")
def alt_repeats_text(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Alt equal to the caption or the sentence beside it: screen reader users hear it twice.
    (Alt repeating the text of its own link or button is axe's image-redundant-alt.)"""
    for img, alt in _images(doc):
        wanted = _norm(alt)
        if len(wanted.split()) < 2:
            continue
        if any(_norm(text) == wanted for text in _neighbour_texts(img)):
            yield ctx.violation(_location(img), alt=alt)


_DESCRIBES_PICTURE = re.compile(
    r"^(?:et |eit |ett )?(?:bilde|bilete|foto|fotografi|illustrasjon|skjermbilde|ikon|logo)(?: av| som viser| med)?\b|"
    r"^(?:an? |the )?(?:image|picture|photo|photograph|illustration|screenshot|icon|logo)(?: of| showing| with)?\b",
    re.IGNORECASE,
)


@check("html-img-link-alt", engine="html")
def linked_image_alt(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """An image that is the whole link must say where the link goes, not what the file is."""
    for img, alt in _images(doc):
        link = _only_content_of_link(img, doc)
        if link is None:
            continue
        name = accessible_name(link, doc)
        if _is_file_name_alt(alt, img):
            yield ctx.violation(_location(img), key="filename", alt=alt)
        elif is_placeholder(alt):
            yield ctx.violation(_location(img), alt=alt)
        elif _DESCRIBES_PICTURE.match(alt) and name == alt:
            yield ctx.review(_location(img), key="describes", alt=alt)


_TEXT_IMAGE_NAMES = re.compile(
    r"(?:^|[\W_])(?:tekst|text|skjermbilde|skjermdump|skjermbilete|screenshot|screen[\W_]?shot|"
    r"utklipp|snip|clip(?:board)?|scan|skann|lysbilde|slide|plakat|poster|sitat|quote|"
    r"infografikk|infographic|oppgave|oppgåve|exercise|tabell|table|formel|formula|banner)(?:[\W_]|\d|$)",
    re.IGNORECASE,
)


def _size(img: Tag, doc: HtmlDocument) -> tuple[int, int]:
    """The larger of the rendered size (browser mode) and the width/height attributes: an image
    that failed to load renders small, but its attributes still say how big it is meant to be."""
    def number(value: object) -> int:
        match = re.match(r"\s*(\d+)", str(value or ""))
        return int(match.group(1)) if match else 0

    style = doc.style(img) or {}
    return (max(number(style.get("w")), number(img.get("width"))),
            max(number(style.get("h")), number(img.get("height"))))


#: SVG elements that draw something other than text; their presence makes an SVG a drawing
#: (a chart, an icon, a diagram with labels), not text set as a picture.
_SVG_DRAWING = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "image", "use",
                "foreignObject", "pattern", "marker", "mask", "clipPath", "linearGradient", "radialGradient"}
_SVG_MAX_BYTES = 200_000


def _svg_source(img: Tag, doc: HtmlDocument) -> str | None:
    """The SVG markup an image shows: a data: URI, or a local .svg file beside a local page."""
    src = str(img.get("src", "")).strip()
    if src.lower().startswith("data:image/svg+xml"):
        header, _, data = src.partition(",")
        if ";base64" in header.lower():
            import base64
            import binascii
            try:
                return base64.b64decode(data[: _SVG_MAX_BYTES * 2]).decode("utf-8", "replace")
            except (binascii.Error, ValueError):
                return None
        return unquote(data)[:_SVG_MAX_BYTES]
    if not src.lower().split("?")[0].split("#")[0].endswith(".svg") or not doc.url.startswith("file:"):
        return None
    from pathlib import Path
    from urllib.parse import urljoin

    target = urljoin(doc.url, src)
    if not target.startswith("file:"):
        return None
    path = Path(unquote(urlsplit(target).path))
    try:
        if not path.is_file() or path.stat().st_size > _SVG_MAX_BYTES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def svg_text_only(markup: str) -> str | None:
    """The words of an SVG that draws nothing but text (None for a drawing or no words)."""
    from bs4 import BeautifulSoup

    try:
        svg = BeautifulSoup(markup, "xml")
    except Exception:  # noqa: BLE001 - a broken SVG is simply not judged
        return None
    root = svg.find("svg")
    if root is None or any(el.name in _SVG_DRAWING for el in root.find_all(True)):
        return None
    words = " ".join(t.get_text(" ", strip=True) for t in root.find_all("text"))
    return words if re.search(r"[^\W\d_]{2,}", words) else None


@check("html-img-of-text", engine="html")
def image_of_text(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Images of text cannot be enlarged, recoloured or read aloud well (1.4.5). We cannot read
    pixels, so a person is asked to look when the file name or the alt points to text; an SVG
    picture that draws nothing but text is decided (its text could have been page text)."""
    for img, alt in _images(doc):
        svg = _svg_source(img, doc)
        words = svg_text_only(svg) if svg else None
        if words:
            yield ctx.violation(_location(img), key="svgtext", text=words[:60])
            continue
        name = _file_name(img)
        width, height = _size(img, doc)
        sentence_alt = len(re.findall(r"\w+", alt)) >= 12 and bool(re.search(r"[.:!?]\s", alt + " "))
        if _TEXT_IMAGE_NAMES.search(name.rsplit(".", 1)[0]):
            yield ctx.review(_location(img), key="filename", name=name)
        elif sentence_alt and width >= 300 and height >= 80:
            yield ctx.review(_location(img), key="sentences", name=name)
