"""The settings of one scan, from the command line, a config file or the web app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from uu_check.registry import RuleFilter

FAIL_ON = ("critical", "serious", "moderate", "minor", "never")


@dataclass
class ScanOptions:
    lang: str = "en"
    level: str = "AA"
    fail_on: str = "serious"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: False: static mode (no browser; only rules that need no rendering).
    use_browser: bool = True
    browser_path: str | None = None
    #: Seconds per target.
    timeout: float = 60.0
    #: Parallel workers for documents; pages in flight in the browser.
    jobs: int = 2
    #: Extra HTTP headers and cookies for pages (never logged or reported).
    headers: dict[str, str] = field(default_factory=dict)
    cookies: list[dict[str, Any]] = field(default_factory=list)
    storage_state: str | None = None
    #: Origins that may receive `headers` when there is no crawl scope (a single URL scan).
    credential_origins: tuple[str, ...] = ()
    #: A crawl's Scope (uu_check.sources.urls.Scope): pages may not navigate out of it, and
    #: credentials go only to its sites.
    scope: Any = None
    #: Options our own rules read, e.g. {"fragment": "auto", "lix_threshold": 55}.
    rule_options: dict[str, Any] = field(default_factory=dict)

    @property
    def rule_filter(self) -> RuleFilter:
        return RuleFilter(select=tuple(self.select), ignore=tuple(self.ignore), level=self.level)
