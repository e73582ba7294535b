"""Rules for PowerPoint decks, over the PptxDocument model (uu_check/engines/pptx_model.py).

Helpers shared by the rule modules live here: where a finding is (slide number, shape name,
slide title, start of the text) and which shapes a screen reader meets.
"""

from __future__ import annotations

from uu_check.engines.pptx_model import Shape, Slide
from uu_check.model import Location

#: Shape kinds that show something other than text (they need alt text or the decorative mark).
VISUAL_KINDS = frozenset({"picture", "chart", "smartart", "ole", "graphic-frame", "media"})


def snippet(text: str, limit: int = 60) -> str | None:
    """The start of a text on one line, for a person to find the place."""
    text = " ".join((text or "").split())
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def location(slide: Slide, shape: Shape | None = None, text: str | None = None) -> Location:
    """Slide number, shape name, slide title as context, and the start of the text or alt."""
    if shape is not None and text is None:
        text = shape.text or shape.alt
    return Location(slide=slide.number, shape=shape.name if shape is not None else None,
                    context=slide.title, snippet=snippet(text or ""))


def is_readable(shape: Shape) -> bool:
    """Does a screen reader announce this shape? (decorative and empty ones are skipped)."""
    if shape.decorative or shape.is_furniture or shape.kind == "connector":
        return False
    if shape.text or shape.alt:
        return True
    if shape.kind in VISUAL_KINDS or shape.kind == "table" or shape.has_picture_fill:
        return True
    if shape.kind == "group":
        return any(is_readable(child) for child in shape.children)
    return False
