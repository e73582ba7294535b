"""Keep secrets out of every output: reports, logs and error messages.

Cookies, tokens and passwords given on the command line are registered here; any text that
leaves uu-check can be passed through `redact`. URLs lose their user:password part and the
values of secret-looking query parameters.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"
SECRET_PARAMS = re.compile(r"(?:token|access_token|auth|key|apikey|api_key|session|sessionid|sid|sig|signature|"
                           r"password|passwd|pwd|secret|code|ticket|jwt|credential)s?$", re.I)
_SECRETS: set[str] = set()


def register_secret(value: str) -> None:
    """Remember a secret value (4+ characters) so `redact` masks it wherever it appears."""
    if value and len(value) >= 4:
        _SECRETS.add(value)


def register_url_secrets(url: str) -> None:
    """Register the values of a URL's secret-looking query parameters (`?token=...`), so they are
    masked also where the URL appears relative or inside HTML (a link in a finding's snippet)."""
    try:
        query = urlsplit(url).query
    except ValueError:
        return
    for key, value in parse_qsl(query, keep_blank_values=True):
        if SECRET_PARAMS.search(key):
            register_secret(value)


def redact_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme not in ("http", "https"):
        return url
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    query = urlencode([(k, MASK if SECRET_PARAMS.search(k) else v)
                       for k, v in parse_qsl(parts.query, keep_blank_values=True)], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


_URL = re.compile(r"https?://[^\s'\"<>]+")


def redact(text: str | None) -> str | None:
    """Mask registered secrets and secret parts of URLs in any text."""
    if not text:
        return text
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return _URL.sub(lambda m: redact_url(m.group(0)), text)


class RedactingFilter(logging.Filter):
    """A logging filter that masks secrets in every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


def install_log_filter() -> None:
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
