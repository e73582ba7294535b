"""Pictures, charts, shapes and SmartArt: alt text, decorative marks, floating objects, scans."""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.docx import drawing_location, words
from uu_check.engines.docx_model import DocxModel, Drawing
from uu_check.model import Finding
from uu_check.registry import CheckContext, check
from uu_check.text.alttext import is_auto_generated, is_file_name, is_placeholder

#: Our drawing kinds -> the message key the catalog has.
_KEYS = {"picture": "picture", "vml": "picture", "chart": "chart", "smartart": "smartart",
         "shape": "shape", "group": "shape", "canvas": "shape", "ink": "shape"}

#: A4 portrait in EMU, for documents without a page size.
_A4 = (7_560_310, 10_692_130)


def needs_alt(drawing: Drawing) -> bool:
    """A drawing a screen reader user must be told about: not decorative, not a text box."""
    return not drawing.decorative and not drawing.has_text


@check("docx-image-alt", engine="docx")
def image_alt(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    for drawing in model.drawings:
        if needs_alt(drawing) and not drawing.alt:
            yield ctx.violation(drawing_location(model, drawing), key=_KEYS.get(drawing.kind, "shape"),
                                name=drawing.name)


@check("docx-image-alt-meaningless", engine="docx")
def image_alt_meaningless(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    for drawing in model.drawings:
        alt = drawing.alt
        if not alt or not needs_alt(drawing):
            continue
        if is_file_name(alt):
            yield ctx.violation(drawing_location(model, drawing), key="filename", name=drawing.name, alt=alt)
        elif is_placeholder(alt):
            yield ctx.violation(drawing_location(model, drawing), key="placeholder", name=drawing.name, alt=alt)
        elif is_auto_generated(alt):
            yield ctx.violation(drawing_location(model, drawing), key="automatic", name=drawing.name, alt=alt)


@check("docx-floating-object", engine="docx")
def floating_object(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    """Objects positioned on the page ("In front of text", "Square" ...) are read where they are
    anchored, not where they appear: a person must look whether the order still makes sense."""
    for drawing in model.drawings:
        if drawing.floating and not drawing.decorative and drawing.part == "body":
            yield ctx.review(drawing_location(model, drawing), name=drawing.name)


@check("docx-scanned", engine="docx")
def scanned(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    """A page-sized picture and (almost) no text: a scan, which a screen reader cannot read."""
    if words(model.body_text) >= 25:
        return
    page_w, page_h = (model.page.width_emu, model.page.height_emu) if model.page else _A4
    page_area = max(page_w * page_h, 1)
    for drawing in model.drawings:
        if drawing.kind in ("picture", "vml") and drawing.part == "body":
            area = drawing.width_emu * drawing.height_emu
            if area >= 0.4 * page_area:
                yield ctx.violation(drawing_location(model, drawing), name=drawing.name)
                return
