"""Alternative text on pictures, charts, SmartArt, groups and shapes (WCAG 1.1.1).

PowerPoint stores it in p:cNvPr/@descr; "Mark as decorative" writes an adec:decorative
extension. A shape with text is read by its text; a shape that only shows something needs alt
text or the decorative mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from uu_check.checks.pptx import location
from uu_check.engines.pptx_model import PptxDocument, Shape, Slide
from uu_check.model import Finding
from uu_check.registry import CheckContext, check
from uu_check.text.alttext import is_file_name, is_placeholder

#: Office's automatic descriptions end like this until a person confirms them.
AUTO_GENERATED = re.compile(
    r"(description automatically generated|automatisk generert beskrivelse|beskrivelse er generert "
    r"automatisk|skildring generert automatisk|automatically generated description)",
    re.IGNORECASE,
)


def _alt(shape: Shape) -> str:
    return shape.alt or shape.alt_title


def _described_shapes(slide: Slide) -> Iterator[Shape]:
    """Shapes a screen reader meets on their own: a group with alt text or the decorative mark
    speaks for its members, so they are not visited."""
    stack = list(reversed(slide.shapes))
    while stack:
        shape = stack.pop()
        yield shape
        if shape.kind == "group" and not (shape.decorative or _alt(shape)):
            stack.extend(reversed(shape.children))


def _is_picture(shape: Shape) -> bool:
    return shape.kind == "picture" or (shape.kind in ("shape", "placeholder", "text-box")
                                       and shape.has_picture_fill and not shape.text)


@check("pptx-image-alt", engine="pptx")
def image_alt(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Pictures (and shapes filled with a picture) without alt text and not marked decorative."""
    for slide in deck.slides:
        for shape in _described_shapes(slide):
            if _is_picture(shape) and not shape.decorative and not _alt(shape):
                yield ctx.violation(location(slide, shape), name=shape.name)


def _object_key(shape: Shape) -> str | None:
    """Which kind of non-picture object needs alt text, or None when it does not."""
    if shape.decorative or _alt(shape):
        return None
    if shape.kind == "chart":
        return "chart"
    if shape.kind == "smartart":
        return "smartart"
    if shape.kind in ("ole", "graphic-frame"):
        return "object"
    if shape.kind == "group":
        # A group of text boxes reads as its text; a group that only draws needs a description.
        if not any(child.text for child in _members(shape)):
            return "group"
        return None
    if shape.kind == "shape" and not shape.text and not shape.has_picture_fill and not shape.in_group:
        return "shape"
    return None


def _members(group: Shape) -> Iterator[Shape]:
    for child in group.children:
        yield child
        yield from _members(child)


@check("pptx-object-alt", engine="pptx")
def object_alt(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Charts, SmartArt, embedded objects, drawn groups and shapes without text that have
    neither alt text nor the decorative mark. A lone shape may only decorate: reported as moderate."""
    for slide in deck.slides:
        for shape in _described_shapes(slide):
            key = _object_key(shape)
            if key is None:
                continue
            yield ctx.violation(location(slide, shape), key=key, name=shape.name,
                                severity="moderate" if key == "shape" else None)


@check("pptx-alt-text-quality", engine="pptx")
def alt_text_quality(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Alt text that says nothing about the content: a file name, a placeholder word
    ('bilde', 'image'), or Office's automatic description that nobody checked."""
    for slide in deck.slides:
        for shape in slide.walk():
            alt = _alt(shape)
            if not alt or shape.decorative:
                continue
            if is_file_name(alt):
                key = "filename"
            elif is_placeholder(alt):
                key = "placeholder"
            elif AUTO_GENERATED.search(alt):
                key = "generated"
            else:
                continue
            yield ctx.violation(location(slide, shape, text=alt), key=key, name=shape.name, alt=alt)
