"""Encryption that locks out assistive technology: the permission "extract text for
accessibility" (bit 10 of /P) switched off. Screen readers that honour it cannot read the text.
WCAG 1.3.1 / 4.1.2 in practice; PDF/UA-1 7.16.
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check


@check("pdf-encryption-blocks-at", engine="pdf")
def encryption_blocks_assistive_technology(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    if model.encrypted and not model.allow_accessibility:
        yield ctx.violation(Location())
