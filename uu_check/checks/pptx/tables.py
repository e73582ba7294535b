"""Tables: a header row a screen reader can announce, and no merged cells (WCAG 1.3.1)."""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.pptx import location
from uu_check.engines.pptx_model import PptxDocument
from uu_check.model import Finding
from uu_check.registry import CheckContext, check


@check("pptx-table-header", engine="pptx")
def table_header(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A table whose first row is not marked as a header row (Table Design > Header Row,
    a:tblPr/@firstRow). One-row tables hold no data to label and are left alone."""
    for slide in deck.slides:
        for shape in slide.walk():
            table = shape.table
            if table is not None and not table.first_row and table.rows > 1:
                yield ctx.violation(location(slide, shape), name=shape.name)


@check("pptx-table-merged", engine="pptx")
def table_merged(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Merged cells break the grid a screen reader walks cell by cell."""
    for slide in deck.slides:
        for shape in slide.walk():
            if shape.table is not None and shape.table.merged:
                yield ctx.violation(location(slide, shape), name=shape.name)
