"""Run the document engines (docx, pptx, pdf) in worker processes, with a timeout per file.

Documents are CPU-bound and a hostile file can make a parser hang or eat memory, so each is
checked in a worker process: a hang becomes a target error after the timeout instead of a
stuck run.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from uu_check.engines.base import EngineResult, TargetError
from uu_check.options import ScanOptions

log = logging.getLogger(__name__)

#: kind -> module exposing `check_file(path: Path, options: ScanOptions) -> EngineResult`.
DOCUMENT_ENGINES: dict[str, str] = {
    "docx": "uu_check.engines.docx",
    "pptx": "uu_check.engines.pptx",
    "pdf": "uu_check.engines.pdf",
}


def is_document(kind: str) -> bool:
    return kind in DOCUMENT_ENGINES


def check_document(kind: str, path: Path, options: ScanOptions) -> EngineResult | TargetError:
    """Check one document; every failure comes back as a TargetError with a one-line reason."""
    try:
        module = importlib.import_module(DOCUMENT_ENGINES[kind])
    except ModuleNotFoundError:
        return TargetError(f"{path.name}: {kind} files cannot be checked by this version")
    try:
        return module.check_file(path, options)
    except TargetError as exc:
        return exc
    except MemoryError:
        return TargetError(f"{path.name}: too large to check (out of memory)")
    except RecursionError:
        return TargetError(f"{path.name}: structure nested too deeply to check")
    except Exception as exc:  # a parser bug on one file must not stop the run
        log.debug("engine %s failed on %s", kind, path, exc_info=True)
        reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        return TargetError(f"{path.name}: could not be read ({reason})")
