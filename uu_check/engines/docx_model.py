"""The parsed model of one Word document, built once and read by every docx rule.

Why a model: python-docx gives paragraphs and tables but not what accessibility rules need
(effective formatting after style inheritance, theme colours, alt text and the decorative mark on
drawings, header-row flags, merges, hyperlink targets, reading order through tables and content
controls). Rules should not each walk the XML again, so this module walks it once, with lxml on
the trees python-docx already parsed, and keeps plain dataclasses.

Numbers are 1-based and in reading order: body paragraphs (also those inside tables) are
numbered 1..N; header and footer paragraphs are numbered within their part.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from uu_check.office.theme import Theme, normalise_hex, word_theme_color

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V = "urn:schemas-microsoft-com:vml"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"

_W = "{%s}" % W
_R = "{%s}" % R
_WP = "{%s}" % WP
_A = "{%s}" % A

#: Named highlight colours (w:highlight/@w:val) -> hex.
HIGHLIGHTS: dict[str, str] = {
    "yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF", "blue": "0000FF",
    "red": "FF0000", "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
    "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000", "darkGray": "808080",
    "lightGray": "C0C0C0", "black": "000000", "white": "FFFFFF",
}

#: graphicData/@uri -> our kind of drawing.
GRAPHIC_KINDS: dict[str, str] = {
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "picture",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "chart",
    "http://schemas.microsoft.com/office/drawing/2014/chartex": "chart",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "smartart",
    WPS: "shape",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup": "group",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas": "canvas",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingInk": "ink",
}

_TRUE = {None, "1", "true", "on"}


def _on(element: etree._Element | None) -> bool | None:
    """A WordprocessingML toggle (w:b, w:vanish ...): None when absent."""
    if element is None:
        return None
    return element.get(_W + "val") in _TRUE


@dataclass(slots=True)
class RunProps:
    """Effective character formatting (after styles); None = not set anywhere."""

    bold: bool | None = None
    italic: bool | None = None
    size: float | None = None          # points
    color: str | None = None           # hex, or None for auto
    highlight: str | None = None       # hex
    shading: str | None = None         # hex
    lang: str | None = None
    hidden: bool | None = None

    def merged(self, other: dict[str, Any]) -> RunProps:
        data = {name: getattr(self, name) for name in self.__slots__}
        data.update(other)
        return RunProps(**data)


@dataclass(slots=True)
class Run:
    text: str
    props: RunProps
    #: The colour is written on the run itself, not inherited from a style.
    direct_color: bool = False


@dataclass
class Paragraph:
    """One paragraph in reading order."""

    index: int                      # 1-based within its part (body, or one header/footer)
    part: str                       # "body", "header 1", "footer 2", ...
    text: str
    style_id: str | None
    style_name: str | None
    heading_level: int | None       # 1..9 from the style/outline level, None for body text
    is_title_style: bool
    runs: list[Run]
    numbered: bool                  # list formatting (w:numPr directly or by style)
    shading: str | None             # paragraph shading fill, hex
    cell_shading: str | None        # shading of the table cell it sits in
    table: int | None               # 1-based table it sits in, None outside tables
    section: int                    # 1-based section
    context: str | None             # nearest heading text above
    drawings: int = 0               # drawings anchored in this paragraph
    page_break_before: bool = False

    @property
    def is_heading(self) -> bool:
        return self.heading_level is not None

    @property
    def visible_text(self) -> str:
        return "".join(r.text for r in self.runs if not r.props.hidden)


@dataclass
class Drawing:
    """A picture, chart, shape, SmartArt, group, canvas or old VML image."""

    kind: str                       # picture | chart | shape | smartart | group | canvas | ink | vml
    name: str
    descr: str | None               # wp:docPr/@descr (the alt text)
    title: str | None               # wp:docPr/@title
    decorative: bool                # adec:decorative val=1
    floating: bool                  # wp:anchor (positioned on the page) rather than inline
    wrap: str | None                # wrapSquare, wrapTight, wrapNone (in front/behind) ...
    behind_text: bool
    width_emu: int
    height_emu: int
    has_text: bool                  # a text box: its words are read
    part: str
    paragraph: int | None
    table: int | None
    section: int
    context: str | None
    snippet: str | None

    @property
    def alt(self) -> str:
        return (self.descr or "").strip() or (self.title or "").strip()


@dataclass
class Hyperlink:
    text: str
    target: str | None              # URL or "#bookmark"
    part: str
    paragraph: int
    context: str | None


@dataclass
class Cell:
    text: str
    grid_span: int
    v_merge: str | None             # "restart", "continue" or None
    shading: str | None


@dataclass
class Table:
    index: int                      # 1-based in reading order (nested tables counted too)
    part: str
    rows: list[list[Cell]]
    header_row: bool                # first row repeats as header (w:tblHeader)
    parent: int | None              # index of the enclosing table when nested
    depth: int
    style_id: str | None
    borders_none: bool              # borders explicitly switched off on the table
    first_paragraph: int | None
    context: str | None
    section: int
    has_drawings: bool = False
    has_headings: bool = False
    paragraphs_in_cells: int = 0

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def col_count(self) -> int:
        return max((sum(c.grid_span for c in row) for row in self.rows), default=0)

    @property
    def merged(self) -> bool:
        return any(c.grid_span > 1 or c.v_merge for row in self.rows for c in row)

    @property
    def empty(self) -> bool:
        return not any(c.text.strip() for row in self.rows for c in row)

    @property
    def text(self) -> str:
        return " ".join(c.text for row in self.rows for c in row if c.text).strip()


@dataclass
class Section:
    index: int
    width_emu: int
    height_emu: int


@dataclass
class Style:
    style_id: str
    name: str
    type: str
    based_on: str | None
    outline_level: int | None
    numbered: bool
    rpr: dict[str, Any]
    ppr_shading: str | None


@dataclass
class DocxModel:
    """Everything the docx rules read."""

    file_name: str
    title: str | None                         # core properties title
    default_lang: str | None                  # docDefaults / Normal style language
    theme: Theme
    page_background: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)        # body, reading order
    part_paragraphs: list[Paragraph] = field(default_factory=list)   # headers and footers
    tables: list[Table] = field(default_factory=list)
    drawings: list[Drawing] = field(default_factory=list)
    hyperlinks: list[Hyperlink] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    styles: Mapping[str, Style] = field(default_factory=dict)

    @property
    def headings(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.is_heading]

    @property
    def display_title(self) -> str | None:
        """The title a report shows: the document title, else the first heading's text."""
        if self.title and self.title.strip():
            return self.title.strip()
        for paragraph in self.paragraphs:
            if (paragraph.is_heading or paragraph.is_title_style) and paragraph.text.strip():
                return paragraph.text.strip()[:120]
        return None

    @property
    def body_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs if p.text)

    def run_languages(self) -> Counter[str]:
        """Characters of body text per effective language ('' when none is set)."""
        counts: Counter[str] = Counter()
        for paragraph in self.paragraphs:
            for run in paragraph.runs:
                counts[run.props.lang or ""] += len(run.text)
        return counts

    @property
    def page(self) -> Section | None:
        return self.sections[0] if self.sections else None


# -- building -------------------------------------------------------------------------------------

def _val(element: etree._Element | None, name: str = "val") -> str | None:
    return None if element is None else element.get(_W + name)


def _color_of(element: etree._Element | None, theme: Theme, clr_map: dict[str, str],
              attr: str = "val", theme_attr: str = "themeColor") -> str | None | bool:
    """Hex colour of w:color / w:shd; False for an explicit 'auto' (meaning: default)."""
    if element is None:
        return None
    themed = element.get(_W + theme_attr)
    if themed:
        prefix = "themeFill" if theme_attr == "themeFill" else "theme"
        resolved = word_theme_color(theme, themed, element.get(_W + prefix + "Tint"),
                                    element.get(_W + prefix + "Shade"), clr_map)
        if resolved:
            return resolved
    raw = element.get(_W + attr)
    if raw is None:
        return None
    if raw.lower() == "auto":
        return False
    return normalise_hex(raw)


def read_rpr(rpr: etree._Element | None, theme: Theme, clr_map: dict[str, str]) -> dict[str, Any]:
    """The character properties written in one w:rPr (only those present)."""
    props: dict[str, Any] = {}
    if rpr is None:
        return props
    for child in rpr:
        tag = child.tag
        if tag == _W + "b":
            props["bold"] = _on(child)
        elif tag == _W + "i":
            props["italic"] = _on(child)
        elif tag == _W + "sz":
            try:
                props["size"] = int(child.get(_W + "val", "0")) / 2
            except ValueError:
                pass
        elif tag == _W + "color":
            color = _color_of(child, theme, clr_map)
            if color is not None:
                props["color"] = color or None
        elif tag == _W + "highlight":
            props["highlight"] = HIGHLIGHTS.get(child.get(_W + "val", ""))
        elif tag == _W + "shd":
            fill = _color_of(child, theme, clr_map, attr="fill", theme_attr="themeFill")
            if fill is not None:
                props["shading"] = fill or None
        elif tag == _W + "lang":
            lang = child.get(_W + "val")
            if lang:
                props["lang"] = lang
        elif tag in (_W + "vanish", _W + "specVanish", _W + "webHidden"):
            props["hidden"] = _on(child)
    return props


class _Builder:
    """Walks document, headers and footers once and fills a DocxModel."""

    def __init__(self, model: DocxModel, clr_map: dict[str, str], default_rpr: dict[str, Any],
                 default_pstyle: str | None, default_cstyle: str | None, rels: dict[str, dict[str, str]]):
        self.model = model
        self.clr_map = clr_map
        self.defaults = RunProps().merged(default_rpr)
        self.default_pstyle = default_pstyle
        self.default_cstyle = default_cstyle
        self.rels = rels
        self._style_props: dict[tuple[str | None, str | None], RunProps] = {}
        self._style_chain_cache: dict[str, list[Style]] = {}
        self._heading_cache: dict[str, tuple[int | None, bool]] = {}
        self._style_info: dict[str, tuple[str | None, int | None, bool, bool, str | None]] = {}
        self._text_boxes: list[etree._Element] = []
        self.context: str | None = None
        self.section = 1
        self.table_count = 0

    # styles -------------------------------------------------------------------------------------
    def chain(self, style_id: str | None) -> list[Style]:
        """The style and the styles it is based on, most basic first."""
        if not style_id:
            return []
        cached = self._style_chain_cache.get(style_id)
        if cached is not None:
            return cached
        chain: list[Style] = []
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen and current in self.model.styles:
            seen.add(current)
            style = self.model.styles[current]
            chain.append(style)
            current = style.based_on
        chain.reverse()
        self._style_chain_cache[style_id] = chain
        return chain

    def base_props(self, pstyle: str | None, cstyle: str | None) -> RunProps:
        key = (pstyle, cstyle)
        cached = self._style_props.get(key)
        if cached is None:
            props = self.defaults
            for style in self.chain(pstyle or self.default_pstyle):
                props = props.merged(style.rpr)
            for style in self.chain(cstyle):
                props = props.merged(style.rpr)
            self._style_props[key] = cached = props
        return cached

    def heading_level(self, style_id: str | None, ppr: etree._Element | None) -> tuple[int | None, bool]:
        """(heading level 1..9 or None, is the Title style) from the style chain and a direct
        outline level."""
        key = style_id or self.default_pstyle or ""
        cached = self._heading_cache.get(key)
        if cached is None:
            level: int | None = None
            is_title = False
            for style in self.chain(key or None):
                if style.outline_level is not None:
                    level = style.outline_level
                lowered = style.name.lower()
                if lowered.startswith("heading ") and lowered[8:].isdigit():
                    level = int(lowered[8:])
                if lowered in ("title", "tittel"):
                    is_title = True
            self._heading_cache[key] = cached = (level, is_title)
        level, is_title = cached
        direct = ppr.find(_W + "outlineLvl") if ppr is not None else None
        if direct is not None:
            try:
                value = int(direct.get(_W + "val", "9"))
                level = value + 1 if value < 9 else None
            except ValueError:
                pass
        if level is not None and not 1 <= level <= 9:
            level = None
        return level, is_title

    # walking ------------------------------------------------------------------------------------
    def walk(self, container: etree._Element, part: str, paragraphs: list[Paragraph],
             table: Table | None = None, cell_shading: str | None = None, depth: int = 0) -> None:
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child, part, paragraphs, table, cell_shading)
            elif tag == _W + "tbl":
                self.table(child, part, paragraphs, table, depth)
            elif tag in (_W + "sdt", _W + "customXml", _W + "sdtContent", _W + "ins", _W + "smartTag"):
                inner = child.find(_W + "sdtContent") if tag == _W + "sdt" else child
                if inner is not None:
                    self.walk(inner, part, paragraphs, table, cell_shading, depth)
            elif tag == "{%s}AlternateContent" % MC:
                choice = child.find("{%s}Choice" % MC)
                if choice is not None:
                    self.walk(choice, part, paragraphs, table, cell_shading, depth)

    def table(self, tbl: etree._Element, part: str, paragraphs: list[Paragraph],
              parent: Table | None, depth: int) -> None:
        self.table_count += 1
        tbl_pr = tbl.find(_W + "tblPr")
        style_id = _val(tbl_pr.find(_W + "tblStyle")) if tbl_pr is not None else None
        borders_none = False
        if tbl_pr is not None:
            borders = tbl_pr.find(_W + "tblBorders")
            if borders is not None and len(borders):
                borders_none = all(b.get(_W + "val") in ("nil", "none") for b in borders)
        rows_el = tbl.findall(_W + "tr")
        header = False
        if rows_el:
            tr_pr = rows_el[0].find(_W + "trPr")
            if tr_pr is not None:
                header = _on(tr_pr.find(_W + "tblHeader")) or False
        model_table = Table(
            index=self.table_count, part=part, rows=[], header_row=header,
            parent=parent.index if parent else None, depth=depth + (1 if parent else 0),
            style_id=style_id, borders_none=borders_none, first_paragraph=None, context=self.context,
            section=self.section,
        )
        if part == "body":
            self.model.tables.append(model_table)
        for tr in rows_el:
            row: list[Cell] = []
            for tc in _cells(tr):
                tc_pr = tc.find(_W + "tcPr")
                span, vmerge, shading = 1, None, None
                if tc_pr is not None:
                    grid = tc_pr.find(_W + "gridSpan")
                    if grid is not None:
                        try:
                            span = int(grid.get(_W + "val", "1"))
                        except ValueError:
                            span = 1
                    vm = tc_pr.find(_W + "vMerge")
                    if vm is not None:
                        vmerge = vm.get(_W + "val") or "continue"
                    fill = _color_of(tc_pr.find(_W + "shd"), self.model.theme, self.clr_map,
                                     attr="fill", theme_attr="themeFill")
                    shading = fill or None
                before = len(paragraphs)
                self.walk(tc, part, paragraphs, model_table, shading, model_table.depth)
                cell_paragraphs = paragraphs[before:]
                model_table.paragraphs_in_cells += len(cell_paragraphs)
                if cell_paragraphs and model_table.first_paragraph is None:
                    model_table.first_paragraph = cell_paragraphs[0].index
                text = " ".join(p.text for p in cell_paragraphs if p.table == model_table.index).strip()
                row.append(Cell(text=text, grid_span=span, v_merge=vmerge, shading=shading))
            model_table.rows.append(row)

    def style_info(self, style_id: str | None) -> tuple[str | None, int | None, bool, bool, str | None]:
        """(name, heading level, is Title, numbered, shading) of a paragraph style, cached."""
        key = style_id or ""
        info = self._style_info.get(key)
        if info is None:
            level, is_title = self.heading_level(style_id, None)
            numbered, shading = False, None
            for style in self.chain(style_id):
                numbered = numbered or style.numbered
                shading = style.ppr_shading or shading
            name = self.model.styles[style_id].name if style_id in self.model.styles else None
            self._style_info[key] = info = (name, level, is_title, numbered, shading)
        return info

    def paragraph(self, p: etree._Element, part: str, paragraphs: list[Paragraph],
                  table: Table | None, cell_shading: str | None) -> None:
        ppr = p.find(_W + "pPr")
        style_id = None
        direct_level: etree._Element | None = None
        numbered_direct: bool | None = None
        shading_direct = None
        page_break = section_end = False
        if ppr is not None:
            for child in ppr:
                tag = child.tag
                if tag == _W + "pStyle":
                    style_id = child.get(_W + "val")
                elif tag == _W + "numPr":
                    numbered_direct = _val(child.find(_W + "numId")) not in (None, "0")
                elif tag == _W + "shd":
                    shading_direct = _color_of(child, self.model.theme, self.clr_map, attr="fill",
                                               theme_attr="themeFill")
                elif tag == _W + "outlineLvl":
                    direct_level = child
                elif tag == _W + "pageBreakBefore":
                    page_break = bool(_on(child))
                elif tag == _W + "sectPr":
                    section_end = True
        effective_style = style_id or self.default_pstyle
        name, level, is_title, numbered, shading = self.style_info(effective_style)
        if direct_level is not None:
            try:
                value = int(direct_level.get(_W + "val", "9"))
                level = value + 1 if value < 9 else None
            except ValueError:
                pass
        if numbered_direct is not None:
            numbered = numbered_direct
        if shading_direct is not None:
            shading = shading_direct or None
        paragraph = Paragraph(
            index=len(paragraphs) + 1, part=part, text="", style_id=style_id, style_name=name,
            heading_level=level, is_title_style=is_title, runs=[], numbered=numbered, shading=shading,
            cell_shading=cell_shading, table=table.index if table else None, section=self.section,
            context=self.context, page_break_before=page_break,
        )
        paragraphs.append(paragraph)
        pending, self._text_boxes = self._text_boxes, []
        self.runs(p, paragraph, effective_style, part, table)
        boxes, self._text_boxes = self._text_boxes, pending
        if paragraph.runs:
            paragraph.text = "".join([r.text for r in paragraph.runs])
        if table is not None:
            if paragraph.drawings:
                table.has_drawings = True
            if level is not None:
                table.has_headings = True
        if level is not None and part == "body":
            heading_text = paragraph.text.strip()
            if heading_text:
                self.context = heading_text[:80]
        if section_end and part == "body":
            self.section += 1
        for content in boxes:                # text boxes anchored here follow the paragraph
            self.walk(content, part, paragraphs, table, cell_shading)

    def runs(self, container: etree._Element, paragraph: Paragraph, pstyle: str | None, part: str,
             table: Table | None, link: list[str] | None = None) -> None:
        """Collect runs (and drawings, hyperlinks) inside a paragraph in document order."""
        field_state: list[Any] = []  # complex field: [instr, collecting_result, text_parts]
        for child in container:
            tag = child.tag
            if tag == _W + "r":
                text = self.run(child, paragraph, pstyle, part, table, field_state)
                if field_state and field_state[1] and text:
                    field_state[2].append(text)
                if link is not None and text:
                    link.append(text)
            elif tag == _W + "hyperlink":
                parts: list[str] = []
                self.runs(child, paragraph, pstyle, part, table, parts)
                rid = child.get(_R + "id")
                target = self.rels.get(part, {}).get(rid) if rid else None
                anchor = child.get(_W + "anchor")
                if target is None and anchor:
                    target = "#" + anchor
                self._link("".join(parts), target, paragraph, part)
                if link is not None:
                    link.extend(parts)
            elif tag == _W + "fldSimple":
                parts = []
                self.runs(child, paragraph, pstyle, part, table, parts)
                target = _hyperlink_instr(child.get(_W + "instr", ""))
                if target is not None:
                    self._link("".join(parts), target, paragraph, part)
            elif tag in (_W + "smartTag", _W + "customXml", _W + "ins", _W + "moveTo", _W + "dir", _W + "bdo",
                         _W + "sdt", _W + "sdtContent"):
                inner = child.find(_W + "sdtContent") if tag == _W + "sdt" else child
                if inner is not None:
                    self.runs(inner, paragraph, pstyle, part, table, link)
            elif tag == "{%s}AlternateContent" % MC:
                choice = child.find("{%s}Choice" % MC)
                if choice is not None:
                    self.runs(choice, paragraph, pstyle, part, table, link)

    def run(self, r: etree._Element, paragraph: Paragraph, pstyle: str | None, part: str,
            table: Table | None, field_state: list[Any]) -> str:
        rpr = r.find(_W + "rPr")
        cstyle = _val(rpr.find(_W + "rStyle")) if rpr is not None else None
        props = self.base_props(pstyle, cstyle)
        direct = read_rpr(rpr, self.model.theme, self.clr_map)
        if direct:
            props = props.merged(direct)
        pieces: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _W + "t":
                pieces.append(child.text or "")
            elif tag == _W + "tab":
                pieces.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                pieces.append("\n")
            elif tag == _W + "noBreakHyphen":
                pieces.append("-")
            elif tag == _W + "sym":
                pieces.append("•")
            elif tag == _W + "fldChar":
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    field_state[:] = ["", False, []]
                elif kind == "separate" and field_state:
                    field_state[1] = True
                elif kind == "end" and field_state:
                    target = _hyperlink_instr(field_state[0])
                    if target is not None:
                        self._link("".join(field_state[2]), target, paragraph, part)
                    field_state.clear()
            elif tag == _W + "instrText":
                if field_state and not field_state[1]:
                    field_state[0] += child.text or ""
            elif tag == _W + "drawing":
                for holder in child:
                    self.drawing(holder, paragraph, part, table)
            elif tag == _W + "pict" or tag == _W + "object":
                self.vml(child, paragraph, part, table)
            elif tag == "{%s}AlternateContent" % MC:
                choice = child.find("{%s}Choice" % MC)
                if choice is not None:
                    for drawing in choice.iter(_W + "drawing"):
                        for holder in drawing:
                            self.drawing(holder, paragraph, part, table)
        text = "".join(pieces)
        if text:
            paragraph.runs.append(Run(text, props, "color" in direct))
        return text

    def _link(self, text: str, target: str | None, paragraph: Paragraph, part: str) -> None:
        self.model.hyperlinks.append(Hyperlink(text=text, target=target, part=part,
                                               paragraph=paragraph.index, context=self.context))

    def drawing(self, holder: etree._Element, paragraph: Paragraph, part: str, table: Table | None) -> None:
        """wp:inline or wp:anchor."""
        floating = holder.tag == _WP + "anchor"
        if not floating and holder.tag != _WP + "inline":
            return
        doc_pr = holder.find(_WP + "docPr")
        extent = holder.find(_WP + "extent")
        graphic_data = holder.find(f"{_A}graphic/{_A}graphicData")
        uri = graphic_data.get("uri") if graphic_data is not None else ""
        kind = GRAPHIC_KINDS.get(uri or "", "shape")
        has_text = False
        if kind in ("shape", "group", "canvas") and graphic_data is not None:
            for content in graphic_data.iter(_W + "txbxContent"):
                if "".join(content.itertext()).strip():
                    has_text = True
                    # read where it is anchored, as a screen reader does (see paragraph())
                    self._text_boxes.append(content)
        decorative = False
        if doc_pr is not None:
            for dec in doc_pr.iter("{%s}decorative" % ADEC):
                decorative = dec.get("val") in ("1", "true")
        wrap = None
        behind = False
        if floating:
            behind = holder.get("behindDoc") in ("1", "true")
            for child in holder:
                if isinstance(child.tag, str) and child.tag.startswith(_WP + "wrap"):
                    wrap = child.tag[len(_WP):]
                    break
        paragraph.drawings += 1
        self.model.drawings.append(Drawing(
            kind=kind,
            name=(doc_pr.get("name") if doc_pr is not None else None) or kind,
            descr=doc_pr.get("descr") if doc_pr is not None else None,
            title=doc_pr.get("title") if doc_pr is not None else None,
            decorative=decorative, floating=floating, wrap=wrap, behind_text=behind,
            width_emu=_int(extent.get("cx") if extent is not None else None),
            height_emu=_int(extent.get("cy") if extent is not None else None),
            has_text=has_text, part=part, paragraph=paragraph.index,
            table=table.index if table else None, section=self.section, context=self.context,
            snippet=None,
        ))

    def vml(self, pict: etree._Element, paragraph: Paragraph, part: str, table: Table | None) -> None:
        """Old VML pictures (w:pict / w:object with v:shape and v:imagedata)."""
        for shape in pict.iter("{%s}shape" % V, "{%s}rect" % V):
            if shape.find("{%s}imagedata" % V) is None:
                continue
            paragraph.drawings += 1
            style = shape.get("style", "")
            self.model.drawings.append(Drawing(
                kind="picture", name=shape.get("id") or "picture", descr=shape.get("alt"),
                title=shape.get("title"), decorative=False,
                floating="position:absolute" in style.replace(" ", ""), wrap=None, behind_text=False,
                width_emu=0, height_emu=0, has_text=False, part=part, paragraph=paragraph.index,
                table=table.index if table else None, section=self.section, context=self.context,
                snippet=None,
            ))


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    """The w:tc of a row, also those wrapped in content controls (w:sdt/w:sdtContent)."""
    for child in tr:
        if child.tag == _W + "tc":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _cells(content)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _hyperlink_instr(instr: str) -> str | None:
    """The target of a HYPERLINK field instruction, None for any other field."""
    text = instr.strip()
    if not text.upper().startswith("HYPERLINK"):
        return None
    rest = text[9:].strip()
    anchor = ""
    if "\\l" in rest:
        rest, _, anchor = rest.partition("\\l")
    url = rest.strip().split("\\", 1)[0].strip().strip('"')
    if not url and anchor:
        return "#" + anchor.strip().strip('"')
    return url


class StyleSheet(Mapping[str, Style]):
    """styles.xml as a mapping id -> Style, parsed lazily: a template defines 150+ styles and a
    document uses a handful, so only the styles asked for are read."""

    def __init__(self, root: etree._Element | None, theme: Theme, clr_map: dict[str, str]) -> None:
        self.theme = theme
        self.clr_map = clr_map
        self._elements: dict[str, etree._Element] = {}
        self._parsed: dict[str, Style] = {}
        self.defaults: dict[str, Any] = {}
        self.default_paragraph: str | None = None
        self.default_character: str | None = None
        if root is None:
            return
        doc_defaults = root.find(_W + "docDefaults")
        if doc_defaults is not None:
            self.defaults = read_rpr(doc_defaults.find(f"{_W}rPrDefault/{_W}rPr"), theme, clr_map)
        for el in root.iterchildren(_W + "style"):
            style_id = el.get(_W + "styleId")
            if not style_id:
                continue
            self._elements[style_id] = el
            if el.get(_W + "default") in ("1", "true"):
                kind = el.get(_W + "type", "paragraph")
                if kind == "paragraph":
                    self.default_paragraph = style_id
                elif kind == "character":
                    self.default_character = style_id

    def __getitem__(self, style_id: str) -> Style:
        style = self._parsed.get(style_id)
        if style is None:
            style = self._parse(style_id, self._elements[style_id])
            self._parsed[style_id] = style
        return style

    def __contains__(self, style_id: object) -> bool:
        return style_id in self._elements

    def __iter__(self) -> Iterator[str]:
        return iter(self._elements)

    def __len__(self) -> int:
        return len(self._elements)

    def _parse(self, style_id: str, el: etree._Element) -> Style:
        kind = el.get(_W + "type", "paragraph")
        name = _val(el.find(_W + "name")) or style_id
        ppr = el.find(_W + "pPr")
        outline = None
        numbered = False
        shading = None
        if ppr is not None:
            lvl = ppr.find(_W + "outlineLvl")
            if lvl is not None:
                try:
                    value = int(lvl.get(_W + "val", "9"))
                    outline = value + 1 if value < 9 else None
                except ValueError:
                    pass
            num = ppr.find(_W + "numPr")
            if num is not None:
                numbered = _val(num.find(_W + "numId")) not in (None, "0")
            fill = _color_of(ppr.find(_W + "shd"), self.theme, self.clr_map, attr="fill", theme_attr="themeFill")
            shading = fill or None
        return Style(
            style_id=style_id, name=name, type=kind, based_on=_val(el.find(_W + "basedOn")),
            outline_level=outline, numbered=numbered,
            rpr=read_rpr(el.find(_W + "rPr"), self.theme, self.clr_map), ppr_shading=shading,
        )


def clr_scheme_mapping(settings: etree._Element | None) -> dict[str, str]:
    """Word's w:clrSchemeMapping (settings.xml): text1 -> dark1 etc., as short names."""
    if settings is None:
        return {}
    mapping = settings.find(_W + "clrSchemeMapping")
    if mapping is None:
        return {}
    short = {"bg1": "bg1", "t1": "tx1", "bg2": "bg2", "t2": "tx2"}
    result = {}
    for key, value in mapping.attrib.items():
        local = etree.QName(key).localname
        if local in short:
            result[short[local]] = value
    return result


def build_model(*, file_name: str, body: etree._Element, styles_root: etree._Element | None,
                settings_root: etree._Element | None, theme: Theme, title: str | None,
                background: str | None, header_footer: list[tuple[str, etree._Element]],
                rels: dict[str, dict[str, str]]) -> DocxModel:
    """Fill a DocxModel from the parsed XML trees (see engines/docx.py for where they come from)."""
    clr_map = clr_scheme_mapping(settings_root)
    styles = StyleSheet(styles_root, theme, clr_map)
    defaults, default_p, default_c = styles.defaults, styles.default_paragraph, styles.default_character
    default_lang = defaults.get("lang")
    if default_p and default_p in styles and styles[default_p].rpr.get("lang"):
        default_lang = styles[default_p].rpr["lang"]
    model = DocxModel(file_name=file_name, title=title, default_lang=default_lang, theme=theme,
                      page_background=background, styles=styles)
    builder = _Builder(model, clr_map, defaults, default_p, default_c, rels)
    builder.walk(body, "body", model.paragraphs)
    for sect_pr in body.iter(_W + "sectPr"):
        size = sect_pr.find(_W + "pgSz")
        if size is not None:
            model.sections.append(Section(len(model.sections) + 1, _int(size.get(_W + "w")) * 635,
                                          _int(size.get(_W + "h")) * 635))
    for part_name, root in header_footer:
        builder.context = part_name.split()[0]
        own: list[Paragraph] = []
        builder.walk(root, part_name, own)
        model.part_paragraphs.extend(own)
    return model
