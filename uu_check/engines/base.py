"""What every engine returns for one target, and the error a target can fail with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from uu_check.model import Finding


class TargetError(Exception):
    """A target that cannot be checked; str(exc) is the one-line reason shown to the user.

    Never put a secret (cookie, token, password) in the message.
    """


@dataclass
class EngineResult:
    findings: list[Finding] = field(default_factory=list)
    title: str | None = None
    notes: list[str] = field(default_factory=list)
    #: "browser", "static", ... : how the target was checked.
    mode: str | None = None
    #: Extra facts for the report (e.g. final URL after redirects).
    meta: dict[str, Any] = field(default_factory=dict)
