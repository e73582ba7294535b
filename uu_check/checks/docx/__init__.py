"""Rules for Word documents. Each module holds one topic; helpers for locations live here.

Every rule reads the DocxModel built by uu_check/engines/docx_model.py.
"""

from __future__ import annotations

from uu_check.engines.docx_model import DocxModel, Drawing, Paragraph, Table
from uu_check.model import Location


def snippet(text: str | None, length: int = 60) -> str | None:
    """The start of a text, on one line: what a person searches for with Ctrl+F."""
    if not text:
        return None
    line = " ".join(text.split())
    if not line:
        return None
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def _context(model: DocxModel, context: str | None, section: int, part: str) -> str | None:
    if part != "body":
        return part.split()[0]          # "header" / "footer"
    if context:
        return context
    if len(model.sections) > 1:
        return f"section {section}"
    return None


def paragraph_location(model: DocxModel, paragraph: Paragraph, text: str | None = None) -> Location:
    return Location(
        paragraph=paragraph.index, table=paragraph.table, snippet=snippet(text or paragraph.text),
        frame=None if paragraph.part == "body" else paragraph.part,
        context=_context(model, paragraph.context, paragraph.section, paragraph.part),
    )


def drawing_location(model: DocxModel, drawing: Drawing) -> Location:
    text = None
    if drawing.paragraph is not None and drawing.part == "body":
        text = model.paragraphs[drawing.paragraph - 1].text
    return Location(
        paragraph=drawing.paragraph, table=drawing.table, shape=drawing.name, snippet=snippet(text),
        frame=None if drawing.part == "body" else drawing.part,
        context=_context(model, drawing.context, drawing.section, drawing.part),
    )


def table_location(model: DocxModel, table: Table) -> Location:
    first_row = " | ".join(c.text for c in table.rows[0] if c.text) if table.rows else ""
    return Location(
        table=table.index, paragraph=table.first_paragraph, snippet=snippet(first_row),
        context=_context(model, table.context, table.section, table.part),
    )


def words(text: str) -> int:
    return len(text.split())


#: Word stores built-in style names in English ("heading 1"); Norwegian Word shows these.
_BUILTIN_STYLES_NO = {
    "normal": "Normal", "title": "Tittel", "subtitle": "Undertittel", "list paragraph": "Listeavsnitt",
    "hyperlink": "Hyperkobling", "quote": "Sitat", "intense quote": "Sterkt sitat", "caption": "Bildetekst",
    "no spacing": "Ingen mellomrom", "footer": "Bunntekst", "header": "Topptekst",
}


def style_label(name: str | None, lang: str) -> str:
    """A style's name as Word shows it in the reader's language ('heading 2' -> 'Overskrift 2')."""
    if not name:
        return ""
    lowered = name.lower()
    if lowered.startswith("heading ") and lowered[8:].isdigit():
        return ("Overskrift " if lang in ("nb", "nn") else "Heading ") + lowered[8:]
    if lang in ("nb", "nn") and lowered in _BUILTIN_STYLES_NO:
        return _BUILTIN_STYLES_NO[lowered]
    return name[:1].upper() + name[1:] if lowered in _BUILTIN_STYLES_NO else name
