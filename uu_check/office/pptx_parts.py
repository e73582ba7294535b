"""Find the parts of a PowerPoint package the pptx rules read: the presentation, its slides in
order, each slide's layout and master, the master's theme, the core properties, and every
part's relationships (hyperlink targets, media, caption tracks).

Why not python-pptx for this: opening a deck with python-pptx reads and parses every part
(all layouts, notes, charts, and inflates every picture and video) before we can look at one
slide. The rules need a handful of XML parts, so they are read on demand from the package the
shared vetting already opened (uu_check/office/package.py), each parsed once with its safe
parser. That keeps a full check cheaper than python-pptx merely opening the file.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from typing import Any

from lxml import etree

from uu_check.engines.base import TargetError
from uu_check.office.package import SAFE_PARSER, OfficePackage, Relationship

RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


class PptxParts:
    """On-demand, cached access to a vetted package's XML parts and relationships."""

    def __init__(self, package: OfficePackage) -> None:
        self.package = package
        self.name = package.path.name
        self._xml: dict[str, Any] = {}
        self._rels: dict[str, dict[str, Relationship]] = {}
        main = self.related("", "officeDocument") or "ppt/presentation.xml"
        self.presentation_part = main
        root = self.xml(main)
        if root is None:
            raise TargetError(f"{self.name}: not a PowerPoint presentation (no {main})")
        self.presentation = root

    def xml(self, part: str) -> Any:
        """The root element of a part (None when the package lacks it)."""
        if part not in self._xml:
            if not self.package.has(part):
                self._xml[part] = None
            elif not part.lower().endswith((".xml", ".rels")):
                self._xml[part] = self.package.xml(part)  # not vetted by name: sniff it too
            else:
                # open_package already refused any XML part whose prolog declares a DTD, so
                # parse with the shared safe parser directly instead of sniffing again.
                try:
                    self._xml[part] = etree.fromstring(self._read(part), SAFE_PARSER)
                except etree.XMLSyntaxError as exc:
                    raise TargetError(f"{self.name}: damaged XML in {part} "
                                      f"({str(exc).splitlines()[0][:120]})") from None
        return self._xml[part]

    def _read(self, part: str) -> bytes:
        """The bytes of one part. Reads the member's data straight from the zip (one seek, one
        inflate, CRC checked) instead of through zipfile's stream objects, whose set-up costs
        more than inflating a small XML part; anything unusual goes through zipfile."""
        archive = self.package.zip
        info = archive.getinfo(part)
        handle = archive.fp
        if (handle is None or info.flag_bits & 0x9 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)):
            return archive.read(part)
        handle.seek(info.header_offset)
        header = handle.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            return archive.read(part)
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        handle.seek(info.header_offset + 30 + name_length + extra_length)
        data = handle.read(info.compress_size)
        if info.compress_type == zipfile.ZIP_DEFLATED:
            inflater = zlib.decompressobj(-15)
            data = inflater.decompress(data, info.file_size + 1)  # never more than declared
        if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
            raise TargetError(f"{self.name}: damaged or truncated (part {part} is corrupt)")
        return data

    def rels(self, part: str) -> dict[str, Relationship]:
        """Relationships of a part ('' for the package itself), by id, targets resolved."""
        if part in self._rels:
            return self._rels[part]
        folder, file_name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", f"{file_name}.rels")
        root = self.xml(rels_part)
        found: dict[str, Relationship] = {}
        if root is not None:
            for rel in root.iter(RELS_NS + "Relationship"):
                rel_id, target = rel.get("Id"), rel.get("Target") or ""
                if not rel_id:
                    continue
                external = rel.get("TargetMode") == "External"
                if not external:
                    target = _resolve(folder, target)
                found[rel_id] = Relationship(rel_id, rel.get("Type") or "", target, external)
        self._rels[part] = found
        return found

    def related(self, part: str, kind: str) -> str | None:
        """The first internal part `part` relates to with a relationship type ending in `kind`."""
        for rel in self.rels(part).values():
            if rel.kind == kind and not rel.external:
                return rel.target
        return None

    def slides(self) -> list[str]:
        """Slide part names in presentation order (p:sldIdLst)."""
        rels = self.rels(self.presentation_part)
        parts = []
        id_list = self.presentation.find(P + "sldIdLst")
        for entry in id_list if id_list is not None else ():
            rel = rels.get(entry.get(R + "id") or "")
            if rel is not None and not rel.external and self.package.has(rel.target):
                parts.append(rel.target)
        return parts

    def core_title(self) -> str:
        core = self.related("", "core-properties")
        root = self.xml(core) if core else None
        title = root.find(DC_TITLE) if root is not None else None
        return (title.text or "").strip() if title is not None else ""


def _resolve(folder: str, target: str) -> str:
    """A relationship target relative to its source part's folder -> a part name."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))
