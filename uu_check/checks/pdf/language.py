"""Language rules: a document language declared and well formed, and the text really in it.

Languages on structure elements (/Lang) and on marked content (BDC /Lang) count: text inside
them is compared with its own language, not the document's, and a document whose root
structure element declares the language has one even without the catalog's /Lang.
WCAG 3.1.1 https://www.w3.org/WAI/WCAG22/Understanding/language-of-page ; 3.1.2 language-of-parts;
PDF/UA-1 7.2 item 3.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from uu_check.checks.pdf.locations import element_location
from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text import language as language_module
from uu_check.text.language import detect_language, primary_subtag, same_language, word_count

#: Well-formed BCP 47 (RFC 5646 2.1) language tags, grandfathered tags aside. Primary subtags
#: of 4-8 letters are well-formed on paper but none is in use, and they catch words ("norsk").
_BCP47 = re.compile(
    r"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3})"
    r"(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
    r"(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$"
    r"|^x(?:-[a-z\d]{1,8})+$",
    re.IGNORECASE,
)

#: Codes the detector knows; other declared languages are not compared.
_DETECTABLE = set(getattr(language_module, "DETECTABLE", ())) or {
    "nb", "nn", "no", "en", "sv", "da", "de", "fr", "es", "it", "nl", "fi", "pl", "pt", "la", "ar", "so", "uk", "ru"}

#: Words of text needed before the document's language is judged; more for a violation.
MIN_WORDS_REVIEW = 15
MIN_WORDS_VIOLATION = 40
CONFIDENT = 0.7


def well_formed_tag(tag: str | None) -> bool:
    return bool(tag) and bool(_BCP47.match(tag.strip())) and tag == tag.strip()


def document_language(model: PdfModel) -> str | None:
    """The catalog's /Lang, else the language every top-level structure element declares."""
    if (model.lang or "").strip():
        return model.lang
    tops = [e for e in model.elements if e.parent is None]
    if tops and all((e.lang or "").strip() for e in tops):
        return tops[0].lang
    return None


@check("pdf-lang-missing", engine="pdf")
def lang_missing(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    if model.page_count and document_language(model) is None:
        yield ctx.violation(Location())


@check("pdf-lang-invalid", engine="pdf")
def lang_invalid(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """A /Lang that is not a well-formed BCP 47 tag ('norsk', 'nb_NO'), anywhere it is set.
    An empty /Lang means "unknown" in PDF and is left to pdf-lang-missing."""
    if (model.lang or "").strip() and not well_formed_tag(model.lang):
        yield ctx.violation(Location(context="Catalog"), code=model.lang)
    for elem in model.elements:
        if (elem.lang or "").strip() and not well_formed_tag(elem.lang):
            yield ctx.violation(element_location(model, elem), code=elem.lang)
    for page, lang in dict.fromkeys(model.marked_langs):
        if lang.strip() and not well_formed_tag(lang):
            yield ctx.violation(Location(page=page, context="marked content"), code=lang)


@check("pdf-lang-mismatch", engine="pdf")
def lang_mismatch(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """The text in the document language is detected as another language (violation when clear
    and long enough, else needs review); parts with their own /Lang are compared with that."""
    declared = document_language(model)
    groups: dict[str, list[str]] = {}
    for lang, text in model.text_runs:
        groups.setdefault(lang or declared or "", []).append(text)
    for lang, texts in groups.items():
        if not lang or primary_subtag(lang) not in _DETECTABLE:
            continue
        text = " ".join(texts)
        words = word_count(text)
        if words < MIN_WORDS_REVIEW:
            continue
        detected = detect_language(text[:6000])
        if detected is None or same_language(lang, detected[0]):
            continue
        code, confidence = detected
        key = "default" if lang == declared else "part"
        args = {"declared": lang, "detected": code, "words": words}
        if key == "default" and confidence >= CONFIDENT and words >= MIN_WORDS_VIOLATION:
            yield ctx.violation(Location(context="document text"), key=key, **args)
        else:
            yield ctx.review(Location(context="text with /Lang " + lang), key=key, **args)
