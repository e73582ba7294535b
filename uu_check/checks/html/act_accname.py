"""Shared helpers for the ACT-derived rules: what is visible, what a screen reader gets as an
element's name, and which elements are widgets.

A simplified accessible-name computation (aria-labelledby, aria-label, native labels, alt,
content, title) over the rendered DOM snapshot: enough to compare names with what is on screen,
not a full implementation of the W3C algorithm. No checks live here.
"""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag

from uu_check.engines.html_model import HtmlDocument

#: Roles whose name can come from their content (WAI-ARIA "name from content") and that are widgets.
NAME_FROM_CONTENT_WIDGETS = frozenset({
    "button", "checkbox", "gridcell", "link", "menuitem", "menuitemcheckbox", "menuitemradio",
    "option", "radio", "switch", "tab", "treeitem",
})

_INLINE_DISPLAYS = ("inline", "inline-block", "inline-flex", "inline-grid", "contents", "")
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
                         "table", "tr", "td", "th", "blockquote", "pre", "header", "footer", "nav", "main",
                         "figure", "figcaption", "dl", "dt", "dd", "form", "fieldset", "address"})
_NO_TEXT = frozenset({"script", "style", "template", "noscript", "head", "title"})


def role_of(element: Tag) -> str:
    """Explicit role (first token) or the implicit role of the common elements."""
    explicit = str(element.get("role", "")).strip().lower().split()
    if explicit:
        return explicit[0]
    name = element.name
    if name == "a" or name == "area":
        return "link" if element.has_attr("href") else ""
    if name == "button" or name == "summary":
        return "button"
    if name == "input":
        kind = str(element.get("type", "text")).strip().lower()
        return {"button": "button", "submit": "button", "reset": "button", "image": "button",
                "checkbox": "checkbox", "radio": "radio", "range": "slider", "hidden": ""}.get(kind, "textbox")
    if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "heading"
    if name == "img":
        return "img" if element.get("alt", None) != "" else "presentation"
    if name == "select":
        return "combobox"
    if name == "textarea":
        return "textbox"
    if name == "option":
        return "option"
    return ""


def is_rendered_hidden(doc: HtmlDocument, element: Tag) -> bool:
    """display:none / visibility:hidden on the element (computed, so inherited where CSS is)."""
    style = doc.style(element)
    if style is None:
        if element.has_attr("hidden"):
            return True
        inline = str(element.get("style", "")).replace(" ", "").lower()
        return "display:none" in inline or "visibility:hidden" in inline
    return style.get("display") == "none" or style.get("visibility") in ("hidden", "collapse")


def is_visually_hidden(doc: HtmlDocument, element: Tag) -> bool:
    """Hidden on screen but not from screen readers: the 1 px clip pattern or off-screen."""
    style = doc.style(element)
    if style is None:
        return False
    if style.get("clipped") and (style.get("w", 0) <= 1 or style.get("h", 0) <= 1):
        return True
    if style.get("position") in ("absolute", "fixed") and (
            style.get("x", 0) + style.get("w", 0) < -100 or style.get("y", 0) + style.get("h", 0) < -100):
        return True
    if style.get("position") == "absolute" and style.get("w", 0) <= 1 and style.get("h", 0) <= 1:
        return True
    return False


def _is_block(doc: HtmlDocument, element: Tag) -> bool:
    style = doc.style(element)
    if style is not None:
        return str(style.get("display", "")) not in _INLINE_DISPLAYS
    return element.name in _BLOCK_TAGS or element.name == "br"


def visible_inner_text(doc: HtmlDocument, element: Tag) -> str:
    """The text a sighted person sees in an element (aria-hidden text counts: it is on screen)."""
    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                if child.name in _NO_TEXT or is_rendered_hidden(doc, child) or is_visually_hidden(doc, child):
                    continue
                if child.name == "br":
                    parts.append(" ")
                    continue
                block = _is_block(doc, child)
                if block:
                    parts.append(" ")
                walk(child)
                if block:
                    parts.append(" ")
            elif type(child) is NavigableString:
                parts.append(str(child))

    walk(element)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _by_id(doc: HtmlDocument, ident: str) -> Tag | None:
    found = doc.soup.find(id=ident)
    return found if isinstance(found, Tag) else None


def text_alternative(doc: HtmlDocument, element: Tag, *, from_content: bool = True, _depth: int = 0) -> str:
    """Simplified accessible name of an element."""
    if _depth > 4:
        return ""
    labelledby = str(element.get("aria-labelledby", "")).split()
    if labelledby and _depth == 0:
        texts = []
        for ident in labelledby:
            ref = _by_id(doc, ident)
            if ref is not None:
                texts.append(text_alternative(doc, ref, from_content=True, _depth=_depth + 1))
        name = " ".join(t for t in texts if t).strip()
        if name:
            return name
    label = str(element.get("aria-label", "")).strip()
    if label:
        return label
    if element.name in ("img", "area") or (element.name == "input" and str(element.get("type", "")).lower() == "image"):
        alt = str(element.get("alt", "")).strip()
        if alt:
            return alt
    if element.name == "input" and str(element.get("type", "")).lower() in ("button", "submit", "reset"):
        value = str(element.get("value", "")).strip()
        if value:
            return value
    if element.name in ("input", "select", "textarea") and element.get("id"):
        labels = doc.soup.find_all("label", attrs={"for": element.get("id")})
        text = " ".join(content_name(doc, lab, _depth + 1) for lab in labels).strip()
        if text:
            return text
    if element.name in ("input", "select", "textarea"):
        parent_label = element.find_parent("label")
        if parent_label is not None:
            text = content_name(doc, parent_label, _depth + 1)
            if text:
                return text
    if from_content:
        text = content_name(doc, element, _depth)
        if text:
            return text
    return str(element.get("title", "")).strip()


def content_name(doc: HtmlDocument, element: Tag, _depth: int = 0) -> str:
    """Name from content: text and the names of embedded images, skipping hidden parts."""
    parts: list[str] = []
    for child in element.children:
        if isinstance(child, Tag):
            if child.name in _NO_TEXT or is_rendered_hidden(doc, child):
                continue
            if str(child.get("aria-hidden", "")).lower() == "true":
                continue
            if child.name in ("img", "area") or str(child.get("aria-label", "")).strip() or child.get("aria-labelledby"):
                parts.append(text_alternative(doc, child, from_content=False, _depth=_depth + 1))
            else:
                parts.append(content_name(doc, child, _depth + 1))
            if _is_block(doc, child):
                parts.append(" ")
        elif type(child) is NavigableString:
            parts.append(str(child))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def is_focusable(doc: HtmlDocument, element: Tag) -> bool:
    """In the sequential focus order (tabindex >= 0 and rendered), from the browser's tabIndex."""
    style = doc.style(element)
    if style is not None and "tabIndex" in style:
        return int(style.get("tabIndex", -1)) >= 0 and not element.has_attr("disabled") and \
            style.get("display") != "none" and style.get("visibility") not in ("hidden", "collapse")
    tabindex = str(element.get("tabindex", "")).strip()
    if tabindex:
        try:
            return int(tabindex) >= 0
        except ValueError:
            pass
    if element.has_attr("disabled"):
        return False
    return (element.name == "a" and element.has_attr("href")) or element.name in (
        "button", "select", "textarea", "summary", "iframe") or (
        element.name == "input" and str(element.get("type", "")).lower() != "hidden")
