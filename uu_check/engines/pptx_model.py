"""A PowerPoint deck parsed once into what the pptx rules read: slides in order, their shapes in
reading order (spTree order, which is what a screen reader follows), text runs with their
effective size, weight, colour and language, fills, tables, links and media.

The XML is read straight from the parts of the vetted package (uu_check/office/pptx_parts.py),
because the rules need inherited values (placeholder -> layout -> master -> presentation
defaults, theme colours through the colour map) that python-pptx does not resolve, and because
reading only the parts the rules need, once, costs less than python-pptx opening the file
(which parses and inflates every part). python-pptx builds the fixtures and is the yardstick
in bench/bench_docs.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from uu_check.office.pptx_parts import PptxParts, Relationship
from uu_check.office.theme import Theme, drawingml_color, parse_theme

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
P14_MEDIA = "{http://schemas.microsoft.com/office/powerpoint/2010/main}media"

#: Colour-map names (p:clrMap attributes) -> theme slots, as PowerPoint's default master writes them.
DEFAULT_CLR_MAP: dict[str, str] = {
    "bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2", **{f"accent{i}": f"accent{i}" for i in range(1, 7)},
    "hlink": "hlink", "folHlink": "folHlink",
}
_COLOR_TAGS = frozenset(A + t for t in ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr"))

GRAPHIC_KINDS = {
    "http://schemas.openxmlformats.org/drawingml/2006/table": "table",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "chart",
    "http://schemas.microsoft.com/office/drawing/2014/chartex": "chart",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "smartart",
    "http://schemas.openxmlformats.org/presentationml/2006/ole": "ole",
}

_PPR, _BR, _R, _FLD, _T, _RPR, _HLINK = (A + t for t in ("pPr", "br", "r", "fld", "t", "rPr", "hlinkClick"))
_RID = R + "id"
_NV_SP_PR, _SP_PR, _STYLE, _TX_BODY, _C_NV_PR, _C_NV_SP_PR, _NV_PR, _PH = (
    P + t for t in ("nvSpPr", "spPr", "style", "txBody", "cNvPr", "cNvSpPr", "nvPr", "ph"))
_EXT_LST, _LST_STYLE = A + "extLst", A + "lstStyle"
#: The colour PowerPoint gives link text that sets none of its own.
_HYPERLINK_COLOR = etree.Element(A + "schemeClr", val="hlink")

#: Placeholder types whose text is a title.
TITLE_TYPES = frozenset({"title", "ctrTitle"})
#: Placeholder types that repeat on every slide (date, footer, slide number): not slide content.
FURNITURE_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})
#: Relationship types that carry a caption track for a media object (WebVTT and friends).
CAPTION_SUFFIXES = (".vtt", ".srt", ".ttml", ".dfxp")


@dataclass(slots=True)
class TextRun:
    text: str
    #: Effective size in points after inheritance and shrink-on-overflow; None when unknown.
    size: float | None
    bold: bool
    #: Effective colour 'RRGGBB'; None when unknown (not opaque, not resolvable).
    color: str | None
    #: Effective language tag ('nb-NO'), None when nothing declares one.
    lang: str | None
    #: Relationship id of a click hyperlink on this run.
    link: str | None = None


@dataclass(slots=True)
class Hyperlink:
    text: str
    target: str
    shape: str


@dataclass(slots=True)
class TableInfo:
    rows: int
    cols: int
    #: a:tblPr/@firstRow: the first row is marked as a header row.
    first_row: bool
    merged: bool


@dataclass(slots=True)
class MediaInfo:
    kind: str  # "video" | "audio"
    has_captions: bool
    linked: bool


@dataclass(slots=True)
class Shape:
    name: str
    #: picture, chart, table, smartart, ole, graphic-frame, group, text-box, placeholder, shape,
    #: connector, media
    kind: str
    #: Placeholder type ('title', 'body', 'obj', 'pic', ...) or None for a shape outside placeholders.
    ph_type: str | None
    alt: str
    alt_title: str
    decorative: bool
    runs: list[TextRun]
    #: (x, y, cx, cy) in EMU on the slide; None when unknown.
    box: tuple[int, int, int, int] | None
    #: Colour behind the text: the shape's solid fill, else what shows through; None when unknown.
    background: str | None = None
    #: The shape's own opaque fill ('RRGGBB'), "none" when it has no fill, None when unknown.
    fill: str | None = None
    children: list[Shape] = field(default_factory=list)
    table: TableInfo | None = None
    media: MediaInfo | None = None
    #: The shape shows a picture (a picture, or a shape with a picture fill).
    has_picture_fill: bool = False
    in_group: bool = False
    #: All its text on one string (set once when parsed; a group's text is in its children).
    text: str = ""

    def __post_init__(self) -> None:
        if self.runs and not self.text:
            self.text = "".join(r.text for r in self.runs).strip()

    @property
    def is_title(self) -> bool:
        return self.ph_type in TITLE_TYPES

    @property
    def is_furniture(self) -> bool:
        return self.ph_type in FURNITURE_TYPES


@dataclass(slots=True)
class Slide:
    number: int
    title: str | None
    layout: str
    shapes: list[Shape]
    background: str | None
    hidden: bool
    links: list[Hyperlink] = field(default_factory=list)

    #: Every shape, group members right after their group (reading order); built by `walk()`.
    _all: list[Shape] | None = None

    def walk(self) -> list[Shape]:
        """Every shape, group members right after their group (reading order)."""
        if self._all is None:
            self._all = list(_flatten(self.shapes))
        return self._all


@dataclass(slots=True)
class PptxDocument:
    name: str
    slides: list[Slide]
    #: Core properties title (File > Info > Properties > Title).
    title: str
    #: The language the presentation defaults declare (defaultTextStyle), None when none.
    default_lang: str | None
    slide_size: tuple[int, int]


# --------------------------------------------------------------------------- parsing


def color_child(element: Any) -> Any:
    """The colour element (a:srgbClr, a:schemeClr, ...) directly inside a fill or style reference."""
    if element is None:
        return None
    for child in element:
        if child.tag in _COLOR_TAGS:
            return child
    return None


class ColorResolver:
    """Resolves DrawingML colours for one slide (its theme and effective colour map) to opaque
    hex, or None: a see-through colour shows whatever lies behind, so it is not one known colour."""

    __slots__ = ("theme", "clr_map", "_cache")

    def __init__(self, theme: Theme, clr_map: dict[str, str]) -> None:
        self.theme = theme
        self.clr_map = clr_map
        # id(element) -> (element, placeholder, value). The element is kept so its id cannot be
        # reused by another lxml proxy while the entry lives.
        self._cache: dict[int, tuple[Any, str | None, str | None]] = {}

    def resolve(self, element: Any, placeholder: str | None = None) -> str | None:
        if element is None:
            return None
        hit = self._cache.get(id(element))
        if hit is not None and hit[0] is element and hit[1] == placeholder:
            return hit[2]
        value, alpha = drawingml_color(element, self.theme, self.clr_map, placeholder)
        result = value if alpha >= 0.999 else None
        self._cache[id(element)] = (element, placeholder, result)
        return result


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _xfrm_box(sppr: Any) -> tuple[int, int, int, int] | None:
    if sppr is None:
        return None
    xfrm = sppr.find(A + "xfrm")
    if xfrm is None:
        return None
    off, ext = xfrm.find(A + "off"), xfrm.find(A + "ext")
    if off is None or ext is None:
        return None
    return (_int(off.get("x")), _int(off.get("y")), _int(ext.get("cx")), _int(ext.get("cy")))


class _Placeholders:
    """Placeholders of a layout or master, found by idx and by type."""

    __slots__ = ("by_idx", "by_type")

    def __init__(self, tree: Any) -> None:
        self.by_idx: dict[str, Any] = {}
        self.by_type: dict[str, Any] = {}
        if tree is None:
            return
        for sp in tree.iter(P + "sp"):
            ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if ph is None:
                continue
            ph_type = ph.get("type", "obj")
            self.by_idx.setdefault(ph.get("idx", "0"), sp)
            self.by_type.setdefault(ph_type, sp)

    def match(self, ph_type: str, idx: str | None) -> Any:
        if idx is not None and idx in self.by_idx:
            found = self.by_idx[idx]
            found_ph = found.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if ph_type == "obj" or found_ph.get("type", "obj") == ph_type or ph_type not in TITLE_TYPES:
                return found
        if ph_type in self.by_type:
            return self.by_type[ph_type]
        for alias in _TYPE_ALIASES.get(ph_type, ()):
            if alias in self.by_type:
                return self.by_type[alias]
        return None


_TYPE_ALIASES = {
    "ctrTitle": ("title",), "title": ("ctrTitle",), "subTitle": ("body", "obj"), "obj": ("body",),
    "body": ("obj",), "pic": ("body", "obj"), "tbl": ("body", "obj"), "chart": ("body", "obj"),
    "dgm": ("body", "obj"), "media": ("body", "obj"), "clipArt": ("body", "obj"),
}


@dataclass(slots=True)
class _Master:
    tree: Any
    placeholders: _Placeholders
    title_style: Any
    body_style: Any
    other_style: Any
    clr_map: dict[str, str]
    theme: Theme
    fill_styles: list[Any]
    bg_fill_styles: list[Any]
    background: Any  # p:bg element or None


@dataclass(slots=True)
class _Layout:
    name: str
    tree: Any
    placeholders: _Placeholders
    clr_override: dict[str, str] | None
    background: Any
    master: _Master
    #: Colour resolver and resolved background for slides that override neither (set lazily).
    colors: Any = None
    inherited_background: Any = False
    #: (placeholder type, idx) -> (layout and master placeholders, inherited position).
    inherited: dict = field(default_factory=dict)
    #: (id of an inherited list, placeholder type) -> (that list, its style chain).
    chains: dict = field(default_factory=dict)


def _clr_map(element: Any) -> dict[str, str]:
    if element is None:
        return dict(DEFAULT_CLR_MAP)
    return {**DEFAULT_CLR_MAP, **{k: v for k, v in element.attrib.items()}}


def _clr_override(root: Any) -> dict[str, str] | None:
    override = root.find(f"{P}clrMapOvr/{A}overrideClrMapping")
    return _clr_map(override) if override is not None else None


class DeckParser:
    """Builds a PptxDocument from the parts of a vetted package (uu_check/office/pptx_parts.py)."""

    def __init__(self, parts: PptxParts) -> None:
        self.parts = parts
        self.name = parts.name
        self.masters: dict[str, _Master] = {}
        self.layouts: dict[str, _Layout] = {}
        self.default_style = parts.presentation.find(P + "defaultTextStyle")
        # Chains of persistent style elements (masters, layouts, defaults) -> level -> values.
        # Keys are ids of elements the parser keeps alive, so an id is never reused meanwhile.
        self._style_cache: dict[tuple[int, int], tuple[tuple[Any, ...], dict[str, Any]]] = {}
        #: The chain of text outside placeholders: only the presentation defaults.
        self.free_chain: tuple[Any, ...] = (self.default_style,) if self.default_style is not None else ()

        # id(layout or master placeholder sp) -> (sp, its non-empty a:lstStyle or None).
        self._list_styles: dict[int, tuple[Any, Any]] = {}

    # -- masters and layouts, each parsed once

    def _master(self, part: str | None) -> _Master:
        key = part or ""
        if key not in self.masters:
            root = self.parts.xml(part) if part else None
            if root is None:
                root = etree.Element(P + "sldMaster")
            theme_part = self.parts.related(part, "theme") if part else None
            theme_el = self.parts.xml(theme_part) if theme_part else None
            fmt = theme_el.find(f"{A}themeElements/{A}fmtScheme") if theme_el is not None else None
            fills = fmt.find(A + "fillStyleLst") if fmt is not None else None
            bg_fills = fmt.find(A + "bgFillStyleLst") if fmt is not None else None
            tx = root.find(P + "txStyles")
            tree = root.find(f"{P}cSld/{P}spTree")
            self.masters[key] = _Master(
                tree=tree,
                placeholders=_Placeholders(tree),
                title_style=tx.find(P + "titleStyle") if tx is not None else None,
                body_style=tx.find(P + "bodyStyle") if tx is not None else None,
                other_style=tx.find(P + "otherStyle") if tx is not None else None,
                clr_map=_clr_map(root.find(P + "clrMap")),
                theme=parse_theme(theme_el),
                fill_styles=list(fills) if fills is not None else [],
                bg_fill_styles=list(bg_fills) if bg_fills is not None else [],
                background=root.find(f"{P}cSld/{P}bg"),
            )
        return self.masters[key]

    def _layout(self, part: str | None) -> _Layout:
        key = part or ""
        if key not in self.layouts:
            root = self.parts.xml(part) if part else None
            if root is None:  # a slide without a layout: inherit from the first master only
                root = etree.Element(P + "sldLayout")
                master_part = self.parts.related(self.parts.presentation_part, "slideMaster")
            else:
                master_part = self.parts.related(part, "slideMaster")
            c_sld = root.find(P + "cSld")
            tree = root.find(f"{P}cSld/{P}spTree")
            self.layouts[key] = _Layout(
                name=c_sld.get("name", "") if c_sld is not None else "",
                tree=tree,
                placeholders=_Placeholders(tree),
                clr_override=_clr_override(root),
                background=root.find(f"{P}cSld/{P}bg"),
                master=self._master(master_part),
            )
        return self.layouts[key]

    # -- the deck

    def parse(self) -> PptxDocument:
        slides = []
        for number, part in enumerate(self.parts.slides(), start=1):
            root = self.parts.xml(part)
            if root is not None:
                slides.append(self._slide(number, part, root))
        default_lang = None
        if self.default_style is not None:
            for path in (f"{A}defPPr/{A}defRPr", f"{A}lvl1pPr/{A}defRPr"):
                found = self.default_style.find(path)
                if found is not None and found.get("lang"):
                    default_lang = found.get("lang")
                    break
        size_el = self.parts.presentation.find(P + "sldSz")
        size = ((_int(size_el.get("cx"), 9144000), _int(size_el.get("cy"), 6858000))
                if size_el is not None else (9144000, 6858000))
        return PptxDocument(self.name, slides, self.parts.core_title(), default_lang, size)

    def _slide(self, number: int, part: str, root: Any) -> Slide:
        layout = self._layout(self.parts.related(part, "slideLayout"))
        master = layout.master
        override = _clr_override(root)
        if override is None:
            if layout.colors is None:
                layout.colors = ColorResolver(master.theme, layout.clr_override or master.clr_map)
            colors = layout.colors
        else:
            colors = ColorResolver(master.theme, override)
        own_bg = root.find(f"{P}cSld/{P}bg")
        if own_bg is not None:
            background = self._background(own_bg, colors, master)
        elif override is None and layout.inherited_background is not False:
            background = layout.inherited_background
        else:
            background = None
            for bg in (layout.background, master.background):
                if bg is not None:
                    background = self._background(bg, colors, master)
                    break
            if override is None:
                layout.inherited_background = background
        ctx = _SlideContext(self, self.parts.rels(part), layout, colors, background)
        tree = root.find(f"{P}cSld/{P}spTree")
        shapes = ctx.shapes(tree, None) if tree is not None else []
        ctx.settle_backgrounds(shapes)
        title = None
        for shape in shapes:
            if shape.is_title and shape.text:
                title = " ".join(shape.text.split())
                break
        return Slide(number, title, layout.name, shapes, background, root.get("show") == "0", ctx.links)

    def _background(self, bg: Any, colors: ColorResolver, master: _Master) -> str | None:
        props = bg.find(P + "bgPr")
        if props is not None:
            solid = props.find(A + "solidFill")
            return colors.resolve(color_child(solid)) if solid is not None else None
        ref = bg.find(P + "bgRef")
        if ref is not None:
            idx = _int(ref.get("idx"))
            placeholder = colors.resolve(color_child(ref))
            styles = master.bg_fill_styles if idx >= 1001 else master.fill_styles
            position = idx - 1001 if idx >= 1001 else idx - 1
            if 0 <= position < len(styles) and styles[position].tag == A + "solidFill":
                return colors.resolve(color_child(styles[position]), placeholder)
        return None

    # -- text style inheritance

    def placeholder_list_style(self, sp: Any) -> Any:
        """The non-empty a:lstStyle of a layout or master placeholder (None when empty)."""
        hit = self._list_styles.get(id(sp))
        if hit is not None and hit[0] is sp:
            return hit[1]
        body = sp.find(P + "txBody")
        style = body.find(A + "lstStyle") if body is not None else None
        if style is not None and not len(style):
            style = None
        self._list_styles[id(sp)] = (sp, style)
        return style

    def level_defaults(self, sources: tuple[Any, ...], level: int, cache: bool = True) -> dict[str, Any]:
        """Size, bold, language and colour element a paragraph level inherits from a chain of list
        styles (nearest first). Cached per chain: a chain is a tuple the parser keeps (one per
        layout placeholder, one for free text), so its id is stable while parsing."""
        key = (id(sources), level)
        if cache:
            hit = self._style_cache.get(key)
            if hit is not None and hit[0] is sources:
                return hit[1]
        found: dict[str, Any] = {}
        for source in sources:
            if source is None:
                continue
            for path in (f"{A}lvl{level}pPr/{A}defRPr", f"{A}defPPr/{A}defRPr"):
                rpr = source.find(path)
                if rpr is None:
                    continue
                _take_rpr(found, rpr)
            if len(found) == 4:
                break
        if cache:
            self._style_cache[key] = (sources, found)
        return found


def _take_rpr(found: dict[str, Any], rpr: Any) -> None:
    """Record properties of an a:rPr / a:defRPr not already found nearer."""
    if "size" not in found and rpr.get("sz"):
        hundredths = _int(rpr.get("sz"), -1)
        if hundredths > 0:  # an unreadable size stays unknown rather than "0 pt"
            found["size"] = hundredths / 100
    if "bold" not in found and rpr.get("b") is not None:
        found["bold"] = rpr.get("b") in ("1", "true")
    if "lang" not in found and rpr.get("lang"):
        found["lang"] = rpr.get("lang")
    if "color" not in found:
        for child in rpr:
            tag = child.tag
            if tag == A + "solidFill":
                found["color"] = color_child(child)
                break
            if tag in (A + "gradFill", A + "blipFill", A + "pattFill", A + "noFill", A + "grpFill"):
                found["color"] = None  # not one known colour
                break


class _SlideContext:
    """State while reading one slide: its colours, layout, links and relationships."""

    def __init__(self, deck: DeckParser, rels: dict[str, Relationship], layout: _Layout,
                 colors: ColorResolver, background: str | None) -> None:
        self.deck = deck
        self.layout = layout
        self.colors = colors
        self.background = background
        self.links: list[Hyperlink] = []
        self._rels = rels

    # -- shapes

    def shapes(self, tree: Any, group_xfrm: Any) -> list[Shape]:
        result: list[Shape] = []
        for element in tree:
            tag = element.tag
            if tag == MC + "AlternateContent":
                choice = element.find(MC + "Choice")
                branch = choice if choice is not None else element.find(MC + "Fallback")
                if branch is not None:
                    result.extend(self.shapes(branch, group_xfrm))
                continue
            shape = self.shape(element, group_xfrm)
            if shape is not None:
                result.append(shape)
        return result

    def shape(self, element: Any, group_xfrm: Any) -> Shape | None:
        tag = element.tag
        if tag == P + "sp":
            return self._sp(element, group_xfrm)
        if tag == P + "pic":
            return self._pic(element, group_xfrm)
        if tag == P + "graphicFrame":
            return self._frame(element, group_xfrm)
        if tag == P + "grpSp":
            return self._group(element, group_xfrm)
        if tag == P + "cxnSp":
            c_nv = element.find(f"{P}nvCxnSpPr/{P}cNvPr")
            alt, title, decorative, name = _names(c_nv)
            box = _place(_xfrm_box(element.find(P + "spPr")), group_xfrm)
            return Shape(name, "connector", None, alt, title, decorative, [], box, fill="none")
        if tag == P + "contentPart":
            return None
        return None

    def _sp(self, sp: Any, group_xfrm: Any) -> Shape:
        nv = sppr = style = txbody = None
        for child in sp:
            tag = child.tag
            if tag == _NV_SP_PR:
                nv = child
            elif tag == _SP_PR:
                sppr = child
            elif tag == _STYLE:
                style = child
            elif tag == _TX_BODY:
                txbody = child
        c_nv = c_nv_sp = nvpr = None
        if nv is not None:
            for child in nv:
                tag = child.tag
                if tag == _C_NV_PR:
                    c_nv = child
                elif tag == _C_NV_SP_PR:
                    c_nv_sp = child
                elif tag == _NV_PR:
                    nvpr = child
        alt, title, decorative, name = _names(c_nv)
        ph = nvpr.find(_PH) if nvpr is not None and len(nvpr) else None
        ph_type = ph.get("type", "obj") if ph is not None else None
        inherited: list[Any] = []
        inherited_box = None
        if ph is not None:
            inherited, inherited_box = self._inherited(ph_type, ph.get("idx"))
        box = _xfrm_box(sppr) or inherited_box
        box = _place(box, group_xfrm)
        is_text_box = c_nv_sp is not None and c_nv_sp.get("txBox") == "1"
        kind = "placeholder" if ph is not None else ("text-box" if is_text_box else "shape")
        fill, picture_fill = self._fill(sppr, style, inherited)
        runs = self._text(txbody, ph_type, inherited, style, name)
        return Shape(name, kind, ph_type, alt, title, decorative, runs, box, fill=fill,
                     has_picture_fill=picture_fill, in_group=group_xfrm is not None)

    def _inherited(self, ph_type: str, idx: str | None) -> tuple[list[Any], tuple[int, int, int, int] | None]:
        """The layout and master placeholders a slide placeholder inherits from, and the first
        position among them. Cached per layout: every slide of a layout asks the same."""
        cache = self.layout.inherited
        key = (ph_type, idx)
        if key not in cache:
            layout_sp = self.layout.placeholders.match(ph_type, idx)
            if layout_sp is not None:
                lph = layout_sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
                master_sp = self.layout.master.placeholders.match(lph.get("type", "obj"), None)
            else:
                master_sp = self.layout.master.placeholders.match(ph_type, None)
            inherited = [s for s in (layout_sp, master_sp) if s is not None]
            box = None
            for source in inherited:
                box = _xfrm_box(source.find(_SP_PR))
                if box is not None:
                    break
            cache[key] = (inherited, box)
        return cache[key]

    def _pic(self, pic: Any, group_xfrm: Any) -> Shape:
        nv = pic.find(P + "nvPicPr")
        alt, title, decorative, name = _names(nv.find(P + "cNvPr") if nv is not None else None)
        nvpr = nv.find(P + "nvPr") if nv is not None else None
        ph = nvpr.find(P + "ph") if nvpr is not None else None
        box = _place(_xfrm_box(pic.find(P + "spPr")), group_xfrm)
        media = self._media(nvpr) if nvpr is not None else None
        kind = "media" if media is not None else "picture"
        return Shape(name, kind, ph.get("type", "obj") if ph is not None else None, alt, title,
                     decorative, [], box, fill=None, media=media, has_picture_fill=True,
                     in_group=group_xfrm is not None)

    def _media(self, nvpr: Any) -> MediaInfo | None:
        kind = None
        linked = False
        rel_ids: list[str] = []
        for child in nvpr:
            local = child.tag.split("}", 1)[-1]
            if local in ("videoFile", "quickTimeFile"):
                kind = "video"
            elif local in ("audioFile", "audioCd", "wavAudioFile"):
                kind = "audio"
            else:
                continue
            link = child.get(R + "link")
            if link:
                rel_ids.append(link)
                rel = self._rels.get(link)
                linked = bool(rel is not None and rel.external)
        if kind is None:
            if nvpr.find(f".//{P14_MEDIA}") is None:
                return None
            kind = "video"
        has_captions = False
        ext = nvpr.find(P + "extLst")
        if ext is not None:
            for element in ext.iter():
                local = element.tag.split("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
                if "track" in local or "caption" in local:
                    has_captions = True
                for value in element.attrib.values():
                    rel = self._rels.get(value) if value.startswith("rId") else None
                    if rel is not None and rel.target.lower().endswith(CAPTION_SUFFIXES):
                        has_captions = True
        return MediaInfo(kind, has_captions, linked)

    def _frame(self, frame: Any, group_xfrm: Any) -> Shape:
        nv = frame.find(P + "nvGraphicFramePr")
        alt, title, decorative, name = _names(nv.find(P + "cNvPr") if nv is not None else None)
        xfrm = frame.find(P + "xfrm")
        box = None
        if xfrm is not None:
            off, ext = xfrm.find(A + "off"), xfrm.find(A + "ext")
            if off is not None and ext is not None:
                box = (_int(off.get("x")), _int(off.get("y")), _int(ext.get("cx")), _int(ext.get("cy")))
        box = _place(box, group_xfrm)
        data = frame.find(f"{A}graphic/{A}graphicData")
        uri = data.get("uri", "") if data is not None else ""
        kind = GRAPHIC_KINDS.get(uri, "graphic-frame")
        table = None
        runs: list[TextRun] = []
        if kind == "table" and data is not None:
            tbl = data.find(A + "tbl")
            if tbl is not None:
                table, runs = self._table(tbl, name)
        # Cell colours come from the table style, which we do not resolve: contrast is not decided.
        return Shape(name, kind, None, alt, title, decorative, runs, box, fill=None, table=table,
                     in_group=group_xfrm is not None)

    def _table(self, tbl: Any, name: str) -> tuple[TableInfo, list[TextRun]]:
        props = tbl.find(A + "tblPr")
        first_row = props is not None and props.get("firstRow") in ("1", "true")
        rows = tbl.findall(A + "tr")
        grid = tbl.find(A + "tblGrid")
        cols = len(grid) if grid is not None else 0
        merged = False
        runs: list[TextRun] = []
        for row in rows:
            for cell in row.findall(A + "tc"):
                if (_int(cell.get("gridSpan"), 1) > 1 or _int(cell.get("rowSpan"), 1) > 1
                        or cell.get("hMerge") in ("1", "true") or cell.get("vMerge") in ("1", "true")):
                    merged = True
                body = cell.find(A + "txBody")
                if body is not None:
                    cell_runs = self._text(body, None, [], None, name)
                    if cell_runs:
                        if runs:
                            runs.append(TextRun(" | ", None, False, None, None))  # cell boundary
                        runs.extend(cell_runs)
        return TableInfo(len(rows), cols, first_row, merged), runs

    def _group(self, group: Any, group_xfrm: Any) -> Shape:
        nv = group.find(P + "nvGrpSpPr")
        alt, title, decorative, name = _names(nv.find(P + "cNvPr") if nv is not None else None)
        gpr = group.find(P + "grpSpPr")
        xfrm = gpr.find(A + "xfrm") if gpr is not None else None
        box = _place(_xfrm_box(gpr), group_xfrm)
        transform = _GroupTransform(xfrm, group_xfrm) if xfrm is not None else group_xfrm
        children = self.shapes(group, transform if transform is not None else _IDENTITY)
        for child in children:
            child.in_group = True
        return Shape(name, "group", None, alt, title, decorative, [], box, children=children,
                     in_group=group_xfrm is not None)

    # -- fills

    def _fill(self, sppr: Any, style: Any, inherited: list[Any]) -> tuple[str | None, bool]:
        """(fill, has picture fill): 'RRGGBB', 'none' (see-through) or None (unknown)."""
        sources = [sppr] + [s.find(P + "spPr") for s in inherited]
        for props in sources:
            if props is None:
                continue
            for child in props:
                tag = child.tag
                if tag == A + "solidFill":
                    return self.colors.resolve(color_child(child)), False
                if tag == A + "noFill":
                    return "none", False
                if tag == A + "blipFill":
                    return None, True
                if tag in (A + "gradFill", A + "pattFill", A + "grpFill"):
                    return None, False
        if style is not None:
            ref = style.find(A + "fillRef")
            if ref is not None:
                idx = _int(ref.get("idx"))
                if idx == 0:
                    return "none", False
                master = self.layout.master
                placeholder = self.colors.resolve(color_child(ref))
                styles = master.bg_fill_styles if idx >= 1001 else master.fill_styles
                position = idx - 1001 if idx >= 1001 else idx - 1
                if 0 <= position < len(styles):
                    chosen = styles[position]
                    if chosen.tag == A + "solidFill":
                        return self.colors.resolve(color_child(chosen), placeholder), False
                    if chosen.tag == A + "noFill":
                        return "none", False
                return None, False
        return "none", False

    # -- text

    def _style_chain(self, ph_type: str | None, inherited: list[Any], txbody: Any) -> tuple[Any | None, tuple[Any, ...]]:
        """(the shape's own non-empty list style or None, the persistent chain it inherits)."""
        own = txbody.find(_LST_STYLE) if txbody is not None else None
        if own is not None and not len(own):
            own = None
        if ph_type is None:
            return own, self.deck.free_chain
        key = (id(inherited), ph_type)
        cached = self.layout.chains.get(key)
        if cached is not None and cached[0] is inherited:
            return own, cached[1]
        master = self.layout.master
        chain = [self.deck.placeholder_list_style(source) for source in inherited]
        if ph_type in TITLE_TYPES:
            chain.append(master.title_style)
        elif ph_type in FURNITURE_TYPES:
            chain.append(master.other_style)
        else:
            chain.append(master.body_style)
        chain.append(self.deck.default_style)
        result = tuple(c for c in chain if c is not None)
        self.layout.chains[key] = (inherited, result)
        return own, result

    def _text(self, txbody: Any, ph_type: str | None, inherited: list[Any], style: Any,
              name: str) -> list[TextRun]:
        if txbody is None:
            return []
        paragraphs = txbody.findall(A + "p")
        if not paragraphs:
            return []
        own, chain = self._style_chain(ph_type, inherited, txbody)
        if own is not None:
            chain = (own, *chain)
        scale = 1.0
        body_pr = txbody.find(A + "bodyPr")
        if body_pr is not None:
            autofit = body_pr.find(A + "normAutofit")
            if autofit is not None and autofit.get("fontScale"):
                scale = _int(autofit.get("fontScale"), 100000) / 100000
        font_color = None
        if style is not None:
            font_ref = style.find(A + "fontRef")
            if font_ref is not None:
                font_color = color_child(font_ref)
        runs: list[TextRun] = []
        link_text: list[str] = []
        link_id: str | None = None
        resolve = self.colors.resolve
        for index, paragraph in enumerate(paragraphs):
            ppr = paragraph.find(_PPR)
            level = min(9, _int(ppr.get("lvl"), 0) + 1) if ppr is not None else 1
            defaults = self.deck.level_defaults(chain, level, cache=own is None)
            if index and runs:
                runs.append(TextRun("\n", None, False, None, None))
            for child in paragraph:
                tag = child.tag
                if tag == _BR:
                    runs.append(TextRun("\n", None, False, None, None))
                    continue
                if tag != _R and tag != _FLD:
                    continue
                text = ""
                rpr = None
                for part in child:
                    if part.tag == _T:
                        text = part.text or ""
                    elif part.tag == _RPR:
                        rpr = part
                if not text:
                    continue
                link = None
                if rpr is not None:
                    found: dict[str, Any] = {}
                    _take_rpr(found, rpr)
                    click = rpr.find(_HLINK)
                    if click is not None:
                        link = click.get(_RID) or None
                    size = found.get("size", defaults.get("size"))
                    bold = found.get("bold", defaults.get("bold", False))
                    lang = found.get("lang", defaults.get("lang"))
                    if "color" in found:
                        color_el = found["color"]
                    elif link is not None:
                        color_el = _HYPERLINK_COLOR  # PowerPoint shows links in the theme's link colour
                    else:
                        color_el = font_color if font_color is not None else defaults.get("color")
                else:
                    size, bold, lang = defaults.get("size"), defaults.get("bold", False), defaults.get("lang")
                    color_el = font_color if font_color is not None else defaults.get("color")
                if size is not None and scale != 1.0:
                    size = round(size * scale, 1)
                color = resolve(color_el) if color_el is not None else None
                runs.append(TextRun(text, size, bool(bold), color, lang, link))
                if link != link_id and link_id is not None:
                    self._add_link(link_id, link_text, name)
                    link_text = []
                link_id = link
                if link is not None:
                    link_text.append(text)
            if link_id is not None:
                self._add_link(link_id, link_text, name)
                link_id, link_text = None, []
        return runs

    def _add_link(self, rel_id: str, texts: list[str], shape: str) -> None:
        rel = self._rels.get(rel_id)
        if rel is None:
            return
        target = rel.target if rel.external else ""
        self.links.append(Hyperlink("".join(texts).strip(), target, shape))

    # -- what shows behind each text

    def settle_backgrounds(self, shapes: list[Shape]) -> None:
        """Set `background` on every shape: its own opaque fill, else the topmost earlier shape
        that covers it fully with a known fill, else the slide background; None when a picture
        or an unknown fill lies partly behind it."""
        placed: list[Shape] = []
        for shape in _flatten(shapes):
            if shape.fill not in (None, "none"):
                shape.background = shape.fill
            elif shape.fill == "none":
                shape.background = self._behind(shape, placed)
            else:
                shape.background = None
            placed.append(shape)

    def _behind(self, shape: Shape, placed: list[Shape]) -> str | None:
        if shape.box is None:
            return self.background
        for other in reversed(placed):
            if other.box is None or other.kind in ("group", "connector") or not _overlaps(shape.box, other.box):
                continue
            if other.fill == "none" and not other.has_picture_fill:
                continue
            if other.has_picture_fill or other.fill is None:
                return None
            if _contains(other.box, shape.box):
                return other.fill
            return None
        return self.background


def _flatten(shapes: list[Shape]) -> Iterator[Shape]:
    for shape in shapes:
        yield shape
        if shape.children:
            yield from _flatten(shape.children)


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _contains(outer: tuple[int, int, int, int], inner: tuple[int, int, int, int]) -> bool:
    return (outer[0] <= inner[0] and outer[1] <= inner[1]
            and outer[0] + outer[2] >= inner[0] + inner[2] and outer[1] + outer[3] >= inner[1] + inner[3])


def _names(c_nv: Any) -> tuple[str, str, bool, str]:
    """(alt text, alt title, decorative, name) of a p:cNvPr."""
    if c_nv is None:
        return "", "", False, ""
    decorative = False
    ext = c_nv.find(_EXT_LST) if len(c_nv) else None
    if ext is not None:
        for element in ext.iter(DECORATIVE):
            decorative = element.get("val", "1") in ("1", "true")
    return (c_nv.get("descr") or "").strip(), (c_nv.get("title") or "").strip(), decorative, c_nv.get("name") or ""


class _GroupTransform:
    """Maps a group's child coordinates onto the slide (a:chOff/a:chExt -> a:off/a:ext)."""

    __slots__ = ("off", "ext", "ch_off", "ch_ext", "parent")

    def __init__(self, xfrm: Any, parent: Any) -> None:
        def pair(tag: str, a: str, b: str) -> tuple[int, int]:
            el = xfrm.find(A + tag)
            return (_int(el.get(a)), _int(el.get(b))) if el is not None else (0, 0)

        self.off = pair("off", "x", "y")
        self.ext = pair("ext", "cx", "cy")
        self.ch_off = pair("chOff", "x", "y")
        self.ch_ext = pair("chExt", "cx", "cy")
        self.parent = parent if isinstance(parent, _GroupTransform) else None

    def apply(self, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        sx = self.ext[0] / self.ch_ext[0] if self.ch_ext[0] else 1.0
        sy = self.ext[1] / self.ch_ext[1] if self.ch_ext[1] else 1.0
        mapped = (round(self.off[0] + (box[0] - self.ch_off[0]) * sx),
                  round(self.off[1] + (box[1] - self.ch_off[1]) * sy),
                  round(box[2] * sx), round(box[3] * sy))
        return self.parent.apply(mapped) if self.parent is not None else mapped


_IDENTITY = object()


def _place(box: tuple[int, int, int, int] | None, group_xfrm: Any) -> tuple[int, int, int, int] | None:
    if box is None or not isinstance(group_xfrm, _GroupTransform):
        return box
    return group_xfrm.apply(box)


def parse_presentation(parts: PptxParts) -> PptxDocument:
    """The model of a deck, from the parts of its vetted package."""
    return DeckParser(parts).parse()
