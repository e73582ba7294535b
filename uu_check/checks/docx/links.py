"""Hyperlinks whose text does not say where they go."""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.docx import snippet
from uu_check.engines.docx_model import DocxModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.linktext import is_generic_link_text, is_raw_url


@check("docx-link-text", engine="docx")
def link_text(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    for link in model.hyperlinks:
        text = " ".join(link.text.split())
        if not text or (link.target or "").startswith("#"):
            continue
        key = "url" if is_raw_url(text) else "generic" if is_generic_link_text(text) else None
        if key is None:
            continue
        location = Location(paragraph=link.paragraph, snippet=snippet(text),
                            frame=None if link.part == "body" else link.part,
                            context=link.context if link.part == "body" else link.part.split()[0])
        yield ctx.violation(location, key=key, text=text, url=link.target or "")
