"""ACT 9bd38c (WCAG 1.3.3 Sensory Characteristics): instructions that rely on where something
is, its shape or its colour ("click the green button on the right", "se boksen til høyre").

Whether the thing referred to can also be found another way (a heading, a name) needs a person,
so this is a review finding: it points the teacher at the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet, visible_text
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

_COLOURS_EN = r"red|green|blue|yellow|orange|purple|pink|grey|gray"
_COLOURS_NO = r"rød[et]?|røde|raud[te]?|grønn[et]?|grønne|blå[tea]?|gul[te]?|oransje|lilla|rosa|grå[te]?"
_SHAPES_EN = r"round|square|circular|triangular|star|triangle|circle"
_SHAPES_NO = r"runde?|firkanta?|firkantede?|trekanta?|stjerne[na]?|sirkel[en]?|trekant[en]?"
_CONTROLS_EN = r"button|link|icon|box|arrow|menu|column|panel|text"
_CONTROLS_NO = r"knapp(?:en)?|lenke[na]?|lenkja|ikon(?:et)?|boks(?:en)?|pil(?:a|en)?|meny(?:en)?|kolonne[na]?|tekst(?:en)?|felt(?:et)?"

SENSORY = re.compile(
    "|".join([
        rf"\b(?:on|to|in|at) the (?:right|left)(?:[- ]hand side)?\b",
        rf"\b(?:in|on) the (?:right|left|top|bottom)[- ](?:column|corner|side|panel|menu)\b",
        rf"\bthe (?:{_COLOURS_EN}|{_SHAPES_EN}) (?:{_CONTROLS_EN})\b",
        rf"\b(?:underneath|beneath) the (?:{_SHAPES_EN}|image|picture)\b",
        rf"\b(?:within|in) the (?:{_SHAPES_EN}) menu\b",
        rf"\b(?:marked|highlighted|shown) in (?:{_COLOURS_EN})\b",
        r"\btil (?:høyre|venstre|høgre)\b",
        r"\bi (?:høyre|venstre|høgre) (?:kolonne|hjørne|side|marg)\b",
        rf"\b(?:den|det|de) (?:{_COLOURS_NO}|{_SHAPES_NO}) (?:{_CONTROLS_NO})\b",
        rf"\b(?:merket|markert|merkt|vist|utheva|uthevet) (?:med|i) (?:{_COLOURS_NO}|rødt|grønt|blått|gult)\b",
    ]),
    re.IGNORECASE,
)

_BLOCKS = ("p", "li", "td", "dd", "figcaption", "blockquote", "label", "div")


@check("html-sensory-reference", engine="html")
def sensory_reference(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    for element in doc.body.find_all(_BLOCKS):
        if doc.is_hidden(element):
            continue
        if element.name == "div" and element.find(list(_BLOCKS)):
            continue  # only the innermost block, so one sentence is reported once
        text = visible_text(element)
        match = SENSORY.search(text)
        if match:
            yield ctx.review(Location(selector=selector(element), snippet=snippet(element),
                                      context=heading_context(element)), phrase=match.group(0))
