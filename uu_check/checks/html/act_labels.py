"""ACT 2ee8b8 (WCAG 2.5.3 Label in Name): the visible text of a button or link must be part of
the name a screen reader and voice control get.

A voice-control user says "click Download specification" because that is what they see; when
aria-label says "Get the file", nothing happens. axe-core's label-content-name-mismatch is
experimental and off by default, so this runs as our own rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from bs4 import Tag

from uu_check.checks.html.act_accname import (
    NAME_FROM_CONTENT_WIDGETS, is_rendered_hidden, role_of, text_alternative, visible_inner_text,
)
from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

_ICON_FONT = re.compile(r"icon|awesome|glyph|symbol|material", re.IGNORECASE)
#: A trailing "(YYYY-MM-DD)" style hint is part of the instructions, not of the label.
_TRAILING_HINT = re.compile(r"\s*\([^()]*\)\s*$")


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Words in lower case, punctuation removed inside words (non-standard -> nonstandard);
    the flag says the word ended with a full stop (an abbreviation like "Ave.")."""
    text = unicodedata.normalize("NFKC", text).lower()
    tokens = []
    for raw in text.split():
        word = "".join(ch for ch in raw if ch.isalnum())
        if word:
            tokens.append((word, raw.rstrip("\"')]}").endswith(".")))
    return tokens


def label_in_name(visible: str, name: str) -> bool:
    """True when the visible words appear, in order and together, in the name (abbreviations
    like "Ave." may stand for a longer word that starts the same)."""
    seen = _tokens(visible)
    heard = [word for word, _ in _tokens(name)]
    if not seen:
        return True
    for start in range(len(heard) - len(seen) + 1):
        if all(heard[start + i] == word or (abbrev and len(word) >= 2 and heard[start + i].startswith(word))
               for i, (word, abbrev) in enumerate(seen)):
            return True
    return False


def _is_text(visible: str) -> bool:
    """Visible text that a person would read out as a label: letters or digits, and not a lone
    letter used as an icon ("X" for close)."""
    letters = [ch for ch in visible if ch.isalnum()]
    if not letters:
        return False
    if len(letters) == 1 and letters[0].isalpha():
        return False
    return True


@check("html-label-in-name", engine="html", needs_render=True)
def label_in_name_check(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    for element in doc.body.find_all(True):
        if not (element.has_attr("aria-label") or element.has_attr("aria-labelledby")):
            continue
        if role_of(element) not in NAME_FROM_CONTENT_WIDGETS or is_rendered_hidden(doc, element):
            continue
        if element.find_parent(attrs={"aria-hidden": "true"}) is not None:
            continue
        style = doc.style(element) or {}
        if _ICON_FONT.search(str(style.get("fontFamily", ""))):
            continue  # icon-font ligatures ("search") are pictures, not text
        visible = visible_inner_text(doc, element)
        visible = _TRAILING_HINT.sub("", visible)
        if not _is_text(visible):
            continue
        name = text_alternative(doc, element)
        if not name or label_in_name(visible, name):
            continue
        yield ctx.violation(_location(element), visible=visible[:60], name=name[:60])


def _location(element: Tag) -> Location:
    return Location(selector=selector(element), snippet=snippet(element), context=heading_context(element))
