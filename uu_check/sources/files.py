"""Files, folders and URLs named on the command line, as targets."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from uu_check.sources.base import UNSUPPORTED_REASONS, TargetSpec, kind_of

#: Folders never worth walking into.
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".uu-check"}


def is_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https")


def key_for(path: Path) -> str:
    """Stable identity for a file: relative to the working directory when inside it, else its
    absolute path with the home/root part dropped to the last three parts (no machine paths)."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return "/".join(resolved.parts[-3:])


def file_spec(path: Path, *, kind: str | None = None) -> TargetSpec:
    kind = kind or kind_of(path)
    spec = TargetSpec(uri=path.resolve().as_uri(), kind=kind or "unknown", key=key_for(path), path=path)
    if kind is None:
        spec.status = "skipped"
        spec.reason = UNSUPPORTED_REASONS.get(path.suffix.lower(), f"unsupported file type ({path.suffix or 'no suffix'})")
    return spec


def expand(argument: str, *, exclude: tuple[str, ...] = ()) -> Iterator[TargetSpec]:
    """Targets for one command-line argument: a URL, a file, or a folder walked recursively.

    A folder yields only files of kinds we know or recognise as unsupported documents; other
    files (images, scripts, styles) are assets, not material, and are silently left out.
    """
    if is_url(argument):
        yield TargetSpec(uri=argument, kind="html", key=argument.split("#", 1)[0], url=argument)
        return
    scheme = urlsplit(argument).scheme
    if scheme and len(scheme) > 1 and not Path(argument).exists():
        yield TargetSpec(uri=argument, kind="unknown", key=argument, status="error",
                         reason=f"unsupported address scheme {scheme}: (only http and https)")
        return
    path = Path(argument)
    if path.is_file():
        yield file_spec(path)
        return
    if not path.exists():
        yield TargetSpec(uri=argument, kind="unknown", key=argument, status="error",
                         reason=f"{argument}: no such file or folder")
        return
    found = False
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            file_path = Path(root) / name
            if _excluded(file_path, exclude):
                continue
            suffix = file_path.suffix.lower()
            if kind_of(file_path) or suffix in UNSUPPORTED_REASONS:
                found = True
                yield file_spec(file_path)
    if not found:
        yield TargetSpec(uri=path.resolve().as_uri(), kind="folder", key=key_for(path), status="error",
                         reason=f"{argument}: nothing to check in this folder (no .html, .docx, .pptx, .pdf or course package)")


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    posix = key_for(path)
    return any(Path(posix).match(p) or posix.startswith(p.rstrip("/") + "/") for p in patterns)
