"""Course packages: IMS Common Cartridge (.imscc, 1.1-1.3, as Canvas and Moodle export them) and
SCORM 1.2 / 2004 (.zip) become the pages and documents inside them, each with its place in the
course (course, module, item) as its parent, so reports group by course and module.

Extraction is defensive: a package is untrusted input. No member may escape the temporary folder
(absolute paths, `..`, symlinks), and sizes and counts are capped while bytes are actually read
(headers can lie), against zip bombs. The package itself is only read.
"""

from __future__ import annotations

import contextlib
import posixpath
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from uu_check.sources.base import KIND_BY_SUFFIX, TargetSpec

#: Limits against zip bombs: total bytes written, members, and one member's size.
MAX_TOTAL_BYTES = 1_000_000_000
MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 300_000_000
#: A member that expands more than this many times its compressed size is refused.
MAX_RATIO = 200
CHUNK = 1 << 16

#: Resource types that hold a discussion topic: HTML inside XML.
DISCUSSION_TYPES = ("imsdt_xmlv1p1", "imsdt_xmlv1p2", "imsdt_xmlv1p3", "imsdt_v1p0")


class PackageRefused(Exception):
    """The package is unsafe or unreadable; the message is the one-line reason."""


@dataclass
class Item:
    """A node of the course outline: a module (with children) or an item pointing to a resource."""

    title: str
    resource: str | None
    children: list[Item] = field(default_factory=list)


def expand_package(spec: TargetSpec, stack: contextlib.ExitStack) -> list[TargetSpec]:
    """The targets inside one package, or one error/skipped target saying why not."""
    assert spec.path is not None
    name = spec.path.name
    try:
        archive = zipfile.ZipFile(spec.path)
    except (zipfile.BadZipFile, OSError) as exc:
        return [_failed(spec, "error", f"{name}: not a readable zip file ({exc})")]
    with archive:
        names = {info.filename for info in archive.infolist()}
        if "imsmanifest.xml" not in names:
            if spec.path.suffix.lower() == ".imscc":
                return [_failed(spec, "error", f"{name}: no imsmanifest.xml, so not a Common Cartridge")]
            return [_failed(spec, "skipped", f"{name}: a zip without imsmanifest.xml is not a course package")]
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="uu-check-package-")))
        try:
            safe_extract(archive, folder)
            manifest = ElementTree.parse(folder / "imsmanifest.xml").getroot()
        except PackageRefused as exc:
            return [_failed(spec, "error", f"{name}: refused: {exc}")]
        except (DefusedXmlException, ElementTree.ParseError) as exc:
            return [_failed(spec, "error", f"{name}: imsmanifest.xml is not valid XML ({exc})")]
    return list(_targets(spec, folder, manifest))


def _failed(spec: TargetSpec, status: str, reason: str) -> TargetSpec:
    spec.status, spec.reason = status, reason
    return spec


def safe_member_path(name: str) -> PurePosixPath:
    """The relative path a member may be written to; PackageRefused when it would escape."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        raise PackageRefused(f"a file has an absolute path ({name[:80]})")
    parts = [p for p in normal.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise PackageRefused(f"a file path escapes the package ({name[:80]})")
    return PurePosixPath(*parts) if parts else PurePosixPath(".")


def safe_extract(archive: zipfile.ZipFile, folder: Path) -> None:
    """Extract every member inside `folder`, counting real bytes against the limits."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise PackageRefused(f"too many files ({len(members)}; the limit is {MAX_MEMBERS})")
    total = 0
    root = folder.resolve()
    for info in members:
        relative = safe_member_path(info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageRefused(f"a file is a symbolic link ({info.filename[:80]})")
        destination = (root / relative).resolve()
        if destination != root and root not in destination.parents:
            raise PackageRefused(f"a file path escapes the package ({info.filename[:80]})")
        if info.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        if info.file_size > MAX_MEMBER_BYTES or (
            info.compress_size and info.file_size > 10_000_000 and info.file_size / info.compress_size > MAX_RATIO
        ):
            raise PackageRefused(f"{info.filename[:80]} expands to {info.file_size:,} bytes (a zip bomb?)")
        destination.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with archive.open(info) as source, destination.open("wb") as sink:
            while block := source.read(CHUNK):
                written += len(block)
                total += len(block)
                if written > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                    raise PackageRefused("the package expands beyond the size limit (a zip bomb?)")
                sink.write(block)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return [child for child in element if _local(child.tag) == name]


def _title(element) -> str:
    for child in element:
        if _local(child.tag) == "title":
            return " ".join((child.text or "").split())
    return ""


def _outline(element) -> list[Item]:
    items = []
    for node in _children(element, "item"):
        items.append(Item(title=_title(node), resource=node.get("identifierref"), children=_outline(node)))
    return items


def _package_kind(manifest) -> str:
    """"SCORM" or "Common Cartridge", from <schema>, the namespaces and adlcp attributes."""
    for element in manifest.iter():
        name = _local(element.tag)
        if name == "schema" and element.text:
            if "SCORM" in element.text:
                return "SCORM"
            if "Common Cartridge" in element.text:
                return "Common Cartridge"
        if any("adlnet.org" in key for key in element.attrib):
            return "SCORM"
    return "Common Cartridge" if "imscc" in manifest.tag else "SCORM"


def _targets(spec: TargetSpec, folder: Path, manifest) -> list[TargetSpec]:
    """Walk the outline (course > module > item) and list every checkable file of each resource."""
    resources = {}
    for resources_element in _children(manifest, "resources"):
        for resource in _children(resources_element, "resource"):
            resources[resource.get("identifier")] = resource
    course = spec.path.name if spec.path else spec.key
    modules: dict[str, tuple[str | None, str]] = {}
    for organizations in _children(manifest, "organizations"):
        for organization in _children(organizations, "organization"):
            course = _title(organization) or course
            for top in _outline(organization):
                _index(top, None, modules, course)
    metadata_title = _manifest_title(manifest)
    if metadata_title:
        course = metadata_title
    package = {"package": spec.path.name if spec.path else spec.key, "format": _package_kind(manifest), "course": course}
    targets: list[TargetSpec] = []
    seen: set[str] = set()
    ordered = sorted(resources.items(), key=lambda kv: (kv[0] not in modules, list(modules).index(kv[0]) if kv[0] in modules else 0))
    for identifier, resource in ordered:
        module, item = modules.get(identifier, (None, None))
        base = resource.get("xml:base") or resource.get("{http://www.w3.org/XML/1998/namespace}base") or ""
        hrefs = [resource.get("href")] + [f.get("href") for f in _children(resource, "file")]
        for href in filter(None, hrefs):
            relative = posixpath.normpath(posixpath.join(base, unquote(href.split("#", 1)[0].split("?", 1)[0])))
            if relative in seen:
                continue
            kind = _kind(relative, resource.get("type", ""))
            if kind is None:
                continue
            seen.add(relative)
            try:
                path = folder / safe_member_path(relative)
            except PackageRefused:
                continue
            parent = dict(package, module=module, item=item or _title_of_file(relative))
            if kind == "discussion":
                path = _discussion_page(path, folder)
                if path is None:
                    continue
                kind = "html"
            inner = TargetSpec(uri=f"{spec.uri}!/{relative}", kind=kind, key=f"{spec.key}!/{relative}",
                               path=path if path.is_file() else None, parent=parent,
                               # Cartridge pages live inside the LMS page; SCORM pages stand alone.
                               fragment=True if kind == "html" and package["format"] == "Common Cartridge" else None)
            if inner.path is None:
                inner.path = path
                inner.status, inner.reason = "error", f"{package['package']}: {relative} is listed in the manifest but missing"
            targets.append(inner)
    if not targets:
        return [_failed(spec, "skipped", f"{package['package']}: no pages or documents to check in this package")]
    return targets


def _index(item: Item, module: str | None, found: dict[str, tuple[str | None, str]], course: str) -> None:
    if item.resource:
        found.setdefault(item.resource, (module, item.title))
    for child in item.children:
        _index(child, item.title if item.children else module, found, course)


def _manifest_title(manifest) -> str | None:
    for element in manifest.iter():
        if _local(element.tag) == "title" and element is not None:
            for child in element:
                if _local(child.tag) in ("string", "langstring") and (child.text or "").strip():
                    return " ".join(child.text.split())
    return None


def _kind(relative: str, resource_type: str) -> str | None:
    if resource_type.startswith(DISCUSSION_TYPES) and relative.endswith(".xml"):
        return "discussion"
    suffix = PurePosixPath(relative).suffix.lower()
    kind = KIND_BY_SUFFIX.get(suffix)
    return kind if kind in ("html", "docx", "pptx", "pdf") else None


def _title_of_file(relative: str) -> str:
    return PurePosixPath(relative).stem.replace("-", " ").replace("_", " ")


def _discussion_page(path: Path, folder: Path) -> Path | None:
    """A discussion topic keeps its HTML in <text>: write it out as a page to check."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, DefusedXmlException, ElementTree.ParseError):
        return None
    title = _title(root) or path.stem
    text = next((el.text for el in root.iter() if _local(el.tag) == "text" and el.text), None)
    if not text:
        return None
    page = path.with_suffix(".discussion.html")
    page.write_text(f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{_escape(title)}</title></head>"
                    f"<body>{text}</body></html>\n", encoding="utf-8")
    return page


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
