"""Structure rules: headings, fake headings, hand-typed lists, walls of text, presentational markup.

These are the barriers a teacher makes in a rich-text editor (Canvas, Moodle, itslearning):
text made to *look* like a heading or a list without being one, so a screen reader user
cannot jump between sections or hear "list, 4 items". axe-core checks the markup that exists
(heading-order, empty headings); these rules look for structure that is only visual.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import NavigableString, Tag

from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet, visible_text
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")

#: Words of text below which "this page has no headings" is not worth saying.
NO_HEADINGS_MIN_WORDS = 250
NO_HEADINGS_MIN_BLOCKS = 4
#: A run of this many paragraphs (and words) with no heading, list, table or figure between.
WALL_MIN_PARAGRAPHS = 8
WALL_MIN_WORDS = 500
#: A "fake heading" paragraph is at most this long.
FAKE_HEADING_MAX_CHARS = 80
FAKE_HEADING_MAX_WORDS = 10


def heading_level(element: Tag) -> int | None:
    """1..6 for h1-h6 and role=heading (aria-level, default 2), else None."""
    if element.name in HEADING_TAGS:
        role = str(element.get("role", "")).strip().lower()
        if role in ("presentation", "none"):
            return None
        return int(element.name[1])
    if str(element.get("role", "")).strip().lower() == "heading":
        try:
            return max(1, min(9, int(str(element.get("aria-level", "2")).strip())))
        except ValueError:
            return 2
    return None


def headings(doc: HtmlDocument) -> list[tuple[Tag, int]]:
    """Visible headings of the content, in document order."""
    found = []
    for element in doc.body.find_all(True):
        level = heading_level(element)
        if level is not None and not doc.is_hidden(element):
            found.append((element, level))
    return found


def _is_fragment(doc: HtmlDocument, ctx: CheckContext) -> bool:
    is_fragment = getattr(doc, "is_fragment", None)
    if callable(is_fragment):
        return bool(is_fragment(ctx.options))
    choice = str(ctx.options.get("fragment", "auto")).lower()
    return doc.fragment if choice == "auto" else choice in ("yes", "true", "1")


def _location(element: Tag) -> Location:
    return Location(selector=selector(element), snippet=snippet(element), context=heading_context(element))


_SKIP_TEXT = ("script", "style", "noscript", "template", "svg", "math", "head", "title")


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}", text))


def text_blocks(doc: HtmlDocument) -> list[Tag]:
    """Paragraph-like blocks that carry running text: p, and div/td with direct text."""
    blocks = []
    for element in doc.body.find_all(["p", "div", "blockquote"]):
        if element.find_parent(_SKIP_TEXT) or doc.is_hidden(element):
            continue
        if element.name == "p" or any(isinstance(c, NavigableString) and c.strip() for c in element.children):
            if element.name != "p" and element.find(["p", "div", "ul", "ol", "table"]):
                continue
            if visible_text(element):
                blocks.append(element)
    return blocks


# ---------------------------------------------------------------------------------------------
# Headings


@check("html-no-headings", engine="html")
def no_headings(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Long content with no headings at all: nobody can skim it or jump to a section."""
    if headings(doc):
        return
    blocks = text_blocks(doc)
    words = sum(_words(visible_text(b)) for b in blocks)
    if words >= NO_HEADINGS_MIN_WORDS and len(blocks) >= NO_HEADINGS_MIN_BLOCKS:
        yield ctx.review(Location(selector="body", context=None), words=words, blocks=len(blocks))


@check("html-heading-skip", engine="html")
def heading_skip(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A heading more than one level below the one before it (h2 followed by h4)."""
    previous: int | None = None
    for element, level in headings(doc):
        if previous is not None and level > previous + 1:
            yield ctx.violation(_location(element), level=f"h{level}", previous=f"h{previous}",
                                text=visible_text(element)[:60])
        previous = level


@check("html-heading-start", engine="html")
def heading_start(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """The first heading is deeper than the content needs: a page should start at h1 (h2 at
    most, under a site header); LMS content sits under the platform's h1 and starts at h2
    (h3 at most)."""
    found = headings(doc)
    if not found:
        return
    element, level = found[0]
    fragment = _is_fragment(doc, ctx)
    deepest = 3 if fragment else 2
    if level > deepest:
        expected = "h2" if fragment else "h1"
        yield ctx.violation(_location(element), key="fragment" if fragment else "default",
                            level=f"h{level}", expected=expected, text=visible_text(element)[:60])


# ---------------------------------------------------------------------------------------------
# Fake headings


_END_PUNCT = re.compile(r"[.,;!?…]$|[:]\s*\S")


def _bold(doc: HtmlDocument, element: Tag) -> bool:
    style = doc.style(element)
    if style is not None:
        return int(style.get("fontWeight") or 400) >= 600
    return element.name in ("b", "strong") or "bold" in str(element.get("style", "")).lower()


def _font_size(doc: HtmlDocument, element: Tag) -> float:
    style = doc.style(element)
    return float(style.get("fontSize") or 0) if style else 0.0


def _text_children(element: Tag) -> list[Tag | NavigableString]:
    return [c for c in element.children
            if not (isinstance(c, NavigableString) and not c.strip()) and not (isinstance(c, Tag) and c.name == "br")]


def _all_bold(doc: HtmlDocument, element: Tag) -> bool:
    """Every piece of text in the paragraph is bold (the paragraph or one wrapping b/strong)."""
    if doc.rendered and _bold(doc, element):
        return True
    children = _text_children(element)
    if len(children) != 1 or not isinstance(children[0], Tag):
        return False
    child = children[0]
    if child.name in ("b", "strong") or (child.name == "span" and _bold(doc, child)):
        return True
    if child.name in ("span", "u", "em", "i", "font"):
        return _all_bold(doc, child)
    return False


def _next_text_block(element: Tag) -> Tag | None:
    sibling = element.find_next_sibling(True)
    while sibling is not None and sibling.name == "br":
        sibling = sibling.find_next_sibling(True)
    return sibling


@check("html-fake-heading", engine="html")
def fake_heading(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A short paragraph alone on its line, bold or clearly larger than the text, with running
    text after it: it looks like a heading but a screen reader does not know it is one."""
    body_size = _body_font_size(doc)
    for paragraph in doc.body.find_all("p"):
        if doc.is_hidden(paragraph) or paragraph.find_parent(["li", "td", "th", "table", "button", "a", "label",
                                                              "figcaption", "blockquote", "nav", "header",
                                                              "footer"]):
            continue
        if paragraph.find(["img", "a", "input", "button", "select", "textarea", "svg", "video", "iframe"]):
            continue
        text = visible_text(paragraph)
        if not text or len(text) > FAKE_HEADING_MAX_CHARS or len(text.split()) > FAKE_HEADING_MAX_WORDS:
            continue
        if _END_PUNCT.search(text) or not re.search(r"[^\W\d_]{2,}", text):
            continue
        following = _next_text_block(paragraph)
        if following is None or following.name not in ("p", "ul", "ol", "table", "div"):
            continue
        following_text = visible_text(following)
        if len(following_text) < max(40, len(text) + 10):
            continue
        bold = _all_bold(doc, paragraph)
        larger = doc.rendered and body_size > 0 and _font_size(doc, paragraph) >= body_size * 1.2 and \
            _font_size(doc, paragraph) > _font_size(doc, following) * 1.15
        if following.name == "p" and _all_bold(doc, following):
            continue  # a run of bold paragraphs is emphasis, not a heading
        if bold or larger:
            yield ctx.violation(_location(paragraph), text=text[:60])


def _body_font_size(doc: HtmlDocument) -> float:
    """The most common font size of paragraphs (rendered), 0 when unknown."""
    sizes: dict[float, int] = {}
    for paragraph in doc.body.find_all("p"):
        size = _font_size(doc, paragraph)
        if size:
            sizes[size] = sizes.get(size, 0) + len(visible_text(paragraph))
    return max(sizes, key=sizes.get) if sizes else 0.0


# ---------------------------------------------------------------------------------------------
# Lists typed by hand


_BULLET = re.compile(r"^\s*([-*•·–—○▪►✓o])\s+\S")
_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]\s+\S")
_LETTER = re.compile(r"^\s*([a-zA-Z])\)\s+\S")


def _marker(line: str) -> tuple[str, int | str] | None:
    """('bullet', '-') / ('number', 3) / ('letter', 'c') for a line that starts like a list item."""
    match = _BULLET.match(line)
    if match:
        return ("bullet", match.group(1))
    match = _NUMBER.match(line)
    if match:
        return ("number", int(match.group(1)))
    match = _LETTER.match(line)
    if match:
        return ("letter", match.group(1).lower())
    return None


def _is_run(markers: list[tuple[str, int | str]]) -> bool:
    """Two or more list-like lines that belong together: same bullet, or counting 1, 2, 3 / a, b, c."""
    if len(markers) < 2:
        return False
    kinds = {m[0] for m in markers}
    if len(kinds) != 1:
        return False
    kind = markers[0][0]
    values = [m[1] for m in markers]
    if kind == "bullet":
        return len(set(values)) == 1
    if kind == "number":
        return all(int(b) == int(a) + 1 for a, b in zip(values, values[1:]))
    return all(ord(str(b)) == ord(str(a)) + 1 for a, b in zip(values, values[1:]))


def _lines(element: Tag) -> list[str]:
    """The lines of a block split at <br>."""
    lines, current = [], []
    for node in element.descendants:
        if isinstance(node, Tag) and node.name == "br":
            lines.append("".join(current))
            current = []
        elif type(node) is NavigableString and node.parent is not None and node.parent.name not in _SKIP_TEXT:
            current.append(str(node))
    lines.append("".join(current))
    return [re.sub(r"\s+", " ", line).strip() for line in lines if line.strip()]


@check("html-fake-list", engine="html")
def fake_list(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """List items typed by hand ("- ", "• ", "1. ", "a) ") in consecutive paragraphs or lines
    split with <br>: a screen reader does not say it is a list or how many items it has."""
    reported: set[int] = set()
    for block in doc.body.find_all(["p", "div"]):
        if id(block) in reported or doc.is_hidden(block) or block.find_parent(["li", "pre", "code"]):
            continue
        if block.name == "div" and block.find(["p", "div", "ul", "ol", "table"]):
            continue
        # lines within one block (<br>)
        lines = _lines(block)
        markers = [_marker(line) for line in lines]
        if _longest_run(markers) >= 2:
            reported.add(id(block))
            yield ctx.violation(_location(block), text=lines[0][:60])
            continue
        # consecutive paragraphs
        if block.name != "p" or _marker(visible_text(block)) is None:
            continue
        previous = block.find_previous_sibling(True)
        if previous is not None and previous.name == "p" and _marker(visible_text(previous)) is not None:
            continue  # not the start of a run
        run = [block]
        sibling = block.find_next_sibling(True)
        while sibling is not None and sibling.name == "p" and _marker(visible_text(sibling)) is not None:
            run.append(sibling)
            sibling = sibling.find_next_sibling(True)
        markers = [_marker(visible_text(p)) for p in run]
        if _longest_run(markers) >= 2:
            for p in run:
                reported.add(id(p))
            yield ctx.violation(_location(block), text=visible_text(block)[:60])


def _longest_run(markers: list[tuple[str, int | str] | None]) -> int:
    best = 0
    run: list[tuple[str, int | str]] = []
    for marker in markers:
        if marker is not None and (not run or _is_run(run + [marker])):
            run.append(marker)
        else:
            run = [marker] if marker is not None else []
        if len(run) >= 2:
            best = max(best, len(run))
    return best


# ---------------------------------------------------------------------------------------------
# Walls of text


@check("html-long-unstructured", engine="html")
def long_unstructured(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A long run of paragraphs with no heading, list, table or figure to break it up: hard to
    read for people with dyslexia or concentration difficulties, and hard to navigate. Pages
    with no headings at all are reported by html-no-headings instead."""
    if not headings(doc):
        return
    run: list[Tag] = []
    words = 0
    breakers = set(HEADING_TAGS) | {"ul", "ol", "dl", "table", "figure", "img", "hr", "pre", "blockquote",
                                    "video", "iframe"}
    for element in doc.body.find_all(True):
        if element.name in breakers or heading_level(element) is not None:
            if len(run) >= WALL_MIN_PARAGRAPHS and words >= WALL_MIN_WORDS:
                yield ctx.review(_location(run[0]), paragraphs=len(run), words=words)
            run, words = [], 0
        elif element.name == "p" and not doc.is_hidden(element) and not element.find_parent(["li", "table"]):
            text = visible_text(element)
            if text:
                run.append(element)
                words += _words(text)
    if len(run) >= WALL_MIN_PARAGRAPHS and words >= WALL_MIN_WORDS:
        yield ctx.review(_location(run[0]), paragraphs=len(run), words=words)


# ---------------------------------------------------------------------------------------------
# Presentational markup


#: Obsolete presentational elements (blink and marquee are axe-core's rules).
DEPRECATED = {"font", "center", "big", "tt", "strike", "basefont", "u"}


@check("html-deprecated-element", engine="html")
def deprecated_element(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Obsolete presentational elements (font, center, big, tt, strike, u): they carry look, not
    meaning, and <u> makes text look like a link. One finding per element type."""
    seen: dict[str, list[Tag]] = {}
    for element in doc.body.find_all(list(DEPRECATED)):
        if not visible_text(element) or doc.is_hidden(element):
            continue
        seen.setdefault(element.name, []).append(element)
    for name, elements in seen.items():
        yield ctx.violation(_location(elements[0]), key="underline" if name == "u" else "default",
                            element=f"<{name}>", count=len(elements))


@check("html-bold-italic", engine="html")
def bold_italic(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """<b> and <i> inside running text: if the bold or italic carries meaning (a warning, a key
    term), a screen reader does not convey it; <strong>/<em> do. One finding per page."""
    used = [e for e in doc.body.find_all(["b", "i"])
            if visible_text(e) and not doc.is_hidden(e) and e.parent is not None
            and e.parent.name in ("p", "li", "td", "dd", "span", "div")
            and len(visible_text(e.parent)) > len(visible_text(e)) + 20
            and not e.find_parent(["button", "a", "label", "h1", "h2", "h3", "h4", "h5", "h6"])]
    # an <i> holding an icon font has no text; those were left out above
    if used:
        yield ctx.review(_location(used[0]), count=len(used), element=f"<{used[0].name}>")
