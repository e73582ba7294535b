"""Text that keeps changing by itself with no way to pause it (ACT efbfc7, WCAG 2.2.2).

The text-changes probe (engines/probes/text_changes.py) reports the elements whose text took
several values on its own, still changing five seconds after load. Such text beside other
content distracts, and a screen reader user may never get to read it. 2.2.2 asks for a way to
pause, stop or hide it. Whether a button on the page does that cannot be told from the markup,
so: no control at all on the page (no button, field or widget, no link naming pause/stop/hide)
is a violation; otherwise a person checks that one of the controls pauses the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from uu_check.checks.html.act_accname import is_rendered_hidden, role_of, visible_inner_text
from uu_check.engines.html_model import INDEX_ATTR, HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

_CONTROL_TAGS = ("button", "select", "textarea", "summary")
_CONTROL_ROLES = frozenset({"button", "switch", "checkbox", "radio", "slider", "spinbutton", "menuitem",
                            "menuitemcheckbox", "tab", "combobox", "textbox"})
#: A link can be the pause mechanism when it says so (nb, nn, en).
_PAUSE_WORDS = re.compile(r"\b(pause|paus|stop|stopp|hide|skjul|freeze|frys|stans|avslutt)", re.IGNORECASE)
#: Text longer than this that "changes" is a page re-rendering itself, not a ticker.
MAX_CHANGING_CHARS = 300
#: Other visible text needed for the change to be "in parallel with other content".
MIN_OTHER_CHARS = 20


def _controls(doc: HtmlDocument) -> list[Tag]:
    found = []
    for element in doc.body.find_all(True):
        name = element.name
        if name == "input" and str(element.get("type", "")).strip().lower() != "hidden":
            found.append(element)
        elif name in _CONTROL_TAGS or role_of(element) in _CONTROL_ROLES or element.has_attr("onclick"):
            found.append(element)
        elif name == "a" and _PAUSE_WORDS.search(element.get_text(" ", strip=True) + " " + str(
                element.get("aria-label", "")) + " " + str(element.get("title", ""))):
            found.append(element)
    return found


def _hidden(doc: HtmlDocument, element: Tag) -> bool:
    node: Tag | None = element
    while isinstance(node, Tag) and node.name != "[document]":
        if is_rendered_hidden(doc, node):
            return True
        node = node.parent
    return False


@check("html-text-auto-update", engine="html", needs_render=True)
def text_auto_update(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Text that changes by itself for over five seconds beside other content."""
    data = doc.probes.get("text_changes") or {}
    changing = [c for c in data.get("changing", []) if isinstance(c, dict)]
    if not changing:
        return
    page_text = visible_inner_text(doc, doc.body)
    controls = None
    for item in changing:
        element = doc.soup.find(attrs={INDEX_ATTR: str(item.get("i"))})
        if not isinstance(element, Tag) or _hidden(doc, element):
            continue
        text = visible_inner_text(doc, element)
        if not text or len(text) > MAX_CHANGING_CHARS:
            continue
        other = page_text.replace(text, " ", 1)
        if len(re.sub(r"\W", "", other)) < MIN_OTHER_CHARS:
            continue  # the changing text is all there is: nothing else it distracts from
        if controls is None:
            controls = _controls(doc)
        location = Location(selector=selector(element), snippet=snippet(element), context=heading_context(element))
        if controls:
            yield ctx.review(location, key="controls", text=text[:60])
        else:
            yield ctx.violation(location, text=text[:60])
