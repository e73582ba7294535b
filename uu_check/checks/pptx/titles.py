"""Slide titles and the presentation title: how people find their way through a deck."""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.pptx import location
from uu_check.engines.pptx_model import PptxDocument
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check


@check("pptx-slide-title", engine="pptx")
def slide_title(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Every slide needs a title in a title placeholder: screen reader users jump between slides
    by title, and the outline and slide sorter list them (WCAG 2.4.2, 2.4.6)."""
    for slide in deck.slides:
        if slide.title:
            continue
        has_empty_title = any(shape.is_title for shape in slide.shapes)
        first_text = next((s.text for s in slide.walk() if s.text and not s.is_furniture), "")
        yield ctx.violation(location(slide, text=first_text), key="empty" if has_empty_title else "default",
                            slide=slide.number)


@check("pptx-slide-title-unique", engine="pptx")
def slide_title_unique(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Two slides with the same title cannot be told apart in the list of slides
    (WCAG 2.4.6). Reported on each repeat, naming the slide it repeats."""
    seen: dict[str, int] = {}
    for slide in deck.slides:
        if not slide.title:
            continue
        key = " ".join(slide.title.lower().split())
        if key in seen:
            yield ctx.violation(location(slide, text=slide.title), title=slide.title, first=seen[key])
        else:
            seen[key] = slide.number


@check("pptx-doc-title", engine="pptx")
def doc_title(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """The presentation's Title property is what a screen reader, the LMS and the browser tab
    announce when the file is opened (WCAG 2.4.2)."""
    if not deck.title.strip():
        yield ctx.violation(Location(context=deck.name), file=deck.name)
