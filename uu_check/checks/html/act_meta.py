"""ACT b4f0c3 (WCAG 1.4.4 Resize Text): a viewport meta tag whose zoom setting is not a valid
value. Browsers read an unknown `user-scalable` value as "no" and an unknown `maximum-scale`
as 0, so zooming is switched off just as if it were written out.

axe-core's meta-viewport checks the written-out values (user-scalable=no, maximum-scale below
2); this rule covers only the invalid ones, so the two never report the same tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from uu_check.engines.html_model import HtmlDocument, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$", re.IGNORECASE)
_USER_SCALABLE_OK = ("yes", "no", "device-width", "device-height")


def _properties(content: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for part in re.split(r"[,;]", content):
        if "=" in part:
            key, value = part.split("=", 1)
            pairs[key.strip().lower()] = value.strip().strip("'\"").lower()
    return pairs


@check("html-viewport-zoom-invalid", engine="html")
def viewport_zoom_invalid(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    for meta in doc.soup.find_all("meta"):
        if str(meta.get("name", "")).strip().lower() != "viewport":
            continue
        properties = _properties(str(meta.get("content", "")))
        for name in ("user-scalable", "maximum-scale"):
            value = properties.get(name)
            if value is None or value == "":
                continue
            if _NUMBER.match(value) or value in ("device-width", "device-height") or (
                    name == "user-scalable" and value in _USER_SCALABLE_OK):
                continue
            yield ctx.violation(Location(selector="meta[name=viewport]", snippet=snippet(meta)),
                                setting=f"{name}={value[:20]}")
            return
