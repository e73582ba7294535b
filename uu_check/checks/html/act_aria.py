"""ACT-derived ARIA rules that axe-core does not tie to a WCAG criterion.

- html-decorative-exposed (ACT 46ca7f, WCAG 1.1.1): an element marked as decorative
  (role="presentation"/"none", or an image with alt="") that also gets a name or other global
  ARIA, or is focusable. Browsers then ignore the "decorative" marking (presentational role
  conflict resolution) and a screen reader announces something the author meant to hide.
  axe-core reports this only as the best practice presentation-role-conflict.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from uu_check.checks.html.act_accname import is_focusable, is_rendered_hidden
from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

#: Global ARIA attributes that make a presentational element exposed again.
GLOBAL_ARIA = ("aria-label", "aria-labelledby", "aria-describedby", "aria-details", "aria-live",
               "aria-owns", "aria-controls", "aria-keyshortcuts", "aria-roledescription", "aria-flowto",
               "aria-dropeffect", "aria-grabbed", "aria-errormessage", "aria-atomic", "aria-relevant",
               "aria-busy", "aria-haspopup", "aria-invalid", "aria-current")


#: Natively interactive elements: focusable, so a presentational role on them is ignored.
#: (Embedded content such as <object> is left out: browsers differ on whether it takes focus.)
_INTERACTIVE = frozenset({"a", "button", "input", "select", "textarea", "summary"})


def _explicit_tabindex(element: Tag) -> bool:
    value = str(element.get("tabindex", "")).strip()
    return bool(re.fullmatch(r"\d+", value))


def _marked_decorative(element: Tag) -> bool:
    role = str(element.get("role", "")).strip().lower().split()
    if role:
        return role[0] in ("presentation", "none")
    return element.name == "img" and element.has_attr("alt") and not str(element.get("alt")).strip()


def _hidden_from_everyone(doc: HtmlDocument, element: Tag) -> bool:
    node: Tag | None = element
    while isinstance(node, Tag):
        if str(node.get("aria-hidden", "")).strip().lower() == "true" or is_rendered_hidden(doc, node):
            return True
        node = node.parent
    return False


@check("html-decorative-exposed", engine="html")
def decorative_exposed(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    for element in doc.body.find_all(True):
        if not _marked_decorative(element) or _hidden_from_everyone(doc, element):
            continue
        reasons = [a for a in GLOBAL_ARIA if str(element.get(a, "")).strip()]
        if _explicit_tabindex(element):
            reasons.append("tabindex")
        elif element.name in _INTERACTIVE and is_focusable(doc, element):
            reasons.append("focusable")
        if reasons:
            yield ctx.violation(Location(selector=selector(element), snippet=snippet(element),
                                         context=heading_context(element)),
                                element=f"<{element.name}>", attributes=", ".join(reasons))


# ---------------------------------------------------------------------------------------------
# ACT kb1m8s: naming attributes where ARIA prohibits them


#: Roles that cannot be named (WAI-ARIA 1.2 "name prohibited").
NAME_PROHIBITED_ROLES = frozenset({
    "caption", "code", "deletion", "emphasis", "generic", "insertion", "paragraph", "presentation",
    "none", "strong", "subscript", "superscript", "mark", "time", "suggestion", "term",
})
#: Elements whose implicit role is one of those (section/header/footer are left out: a name
#: turns them into landmarks).
_IMPLICIT_PROHIBITED = {
    "div": "generic", "span": "generic", "p": "paragraph", "b": "generic", "i": "generic",
    "u": "generic", "s": "deletion", "del": "deletion", "ins": "insertion", "code": "code",
    "em": "emphasis", "strong": "strong", "sub": "subscript", "sup": "superscript", "small": "generic",
    "bdi": "generic", "bdo": "generic", "data": "generic", "q": "generic", "samp": "generic",
}
_NAMING = ("aria-label", "aria-labelledby", "aria-braillelabel")
#: Attributes prohibited on generic elements besides naming (role descriptions need a role).
_GENERIC_PROHIBITED = ("aria-roledescription", "aria-brailleroledescription")


def _prohibited_role(element: Tag) -> str | None:
    explicit = str(element.get("role", "")).strip().lower().split()
    if explicit:
        return explicit[0] if explicit[0] in NAME_PROHIBITED_ROLES - {"presentation", "none"} else None
    return _IMPLICIT_PROHIBITED.get(element.name)


@check("html-aria-prohibited", engine="html")
def aria_prohibited(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """aria-label / aria-labelledby / aria-braillelabel (and role descriptions) on an element
    whose role cannot have a name, such as a plain div, span or paragraph: screen readers
    ignore the name, so whatever it was meant to say is lost."""
    for element in doc.body.find_all(True):
        attrs = [a for a in _NAMING + _GENERIC_PROHIBITED if element.has_attr(a)]
        if not attrs:
            continue
        role = _prohibited_role(element)
        if role is None and _marked_decorative(element) and any(a in _GENERIC_PROHIBITED for a in attrs):
            role = "none"  # a role description on a presentational element describes nothing
            attrs = [a for a in attrs if a in _GENERIC_PROHIBITED]
        if role is None or _hidden_from_everyone(doc, element):
            continue
        if is_focusable(doc, element):
            continue  # a focusable div is exposed as a widget-like element; other rules cover it
        yield ctx.violation(Location(selector=selector(element), snippet=snippet(element),
                                     context=heading_context(element)),
                            element=f"<{element.name}>", role=role, attributes=", ".join(attrs))
