"""Load the rule catalog (the top-level `rules/` folder, shipped in the wheel) into Rule objects.

The catalog is data edited by people: one YAML file per rule under `rules/<engine>/<id>.yaml`.
See rules/README.md for the fields. Python code holds only the logic of a check; every text a
person reads comes from here.
"""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LANGS: tuple[str, ...] = ("nb", "nn", "en")
ENGINES: tuple[str, ...] = ("axe", "html", "docx", "pptx", "pdf")
#: Which kind of target each engine's rules apply to.
ENGINE_KIND = {"axe": "html", "html": "html", "docx": "docx", "pptx": "pptx", "pdf": "pdf"}
LEVELS: tuple[str, ...] = ("A", "AA", "AAA")
TEXT_FIELDS: tuple[str, ...] = ("title", "why", "fix")
IMPACTS: tuple[str, ...] = ("critical", "serious", "moderate", "minor")


class CatalogError(Exception):
    """A catalog file is malformed; the message names the file and the field."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    engine: str
    impact: str
    wcag: tuple[str, ...]
    level: str | None
    en301549: tuple[str, ...]
    help_url: str | None
    title: dict[str, str]
    why: dict[str, str]
    fix: dict[str, str]
    #: message key -> {lang: text}; the key "default" always exists.
    messages: dict[str, dict[str, str]]
    tags: tuple[str, ...] = ()
    #: Outcomes the rule can produce: violation and/or needs-review.
    outcomes: tuple[str, ...] = ("violation",)
    path: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return ENGINE_KIND[self.engine]

    @property
    def best_practice(self) -> bool:
        return not self.wcag

    def text(self, name: str, lang: str) -> str:
        values: dict[str, str] = getattr(self, name)
        return values.get(lang) or values.get("en", "")

    def message(self, lang: str, key: str = "default", **args: Any) -> str:
        texts = self.messages.get(key) or self.messages["default"]
        template = texts.get(lang) or texts.get("en", "")
        return format_text(template, args)


class _Blank(dict):
    """Missing placeholders render as an empty string instead of raising."""

    def __missing__(self, key: str) -> str:
        return ""


def format_text(template: str, args: dict[str, Any]) -> str:
    """Fill {placeholders}; shorten long values so a message stays one readable line."""
    safe = _Blank()
    for name, value in args.items():
        text = "" if value is None else str(value)
        safe[name] = text if len(text) <= 80 else text[:77] + "…"
    return string.Formatter().vformat(template, (), safe).strip()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def catalog_dir() -> Path:
    """The catalog inside an installed wheel, else the one in the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise CatalogError(f"rule catalog not found beside {here}")


def _lang_map(value: Any, where: str, name: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise CatalogError(f"{where}: {name} must be a mapping of languages {LANGS}")
    missing = [lang for lang in LANGS if not str(value.get(lang) or "").strip()]
    if missing:
        raise CatalogError(f"{where}: {name} lacks text in {', '.join(missing)}")
    return {lang: str(value[lang]).strip() for lang in LANGS}


def _messages(value: Any, where: str) -> dict[str, dict[str, str]]:
    if isinstance(value, dict) and all(lang in value for lang in LANGS):
        return {"default": _lang_map(value, where, "message")}
    if not isinstance(value, dict) or not value:
        raise CatalogError(f"{where}: message must be a language mapping or keyed mappings")
    messages = {str(k): _lang_map(v, where, f"message.{k}") for k, v in value.items()}
    messages.setdefault("default", next(iter(messages.values())))
    return messages


def parse_rule(data: dict[str, Any], where: str) -> Rule:
    """Validate one catalog entry; every problem names the file and the field."""
    if not isinstance(data, dict):
        raise CatalogError(f"{where}: a rule must be a mapping")
    for key in ("id", "engine", "impact", "title", "message", "why", "fix"):
        if key not in data:
            raise CatalogError(f"{where}: missing field {key!r}")
    engine = data["engine"]
    if engine not in ENGINES:
        raise CatalogError(f"{where}: engine must be one of {ENGINES}, not {engine!r}")
    if data["impact"] not in IMPACTS:
        raise CatalogError(f"{where}: impact must be one of {IMPACTS}")
    level = data.get("level")
    if level is not None and level not in LEVELS:
        raise CatalogError(f"{where}: level must be one of {LEVELS} or null")
    wcag = tuple(str(c) for c in data.get("wcag") or ())
    if wcag and level is None:
        raise CatalogError(f"{where}: a rule with WCAG criteria needs a level")
    outcomes = tuple(data.get("outcomes") or ("violation",))
    if not set(outcomes) <= {"violation", "needs-review"}:
        raise CatalogError(f"{where}: outcomes must be violation and/or needs-review")
    known = {
        "id", "engine", "impact", "wcag", "level", "en301549", "help_url", "title", "message",
        "why", "fix", "tags", "outcomes",
    }
    return Rule(
        id=str(data["id"]),
        engine=engine,
        impact=data["impact"],
        wcag=wcag,
        level=level,
        en301549=tuple(str(c) for c in data.get("en301549") or ()),
        help_url=data.get("help_url"),
        title=_lang_map(data["title"], where, "title"),
        why=_lang_map(data["why"], where, "why"),
        fix=_lang_map(data["fix"], where, "fix"),
        messages=_messages(data["message"], where),
        tags=tuple(data.get("tags") or ()),
        outcomes=outcomes,
        path=where,
        extra={k: v for k, v in data.items() if k not in known},
    )


@functools.cache
def load_catalog(root: str | None = None) -> dict[str, Rule]:
    """All rules by id. Cached: the catalog is read once per process."""
    base = Path(root) if root else catalog_dir()
    rules: dict[str, Rule] = {}
    for path in sorted(base.glob("*/*.yaml")):
        where = f"{path.parent.name}/{path.name}"
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        except yaml.YAMLError as exc:
            raise CatalogError(f"{where}: not valid YAML ({exc})") from None
        rule = parse_rule(data, where)
        if path.stem != rule.id:
            raise CatalogError(f"{where}: file name must equal the rule id {rule.id!r}")
        if path.parent.name != rule.engine:
            raise CatalogError(f"{where}: lies in {path.parent.name}/ but says engine {rule.engine}")
        if rule.id in rules:
            raise CatalogError(f"{where}: duplicate rule id {rule.id}")
        rules[rule.id] = rule
    return rules


def get_rule(rule_id: str) -> Rule:
    try:
        return load_catalog()[rule_id]
    except KeyError:
        raise CatalogError(f"no catalog entry for rule {rule_id!r}") from None
