"""Reporters render a finished Report in one format each: `render(report, lang) -> str`."""

from __future__ import annotations

import importlib
from typing import Protocol

from uu_check.model import Report

#: format name -> module with `render(report: Report, lang: str) -> str`.
FORMATS: dict[str, str] = {
    "text": "uu_check.reporters.text",
    "json": "uu_check.reporters.json",
    "html": "uu_check.reporters.html",
    "sarif": "uu_check.reporters.sarif",
    "junit": "uu_check.reporters.junit",
    "csv": "uu_check.reporters.csv",
    "markdown": "uu_check.reporters.markdown",
    "github": "uu_check.reporters.github",
    "gitlab": "uu_check.reporters.gitlab",
}

#: File name used by --output-dir for each format (report.<ext>).
EXTENSIONS: dict[str, str] = {
    "text": "txt", "json": "json", "html": "html", "sarif": "sarif", "junit": "junit.xml", "csv": "csv",
    "markdown": "md", "github": "github.txt", "gitlab": "gitlab.json",
}

#: What --format accepts: the formats, and `auto` (github inside GitHub Actions, else text).
FORMAT_CHOICES: tuple[str, ...] = (*sorted(FORMATS), "auto")


def resolve_format(name: str, environ: "dict[str, str] | None" = None) -> str:
    """`auto` -> `github` when GITHUB_ACTIONS=true, else `text`; other names unchanged."""
    import os

    if name != "auto":
        return name
    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


class Renderer(Protocol):
    def __call__(self, report: Report, lang: str) -> str: ...


def renderer(name: str) -> Renderer:
    return importlib.import_module(FORMATS[name]).render
