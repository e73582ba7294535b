"""What every engine returns for one target, and the error a target can fail with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from uu_check.model import Finding


class TargetError(Exception):
    """A target that cannot be checked; str(exc) is the one-line reason shown to the user.

    Never put a secret (cookie, token, password) in the message. `status` is the HTTP status
    when there was one, so a crawler can retry 429 and 5xx (honouring `retry_after`).
    """

    def __init__(self, message: str, *, status: int | None = None, retry_after: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after

    def __reduce__(self):  # keep the extra fields when the error crosses a process boundary
        return (_rebuild_target_error, (str(self), self.status, self.retry_after))


def _rebuild_target_error(message: str, status: int | None, retry_after: str | None) -> TargetError:
    return TargetError(message, status=status, retry_after=retry_after)


@dataclass
class EngineResult:
    findings: list[Finding] = field(default_factory=list)
    title: str | None = None
    notes: list[str] = field(default_factory=list)
    #: "browser", "static", ... : how the target was checked.
    mode: str | None = None
    #: Extra facts for the report (e.g. final URL after redirects).
    meta: dict[str, Any] = field(default_factory=dict)
