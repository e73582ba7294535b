"""Open an OOXML package (.docx, .pptx) without trusting it.

Why this exists: teachers' files come from anywhere. A file named .docx may be an old binary
.doc, a password-protected document (Office encrypts into an OLE/CFB container), a truncated
download, or a crafted zip bomb or XML entity bomb. Each must end as one clear line for the
user, never a hang, a traceback or an exhausted machine. Everything here works on the zip's
central directory and the first bytes of each XML part, so it costs little compared with the
parse that follows.

Nothing here ever writes to the input file.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from uu_check.engines.base import TargetError

#: OLE/CFB container: old .doc/.ppt files and every password-protected Office file.
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"

#: Limits against zip bombs, checked on the central directory before any part is inflated.
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ENTRIES = 10_000
#: A part this much bigger than its compressed form and larger than RATIO_MIN_SIZE is a bomb.
MAX_RATIO = 200
RATIO_MIN_SIZE = 5 * 1024 * 1024
#: How far into an XML part we look for the root element (a prolog longer than this is hostile).
MAX_PROLOG = 64 * 1024

#: lxml parser for every XML part we parse ourselves: no entity expansion, no DTD loading,
#: no network, and lxml's default size limits (huge_tree off).
SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True,
    remove_pis=True,
)

RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

_PROLOG_SKIP = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Flavour:
    """What a kind of package is called and which part it must have."""

    label: str          # "Word document (.docx)"
    legacy: str         # ".doc"
    main_part: str      # "word/document.xml"


FLAVOURS: dict[str, Flavour] = {
    "docx": Flavour("Word document (.docx)", ".doc", "word/document.xml"),
    "pptx": Flavour("PowerPoint presentation (.pptx)", ".ppt", "ppt/presentation.xml"),
    "xlsx": Flavour("Excel workbook (.xlsx)", ".xls", "xl/workbook.xml"),
}


@dataclass(frozen=True, slots=True)
class Relationship:
    """One entry of a part's .rels: id, type URI, target part name (resolved) or external URL."""

    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        """The last segment of the type: "header", "hyperlink", "theme", "officeDocument" ..."""
        return self.type.rsplit("/", 1)[-1]


@dataclass
class OfficePackage:
    """An opened, vetted package. Use `read`/`xml` for parts; `close()` (or `with`) when done."""

    path: Path
    zip: zipfile.ZipFile
    names: set[str] = field(default_factory=set)

    def __enter__(self) -> OfficePackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        return name.lstrip("/") in self.names

    def read(self, name: str) -> bytes:
        """Bytes of one part (sizes were vetted when the package was opened)."""
        name = name.lstrip("/")
        try:
            return self.zip.read(name)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
            raise TargetError(f"{self.path.name}: damaged or truncated (part {name} is corrupt)") from None
        except Exception as exc:  # zlib.error
            raise TargetError(f"{self.path.name}: damaged (part {name}: {type(exc).__name__})") from None

    def xml(self, name: str) -> etree._Element | None:
        """The root element of one XML part parsed safely, or None when the part is absent."""
        name = name.lstrip("/")
        if name not in self.names:
            return None
        return parse_xml(self.read(name), f"{self.path.name}: {name}")

    def relationships(self, part: str) -> dict[str, Relationship]:
        """A part's relationships by id ('' for the package's own _rels/.rels), targets resolved
        to part names. Cached per part."""
        cache = self.__dict__.setdefault("_rels_cache", {})
        if part in cache:
            return cache[part]
        folder, file_name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", f"{file_name}.rels"))
        found: dict[str, Relationship] = {}
        for rel in root.iter(RELS_NS + "Relationship") if root is not None else ():
            rel_id, target = rel.get("Id"), rel.get("Target") or ""
            if not rel_id:
                continue
            external = rel.get("TargetMode") == "External"
            if not external:
                target = resolve_target(folder, target)
            found[rel_id] = Relationship(rel_id, rel.get("Type") or "", target, external)
        cache[part] = found
        return found

    def related(self, part: str, kind: str) -> str | None:
        """The first internal part that `part` relates to with a type ending in `kind`."""
        for rel in self.relationships(part).values():
            if rel.kind == kind and not rel.external and rel.target in self.names:
                return rel.target
        return None

    def core_title(self) -> str | None:
        """dc:title from the core properties (File > Info > Properties > Title), or None."""
        core = self.related("", "core-properties")
        root = self.xml(core) if core else None
        title = root.find(DC_TITLE) if root is not None else None
        return title.text if title is not None else None


def resolve_target(folder: str, target: str) -> str:
    """A relationship target relative to its source part's folder -> a part name."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))


def parse_xml(data: bytes, where: str = "XML part") -> etree._Element:
    """Parse one XML part with the safe parser; refuses a DTD (OOXML never has one)."""
    if has_doctype(data):
        raise TargetError(f"{where}: contains a DTD/entity declaration (unsafe XML), refused")
    try:
        return etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise TargetError(f"{where}: damaged XML ({str(exc).splitlines()[0][:120]})") from None


def has_doctype(head: bytes) -> bool | None:
    """True when the XML prolog declares a DOCTYPE; None when the prolog does not end in `head`."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    position = 0
    while True:
        match = _PROLOG_SKIP.match(head, position)
        if not match or match.end() == position:
            break
        position = match.end()
    rest = head[position:]
    if rest[:9].upper() == b"<!DOCTYPE" or rest.startswith(b"<!ENTITY"):
        return True
    if rest.startswith(b"<") and not rest.startswith((b"<?", b"<!")):
        return False
    return None


def sniff(path: Path) -> bytes:
    """The first 8 bytes of a file (b'' when it is empty)."""
    with path.open("rb") as handle:
        return handle.read(8)


def open_package(path: Path, kind: str = "docx", *, vet_xml: bool = True) -> OfficePackage:
    """Open and vet `path` as an OOXML package of `kind` ('docx', 'pptx', 'xlsx').

    `vet_xml=False` skips scanning every XML part's prolog up front: right for an engine that
    parses parts only through `OfficePackage.xml` (which refuses a DTD itself), not for one that
    hands the package to another parser.

    Raises TargetError with one line naming the file for: an empty, legacy or password-protected
    file, a damaged or truncated zip, a zip bomb, an encrypted entry, a missing main part, or an
    XML part with a DTD.
    """
    flavour = FLAVOURS[kind]
    name = path.name
    try:
        head = sniff(path)
    except OSError as exc:
        raise TargetError(f"{name}: cannot be opened ({exc.strerror or type(exc).__name__})") from None
    if not head:
        raise TargetError(f"{name}: the file is empty")
    if head.startswith(CFB_MAGIC):
        raise TargetError(
            f"{name}: password-protected or an old {flavour.legacy} file; "
            f"remove the password or save it as {flavour.label} and check again"
        )
    if not head.startswith(ZIP_MAGIC):
        raise TargetError(f"{name}: not a {flavour.label}; the file is damaged or of another type")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TargetError(f"{name}: damaged or truncated (not a complete {flavour.label})") from None
    try:
        names = vet_entries(archive, name)
        if flavour.main_part not in names:
            raise TargetError(f"{name}: not a {flavour.label} (it has no {flavour.main_part})")
        if vet_xml:
            vet_xml_prologs(archive, name)
    except BaseException:
        archive.close()
        raise
    return OfficePackage(path=path, zip=archive, names=names)


def vet_entries(archive: zipfile.ZipFile, name: str) -> set[str]:
    """Check the central directory against the zip-bomb limits; returns the part names."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise TargetError(f"{name}: too many parts ({len(infos)}) to be a real document, refused")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise TargetError(f"{name}: password-protected (encrypted parts), cannot be checked")
        size = info.file_size
        total += size
        if size > MAX_PART_UNCOMPRESSED or total > MAX_TOTAL_UNCOMPRESSED:
            raise TargetError(f"{name}: unpacks to more than {MAX_TOTAL_UNCOMPRESSED // 2**20} MB "
                              "(possible zip bomb), refused")
        if size > RATIO_MIN_SIZE and size > MAX_RATIO * max(info.compress_size, 1):
            raise TargetError(f"{name}: a part is compressed {size // max(info.compress_size, 1)}:1 "
                              "(possible zip bomb), refused")
    return {info.filename for info in infos}


def vet_xml_prologs(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse any XML part whose prolog declares a DOCTYPE (entity tricks: billion laughs, XXE).

    Only the first bytes of each part are inflated: the prolog ends at the root element.
    """
    for info in archive.infolist():
        lower = info.filename.lower()
        if not (lower.endswith((".xml", ".rels", ".vml")) or lower == "[content_types].xml"):
            continue
        try:
            with archive.open(info) as stream:
                head = stream.read(1024)
                verdict = has_doctype(head)
                while verdict is None and len(head) < min(MAX_PROLOG, info.file_size):
                    more = stream.read(4096)
                    if not more:
                        break
                    head += more
                    verdict = has_doctype(head)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            raise TargetError(f"{name}: damaged or truncated (part {info.filename} cannot be read)") from None
        except Exception as exc:  # zlib.error and friends
            raise TargetError(f"{name}: damaged (part {info.filename}: {type(exc).__name__})") from None
        if verdict:
            raise TargetError(f"{name}: part {info.filename} declares a DTD/entities (unsafe XML), refused")
        if verdict is None and info.file_size > MAX_PROLOG:
            raise TargetError(f"{name}: part {info.filename} has no XML root element in its first "
                              f"{MAX_PROLOG // 1024} KB, refused")
