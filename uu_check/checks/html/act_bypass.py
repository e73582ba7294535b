"""WCAG 2.4.1 Bypass Blocks (ACT cf77f2 and its parts 047fe0, b40fd1, ye5d6e, 3e12e1): a whole
page that opens with a block repeated on every page of a site (navigation, a sidebar, a header,
a bar of links) and gives keyboard and screen-reader users no way past it.

A page passes when it has any one of the four ways past such a block:

- a heading where the main content is (outside the navigation, sidebar, header and footer),
  visible and heard (not aria-hidden, not pushed off screen);
- a main landmark (<main> or role=main) that is not hidden;
- a skip link before the main content whose target exists and lands past the block (the next
  text or control after the target is not inside the block);
- a control before the main content that may collapse the block (a button, a summary, a link
  that runs a script, or anything with onclick / aria-controls / aria-expanded): whether it
  works cannot be known without pressing it, so it is trusted.

The rule is precise on purpose (a violation, so every false alarm costs): it speaks only when
the page *begins* with the block (nothing but links and controls before it), when there is real
text after it, and never on a fragment of an LMS page, where the platform's theme provides the
landmarks and skip links. In static mode, visibility is approximated (no off-screen test).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from bs4 import NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from uu_check.checks.html.act_accname import is_visually_hidden, role_of
from uu_check.checks.html.links import accessible_name, document_format
from uu_check.checks.html.structure import heading_level
from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

#: Landmarks of content repeated on every page of a site (what a skip mechanism must get past).
_REPEATED_LANDMARKS = frozenset({"navigation", "complementary", "banner", "search"})
#: Elements that scope <header>/<footer>: inside them they are not banner/contentinfo landmarks.
_SECTIONING = ("article", "aside", "main", "nav", "section")
_NO_TEXT = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "math"})
_CONTROL_TAGS = frozenset({"a", "button", "input", "select", "textarea", "summary", "label"})
_CONTROL_ROLES = frozenset({"link", "button", "menuitem", "tab", "checkbox", "switch", "option"})
#: Text with a letter or digit: separators between links ("|", "·", "»") are not content.
_MEANINGFUL = re.compile(r"\w")
#: Script that moves to a place on the page: location.assign('#x'), location.href = '#x',
#: location.hash = 'x', document.getElementById('x').focus() / .scrollIntoView().
_SCRIPT_TARGETS = (
    re.compile(r"location(?:\.href)?\s*=\s*['\"][^'\"#]*#([^'\"]+)['\"]"),
    re.compile(r"location\.(?:assign|replace)\(\s*['\"][^'\"#]*#([^'\"]+)['\"]"),
    re.compile(r"location\.hash\s*=\s*['\"]#?([^'\"]+)['\"]"),
    re.compile(r"getElementById\(\s*['\"]([^'\"]+)['\"]\s*\)\s*\.\s*(?:focus|scrollIntoView)\b"),
)
#: Links in a group with no other text (a menu bar, a table of contents) that make it a block.
#: A group made mostly of links to files (PDF, Word) is a list of resources, not navigation.
_MIN_GROUP_LINKS = 2


@dataclass(frozen=True, slots=True)
class _Unit:
    """One thing a reader meets, in document order: a piece of text or a control."""

    position: int
    element: Tag  # the text's parent, or the control itself
    control: bool  # a control, or text inside one


def _explicit_role(element: Tag) -> str:
    tokens = str(element.get("role", "")).strip().lower().split()
    return tokens[0] if tokens else ""


def landmark(element: Tag) -> str:
    """The landmark role of an element ('' for none): explicit role, else the implicit one."""
    explicit = _explicit_role(element)
    if explicit:
        return explicit
    name = element.name
    if name == "nav":
        return "navigation"
    if name == "aside":
        return "complementary"
    if name == "main":
        return "main"
    if name in ("header", "footer") and element.find_parent(_SECTIONING) is None:
        return "banner" if name == "header" else "contentinfo"
    if name == "search":
        return "search"
    return ""


def _rendered_hidden(doc: HtmlDocument, element: Tag) -> bool:
    """Hidden from everyone by this element itself (ancestors are checked by the walk)."""
    style = doc.style(element)
    if style is not None:
        return style.get("display") == "none" or style.get("visibility") in ("hidden", "collapse")
    if element.has_attr("hidden") or (element.name == "input" and str(element.get("type", "")).lower() == "hidden"):
        return True
    return "display:none" in str(element.get("style", "")).replace(" ", "").lower()


def _is_control(element: Tag) -> bool:
    if element.name in _CONTROL_TAGS or _explicit_role(element) in _CONTROL_ROLES:
        return True
    tabindex = element.get("tabindex")
    return element.has_attr("onclick") or (tabindex is not None and str(tabindex).strip() != "-1")


class _Page:
    """The page in reading order: element positions and subtree ends, units, repeated blocks."""

    def __init__(self, doc: HtmlDocument) -> None:
        self.doc = doc
        self.position: dict[int, int] = {}
        self.end: dict[int, int] = {}  # id(element) -> position of its last descendant
        self.elements: list[Tag] = []  # shown elements in document order
        self.units: list[_Unit] = []
        self._walk(doc.body)
        self.blocks: list[Tag] = self._blocks()
        self._starts = [self.position[id(b)] for b in self.blocks]

    def _walk(self, root: Tag) -> None:
        """Number every shown element and collect text and controls (skipping hidden subtrees)."""
        counter = 0
        stack: list[tuple[Tag | NavigableString | None, bool, Tag | None]] = [(root, False, None)]
        while stack:
            node, in_control, closing = stack.pop()
            if closing is not None:
                self.end[id(closing)] = counter
                continue
            counter += 1
            if isinstance(node, Tag):
                if node.name in _NO_TEXT or (node is not root and _rendered_hidden(self.doc, node)):
                    continue
                self.position[id(node)] = counter
                self.elements.append(node)
                is_control = _is_control(node)
                if is_control and node.name != "label":
                    self.units.append(_Unit(counter, node, True))
                stack.append((None, False, node))
                for child in reversed(node.contents):
                    stack.append((child, in_control or is_control, None))
            elif isinstance(node, NavigableString) and not isinstance(
                    node, (Comment, Declaration, Doctype, ProcessingInstruction)):
                parent = node.parent
                if isinstance(parent, Tag) and parent.name not in _NO_TEXT and _MEANINGFUL.search(str(node)):
                    self.units.append(_Unit(counter, parent, in_control))

    def inside(self, element: Tag, ancestor: Tag) -> bool:
        """Is element the ancestor or one of its descendants (both shown)?"""
        at, start = self.position.get(id(element)), self.position.get(id(ancestor))
        return at is not None and start is not None and start <= at <= self.end.get(id(ancestor), start)

    def _blocks(self) -> list[Tag]:
        """Outermost repeated-content blocks: landmarks, and groups made only of links."""
        links: dict[int, int] = {}
        files: dict[int, int] = {}
        loose: set[int] = set()  # elements with text (or a button, a field) outside any link
        for unit in self.units:
            element = unit.element
            if element.name == "a" or _explicit_role(element) == "link":
                if unit.position != self.position.get(id(element)):
                    continue  # the link's own text: the link itself is counted once
                is_file = bool(document_format(str(element.get("href", ""))))
                for node in element.parents:
                    links[id(node)] = links.get(id(node), 0) + 1
                    files[id(node)] = files.get(id(node), 0) + is_file
            elif not unit.control or not any(p.name == "a" or _explicit_role(p) == "link" for p in element.parents):
                for node in [element, *element.parents]:
                    if id(node) in loose:
                        break
                    loose.add(id(node))
        found: list[Tag] = []
        control_positions = [u.position for u in self.units if u.control]
        for element in self.elements:  # document order: a block's descendants follow it
            if found and self.inside(element, found[-1]):
                continue
            role = landmark(element)
            if role == "banner":
                start, stop = self.position[id(element)], self.end.get(id(element), 0)
                index = bisect_left(control_positions, start)
                if index == len(control_positions) or control_positions[index] > stop:
                    continue  # a header with only a title and text is the page's own content
            if role in _REPEATED_LANDMARKS or role == "contentinfo":
                found.append(element)
            elif (role != "main" and element.name not in ("main", "html", "body")
                  and links.get(id(element), 0) >= _MIN_GROUP_LINKS and id(element) not in loose
                  and files.get(id(element), 0) * 2 <= links[id(element)]):
                found.append(element)
        return found

    def block_of(self, element: Tag) -> Tag | None:
        """The repeated block an element is in, if any (blocks are disjoint and in order)."""
        at = self.position.get(id(element))
        if at is None:
            return None
        index = bisect_right(self._starts, at) - 1
        if index >= 0 and self.inside(element, self.blocks[index]):
            return self.blocks[index]
        return None


def _fragment_target(doc: HtmlDocument, element: Tag) -> str | None:
    """The id an in-page link or scripted control moves to, if it is one."""
    href = element.get("href")
    if href is not None and element.name in ("a", "area"):
        href = str(href).strip()
        parts = urlsplit(href)
        if parts.fragment and (not href.split("#", 1)[0] or _same_page(doc.url, href)):
            return unquote(parts.fragment)
    script = str(element.get("onclick", ""))
    for pattern in _SCRIPT_TARGETS:
        match = pattern.search(script)
        if match:
            return unquote(match.group(1))
    return None


def _same_page(page_url: str, href: str) -> bool:
    page, link = urlsplit(page_url or ""), urlsplit(href)
    if link.scheme and (link.scheme, link.netloc) != (page.scheme, page.netloc):
        return False
    return bool(link.path) and page.path.endswith(link.path.lstrip("./") or "\0")


def _may_collapse(element: Tag) -> bool:
    """A control that may show or hide a block: trusted, since only pressing it would tell."""
    if role_of(element) == "button" or element.name == "summary":
        return True
    if any(element.has_attr(a) for a in ("onclick", "aria-controls", "aria-expanded")):
        return True
    href = str(element.get("href", "")).strip().lower()
    return element.name == "a" and (href == "#" or href.startswith("javascript:"))


def _in_main_content(page: _Page, element: Tag) -> bool:
    """Outside every repeated block; a heading in a site header counts too (unless it sits in
    the header's navigation or sidebar): jumping to it gets past the header's links."""
    block = page.block_of(element)
    if block is None:
        return True
    if landmark(block) != "banner":
        return False
    for parent in element.parents:
        if parent is block:
            return True
        if landmark(parent) in ("navigation", "complementary", "search"):
            return False
    return True


def _visible_heading(doc: HtmlDocument, element: Tag) -> bool:
    if heading_level(element) is None or doc.is_hidden(element) or is_visually_hidden(doc, element):
        return False
    return bool(accessible_name(element, doc))


def _opens_with_own_text(doc: HtmlDocument) -> bool:
    """Is the first shown text of the page outside any link, control and repeated landmark?"""
    for text in doc.body.descendants:  # lazily: only the page's first words are read
        if not isinstance(text, NavigableString) or isinstance(
                text, (Comment, Declaration, Doctype, ProcessingInstruction)) or not _MEANINGFUL.search(text):
            continue
        chain = [p for p in text.parents if isinstance(p, Tag) and p.name not in ("body", "html", "[document]")]
        if any(p.name in _NO_TEXT or _rendered_hidden(doc, p) for p in chain):
            continue
        return not any(_is_control(p) or landmark(p) in _REPEATED_LANDMARKS or landmark(p) == "contentinfo"
                       for p in chain)
    return False


@check("html-bypass-blocks", engine="html")
def bypass_blocks(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A page that begins with a repeated block and has no main landmark, no heading in its
    main content, no working skip link and no control to collapse the block."""
    if doc.is_fragment(ctx.options):
        return
    if _opens_with_own_text(doc):
        return  # most pages: a cheap look at the first words saves walking the whole page
    for element in doc.body.find_all(True):
        if landmark(element) == "main" and not doc.is_hidden(element):
            return
    page = _Page(doc)
    first_block: Tag | None = None
    main_start: _Unit | None = None
    for unit in page.units:
        block = page.block_of(unit.element)
        if first_block is None:
            if block is not None:
                if landmark(block) == "contentinfo":
                    return  # a page that opens with its footer is not one this rule understands
                first_block = block
            elif not unit.control:
                return  # the page begins with its own content
        elif block is None and not unit.control:
            main_start = unit
            break
    if first_block is None or main_start is None:
        return
    start = page.position[id(first_block)]
    for element in page.elements:
        if heading_level(element) is not None and page.position[id(element)] > start \
                and _in_main_content(page, element) and _visible_heading(doc, element):
            return
    for unit in page.units:
        if unit.position >= main_start.position:
            break
        if not unit.control or unit.element.name == "label":
            continue
        if _may_collapse(unit.element) or _skips_past(doc, page, unit.element):
            return
    yield ctx.violation(Location(selector=selector(first_block), snippet=snippet(first_block),
                                 context=heading_context(first_block)),
                        block=_describe(first_block))


def _skips_past(doc: HtmlDocument, page: _Page, control: Tag) -> bool:
    """An in-page link whose target exists, is shown, and from where the next text or control
    is not inside a repeated block."""
    target_id = _fragment_target(doc, control)
    if not target_id:
        return False
    target = doc.soup.find(id=target_id) or doc.soup.find("a", attrs={"name": target_id})
    if not isinstance(target, Tag) or id(target) not in page.position:
        return False
    at = page.position[id(target)]
    for unit in page.units:
        if unit.position >= at:
            return page.block_of(unit.element) is None
    return False


def _describe(block: Tag) -> str:
    role = landmark(block)
    return f"<{block.name}>" if not role or block.name in ("nav", "aside", "header") else f"<{block.name} role={role}>"
