"""Document-wide properties: title and language (declared, and whether the text matches it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from uu_check.checks.docx import paragraph_location, snippet, words
from uu_check.engines.docx_model import DocxModel, Paragraph
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.language import (clearly_in, compatible_confidence, language_confidences,
                                    primary_subtag)

#: A paragraph needs this many words before we say it is in another language.
PASSAGE_MIN_WORDS = 12
#: And the detector must be at least this sure.
MIN_CONFIDENCE = 0.5
#: At most this many paragraphs are sent to the detector per document (cost bound) ...
MAX_PASSAGES = 30
#: ... and only their start: enough words to tell, less work for the detector.
SAMPLE_CHARS = 240


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
    """The language most of a paragraph's text is marked with."""
    langs = {run.props.lang for run in paragraph.runs}
    if len(langs) == 1:
        return langs.pop() or fallback
    counts: Counter[str] = Counter()
    for run in paragraph.runs:
        if run.props.lang:
            counts[run.props.lang] += len(run.text)
    return counts.most_common(1)[0][0] if counts else fallback


@check("docx-lang-mismatch", engine="docx")
def lang_mismatch(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    """Text in another language than the one it is marked with: the screen reader mispronounces it.

    Long paragraphs are compared with the language they are marked with; when most of them
    are in another language, that is one finding for the document (Norwegian text marked as
    English), else one per foreign paragraph (an English quote in a Norwegian handout).
    Paragraphs plainly in their marked language by function words skip the detector (cost)."""
    declared = declared_language(model)
    if not declared:
        return
    checked = calls = 0
    foreign: list[tuple[Paragraph, str, str]] = []
    for paragraph in model.paragraphs:
        if words(paragraph.text) < PASSAGE_MIN_WORDS:
            continue
        lang = paragraph_language(paragraph, declared)
        if not lang or primary_subtag(lang) in ("", "x", "zxx"):
            continue
        checked += 1
        sample = paragraph.text[:SAMPLE_CHARS]
        if clearly_in(lang, sample) or calls >= MAX_PASSAGES:
            continue
        calls += 1
        detected = _foreign(lang, sample, PASSAGE_MIN_WORDS)
        if detected:
            foreign.append((paragraph, lang, detected))
    if checked < 2:
        detected = _foreign(declared, model.body_text[:1500], 30)
        if detected:
            yield ctx.violation(Location(snippet=snippet(model.body_text)), key="document",
                                declared=declared, detected=detected)
        return
    if len(foreign) > checked / 2:
        detected = Counter(code for _, _, code in foreign).most_common(1)[0][0]
        yield ctx.violation(Location(snippet=snippet(model.body_text)), key="document",
                            declared=declared, detected=detected)
        return
    for paragraph, lang, detected in foreign:
        yield ctx.violation(paragraph_location(model, paragraph), key="passage", declared=lang,
                            detected=detected)


def _foreign(declared: str, text: str, min_words: int) -> str | None:
    """The language `text` is in when the detector is sure it is not `declared`, else None."""
    confidences = language_confidences(text, min_words)
    if not confidences:
        return None
    best = max(confidences, key=confidences.__getitem__)
    if confidences[best] >= MIN_CONFIDENCE and compatible_confidence(declared, confidences) < 0.2:
        return best
    return None
