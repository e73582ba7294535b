"""Document-wide properties: title and language (declared, and whether the text matches it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from uu_check.checks.docx import paragraph_location, snippet, words
from uu_check.engines.docx_model import DocxModel, Paragraph
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.language import detect_language, primary_subtag, same_language

#: A paragraph needs this many words before we say it is in another language.
PASSAGE_MIN_WORDS = 12
#: And the detector must be at least this sure.
MIN_CONFIDENCE = 0.5
#: At most this many paragraphs are sent to the detector per document (cost bound).
MAX_PASSAGES = 40


@check("docx-title-missing", engine="docx")
def title_missing(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    if not (model.title or "").strip():
        yield ctx.violation(Location(snippet=snippet(model.display_title)))


def declared_language(model: DocxModel) -> str | None:
    """The language most of the text is marked with (docDefaults, styles or runs)."""
    counts = model.run_languages()
    marked = {lang: n for lang, n in counts.items() if lang}
    if not marked:
        return model.default_lang
    return max(marked, key=marked.__getitem__)


@check("docx-lang-missing", engine="docx")
def lang_missing(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    counts = model.run_languages()
    total = sum(counts.values())
    if model.default_lang is None and (total == 0 or counts.get("", 0) > total / 2):
        yield ctx.violation(Location(snippet=snippet(model.display_title)))


def paragraph_language(paragraph: Paragraph, fallback: str | None) -> str | None:
    counts: Counter[str] = Counter()
    for run in paragraph.runs:
        if run.props.lang:
            counts[run.props.lang] += len(run.text)
    return counts.most_common(1)[0][0] if counts else fallback


@check("docx-lang-mismatch", engine="docx")
def lang_mismatch(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    """Text in another language than the one it is marked with: the screen reader mispronounces it.

    First the whole text against the document's language; when that matches, long paragraphs
    one by one (a quote in English in a Norwegian handout marked as Norwegian)."""
    declared = declared_language(model)
    if not declared:
        return
    whole = detect_language(model.body_text[:4000], min_words=30)
    if whole is not None:
        code, confidence = whole
        if confidence >= MIN_CONFIDENCE and not same_language(declared, code):
            yield ctx.violation(Location(snippet=snippet(model.body_text)), key="document",
                                declared=declared, detected=code)
            return
    checked = 0
    for paragraph in model.paragraphs:
        if checked >= MAX_PASSAGES:
            break
        if words(paragraph.text) < PASSAGE_MIN_WORDS:
            continue
        lang = paragraph_language(paragraph, declared)
        if not lang or primary_subtag(lang) in ("", "x"):
            continue
        checked += 1
        found = detect_language(paragraph.text, min_words=PASSAGE_MIN_WORDS)
        if found is None:
            continue
        code, confidence = found
        if confidence >= MIN_CONFIDENCE and not same_language(lang, code):
            yield ctx.violation(paragraph_location(model, paragraph), key="passage",
                                declared=lang, detected=code)
