"""Table rules: data tables without header cells, complex headers without scope, layout tables
with header markup, merged cells.

axe-core already checks td-has-header (large data tables), th-has-data-cells, scope-attr-valid,
table-fake-caption and table-duplicate-name (caption equal to summary); these rules cover what
a teacher does in a rich-text editor that axe lets through: a small table with no header row, a
table whose two header rows a screen reader cannot untangle, a layout table dressed as data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import Tag

from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet, visible_text
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

LAYOUT_ROLES = ("presentation", "none")


@dataclass
class TableShape:
    """The cells of one table (not of tables nested in it), row by row."""

    rows: list[list[Tag]]

    @property
    def cells(self) -> list[Tag]:
        return [c for row in self.rows for c in row]

    @property
    def width(self) -> int:
        return max((sum(_span(c, "colspan") for c in row) for row in self.rows), default=0)

    def header_cells(self) -> list[Tag]:
        return [c for c in self.cells if _is_header(c)]

    def header_rows(self) -> int:
        """Rows in which every cell is a header (column-header rows)."""
        return sum(1 for row in self.rows if row and all(_is_header(c) for c in row))

    def header_columns(self) -> int:
        """Leading columns in which every row's cell is a header (row-header columns)."""
        body = [row for row in self.rows if row and not all(_is_header(c) for c in row)]
        if not body:
            return 0
        count = 0
        while all(len(row) > count and _is_header(row[count]) for row in body):
            count += 1
        return count


def _span(cell: Tag, name: str) -> int:
    try:
        return max(1, int(str(cell.get(name, "1")).strip() or 1))
    except ValueError:
        return 1


def _is_header(cell: Tag) -> bool:
    role = str(cell.get("role", "")).strip().lower()
    return cell.name == "th" or role in ("columnheader", "rowheader")


def shape(table: Tag) -> TableShape:
    rows = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        rows.append([c for c in row.find_all(["td", "th"], recursive=False)])
    return TableShape([r for r in rows if r])


def is_layout_table(table: Tag) -> bool:
    """Marked as layout (role presentation/none)."""
    return str(table.get("role", "")).strip().lower() in LAYOUT_ROLES


def looks_like_data(doc: HtmlDocument, table: Tag, tshape: TableShape) -> bool:
    """A table that holds data: at least 2 x 2 cells with text, not marked as layout, not holding
    other tables or form layout, not a one-cell wrapper."""
    if is_layout_table(table) or doc.is_hidden(table):
        return False
    if str(table.get("role", "")).strip().lower() not in ("", "table", "grid", "treegrid"):
        return False
    if table.find("table"):
        return False
    if len(tshape.rows) < 2 or tshape.width < 2:
        return False
    filled = [c for c in tshape.cells if visible_text(c)]
    if len(filled) < 4:
        return False
    # Cells that hold whole blocks of content (headings, several paragraphs) are layout.
    if any(c.find(["h1", "h2", "h3", "h4", "h5", "h6", "form", "nav"]) for c in tshape.cells):
        return False
    return True


def _location(table: Tag) -> Location:
    return Location(selector=selector(table), snippet=snippet(table), context=heading_context(table))


def _tables(doc: HtmlDocument) -> Iterator[tuple[Tag, TableShape]]:
    for table in doc.body.find_all("table"):
        yield table, shape(table)


@check("html-table-no-headers", engine="html")
def table_no_headers(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A data table with no header cells at all: a screen reader cannot say which column or row
    a value belongs to."""
    for table, tshape in _tables(doc):
        if not looks_like_data(doc, table, tshape) or tshape.header_cells():
            continue
        if any(c.has_attr("headers") for c in tshape.cells):
            continue
        yield ctx.violation(_location(table), rows=len(tshape.rows), columns=tshape.width)


@check("html-table-complex-no-scope", engine="html")
def table_complex_no_scope(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A table with more than one row of column headers, or more than one column of row
    headers, whose header cells have no scope and whose data cells no headers attribute."""
    for table, tshape in _tables(doc):
        if is_layout_table(table) or doc.is_hidden(table):
            continue
        headers = [c for c in tshape.header_cells() if c.name == "th"]
        if not headers:
            continue
        multi_rows = tshape.header_rows() >= 2
        multi_cols = tshape.header_columns() >= 2
        spans = any(_span(c, "colspan") > 1 or _span(c, "rowspan") > 1 for c in headers)
        if not (multi_rows or multi_cols or (spans and tshape.header_rows() and tshape.header_columns())):
            continue
        if any(c.has_attr("headers") for c in tshape.cells):
            continue
        missing = [c for c in headers if not str(c.get("scope", "")).strip() and visible_text(c)]
        if missing:
            yield ctx.violation(_location(table), count=len(missing))


@check("html-layout-table-markup", engine="html")
def layout_table_markup(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A table marked as layout (role=presentation/none) that still has header cells, a caption
    or a summary: it cannot be both, and assistive technology gets mixed signals."""
    for table, tshape in _tables(doc):
        if not is_layout_table(table) or doc.is_hidden(table):
            continue
        parts = []
        if any(c.name == "th" for c in tshape.cells):
            parts.append("<th>")
        caption = table.find("caption")
        if caption is not None and caption.find_parent("table") is table:
            parts.append("<caption>")
        if str(table.get("summary", "")).strip():
            parts.append("summary")
        if any(c.has_attr("scope") or c.has_attr("headers") for c in tshape.cells):
            parts.append("scope/headers")
        if parts:
            yield ctx.review(_location(table), markup=", ".join(parts))


@check("html-table-merged-cells", engine="html")
def table_merged_cells(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Merged cells (rowspan/colspan) in a data table: many screen readers lose track of which
    header a value belongs to. Review whether the table can be split or simplified."""
    for table, tshape in _tables(doc):
        if is_layout_table(table) or doc.is_hidden(table) or not tshape.header_cells():
            continue
        if table.find("table") or any(c.has_attr("headers") for c in tshape.cells):
            continue
        merged = [c for c in tshape.cells if _span(c, "rowspan") > 1 or _span(c, "colspan") > 1]
        if merged:
            yield ctx.review(_location(table), count=len(merged))
