"""Fonts: embedded (the text looks and reads the same everywhere) and mapped to Unicode (a
ToUnicode map or a standard encoding), or a screen reader and copy-paste get nonsense.
WCAG 1.3.1 / 4.1.1 as document technique; PDF/UA-1 7.21.4.1 (embedding), 7.21.7 (Unicode).
The 14 standard PDF fonts (Helvetica, Times, ...) are built into every reader and read fine
with their standard encoding, so they are not reported as missing.
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check


@check("pdf-font-embedded", engine="pdf")
def font_embedded(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    for font in model.fonts:
        if not font.embedded and not font.standard14:
            yield ctx.violation(Location(page=font.first_page, context=font.subtype, snippet=font.name), font=font.name)


@check("pdf-font-unicode", engine="pdf")
def font_unicode(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    for font in model.fonts:
        if not font.to_unicode and not font.standard_encoding:
            yield ctx.violation(Location(page=font.first_page, context=font.subtype, snippet=font.name), font=font.name)
