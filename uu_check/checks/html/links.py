"""Link rules axe-core does not catch: link text that says nothing ('klikk her', 'les mer'),
a raw URL as link text, two links side by side to the same place, new windows without warning,
and links to documents that do not say the format.

WCAG 2.4.4 Link Purpose (In Context): https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from bs4 import NavigableString, Tag

from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet, visible_text
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.linktext import is_generic_link_text, is_raw_url

#: Elements whose content is never read as text.
_SKIP = {"script", "style", "template", "noscript"}
#: Blocks that give a link its programmatically determined context (2.4.4 "in context").
_CONTEXT_BLOCKS = ("p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "caption")


def links(doc: HtmlDocument) -> list[Tag]:
    """Every visible link: a[href] (HTML and SVG) and elements with role=link."""
    found = [el for el in doc.body.find_all(True)
             if (el.name == "a" and (el.has_attr("href") or el.has_attr("xlink:href")))
             or str(el.get("role", "")).strip().lower() == "link"]
    return [el for el in found if not doc.is_hidden(el)]


def _text_with_alts(element: Tag, doc: HtmlDocument) -> str:
    """Text content plus the alt of images inside, in reading order, skipping hidden parts."""
    parts: list[str] = []
    for node in element.descendants:
        if isinstance(node, NavigableString):
            parent = node.parent
            if parent is None or parent.name in _SKIP or type(node) is not NavigableString:
                continue
            if _hidden_within(parent, element, doc):
                continue
            parts.append(str(node))
        elif isinstance(node, Tag) and node.name in ("img", "area") or (
                isinstance(node, Tag) and node.name == "input" and str(node.get("type", "")).lower() == "image"):
            if not _hidden_within(node, element, doc):
                parts.append(" " + str(node.get("aria-label") or node.get("alt") or "") + " ")
        elif isinstance(node, Tag) and node.name == "svg" and not _hidden_within(node, element, doc):
            label = node.get("aria-label")
            if label:
                parts.append(" " + str(label) + " ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _hidden_within(node: Tag, root: Tag, doc: HtmlDocument) -> bool:
    current: Tag | None = node
    while isinstance(current, Tag) and current is not root:
        if str(current.get("aria-hidden", "")).lower() == "true" or current.has_attr("hidden"):
            return True
        style = doc.style(current)
        if style is not None and (style.get("display") == "none" or style.get("visibility") == "hidden"):
            return True
        current = current.parent
    return False


def _by_ids(doc: HtmlDocument, ids: str) -> str:
    texts = []
    for element_id in ids.split():
        target = doc.soup.find(id=element_id)
        if isinstance(target, Tag):
            texts.append(_text_with_alts(target, doc))
    return " ".join(t for t in texts if t).strip()


def accessible_name(link: Tag, doc: HtmlDocument) -> str:
    """The name a screen reader announces: aria-labelledby, aria-label, the content (text and
    image alts), and the title attribute only as a last resort."""
    labelledby = str(link.get("aria-labelledby", "")).strip()
    if labelledby:
        name = _by_ids(doc, labelledby)
        if name:
            return name
    label = str(link.get("aria-label", "")).strip()
    if label:
        return label
    name = _text_with_alts(link, doc)
    if name:
        return name
    return str(link.get("title", "")).strip()


def _description(link: Tag, doc: HtmlDocument) -> str:
    """Everything a user can learn about a link without following it: name, title, describedby."""
    parts = [accessible_name(link, doc), _text_with_alts(link, doc), str(link.get("title", ""))]
    describedby = str(link.get("aria-describedby", "")).strip()
    if describedby:
        parts.append(_by_ids(doc, describedby))
    return " ".join(p for p in parts if p)


def _href(link: Tag) -> str:
    return str(link.get("href") or link.get("xlink:href") or "").strip()


def _location(link: Tag) -> Location:
    return Location(selector=selector(link), snippet=snippet(link), context=heading_context(link))


_INLINE = ("span", "strong", "em", "b", "i", "small", "mark", "u", "bdi", "q", "cite")


def _context_words(link: Tag) -> int:
    """How many words the link's sentence context (its paragraph, list item, cell, or the
    element right around it) has beside the link itself."""
    block = link.parent
    while isinstance(block, Tag) and block.name in _INLINE:
        block = block.parent
    if not isinstance(block, Tag) or block.name in ("body", "main", "html", "[document]"):
        return 0
    words_block = len(re.findall(r"\w+", visible_text(block)))
    words_link = len(re.findall(r"\w+", visible_text(link)))
    return max(0, words_block - words_link) if words_block <= 120 else 0


@check("html-link-text-generic", engine="html")
def generic_link_text(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """'klikk her', 'les mer', 'click here': fails 2.4.4 when nothing around the link tells
    where it goes; inside a sentence the context may carry it, so a person must look."""
    for link in links(doc):
        if str(link.get("aria-describedby", "")).strip():
            continue  # the description is programmatically determined context
        name = accessible_name(link, doc)
        if not name or not is_generic_link_text(name):
            continue
        if _context_words(link) >= 4:
            yield ctx.review(_location(link), key="in-context", text=name)
        else:
            yield ctx.violation(_location(link), text=name)


@check("html-link-text-url", engine="html")
def url_link_text(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A web address as link text is read letter by letter and says little about the target."""
    for link in links(doc):
        name = accessible_name(link, doc)
        if name and is_raw_url(name):
            yield ctx.violation(_location(link), text=name)


def _same_target(a: str, b: str) -> bool:
    return bool(a) and a.rstrip("/") == b.rstrip("/") and not a.startswith(("javascript:", "#"))


def _nothing_between(first: Tag, second: Tag) -> bool:
    """True when no text or image separates two links in reading order."""
    inside_first = {id(node) for node in first.descendants}
    for steps, node in enumerate(first.next_elements):
        if node is second:
            return True
        if steps > 80:
            return False
        if id(node) in inside_first:
            continue
        if isinstance(node, NavigableString):
            if type(node) is NavigableString and node.strip() and getattr(node.parent, "name", None) not in _SKIP:
                return False
        elif isinstance(node, Tag) and node.name in ("img", "svg", "input", "button", "video", "audio", "iframe"):
            return False
    return False


@check("html-link-adjacent-same", engine="html")
def adjacent_same_links(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """An image link and a text link side by side to the same place: keyboard and screen reader
    users meet the same link twice. Put the image and the text in one link."""
    all_links = [link for link in links(doc) if link.name == "a"]
    for first, second in zip(all_links, all_links[1:]):
        if first in second.parents or second in first.parents:
            continue
        if _same_target(_href(first), _href(second)) and _nothing_between(first, second):
            yield ctx.violation(_location(second), href=_href(second))


_NEW_WINDOW_WORDS = re.compile(
    r"nytt? (?:vindu|vindauge|fane)|ny fane|new (?:window|tab)|opens? in a new|external link|"
    r"åpnes i ny|opnast i ny|opnar i ny|åpner i ny|ekstern lenke|ekstern lenkje|eksternt nettsted|"
    r"\bnew-window\b|↗|⧉",
    re.IGNORECASE,
)


@check("html-link-new-window", engine="html")
def new_window_without_warning(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """target=_blank without a warning: the back button stops working and screen reader users
    can lose their place (WCAG technique G201)."""
    for link in links(doc):
        if str(link.get("target", "")).strip().lower() != "_blank" or not _href(link):
            continue
        described = _description(link, doc)
        if _NEW_WINDOW_WORDS.search(described):
            continue
        if any(_NEW_WINDOW_WORDS.search(" ".join(map(str, el.get("class", [])))) for el in [link, *link.find_all(True)]):
            continue  # an icon class such as "new-window" with a visible symbol
        yield ctx.violation(_location(link), text=accessible_name(link, doc) or _href(link))


#: File extensions of documents a browser may not show inline -> a readable format name.
DOCUMENT_FORMATS: dict[str, str] = {
    "pdf": "PDF", "doc": "Word", "docx": "Word", "odt": "ODT", "rtf": "RTF",
    "ppt": "PowerPoint", "pptx": "PowerPoint", "pps": "PowerPoint", "ppsx": "PowerPoint", "odp": "ODP",
    "xls": "Excel", "xlsx": "Excel", "ods": "ODS", "csv": "CSV", "epub": "EPUB", "zip": "ZIP",
    "key": "Keynote", "pages": "Pages", "numbers": "Numbers",
}
#: Words in a link that name a document format (any language).
_FORMAT_WORDS = re.compile(
    r"\b(?:pdf|docx?|word|odt|rtf|pptx?|ppsx?|powerpoint|presentasjon|odp|xlsx?|excel|regneark|"
    r"ods|csv|epub|zip|keynote|pages|numbers)\b",
    re.IGNORECASE,
)


def document_format(href: str) -> str | None:
    """'PDF' for '/files/plan.pdf?download=1', None for a page."""
    path = unquote(urlsplit(href).path).lower()
    match = re.search(r"\.([a-z0-9]{2,5})$", path)
    return DOCUMENT_FORMATS.get(match.group(1)) if match else None


@check("html-link-document-format", engine="html")
def document_link_format(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A link that opens a PDF, Word or PowerPoint file should say so (and the size): some
    users cannot open the format, and on a phone a large download costs."""
    for link in links(doc):
        href = _href(link)
        fmt = document_format(href)
        if fmt is None:
            continue
        if _FORMAT_WORDS.search(_description(link, doc)):
            continue
        yield ctx.violation(_location(link), text=accessible_name(link, doc) or href, format=fmt)

