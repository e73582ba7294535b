"""The JSON report, format 1 (shared/design/report-format.md), and its shipped JSON Schema."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import jsonschema

from uu_check.model import Report


@functools.cache
def report_schema() -> dict[str, Any]:
    return json.loads(resources.files("uu_check.schemas").joinpath("report-1.schema.json").read_text("utf-8"))


def validate(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when `data` is not a valid format-1 report."""
    jsonschema.Draft202012Validator(report_schema()).validate(data)


def render(report: Report, lang: str) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
