"""Text contrast against the shape fill or slide background (WCAG 1.4.3).

The model resolves theme colours, the colour map and inheritance from layout and master; a
colour it cannot know (gradient, picture, transparency, table style) is None, and then this
rule does not decide.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from uu_check.checks.pptx import location
from uu_check.engines.pptx_model import PptxDocument
from uu_check.model import Finding
from uu_check.registry import CheckContext, check
from uu_check.text.contrast import AA_LARGE, contrast_ratio, required_ratio


@functools.lru_cache(maxsize=4096)
def _ratio(foreground: str, background: str) -> float:
    """Decks reuse a few colour pairs on every slide: compute each pair once."""
    return contrast_ratio(foreground, background)


@check("pptx-text-contrast", engine="pptx")
def text_contrast(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Report the worst run of each shape whose contrast is below the AA minimum for its size.
    When the size is unknown, only contrast that fails even large text (3:1) is reported."""
    for slide in deck.slides:
        for shape in slide.walk():
            background = shape.background
            if not shape.runs or background is None or background == "none":
                continue
            worst = None
            for run in shape.runs:
                if run.color is None or not run.text.strip():
                    continue
                ratio = _ratio(run.color, background)
                needed = required_ratio(run.size, run.bold) if run.size is not None else AA_LARGE
                if ratio < needed and (worst is None or ratio < worst[0]):
                    worst = (ratio, needed, run)
            if worst is not None:
                ratio, needed, run = worst
                yield ctx.violation(location(slide, shape, text=run.text), name=shape.name,
                                    ratio=f"{ratio:.2f}", required=f"{needed:g}",
                                    foreground=f"#{run.color}", background=f"#{background}")
