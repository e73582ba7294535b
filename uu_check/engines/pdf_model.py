"""The parsed model of one PDF: catalog facts, the structure tree, and per-page summaries.

The PDF rules read only this model. It is built once per file by `build_model` with pikepdf,
page by page: each page's content stream is parsed, summarised (text, images, marked content,
fonts, annotations) and dropped before the next, so memory stays bounded on long documents.
Every walk over the object graph (structure tree, outlines, form fields, form XObjects) is
iterative with a visited set and a node limit: hostile files can loop, but never hang us.
pypdf is used only to extract readable text for the language and reading-level rules.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

#: Structure types defined by PDF 1.7 (ISO 32000-1, 14.8.4) and PDF 2.0 (ISO 32000-2, 14.8.4).
STANDARD_TYPES: frozenset[str] = frozenset(
    """Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3
    H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry
    Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form DocumentFragment Aside Title
    FENote Sub Em Strong Artifact""".split()
)

#: The 14 fonts every PDF reader has built in (PDF 1.7, 9.6.2.2).
STANDARD_14_FONTS: frozenset[str] = frozenset(
    """Times-Roman Times-Bold Times-Italic Times-BoldItalic Helvetica Helvetica-Bold
    Helvetica-Oblique Helvetica-BoldOblique Courier Courier-Bold Courier-Oblique
    Courier-BoldOblique Symbol ZapfDingbats""".split()
)

#: Simple-font encodings whose characters map to Unicode without a ToUnicode map.
STANDARD_ENCODINGS: frozenset[str] = frozenset({"WinAnsiEncoding", "MacRomanEncoding", "StandardEncoding", "PDFDocEncoding"})

#: Most structure elements we walk; beyond this the tree is reported as truncated.
MAX_ELEMENTS = 200_000
#: Content streams larger than this (decoded bytes) are only scanned for text and images.
MAX_PARSED_CONTENT = 8_000_000
#: Nested form XObjects followed per page.
MAX_FORM_DEPTH = 8
#: Characters of text kept per structure element (for snippets and "has text").
ELEMENT_TEXT = 160
#: Text-showing operators.
_TEXT_OPS = {"Tj", "TJ", "'", '"'}
#: The only operators the page scan looks at (pikepdf filters the rest out in C++: much faster).
_WANTED_OPS = "Tj TJ ' \" BDC BMC EMC Do EI q Q cm"
#: A page whose images cover at least this share of it and that shows fewer characters than
#: SCAN_MAX_TEXT is a scanned page (a scanner's page number or stamp does not make it text).
SCAN_MIN_COVER = 0.5
SCAN_MAX_TEXT = 20

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m x n for PDF matrices [a b c d e f] (the new CTM after `cm` is m x CTM)."""
    a, b, c, d, e, f = m
    p, q, r, s_, t, u = n
    return (a * p + b * r, a * q + b * s_, c * p + d * r, c * q + d * s_, e * p + f * r + t, e * q + f * s_ + u)


def _matrix(values: Any) -> Matrix | None:
    try:
        numbers = tuple(float(v) for v in values)
    except Exception:
        return None
    return numbers if len(numbers) == 6 else None  # type: ignore[return-value]
_TEXT_RE = re.compile(rb"(?:\)|>)\s*(?:Tj|'|\")|\]\s*TJ")
_DO_RE = re.compile(rb"/([^\s/<>\[\]()]+)\s+Do\b")


@dataclass(slots=True)
class StructElem:
    """One structure element (a tag), its type after role mapping, and what describes it."""

    id: int
    type: str
    raw_type: str
    parent: int | None
    depth: int
    page: int | None = None
    alt: str | None = None
    actual_text: str | None = None
    lang: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[int] = field(default_factory=list)
    #: (page number, MCID) of marked content this element owns directly.
    mcids: list[tuple[int, int]] = field(default_factory=list)
    #: objgen of annotations (OBJR) this element owns.
    annots: list[tuple[int, int]] = field(default_factory=list)
    #: Text of its own marked content (first ELEMENT_TEXT characters, approximate decoding).
    text: str = ""
    #: True when its marked content shows any text.
    has_text: bool = False

    @property
    def description(self) -> str:
        """What a screen reader can announce for it: Alt, else ActualText, else its text."""
        return (self.alt or "").strip() or (self.actual_text or "").strip() or self.text.strip()


@dataclass(slots=True)
class Annotation:
    page: int
    subtype: str
    objgen: tuple[int, int]
    contents: str | None
    hidden: bool
    uri: str | None = None
    #: Structure element owning it through an OBJR, if any.
    element: int | None = None


@dataclass(slots=True)
class FontInfo:
    name: str
    subtype: str
    first_page: int
    embedded: bool
    to_unicode: bool
    encoding: str | None
    standard14: bool
    #: Simple font whose codes map to Unicode by a standard encoding (or Differences over one).
    standard_encoding: bool


@dataclass(slots=True)
class PageInfo:
    number: int
    tabs: str | None
    annotations: list[Annotation] = field(default_factory=list)
    #: Text-showing operators with a non-empty string (including invisible OCR text).
    text_ops: int = 0
    #: Images drawn (XObject or inline) of at least 32x32 pixels.
    images: int = 0
    #: Characters shown by those operators (roughly: bytes, not decoded).
    text_chars: int = 0
    #: Largest share of the page (0..1) one image covers.
    image_cover: float = 0.0
    #: Page area in square points (MediaBox).
    area: float = 0.0
    #: True when the content was too large to parse fully (only scanned for text and images).
    shallow: bool = False

    @property
    def scanned(self) -> bool:
        """Mostly one big image and (almost) no text: a scan without OCR."""
        return self.image_cover >= SCAN_MIN_COVER and self.text_chars < SCAN_MAX_TEXT


@dataclass(slots=True)
class FormField:
    name: str
    kind: str
    tooltip: str | None
    page: int | None
    hidden: bool


@dataclass
class PdfModel:
    """Everything the PDF rules need, built once per file."""

    name: str
    page_count: int = 0
    encrypted: bool = False
    allow_accessibility: bool = True
    allow_extract: bool = True
    marked: bool = False
    suspects: bool = False
    has_struct_tree: bool = False
    lang: str | None = None
    info_title: str | None = None
    xmp_title: str | None = None
    display_doc_title: bool = False
    has_outlines: bool = False
    has_xfa: bool = False
    xfa_dynamic: bool = False
    elements: list[StructElem] = field(default_factory=list)
    #: Structure tree problems: ("cycle"|"truncated", detail).
    tree_issues: list[tuple[str, str]] = field(default_factory=list)
    #: Role map problems: (key, type, detail) with key cycle | remapped-standard | unmapped.
    rolemap_issues: list[tuple[str, str, str]] = field(default_factory=list)
    pages: list[PageInfo] = field(default_factory=list)
    fonts: list[FontInfo] = field(default_factory=list)
    fields: list[FormField] = field(default_factory=list)
    #: Languages declared on marked content (BDC /Lang), with the page.
    marked_langs: list[tuple[int, str]] = field(default_factory=list)
    #: Text runs with the language in force for them (None = the document's), from pypdf.
    text_runs: list[tuple[str | None, str]] = field(default_factory=list)
    text_extracted: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def tagged(self) -> bool:
        return self.marked and self.has_struct_tree

    @property
    def title(self) -> str | None:
        return (self.xmp_title or "").strip() or (self.info_title or "").strip() or None

    def of_type(self, *types: str) -> Iterator[StructElem]:
        wanted = set(types)
        return (e for e in self.elements if e.type in wanted)

    def element_text(self, elem: StructElem, limit: int = ELEMENT_TEXT) -> str:
        """Text of an element and its descendants (Alt/ActualText replace a subtree's text)."""
        parts: list[str] = []
        stack = [elem.id]
        size = 0
        while stack and size < limit:
            current = self.elements[stack.pop()]
            replacement = (current.actual_text or current.alt or "").strip()
            if replacement:
                parts.append(replacement)
                size += len(replacement)
                continue
            if current.text:
                parts.append(current.text)
                size += len(current.text)
            stack.extend(reversed(current.children))
        return " ".join(p.strip() for p in parts if p.strip())[:limit]

    def page_of(self, elem: StructElem) -> int | None:
        """The page an element is on: its own, else its first descendant's that has one."""
        stack = [elem.id]
        while stack:
            current = self.elements[stack.pop(0)]
            if current.page is not None:
                return current.page
            if current.mcids:
                return current.mcids[0][0]
            stack.extend(current.children)
            if len(stack) > 10_000:
                break
        return None

    def subtree_has_text(self, elem: StructElem) -> bool:
        stack = [elem.id]
        while stack:
            current = self.elements[stack.pop()]
            if current.has_text or (current.actual_text or current.alt or "").strip():
                return True
            stack.extend(current.children)
        return False


# --- small helpers -------------------------------------------------------------------------


def _str(value: Any) -> str | None:
    """A PDF string or name as text, or None."""
    if value is None:
        return None
    try:
        if isinstance(value, pikepdf.Name):
            return str(value)[1:]
        if isinstance(value, pikepdf.String):
            return str(value)
        if isinstance(value, (str, int, float, bool)):
            return str(value)
    except Exception:
        return None
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, pikepdf.Name):
        return str(value)[1:]
    return None


def _get(obj: Any, key: str) -> Any:
    """obj[key] for a dictionary or stream, else None (never raises: hostile files lie)."""
    if obj is None:
        return None
    try:
        return obj.get(key)
    except Exception:
        return None


def _objgen(obj: Any) -> tuple[int, int]:
    try:
        return tuple(obj.objgen)  # type: ignore[return-value]
    except Exception:
        return (0, 0)


def _bool(value: Any) -> bool:
    """True only for the PDF boolean true (pikepdf gives Python bools); 1 or (true) do not count."""
    return value is True


# --- catalog -------------------------------------------------------------------------------


def _read_catalog(pdf: pikepdf.Pdf, model: PdfModel) -> None:
    root = pdf.Root
    mark_info = _get(root, "/MarkInfo")
    model.marked = _bool(_get(mark_info, "/Marked"))
    model.suspects = _bool(_get(mark_info, "/Suspects"))
    model.lang = _str(_get(root, "/Lang"))
    prefs = _get(root, "/ViewerPreferences")
    model.display_doc_title = _bool(_get(prefs, "/DisplayDocTitle"))
    outlines = _get(root, "/Outlines")
    model.has_outlines = _get(outlines, "/First") is not None
    acroform = _get(root, "/AcroForm")
    if acroform is not None:
        model.has_xfa = _get(acroform, "/XFA") is not None
        model.xfa_dynamic = model.has_xfa and _bool(_get(root, "/NeedsRendering"))
    try:
        model.info_title = _str(pdf.docinfo.get("/Title"))
    except Exception:
        model.info_title = None
    try:
        if _get(root, "/Metadata") is not None:
            meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
            model.xmp_title = meta.get("dc:title") or None
    except Exception:
        model.notes.append("the XMP metadata could not be read")


# --- structure tree ------------------------------------------------------------------------


def resolve_role(raw: str, rolemap: dict[str, str]) -> tuple[str, str | None]:
    """(standard type or raw, problem) following the role map; problem is 'cycle'/'unmapped'."""
    seen = {raw}
    current = raw
    while current not in STANDARD_TYPES:
        nxt = rolemap.get(current)
        if nxt is None:
            return raw, "unmapped"
        if nxt in seen:
            return raw, "cycle"
        seen.add(nxt)
        current = nxt
    return current, None


MATHML = "http://www.w3.org/1998/Math/MathML"


def _namespace_role(raw: str, namespace: Any, std: str, problem: str | None) -> tuple[str, str | None]:
    """PDF 2.0 namespaces: MathML elements are known; a namespace's RoleMapNS may map a type
    to a standard one (one level, the common case)."""
    if _str(_get(namespace, "/NS")) == MATHML:
        return raw, None
    mapped = _get(_get(namespace, "/RoleMapNS"), "/" + raw)
    if isinstance(mapped, pikepdf.Array) and len(mapped):
        mapped = mapped[0]
    target = _name(mapped)
    if target in STANDARD_TYPES:
        return target, None
    return std, problem


def _read_rolemap(tree_root: Any, model: PdfModel) -> dict[str, str]:
    rolemap: dict[str, str] = {}
    raw = _get(tree_root, "/RoleMap")
    if isinstance(raw, pikepdf.Dictionary):
        for key, value in list(raw.items())[:10_000]:
            target = _name(value)
            if target is not None:
                rolemap[key[1:]] = target
    for source in sorted(rolemap):
        if source in STANDARD_TYPES and rolemap[source] != source:
            model.rolemap_issues.append(("remapped-standard", source, rolemap[source]))
        elif source not in STANDARD_TYPES:
            _, problem = resolve_role(source, rolemap)
            if problem == "cycle":
                model.rolemap_issues.append(("cycle", source, rolemap[source]))
    return rolemap


def _attributes(elem: Any) -> dict[str, str]:
    """Flatten the /A attribute objects of an element (Scope, Headers, ...)."""
    found: dict[str, str] = {}
    attrs = _get(elem, "/A")
    items = list(attrs)[:16] if isinstance(attrs, pikepdf.Array) else [attrs]
    for item in items:
        if isinstance(item, pikepdf.Dictionary):
            for key, value in list(item.items())[:32]:
                text = _str(value)
                if text is not None and key != "/O":
                    found[key[1:]] = text
    return found


def _read_structure(pdf: pikepdf.Pdf, model: PdfModel, page_numbers: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """Walk the structure tree iteratively; returns annotation objgen -> owning element."""
    tree_root = _get(pdf.Root, "/StructTreeRoot")
    model.has_struct_tree = isinstance(tree_root, pikepdf.Dictionary)
    annot_owner: dict[tuple[int, int], int] = {}
    if not model.has_struct_tree:
        return annot_owner
    rolemap = _read_rolemap(tree_root, model)
    reported_unmapped: set[str] = set()
    visited: set[tuple[int, int]] = set()
    # Stack entries: (kid object, parent element id or None, inherited page, depth).
    stack: list[tuple[Any, int | None, int | None, int]] = []
    kids = _get(tree_root, "/K")

    def push_kids(k: Any, parent: int | None, page: int | None, depth: int) -> None:
        if isinstance(k, (int, type(None))):
            if k is not None:
                stack.append((k, parent, page, depth))
            return
        try:
            items = list(k.as_list()) if k._type_code == pikepdf.ObjectType.array else [k]
        except Exception:
            items = [k]
        stack.extend((item, parent, page, depth) for item in reversed(items))

    push_kids(kids, None, None, 0)
    # Hot loop (one pass per element of trees with 100k+ elements): read a dictionary's key set
    # once and fetch only keys it has; pikepdf lookups of missing keys are slow.
    while stack:
        obj, parent, page, depth = stack.pop()
        if isinstance(obj, int):  # pikepdf hands integers (MCIDs) over as Python ints
            if parent is not None and page is not None:
                model.elements[parent].mcids.append((page, int(obj)))
            continue
        try:
            keys = obj.keys()
        except Exception:  # not a dictionary
            continue
        if obj.is_indirect:
            key = obj.objgen
            if key in visited:
                model.tree_issues.append(("cycle", f"object {key[0]} appears twice in the tree"))
                continue
            visited.add(key)
        own_page = page
        if "/Pg" in keys:
            own_page = page_numbers.get(_objgen(obj.get("/Pg")), page)
        if "/S" not in keys:
            kind = _name(obj.get("/Type")) if "/Type" in keys else None
            if kind == "MCR" and "/MCID" in keys:
                if parent is not None and own_page is not None:
                    model.elements[parent].mcids.append((own_page, int(obj.get("/MCID"))))
            elif kind == "OBJR" and "/Obj" in keys and parent is not None:
                target = _objgen(obj.get("/Obj"))
                model.elements[parent].annots.append(target)
                annot_owner[target] = parent
            continue
        raw_type = _name(obj.get("/S"))
        if raw_type is None:
            continue
        if len(model.elements) >= MAX_ELEMENTS:
            model.tree_issues.append(("truncated", f"more than {MAX_ELEMENTS} structure elements"))
            break
        if raw_type in STANDARD_TYPES and raw_type not in rolemap:
            std, problem = raw_type, None
        else:
            std, problem = resolve_role(raw_type, rolemap)
            if problem == "unmapped" and "/NS" in keys:
                std, problem = _namespace_role(raw_type, obj.get("/NS"), std, problem)
        if problem == "unmapped" and raw_type not in reported_unmapped:
            reported_unmapped.add(raw_type)
            model.rolemap_issues.append(("unmapped", raw_type, ""))
        elem = StructElem(
            id=len(model.elements), type=std, raw_type=raw_type, parent=parent, depth=depth, page=own_page,
            alt=_str(obj.get("/Alt")) if "/Alt" in keys else None,
            actual_text=_str(obj.get("/ActualText")) if "/ActualText" in keys else None,
            lang=_str(obj.get("/Lang")) if "/Lang" in keys else None,
            attrs=_attributes(obj) if "/A" in keys else {},
        )
        model.elements.append(elem)
        if parent is not None:
            model.elements[parent].children.append(elem.id)
        if "/K" in keys:
            push_kids(obj.get("/K"), elem.id, own_page, depth + 1)
    return annot_owner


# --- pages ---------------------------------------------------------------------------------


def _image_size(xobj: Any) -> int:
    try:
        return int(_get(xobj, "/Width") or 0) * int(_get(xobj, "/Height") or 0)
    except Exception:
        return 0


def _string_bytes(operands: Any) -> bytes:
    """The bytes shown by a text operator (approximate: no font decoding)."""
    out = bytearray()
    for operand in operands:
        if isinstance(operand, pikepdf.String):
            out += bytes(operand)
        elif isinstance(operand, pikepdf.Array):
            for part in operand:
                if isinstance(part, pikepdf.String):
                    out += bytes(part)
    return bytes(out)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]")


def _readable(data: bytes) -> str:
    """Best-effort text of shown bytes: single-byte text decodes, two-byte codes become ''."""
    if not data:
        return ""
    if data.count(0) * 3 > len(data):
        try:
            text = data.decode("utf-16-be")
            return text if text.isprintable() else ""
        except UnicodeDecodeError:
            return ""
    text = data.decode("cp1252", errors="replace")
    if text.isprintable():
        return text
    cleaned = _CONTROL.sub("", text)
    return cleaned if len(cleaned) >= 0.8 * len(text) else ""


class _PageScan:
    """Walks one page's content (and the form XObjects it draws) once."""

    def __init__(self, model: PdfModel, info: PageInfo, want_mcids: set[int], seen_fonts: set[tuple[int, int]]) -> None:
        self.model = model
        self.info = info
        self.want_mcids = want_mcids
        self.seen_fonts = seen_fonts
        self.mcid_text: dict[int, list[str]] = {}
        self.mcid_has_text: set[int] = set()
        self.seen_forms: set[tuple[int, int]] = set()

    def run(self, page: pikepdf.Page) -> None:
        resources = _get(page.obj, "/Resources")
        try:
            data = page.obj.get("/Contents")
            if data is None:
                return
            raw = b"\n".join(s.read_bytes() for s in (data if isinstance(data, pikepdf.Array) else [data]) if isinstance(s, pikepdf.Stream))
        except Exception:
            self.model.notes.append(f"page {self.info.number}: the content could not be read")
            return
        self._content(raw, resources, 0, IDENTITY)

    def _content(self, raw: bytes, resources: Any, depth: int, ctm: Matrix) -> None:
        if len(raw) > MAX_PARSED_CONTENT:
            self._shallow(raw, resources, depth)
            return
        # A scratch Pdf per stream, closed at once: no page's content outlives its page.
        scratch = pikepdf.new()
        try:
            try:
                instructions = pikepdf.parse_content_stream(pikepdf.Stream(scratch, raw), _WANTED_OPS)
            except Exception:
                self.model.notes.append(f"page {self.info.number}: the content could not be parsed")
                return
            self._instructions(instructions, resources, depth, ctm)
        finally:
            scratch.close()

    def _shallow(self, raw: bytes, resources: Any, depth: int) -> None:
        self.info.shallow = True
        if _TEXT_RE.search(raw):
            self.info.text_ops += 1
            self.info.text_chars += SCAN_MAX_TEXT
        xobjects = _get(resources, "/XObject")
        # No graphics state is tracked here: an image is taken to cover the page.
        full_page = (self.info.area ** 0.5, 0.0, 0.0, self.info.area ** 0.5, 0.0, 0.0)
        for name in set(_DO_RE.findall(raw)[:1000]):
            self._draw(_get(xobjects, "/" + name.decode("latin-1")), depth, full_page)

    def _instructions(self, instructions: Any, resources: Any, depth: int, ctm: Matrix) -> None:
        # Marked-content stack: MCID (or None) per open BDC/BMC; graphics-state stack of CTMs.
        marks: list[int | None] = []
        saved: list[Matrix] = []
        xobjects = _get(resources, "/XObject")
        for instruction in instructions:
            op = str(instruction.operator)
            if op in _TEXT_OPS:
                shown = _string_bytes(instruction.operands)
                if not shown.strip(b" \x00"):
                    continue
                self.info.text_ops += 1
                self.info.text_chars += len(shown.strip(b" \x00"))
                mcid = next((m for m in reversed(marks) if m is not None), None)
                if mcid is not None:
                    self.mcid_has_text.add(mcid)
                    if mcid in self.want_mcids:
                        parts = self.mcid_text.setdefault(mcid, [])
                        if sum(len(p) for p in parts) < ELEMENT_TEXT:
                            parts.append(_readable(shown))
            elif op == "BDC":
                operands = instruction.operands
                props = operands[1] if len(operands) > 1 else None
                if isinstance(props, pikepdf.Name):
                    props = _get(_get(resources, "/Properties"), str(props))
                mcid = _get(props, "/MCID")
                marks.append(int(mcid) if mcid is not None else None)
                lang = _str(_get(props, "/Lang"))
                if lang is not None and len(self.model.marked_langs) < 1000:
                    self.model.marked_langs.append((self.info.number, lang))
            elif op == "BMC":
                marks.append(None)
            elif op == "EMC":
                if marks:
                    marks.pop()
            elif op == "cm":
                matrix = _matrix(instruction.operands)
                if matrix is not None:
                    ctm = multiply(matrix, ctm)
            elif op == "q":
                if len(saved) < 1000:
                    saved.append(ctm)
            elif op == "Q":
                if saved:
                    ctm = saved.pop()
            elif op == "Do" and instruction.operands:
                self._draw(_get(xobjects, str(instruction.operands[0])), depth, ctm)
            elif op == "EI" and instruction.operands:
                try:  # an inline image: count it when it holds at least ~32x32 bytes of data
                    if len(instruction.operands[0].unparse()) >= 32 * 32:
                        self._image(ctm)
                except Exception:
                    pass

    def _image(self, ctm: Matrix) -> None:
        """An image drawn in the unit square under `ctm`: count it and how much page it covers."""
        self.info.images += 1
        if self.info.area > 0:
            a, b, c, d, _, _ = ctm
            self.info.image_cover = max(self.info.image_cover, min(1.0, abs(a * d - b * c) / self.info.area))

    def _draw(self, xobj: Any, depth: int, ctm: Matrix) -> None:
        if not isinstance(xobj, pikepdf.Stream):
            return
        subtype = _name(_get(xobj, "/Subtype"))
        if subtype == "Image":
            if _image_size(xobj) >= 32 * 32:
                self._image(ctm)
        elif subtype == "Form" and depth < MAX_FORM_DEPTH:
            key = _objgen(xobj)
            if key in self.seen_forms:
                return
            self.seen_forms.add(key)
            _collect_fonts(self.model, _get(xobj, "/Resources"), self.info.number, self.seen_fonts)
            try:
                raw = xobj.read_bytes()
            except Exception:
                return
            matrix = _matrix(_get(xobj, "/Matrix") or ()) or IDENTITY
            self._content(raw, _get(xobj, "/Resources") or None, depth + 1, multiply(matrix, ctm))


def _page_area(page: pikepdf.Page) -> float:
    try:
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        return abs(x1 - x0) * abs(y1 - y0)
    except Exception:
        return 0.0


# --- fonts ---------------------------------------------------------------------------------


def _font_info(font: Any, page: int) -> FontInfo:
    subtype = _name(_get(font, "/Subtype")) or "?"
    base = _name(_get(font, "/BaseFont")) or ""
    name = base.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", base) else base
    descriptor = _get(font, "/FontDescriptor")
    if subtype == "Type0":
        descendants = _get(font, "/DescendantFonts")
        if isinstance(descendants, pikepdf.Array) and len(descendants):
            descriptor = _get(descendants[0], "/FontDescriptor")
    embedded = subtype == "Type3" or any(
        _get(descriptor, key) is not None for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )
    encoding_obj = _get(font, "/Encoding")
    encoding = _name(encoding_obj)
    if encoding is None and isinstance(encoding_obj, pikepdf.Dictionary):
        encoding = _name(_get(encoding_obj, "/BaseEncoding")) or "Differences"
    standard14 = name in STANDARD_14_FONTS and not embedded
    flags = int(_get(descriptor, "/Flags") or 0) if descriptor is not None else 0
    symbolic = bool(flags & 4) and not bool(flags & 32)
    standard_encoding = subtype in ("Type1", "MMType1", "TrueType") and (
        encoding in STANDARD_ENCODINGS
        or (encoding == "Differences")
        or (encoding is None and (standard14 and name not in ("Symbol", "ZapfDingbats") or (subtype != "TrueType" and not symbolic)))
    )
    return FontInfo(
        name=name or "(unnamed)", subtype=subtype, first_page=page, embedded=embedded,
        to_unicode=_get(font, "/ToUnicode") is not None, encoding=encoding,
        standard14=standard14, standard_encoding=standard_encoding,
    )


def _collect_fonts(model: PdfModel, resources: Any, page: int, seen: set[tuple[int, int]]) -> None:
    fonts = _get(resources, "/Font")
    if not isinstance(fonts, pikepdf.Dictionary):
        return
    for _, font in list(fonts.items())[:500]:
        if not isinstance(font, pikepdf.Dictionary):
            continue
        key = _objgen(font)
        if key != (0, 0):
            if key in seen:
                continue
            seen.add(key)
        model.fonts.append(_font_info(font, page))


# --- annotations and form fields -----------------------------------------------------------


def _annotations(page: pikepdf.Page, number: int, owner: dict[tuple[int, int], int]) -> list[Annotation]:
    annots = _get(page.obj, "/Annots")
    found: list[Annotation] = []
    if not isinstance(annots, pikepdf.Array):
        return found
    for annot in list(annots)[:5000]:
        if not isinstance(annot, pikepdf.Dictionary):
            continue
        flags = _get(annot, "/F")
        flags = flags if isinstance(flags, int) else 0
        action = _get(annot, "/A")
        key = _objgen(annot)
        found.append(Annotation(
            page=number, subtype=_name(_get(annot, "/Subtype")) or "?", objgen=key,
            contents=_str(_get(annot, "/Contents")), hidden=bool(flags & 2),
            uri=_str(_get(action, "/URI")), element=owner.get(key),
        ))
    return found


def _read_fields(pdf: pikepdf.Pdf, model: PdfModel, page_numbers: dict[tuple[int, int], int]) -> None:
    acroform = _get(pdf.Root, "/AcroForm")
    fields = _get(acroform, "/Fields")
    if not isinstance(fields, pikepdf.Array):
        return
    visited: set[tuple[int, int]] = set()
    stack: list[tuple[Any, str, str | None, str | None]] = [(f, "", None, None) for f in reversed(list(fields)[:5000])]
    while stack and len(model.fields) < 5000:
        node, prefix, inherited_type, inherited_tu = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        key = _objgen(node)
        if key != (0, 0):
            if key in visited:
                continue
            visited.add(key)
        partial = _str(_get(node, "/T"))
        name = f"{prefix}.{partial}" if prefix and partial else (partial or prefix)
        field_type = _name(_get(node, "/FT")) or inherited_type
        tooltip = _str(_get(node, "/TU"))
        kids = _get(node, "/Kids")
        field_kids = [k for k in kids if isinstance(k, pikepdf.Dictionary) and _get(k, "/T") is not None] if isinstance(kids, pikepdf.Array) else []
        if field_kids:
            for kid in reversed(field_kids):
                stack.append((kid, name, field_type, tooltip or inherited_tu))
            continue
        widgets = list(kids) if isinstance(kids, pikepdf.Array) and kids else [node]
        page = None
        hidden = True
        for widget in widgets[:20]:
            pg = _get(widget, "/P")
            if pg is not None and page is None:
                page = page_numbers.get(_objgen(pg))
            flags = _get(widget, "/F")
            if not (int(flags) & 2 if flags is not None else False):
                hidden = False
        model.fields.append(FormField(name=name or "(unnamed)", kind=field_type or "?", tooltip=tooltip or inherited_tu,
                                      page=page, hidden=hidden))


# --- text for language and reading level ---------------------------------------------------


#: Stop extracting text when this many characters are collected.
TEXT_SAMPLE_CHARS = 15_000
#: Pages extracted at most for the text sample.
TEXT_SAMPLE_PAGES = 30


def extract_text_runs(pdf: pikepdf.Pdf, path: Any, model: PdfModel, mcid_lang: dict[tuple[int, int], str]) -> None:
    """Extract readable text with pypdf (it decodes fonts; pikepdf does not), sampled from the
    first pages, as runs tagged with the language in force: a Lang on marked content or on the
    structure element owning it. Bounded by TEXT_SAMPLE_CHARS and TEXT_SAMPLE_PAGES."""
    import pypdf

    if model.encrypted or len(pdf.pages) > TEXT_SAMPLE_PAGES:
        # pypdf reads only a copy of the sampled pages, made in memory (decrypted, if the file
        # was): it parses far less, and the input file is never written.
        sample = pikepdf.new()
        try:
            sample.pages.extend(pdf.pages[:TEXT_SAMPLE_PAGES])
            buffer = io.BytesIO()
            sample.save(buffer)
        finally:
            sample.close()
        buffer.seek(0)
        reader = pypdf.PdfReader(buffer)
    else:
        reader = pypdf.PdfReader(str(path))
    runs: list[tuple[str | None, str]] = []
    total = 0
    # Pages too large to parse (see MAX_PARSED_CONTENT) are not handed to pypdf either.
    shallow = {p.number for p in model.pages if p.shallow}
    for index, page in enumerate(reader.pages):
        if index >= TEXT_SAMPLE_PAGES or total >= TEXT_SAMPLE_CHARS:
            break
        number = index + 1
        if number in shallow:
            continue
        langs: list[str | None] = []

        def before(operator: bytes, operands: list, cm: Any, tm: Any) -> None:
            if operator == b"BDC":
                props = operands[1] if len(operands) > 1 else None
                lang = None
                if isinstance(props, dict):
                    if "/Lang" in props:
                        lang = str(props["/Lang"])
                    elif "/MCID" in props:
                        lang = mcid_lang.get((number, int(props["/MCID"])))
                langs.append(lang)
            elif operator == b"BMC":
                langs.append(None)
            elif operator == b"EMC" and langs:
                langs.pop()

        def on_text(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
            nonlocal total
            if not text.strip():
                return
            lang = next((lang for lang in reversed(langs) if lang), None)
            if runs and runs[-1][0] == lang:
                previous = runs[-1][1]
                joiner = "" if previous[-1:].isspace() or text[:1].isspace() else " "
                runs[-1] = (lang, previous + joiner + text)
            else:
                runs.append((lang, text))
            total += len(text)

        try:
            page.extract_text(visitor_operand_before=before, visitor_text=on_text)
        except Exception:
            model.notes.append(f"page {number}: text could not be extracted")
    model.text_runs = runs
    model.text_extracted = True


def mcid_languages(model: PdfModel) -> dict[tuple[int, int], str]:
    """(page, MCID) -> the Lang of the nearest structure element that declares one."""
    result: dict[tuple[int, int], str] = {}
    for elem in model.elements:
        if not elem.mcids:
            continue
        current: StructElem | None = elem
        lang = None
        while current is not None:
            if current.lang:
                lang = current.lang
                break
            current = model.elements[current.parent] if current.parent is not None else None
        if lang:
            for key in elem.mcids:
                result[key] = lang
    return result


# --- build ---------------------------------------------------------------------------------


def build_model(pdf: pikepdf.Pdf, name: str) -> PdfModel:
    """Read one opened PDF into a PdfModel, page by page (text runs are added separately)."""
    model = PdfModel(name=name)
    model.encrypted = pdf.is_encrypted
    if model.encrypted:
        model.allow_accessibility = bool(pdf.allow.accessibility)
        model.allow_extract = bool(pdf.allow.extract)
    _read_catalog(pdf, model)
    page_numbers: dict[tuple[int, int], int] = {}
    for index, page in enumerate(pdf.pages):
        page_numbers[_objgen(page.obj)] = index + 1
    model.page_count = len(page_numbers) if page_numbers else len(pdf.pages)
    annot_owner = _read_structure(pdf, model, page_numbers)
    # Which MCIDs on each page we want the text of (elements whose snippet or text rules use).
    wanted: dict[int, dict[int, list[int]]] = {}
    for elem in model.elements:
        for page, mcid in elem.mcids:
            wanted.setdefault(page, {}).setdefault(mcid, []).append(elem.id)
    seen_fonts: set[tuple[int, int]] = set()
    for index, page in enumerate(pdf.pages):
        number = index + 1
        info = PageInfo(number=number, tabs=_name(_get(page.obj, "/Tabs")), area=_page_area(page))
        info.annotations = _annotations(page, number, annot_owner)
        _collect_fonts(model, _get(page.obj, "/Resources"), number, seen_fonts)
        on_page = wanted.get(number, {})
        scan = _PageScan(model, info, set(on_page), seen_fonts)
        scan.run(page)
        for mcid, owners in on_page.items():
            has_text = mcid in scan.mcid_has_text
            text = " ".join(t for t in scan.mcid_text.get(mcid, []) if t).strip()
            for owner in owners:
                elem = model.elements[owner]
                elem.has_text = elem.has_text or has_text
                if text and len(elem.text) < ELEMENT_TEXT:
                    elem.text = (elem.text + " " + text).strip()[:ELEMENT_TEXT]
        model.pages.append(info)
    _read_fields(pdf, model, page_numbers)
    return model
