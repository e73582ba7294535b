"""A target to check, as a source describes it before any engine has looked at it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: File suffix -> target kind.
KIND_BY_SUFFIX: dict[str, str] = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".pptx": "pptx", ".pdf": "pdf",
    ".imscc": "package", ".zip": "package",
}

#: Suffixes we recognise but cannot check, with the reason shown as `skipped`.
UNSUPPORTED_REASONS: dict[str, str] = {
    ".doc": "old Word format (.doc): save it as .docx to check it",
    ".ppt": "old PowerPoint format (.ppt): save it as .pptx to check it",
    ".xlsx": "Excel files are not checked yet",
    ".odt": "OpenDocument text is not checked yet: save it as .docx",
    ".odp": "OpenDocument presentations are not checked yet: save it as .pptx",
}


@dataclass
class TargetSpec:
    """One thing to check. `key` is its stable identity (relative path or URL) for fingerprints."""

    uri: str
    kind: str
    key: str
    path: Path | None = None
    url: str | None = None
    parent: dict[str, Any] | None = None
    #: Set when the source already knows the outcome: "skipped" or "error", with `reason`.
    status: str | None = None
    reason: str | None = None
    #: A hint from the source: True for LMS content fragments (e.g. wiki pages in a course
    #: package), False for whole pages, None to detect from the HTML. --fragment yes/no wins.
    fragment: bool | None = None

    def sha256(self) -> str | None:
        if self.path is None or not self.path.is_file():
            return None
        digest = hashlib.sha256()
        with self.path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()


def kind_of(path: Path) -> str | None:
    return KIND_BY_SUFFIX.get(path.suffix.lower())
