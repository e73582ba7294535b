"""Language of the text: declared, and the same as the text really is (WCAG 3.1.1, 3.1.2).

PowerPoint stores a language on every run (a:rPr/@lang), inherited from the master and the
presentation defaults; screen readers pick their voice from it and spell checking follows it.
Decks made from an English template often say en-US over Norwegian text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from uu_check.checks.pptx import location, snippet
from uu_check.engines.pptx_model import PptxDocument, Shape, Slide
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.language import detect_language, same_language, word_count
from uu_check.text.language import primary_subtag as _primary_subtag


@functools.lru_cache(maxsize=256)
def primary_subtag(tag: str | None) -> str:
    """'nb-NO' -> 'nb', cached: a deck repeats the same few tags on every run."""
    return _primary_subtag(tag)

#: Declared languages the detector knows (others, e.g. Sámi, are never compared).
DETECTABLE = frozenset({"nb", "nn", "no", "en", "sv", "da", "de", "fr", "es", "it", "nl", "fi",
                        "pl", "pt", "la", "ar", "so", "uk", "ru"})
#: A single text box or placeholder with this many words is judged on its own too.
SHAPE_MIN_WORDS = 25
#: At most this many shapes are judged on their own per deck (detection costs time).
MAX_SHAPE_DETECTIONS = 12
#: Detector confidence at or above which a mismatch is a violation rather than needs-review.
SURE = 0.4
#: Text per declared language handed to the detector (more adds time, not certainty).
GROUP_CHARS = 1500

#: Frequent function words: a long text where these make up a good share is very likely in that
#: language, so the (much slower) detector is only asked about texts that do not look it.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "nordic": frozenset(
        "og i er det som en et ei på til av for med at har de ikke ikkje den vi kan seg så om eit "
        "ein dei men var jeg eg du fra frå skal når sin være vere også òg ved etter kva hva hvor kvar "
        "der her eller bare berre nå no mange alle vil blir blei får kan".split()),
    "en": frozenset(
        "the and of to a in is it that for on with as are we be this by have from or an not at "
        "which they you was but has their can will when if there what all so".split()),
}
_FAMILY = {"nb": "nordic", "nn": "nordic", "no": "nordic", "da": "nordic", "sv": "nordic", "en": "en"}
#: Share of function words above which a text is taken to be in the language it declares.
FUNCTION_SHARE = 0.15


def looks_like(declared: str, text: str) -> bool:
    """A cheap first look: does the text use the declared language's common small words?"""
    family = _FAMILY.get(primary_subtag(declared))
    if family is None:
        return False
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return True
    common = FUNCTION_WORDS[family]
    return sum(1 for w in words if w in common) / len(words) >= FUNCTION_SHARE


@check("pptx-lang-missing", engine="pptx")
def lang_missing(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """No language anywhere: neither the presentation defaults nor any text run declare one."""
    runs = [r for s in deck.slides for shape in s.walk() for r in shape.runs if r.text.strip()]
    if runs and not deck.default_lang and not any(r.lang for r in runs):
        yield ctx.violation(Location(context=deck.name, snippet=snippet(" ".join(r.text for r in runs[:8]))),
                            file=deck.name)


@dataclass
class _Group:
    declared: str
    texts: list[str] = field(default_factory=list)
    first: tuple[Slide, Shape] | None = None
    chars: int = 0


def _dominant_lang(shape: Shape) -> str | None:
    counts: dict[str, int] = {}
    for run in shape.runs:
        if run.lang and run.text.strip():
            counts[run.lang] = counts.get(run.lang, 0) + len(run.text)
    return max(counts, key=counts.__getitem__) if counts else None


@check("pptx-lang-mismatch", engine="pptx")
def lang_mismatch(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Text written in another language than the one it is marked with. The deck's text is
    judged per declared language; long shapes are also judged one by one (an English quote on a
    Norwegian slide). Short texts are never judged."""
    groups: dict[str, _Group] = {}
    long_shapes: list[tuple[Slide, Shape, str]] = []
    for slide in deck.slides:
        for shape in slide.walk():
            if shape.is_furniture or not shape.runs:
                continue
            for run in shape.runs:
                code = primary_subtag(run.lang)
                if not code or code not in DETECTABLE or not run.text.strip():
                    continue
                group = groups.setdefault(code, _Group(run.lang or code))
                if group.chars < GROUP_CHARS:
                    group.texts.append(run.text)
                    group.chars += len(run.text)
                if group.first is None:
                    group.first = (slide, shape)
            declared = _dominant_lang(shape)
            if declared and primary_subtag(declared) in DETECTABLE and word_count(shape.text) >= SHAPE_MIN_WORDS:
                long_shapes.append((slide, shape, declared))
    wrong: set[str] = set()
    for code, group in groups.items():
        text = " ".join(group.texts)
        if looks_like(code, text):
            continue
        result = detect_language(text)
        if result is None or same_language(code, result[0]) or group.first is None:
            continue
        wrong.add(code)
        slide, shape = group.first
        yield _finding(ctx, slide, shape, text, group.declared, result)
    detections = 0
    for slide, shape, declared in long_shapes:
        if primary_subtag(declared) in wrong or looks_like(declared, shape.text):
            continue
        if detections >= MAX_SHAPE_DETECTIONS:
            break
        detections += 1
        result = detect_language(shape.text)
        if result is not None and not same_language(declared, result[0]) and result[1] >= SURE:
            yield _finding(ctx, slide, shape, shape.text, declared, result)


def _finding(ctx: CheckContext, slide: Slide, shape: Shape, text: str, declared: str,
             result: tuple[str, float]) -> Finding:
    detected, confidence = result
    where = location(slide, shape, text=text)
    if confidence >= SURE:
        return ctx.violation(where, declared=declared, detected=detected)
    return ctx.review(where, declared=declared, detected=detected)
