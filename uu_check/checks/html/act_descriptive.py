"""ACT cc0f0a (WCAG 2.4.6 Headings and Labels): a form field's label must say what to enter.

Whether a label describes its field is mostly a judgement ("Menu" could be right for some
field), so this rule only decides where no judgement is needed: the label is one of a short
list of words that describe no field at all ("Info", "Input", "Field", "Felt", "Skriv her"),
on a field where you type. A field with such a label but a description (aria-describedby, a
placeholder of a few words) is a review finding: the description may carry the meaning.

The other "is it descriptive" ACT rules (page title c4a8a4, heading b49b2e, image name qt1vmo,
decorative image e88epe, error message 36b590) compare a text with what it names; a machine
cannot do that without false alarms, so they stay with html-page-title-descriptive's default
titles, the alt-text rules and a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from uu_check.checks.html.act_accname import is_rendered_hidden, text_alternative
from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

#: Labels (lower case, no punctuation at the ends) that name no field: what it is, not what to enter.
GENERIC_LABELS: frozenset[str] = frozenset({
    "info", "information", "informasjon", "input", "inndata", "field", "felt", "form field",
    "input field", "text field", "textbox", "text box", "tekstfelt", "tekstboks", "inndatafelt",
    "skjemafelt", "label", "etikett", "menu", "meny", "type here", "write here", "enter text",
    "enter here", "skriv her", "skriv inn", "skriv inn her", "skriv inn tekst", "fyll inn",
    "fyll inn her", "fyll ut", "fyll ut her",
})
_NUMBERED = re.compile(r"^(?:field|felt|input|inndata|text field|tekstfelt|textbox)[\s\-_]*\d+$")

#: Input types where you type (choices such as checkboxes are named by their option text).
_TYPED = {"", "text", "email", "tel", "url", "search", "password", "number", "date", "datetime-local",
          "month", "week", "time"}


def _normalise(text: str) -> str:
    return re.sub(r"^[\s\W_]+|[\s\W_]+$", "", re.sub(r"\s+", " ", text).strip().lower())


def is_generic_label(name: str) -> bool:
    norm = _normalise(name)
    return norm in GENERIC_LABELS or bool(_NUMBERED.match(norm))


def _typed_fields(doc: HtmlDocument) -> Iterator[Tag]:
    for element in doc.body.find_all(("input", "textarea")):
        if element.name == "input" and str(element.get("type", "")).strip().lower() not in _TYPED:
            continue
        if element.has_attr("disabled") or str(element.get("role", "")).strip().lower() in ("none", "presentation"):
            continue
        if doc.is_hidden(element) or is_rendered_hidden(doc, element):
            continue
        yield element


def _has_description(doc: HtmlDocument, element: Tag) -> bool:
    """A description that may say what the generic label does not."""
    for ident in str(element.get("aria-describedby", "")).split():
        ref = doc.soup.find(id=ident)
        if isinstance(ref, Tag) and ref.get_text(strip=True):
            return True
    return len(str(element.get("placeholder", "")).split()) >= 2


@check("html-label-generic", engine="html")
def label_generic(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    for element in _typed_fields(doc):
        name = text_alternative(doc, element, from_content=False)
        if not name or not is_generic_label(name):
            continue
        location = Location(selector=selector(element), snippet=snippet(element), context=heading_context(element))
        if _has_description(doc, element):
            yield ctx.review(location, key="described", label=name)
        else:
            yield ctx.violation(location, label=name)
