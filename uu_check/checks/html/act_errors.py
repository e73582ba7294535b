"""ACT 36b590 (WCAG 3.3.1 Error Identification): an error message on screen must reach screen
readers too.

Whether an error message describes the problem well is a judgement; one thing is not: a message
that is shown on screen but hidden from assistive technology with aria-hidden="true" (on it or
around it). Sighted users read "Age must be at least 1"; a screen reader user hears nothing and
cannot tell why the form is not accepted. We take an element for an error message by its role
(alert) or its id/class (error, feil, invalid-feedback), with at least two words of text, on a
page with form fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from uu_check.checks.html.act_accname import is_rendered_hidden
from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet, visible_text
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

_ERROR_NAME = re.compile(r"(?:^|[-_])(?:error|errors|errormessage|error-message|feil|feilmelding|invalid-feedback)(?:[-_]|$)",
                         re.IGNORECASE)
_FIELDS = ("input", "select", "textarea")
_NOT_MESSAGES = {"input", "select", "textarea", "button", "option", "script", "style", "template", "form", "label"}


def _looks_like_error(element: Tag) -> bool:
    if str(element.get("role", "")).strip().lower() == "alert":
        return True
    names = [str(element.get("id", ""))] + [str(c) for c in element.get("class", []) or []]
    return any(_ERROR_NAME.search(name) for name in names if name)


def _aria_hidden(element: Tag) -> bool:
    node: Tag | None = element
    while isinstance(node, Tag):
        if str(node.get("aria-hidden", "")).strip().lower() == "true":
            return True
        node = node.parent
    return False


def _shown(doc: HtmlDocument, element: Tag) -> bool:
    """Rendered on screen: neither it nor an ancestor is display:none, visibility:hidden or `hidden`."""
    node: Tag | None = element
    while isinstance(node, Tag) and node.name not in ("body", "html"):
        if is_rendered_hidden(doc, node):
            return False
        node = node.parent
    return True


@check("html-error-hidden", engine="html")
def error_hidden(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    if doc.body.find(_FIELDS) is None:
        return
    for element in doc.body.find_all(True):
        if element.name in _NOT_MESSAGES or not _looks_like_error(element):
            continue
        if element.find_parent(_looks_like_error) is not None:
            continue  # the outer message is reported
        if not _aria_hidden(element) or not _shown(doc, element):
            continue
        text = visible_text(element)
        if len(re.findall(r"\w{2,}", text)) < 2:
            continue  # an icon or a "*" marker, not a message
        yield ctx.violation(Location(selector=selector(element), snippet=snippet(element),
                                     context=heading_context(element)), text=text[:80])
