"""Video and audio on slides: captions for what is said (WCAG 1.2.1, 1.2.2). PowerPoint can
attach a caption file (Insert Captions); without one, a person must check whether the media has
speech and whether captions are burned in, so this is a needs-review finding."""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.pptx import location
from uu_check.engines.pptx_model import PptxDocument
from uu_check.model import Finding
from uu_check.registry import CheckContext, check


@check("pptx-media-captions", engine="pptx")
def media_captions(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    for slide in deck.slides:
        for shape in slide.walk():
            media = shape.media
            if media is not None and not media.has_captions:
                yield ctx.review(location(slide, shape), key=media.kind, name=shape.name)
