"""Headings: structure a screen reader user navigates by (and the navigation pane shows)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from uu_check.checks.docx import paragraph_location, snippet, words
from uu_check.engines.docx_model import DocxModel, Paragraph
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

#: A document longer than this (words) needs headings.
LONG_DOCUMENT_WORDS = 300
#: A fake heading is at most this many words ...
FAKE_HEADING_MAX_WORDS = 10
#: ... and at least this large (points), or bold throughout.
FAKE_HEADING_MIN_SIZE = 14.0
_SENTENCE_END = re.compile(r"[.,;!?…]$")
_LIST_START = re.compile(r"^\s*(?:[•·▪◦●■\-–*]|\d{1,2}[.)]|[a-zA-Z][.)])\s")


@check("docx-headings-missing", engine="docx")
def headings_missing(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    total = words(model.body_text)
    if total >= LONG_DOCUMENT_WORDS and not model.headings:
        yield ctx.violation(Location(snippet=snippet(model.display_title)), words=total)


@check("docx-heading-skip", engine="docx")
def heading_skip(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    previous = None
    for paragraph in model.headings:
        if not paragraph.text.strip():
            continue
        level = paragraph.heading_level or 1
        if previous is None and level > 2:
            yield ctx.violation(paragraph_location(model, paragraph), key="first", level=level, previous=0)
        elif previous is not None and level > previous + 1:
            yield ctx.violation(paragraph_location(model, paragraph), level=level, previous=previous)
        previous = level


@check("docx-heading-empty", engine="docx")
def heading_empty(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    for paragraph in model.headings:
        if not paragraph.visible_text.strip() and not paragraph.drawings:
            yield ctx.violation(paragraph_location(model, paragraph), level=paragraph.heading_level)


def looks_like_heading(paragraph: Paragraph, body_size: float | None) -> bool:
    """Short, on its own line, and all bold or clearly larger than the body text."""
    if len(paragraph.text) > 120 or not paragraph.runs:   # cheap exits first: most paragraphs
        return False
    text = paragraph.visible_text.strip()
    if (not text or paragraph.is_heading or paragraph.is_title_style or paragraph.numbered
            or paragraph.table is not None or paragraph.part != "body"):
        return False
    if words(text) > FAKE_HEADING_MAX_WORDS or len(text) > 90 or "\n" in text:
        return False
    if _SENTENCE_END.search(text) or _LIST_START.match(text):
        return False
    runs = [r for r in paragraph.runs if r.text.strip() and not r.props.hidden]
    if not runs:
        return False
    all_bold = all(r.props.bold for r in runs)
    sizes = [r.props.size for r in runs if r.props.size]
    min_large = max(FAKE_HEADING_MIN_SIZE, (body_size or 11.0) + 3)
    large = bool(sizes) and min(sizes) >= min_large
    return all_bold or large


@check("docx-fake-heading", engine="docx")
def fake_heading(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    """Bold or large short lines followed by body text: they look like headings but are not."""
    body_size = _body_size(model)
    paragraphs = model.paragraphs
    for position, paragraph in enumerate(paragraphs):
        if not looks_like_heading(paragraph, body_size):
            continue
        following = next((p for p in paragraphs[position + 1:] if p.text.strip()), None)
        if following is None or looks_like_heading(following, body_size):
            continue
        yield ctx.violation(paragraph_location(model, paragraph))


def _body_size(model: DocxModel) -> float | None:
    """The most common text size (by characters) in the body."""
    sizes: dict[float, int] = {}
    for paragraph in model.paragraphs:
        for run in paragraph.runs:
            if run.props.size:
                sizes[run.props.size] = sizes.get(run.props.size, 0) + len(run.text)
    return max(sizes, key=sizes.__getitem__) if sizes else None
