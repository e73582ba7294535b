"""Tables: header rows, merges, nesting, empty and layout tables."""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.docx import table_location, words
from uu_check.engines.docx_model import DocxModel, Table
from uu_check.model import Finding
from uu_check.registry import CheckContext, check


def is_data_table(table: Table) -> bool:
    """At least two rows and two columns with some text: a table that needs headers."""
    return table.row_count >= 2 and table.col_count >= 2 and not table.empty


@check("docx-table-header-missing", engine="docx")
def table_header_missing(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    for table in model.tables:
        if is_data_table(table) and not table.header_row and not looks_like_layout(table):
            yield ctx.violation(table_location(model, table), table=table.index)


@check("docx-table-merged-cells", engine="docx")
def table_merged_cells(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    for table in model.tables:
        if table.merged and not table.empty:
            yield ctx.violation(table_location(model, table), table=table.index)


@check("docx-table-nested", engine="docx")
def table_nested(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    for table in model.tables:
        if table.parent is not None:
            yield ctx.violation(table_location(model, table), table=table.index, parent=table.parent)


@check("docx-table-empty", engine="docx")
def table_empty(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    for table in model.tables:
        if table.empty and not table.has_drawings:
            yield ctx.violation(table_location(model, table), table=table.index)


def looks_like_layout(table: Table) -> bool:
    """Signs a table places things on the page rather than holding data: headings or pictures
    in its cells, or one row of long text columns."""
    if table.has_headings or table.has_drawings:
        return True
    if table.row_count == 1 and table.col_count >= 2 and words(table.text) >= 20:
        return True
    return False


@check("docx-table-layout", engine="docx")
def table_layout(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    for table in model.tables:
        if looks_like_layout(table) and not table.empty:
            yield ctx.review(table_location(model, table), table=table.index)
