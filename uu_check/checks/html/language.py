"""Language rules: the declared language (page and element `lang`) versus the language the text is
really written in, and passages in another language without their own `lang`.

A screen reader picks its voice from `lang`: English text read with a Norwegian voice (or the
other way round) is hard to understand. We only decide with enough words and a clear detection;
bokmål, nynorsk and 'no' count as the same (see uu_check.text.language.same_language).
WCAG 3.1.1 https://www.w3.org/WAI/WCAG22/Understanding/language-of-page
WCAG 3.1.2 https://www.w3.org/WAI/WCAG22/Understanding/language-of-parts
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import NavigableString, Tag

from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.language import (DETECTABLE, FAST_MIN_CHARS, compatible_confidence, language_confidences,
                                    primary_subtag, same_language, short_text_mismatch, word_count)

#: Words needed before a passage (paragraph, list item, quote) is judged.
PASSAGE_MIN_WORDS = 12
#: Words below which even the page or an element needs a very clear detection.
SHORT_TEXT_WORDS = 20

_SKIP = {"script", "style", "template", "noscript", "code", "pre", "kbd", "samp", "var", "svg", "math"}
_PASSAGES = ("p", "li", "blockquote", "dd", "dt", "td", "th", "figcaption", "caption",
             "h1", "h2", "h3", "h4", "h5", "h6")

LANGUAGE_NAMES = {
    "nb": "norsk bokmål", "nn": "norsk nynorsk", "no": "norsk", "en": "English", "sv": "svenska",
    "da": "dansk", "de": "Deutsch", "fr": "français", "es": "español", "it": "italiano",
    "nl": "Nederlands", "fi": "suomi", "pl": "polski", "pt": "português", "la": "latine",
    "ar": "العربية", "so": "Soomaali", "uk": "українська", "ru": "русский",
}


def _hidden_here(element: Tag, doc: HtmlDocument) -> bool:
    """Hidden by this element itself (its ancestors were already looked at by the walk)."""
    if element.has_attr("hidden") or str(element.get("aria-hidden", "")).lower() == "true":
        return True
    style = doc.style(element)
    if style is not None:
        return style.get("display") == "none" or style.get("visibility") == "hidden"
    return "display:none" in str(element.get("style", "")).replace(" ", "").lower()


def _names(element: Tag, doc: HtmlDocument) -> list[str]:
    """Text a screen reader speaks for this element besides its content, in its language:
    alt, aria-label, and the text of hidden elements it names with aria-labelledby (hidden
    text has no language of its own once it becomes this element's name)."""
    names = []
    for attribute in ("alt", "aria-label"):
        value = str(element.get(attribute) or "").strip()
        if value:
            names.append(value)
    for ident in str(element.get("aria-labelledby") or "").split():
        ref = doc.soup.find(id=ident)
        if isinstance(ref, Tag) and doc.is_hidden(ref):
            names.append(re.sub(r"\s+", " ", ref.get_text(" ")).strip())
    return [name for name in names if name]


_BREAKS = {"br", "p", "li", "div", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote",
           "figcaption", "caption", "section", "article", "main", "nav", "header", "footer", "ul", "ol"}


def own_parts(element: Tag, doc: HtmlDocument, skip: tuple[str, ...] = ()) -> list[str]:
    """The pieces of `own_text`: runs of text between block boundaries, and each name apart."""
    parts: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = re.sub(r"\s+", " ", "".join(current)).strip()
        if text:
            parts.append(text)
        current.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    current.append(str(child))
            elif isinstance(child, Tag):
                if child.name in _SKIP or child.name in skip or child.has_attr("lang") or _hidden_here(child, doc):
                    continue
                names = _names(child, doc)
                if child.name in _BREAKS or names:
                    flush()
                parts.extend(names)
                walk(child)
                if child.name in _BREAKS:
                    flush()

    parts.extend(_names(element, doc))
    walk(element)
    flush()
    return parts


def own_text(element: Tag, doc: HtmlDocument, skip: tuple[str, ...] = ()) -> str:
    """Visible text of an element that inherits its language, with the alt texts and labels of
    what is inside: parts with their own `lang`, code, hidden parts (and elements named in
    `skip`) left out."""
    return " ".join(own_parts(element, doc, skip))


@functools.lru_cache(maxsize=1024)
def _confidences(text: str, min_words: int) -> dict[str, float]:
    """Detection per distinct text, shared by the page, element and passage rules."""
    return language_confidences(text, min_words=min_words)


@dataclass(frozen=True, slots=True)
class Mismatch:
    declared: str
    detected: str
    confidence: float
    words: int


def mismatch(declared: str | None, text: str, *, min_words: int, short: bool = False,
             pieces: tuple[str, ...] = ()) -> Mismatch | None:
    """A clear difference between a declared language and the text, else None (also when the
    text is too short, the detection unsure, or the declared language one we cannot detect).
    Texts under ~100 characters are judged only with `short` (by short_text_mismatch, which
    wants function words or a very sure detection; `pieces` can veto it)."""
    if not declared or primary_subtag(declared) not in DETECTABLE:
        return None
    if len(text.strip()) < FAST_MIN_CHARS:
        found = short_text_mismatch(declared, text, pieces) if short else None
        return Mismatch(declared, found[0], found[1], word_count(text)) if found else None
    words = word_count(text)
    confidences = _confidences(text, min_words)
    if not confidences:
        return None
    if compatible_confidence(declared, confidences) >= 0.05:
        return None
    best = max(confidences, key=confidences.__getitem__)
    group = sum(v for code, v in confidences.items() if same_language(best, code))
    needed = 0.9 if words < SHORT_TEXT_WORDS else 0.75
    if group < needed:
        return None
    if best in ("nb", "nn") and confidences[best] < 0.9 * group:
        best = "no"  # Norwegian, but which written form is not clear: do not guess
    return Mismatch(declared, best, group, words)


def _name(code: str) -> str:
    return f"{LANGUAGE_NAMES.get(code, code)} ({code})"


def _page_chunks(doc: HtmlDocument) -> list[str]:
    """The page's own-language text in passages: each long passage alone, the short ones pooled.

    Detecting a mixed page in one piece lets a few strongly marked words (æ, ø, å) outvote
    paragraphs of English; voting passage by passage, weighted by words, does not.
    """
    chunks: list[str] = []
    pooled: list[str] = []
    seen: set[int] = set()
    for block in doc.body.find_all(_PASSAGES):
        if block.find(_PASSAGES) is not None or any(id(p) in seen for p in block.parents):
            continue
        if block.find_parent(lang=True) is not None and block.find_parent(lang=True).name != "html":
            continue
        if block.has_attr("lang") or doc.is_hidden(block):
            continue
        seen.add(id(block))
        text = own_text(block, doc)
        (chunks if word_count(text) >= PASSAGE_MIN_WORDS else pooled).append(text)
    loose = own_text(doc.body, doc, skip=_PASSAGES)  # text in plain <div>s and the like
    if loose:
        (chunks if word_count(loose) >= PASSAGE_MIN_WORDS else pooled).append(loose)
    if pooled:
        chunks.append(" ".join(pooled))
    return chunks


def page_language_vote(doc: HtmlDocument, declared: str) -> Mismatch | None:
    """Mismatch when passages clearly in another language carry (nearly) all detected words.

    The page's text is everything that takes its language from <html lang>: the title, the body
    text outside elements with their own `lang`, alt texts and labels. A page with under ~100
    characters of it (a title and an image, one sentence) is judged as one short text."""
    title = re.sub(r"\s+", " ", doc.title or "").strip()
    pieces = ([title] if title else []) + own_parts(doc.body, doc)
    text = " ".join(pieces)
    if len(text) < FAST_MIN_CHARS:
        return mismatch(declared, text, min_words=8, short=True, pieces=tuple(pieces))
    votes: dict[str, int] = {}
    total = 0
    confidence = 1.0
    chunks = _page_chunks(doc)
    if title:
        chunks.append(title)
    for chunk in chunks:
        confidences = _confidences(chunk, 8)
        if not confidences:
            continue
        words = word_count(chunk)
        total += words
        if compatible_confidence(declared, confidences) >= 0.05:
            votes[declared] = votes.get(declared, 0) + words
            continue
        found = mismatch(declared, chunk, min_words=8)
        key = found.detected if found else "?"
        votes[key] = votes.get(key, 0) + words
        if found:
            confidence = min(confidence, found.confidence)
    if not total:
        return None
    best = max(votes, key=votes.__getitem__)
    group = sum(n for code, n in votes.items() if code != "?" and code != declared and same_language(best, code))
    if best in (declared, "?") or votes.get(declared, 0) > 0.2 * total or group < 0.6 * total:
        return None
    return Mismatch(declared, best, confidence, total)


_PAGE_CACHE: dict[int, tuple[HtmlDocument, Mismatch | None]] = {}


def page_mismatch(doc: HtmlDocument, options: dict) -> Mismatch | None:
    """The page-level decision, computed once per document (rules share it)."""
    cached = _PAGE_CACHE.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    result = None
    declared = doc.declared_lang
    if not doc.is_fragment(options) and declared and primary_subtag(declared) in DETECTABLE:
        result = page_language_vote(doc, declared)
    _PAGE_CACHE.clear()
    _PAGE_CACHE[id(doc)] = (doc, result)
    return result


@check("html-lang-mismatch", engine="html")
def page_language_mismatch(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """<html lang> says one language, the text is clearly another (ACT ucwvc8). Skipped for LMS
    fragments: there the platform's page sets the language; element `lang` is checked apart."""
    found = page_mismatch(doc, ctx.options)
    if found is None:
        return
    location = Location(selector="html", snippet=f'<html lang="{found.declared}">')
    yield ctx.violation(location, declared=found.declared, detected=_name(found.detected),
                        evidence=f"{found.words} words, confidence {found.confidence:.2f}")


@check("html-lang-element-mismatch", engine="html")
def element_language_mismatch(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """An element's own `lang` says one language, its text is clearly another (ACT off6ek)."""
    for element in doc.body.find_all(lang=True):
        if element.name == "html" or doc.is_hidden(element):
            continue
        pieces = tuple(own_parts(element, doc))
        found = mismatch(str(element.get("lang")), " ".join(pieces), min_words=8, short=True, pieces=pieces)
        if found is not None:
            yield ctx.violation(Location(selector=selector(element), snippet=snippet(element),
                                         context=heading_context(element)),
                                declared=found.declared, detected=_name(found.detected),
                                evidence=f"{found.words} words, confidence {found.confidence:.2f}")


def _inherited_lang(element: Tag) -> tuple[str | None, Tag | None]:
    holder = element.find_parent(lang=True)
    if holder is None:
        return None, None
    return str(holder.get("lang") or "").strip() or None, holder


@check("html-lang-passage", engine="html")
def passage_in_other_language(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A paragraph, list item or quote in another language than its surroundings, without its
    own `lang`: the screen reader reads it with the wrong voice."""
    page_wrong = page_mismatch(doc, ctx.options) is not None
    holder_wrong: dict[int, bool] = {}
    for block in doc.body.find_all(_PASSAGES):
        if block.has_attr("lang") or block.find(_PASSAGES) is not None or doc.is_hidden(block):
            continue
        declared, holder = _inherited_lang(block)
        if declared is None or holder is None:
            continue  # no language declared at all: axe's html-has-lang, or a fragment
        if page_wrong and holder.name == "html":
            continue  # the page-level finding already says the page language is wrong
        if holder.name != "html":
            if id(holder) not in holder_wrong:
                holder_wrong[id(holder)] = mismatch(declared, own_text(holder, doc), min_words=8) is not None
            if holder_wrong[id(holder)]:
                continue  # html-lang-element-mismatch already says this element's lang is wrong
        text = own_text(block, doc)
        if word_count(text) < PASSAGE_MIN_WORDS:
            continue
        found = mismatch(declared, text, min_words=PASSAGE_MIN_WORDS)
        if found is not None:
            yield ctx.violation(Location(selector=selector(block), snippet=snippet(block),
                                         context=heading_context(block)),
                                declared=found.declared, detected=_name(found.detected),
                                evidence=f"{found.words} words, confidence {found.confidence:.2f}")
