"""ACT-derived keyboard focus rules (WCAG 2.1.2 No Keyboard Trap).

ACT 80af7b / a1b64e / ebe86a test traps by pressing Tab. A checker that reads the page cannot
press keys, but the commonest trap is written in the markup itself: a blur handler that puts
focus straight back on the element (`onblur="this.focus()"`), so Tab can never leave it. That
is decided here; a blur handler that moves focus somewhere else may be a trap or a deliberate
focus order, so it is only flagged for review.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from uu_check.checks.html.act_accname import is_focusable, is_rendered_hidden
from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

#: `this.focus()` (possibly inside setTimeout / an arrow function) in a blur/focusout handler.
_REFOCUS_SELF = re.compile(r"\bthis\s*\.\s*focus\s*\(\s*\)")
_MOVES_FOCUS = re.compile(r"\.focus\s*\(|focus\w*\s*\(", re.IGNORECASE)


@check("html-focus-trap", engine="html")
def focus_trap(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    for element in doc.body.find_all(True):
        handler = " ".join(str(element.get(a, "")) for a in ("onblur", "onfocusout")).strip()
        if not handler or is_rendered_hidden(doc, element) or not is_focusable(doc, element):
            continue
        location = Location(selector=selector(element), snippet=snippet(element), context=heading_context(element))
        if _REFOCUS_SELF.search(handler):
            yield ctx.violation(location, handler=handler[:60])
        elif _MOVES_FOCUS.search(handler):
            yield ctx.review(location, key="moves", handler=handler[:60])
