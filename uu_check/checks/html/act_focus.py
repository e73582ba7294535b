"""ACT-derived keyboard focus rules (WCAG 2.1.2 No Keyboard Trap, 2.4.7 Focus Visible).

ACT 80af7b / a1b64e / ebe86a test traps by pressing Tab. In browser mode the keyboard probe
(engines/probes/keyboard.py) does exactly that, and its result decides: a group of elements
that Tab and Shift+Tab never leave is a trap, unless Escape frees it (a standard way out) or
the page names a key that does (a non-standard way out the reader is told about, still worth a
look). Without the probe (static mode, or the probe failed) the markup decides what it can: a
blur handler that puts focus straight back on the element (`onblur="this.focus()"`) is a trap
in any case, and a blur handler that moves focus elsewhere is flagged for review.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bs4 import Tag

from uu_check.checks.html.act_accname import is_focusable, is_rendered_hidden
from uu_check.engines.html_model import INDEX_ATTR, HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

#: `this.focus()` (possibly inside setTimeout / an arrow function) in a blur/focusout handler.
_REFOCUS_SELF = re.compile(r"\bthis\s*\.\s*focus\s*\(\s*\)")
_MOVES_FOCUS = re.compile(r"\.focus\s*\(|focus\w*\s*\(", re.IGNORECASE)


def _location(element: Tag) -> Location:
    return Location(selector=selector(element), snippet=snippet(element), context=heading_context(element))


def _by_index(doc: HtmlDocument) -> dict[str, Tag]:
    return {str(el.get(INDEX_ATTR)): el for el in doc.soup.find_all(attrs={INDEX_ATTR: True})}


def _key_label(key: str) -> str:
    """'Control+KeyM' -> 'Ctrl+M' for the message."""
    return key.replace("Control", "Ctrl").replace("Key", "").replace("Digit", "").replace("Escape", "Esc")


@check("html-focus-trap", engine="html")
def focus_trap(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    probe: dict[str, Any] | None = doc.probes.get("keyboard") if doc.rendered else None
    reported: set[str] = set()
    tested: set[str] = set()
    if probe is not None:
        elements = _by_index(doc)
        tested = {str(i) for i in probe.get("tested") or []}
        for trap in probe.get("traps") or []:
            members = [str(m) for m in trap.get("members") or []]
            found = [elements[m] for m in members if m in elements]
            if not found:
                continue
            reported.update(members)
            key = trap.get("key")
            if key == "Escape":
                continue  # a standard way out: Escape leaves the group
            if key and trap.get("said"):
                yield ctx.review(_location(found[0]), key="told", count=len(members), key_name=_key_label(str(key)))
                continue
            if trap.get("dialog"):  # a button in a dialog may close it: Enter is a way out too
                yield ctx.review(_location(found[0]), key="dialog", count=len(members))
            elif trap.get("complete", True):
                yield ctx.violation(_location(found[0]), key="held", count=len(members))
            else:  # the time ran out before every way out was tried
                yield ctx.review(_location(found[0]), key="unsure", count=len(members))
    for element in doc.body.find_all(True):
        handler = " ".join(str(element.get(a, "")) for a in ("onblur", "onfocusout")).strip()
        if not handler or str(element.get(INDEX_ATTR)) in reported:
            continue
        if is_rendered_hidden(doc, element) or not is_focusable(doc, element):
            continue
        if _REFOCUS_SELF.search(handler):
            yield ctx.violation(_location(element), handler=handler[:60])
        elif _MOVES_FOCUS.search(handler) and str(element.get(INDEX_ATTR)) not in tested:
            yield ctx.review(_location(element), key="moves", handler=handler[:60])


# ---------------------------------------------------------------------------------------------
# ACT oj04fd (WCAG 2.4.7 Focus Visible): focus outline removed with nothing in its place

_NO_OUTLINE = re.compile(r"(?:^|;)\s*outline(?:-style)?\s*:\s*(?:none|0(?:px)?)\s*(?:!important)?\s*(?:;|$)", re.IGNORECASE)
#: Declarations that can show focus in another way.
_INDICATORS = re.compile(r"(?:^|;)\s*(?:border[\w-]*|box-shadow|background[\w-]*|color|text-decoration[\w-]*|"
                         r"outline-(?:color|width|offset)|font-weight|transform|filter|text-shadow)\s*:", re.IGNORECASE)


def _base_selector(selector: str) -> str | None:
    """'a.btn:focus' -> 'a.btn'; None when the selector is more than a simple :focus rule."""
    selector = selector.strip()
    if selector.count(":focus") != 1 or not re.search(r":focus(?:-visible)?$", selector):
        return None
    base = re.sub(r":focus(?:-visible)?$", "", selector).strip()
    return base or "*"


@check("html-focus-not-visible", engine="html", needs_render=True)
def focus_not_visible(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A :focus rule that removes the outline and puts nothing in its place, on elements that do
    not show focus any other way (another :focus rule, or a focus handler that changes the page).
    When the keyboard probe ran, it decides instead: it focused each element and saw whether
    anything on the page changed (style sheets it cannot read count too)."""
    probe = (doc.probes.get("keyboard") or {}).get("focus")
    if probe is not None:
        elements = _by_index(doc)
        for index in (probe.get("hidden") or [])[:20]:
            element = elements.get(str(index))
            if element is not None:
                yield ctx.violation(_location(element), key="probe")
        return
    rules = (doc.styles.get(-1) or {}).get("focusRules") or []
    removing: dict[str, str] = {}
    indicating: set[str] = set()
    for selectors, declarations in rules:
        for one in str(selectors).split(","):
            base = _base_selector(one)
            if base is None:
                continue
            if _INDICATORS.search(declarations):
                indicating.add(base)
            elif _NO_OUTLINE.search(declarations):
                removing.setdefault(base, one.strip())
    reported = 0
    for base, selector_text in removing.items():
        if base in indicating:
            continue
        try:
            elements = doc.body.select(base) if base != "*" else doc.body.find_all(True)
        except Exception:  # a selector soupsieve does not understand
            continue
        for element in elements:
            if not is_focusable(doc, element) or is_rendered_hidden(doc, element):
                continue
            if any(element.has_attr(a) for a in ("onfocus", "onfocusin")):
                continue  # a script shows focus some other way; only a person can judge it
            if any(_matches(element, other) for other in indicating):
                continue
            yield ctx.violation(Location(selector=selector(element), snippet=snippet(element),
                                         context=heading_context(element)), rule=selector_text[:60])
            reported += 1
            if reported >= 20:
                return


def _matches(element, selector_text: str) -> bool:
    try:
        return selector_text == "*" or bool(element.css.match(selector_text))
    except Exception:  # a selector soupsieve does not understand
        return False
