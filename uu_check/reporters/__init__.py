"""Reporters render a finished Report in one format each: `render(report, lang) -> str`."""

from __future__ import annotations

import importlib
from typing import Protocol

from uu_check.model import Report

#: format name -> module with `render(report: Report, lang: str) -> str`.
FORMATS: dict[str, str] = {
    "text": "uu_check.reporters.text",
    "json": "uu_check.reporters.json",
}


class Renderer(Protocol):
    def __call__(self, report: Report, lang: str) -> str: ...


def renderer(name: str) -> Renderer:
    return importlib.import_module(FORMATS[name]).render
