"""Reading level of the extracted text (LIX), as advice for a person (needs review, never a
violation); the same threshold option as for web pages (`lix_threshold`, default 55).
WCAG 3.1.5 https://www.w3.org/WAI/WCAG22/Understanding/reading-level
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.readability import lix

DEFAULT_THRESHOLD = 55.0


def threshold(options: dict) -> float:
    try:
        return float(options.get("lix_threshold", DEFAULT_THRESHOLD))
    except (TypeError, ValueError):
        return DEFAULT_THRESHOLD


@check("pdf-reading-level", engine="pdf")
def reading_level(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    text = "\n".join(t for _, t in model.text_runs)
    result = lix(text)
    limit = threshold(ctx.options)
    if result is None or result.score <= limit:
        return
    yield ctx.review(Location(context="document text"), lix=f"{result.score:g}", band=result.band,
                     threshold=f"{limit:g}",
                     evidence=f"{result.words} words, {result.sentences} sentences, {result.long_words} long words")
