"""The registry of our own checks: `@check("rule-id", engine=...)` and the context a check gets.

A check is a pure function over a parsed model: it never opens files, touches the network or
prints. It yields Findings made by its context, which takes impact, standards and texts from
the catalog, so the function holds only the logic.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from uu_check.catalog import LEVELS, CatalogError, Rule, get_rule
from uu_check.model import Finding, Location

log = logging.getLogger(__name__)

CheckFunction = Callable[[Any, "CheckContext"], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Check:
    rule_id: str
    engine: str
    function: CheckFunction
    #: True when the check needs the rendered page (computed styles, layout): skipped in static mode.
    needs_render: bool = False


CHECKS: dict[str, Check] = {}


def check(rule_id: str, *, engine: str, needs_render: bool = False) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under its rule id (one function per rule)."""

    def register(function: CheckFunction) -> CheckFunction:
        if rule_id in CHECKS:
            raise ValueError(f"rule {rule_id} registered twice")
        CHECKS[rule_id] = Check(rule_id, engine, function, needs_render)
        return function

    return register


_LOADED: set[str] = set()


def load_checks(engine: str) -> list[Check]:
    """Import every module under uu_check/checks/<engine>/ (which registers its checks)."""
    if engine not in _LOADED:
        package_name = f"uu_check.checks.{engine}"
        try:
            package = importlib.import_module(package_name)
        except ModuleNotFoundError:
            package = None
        if package is not None and hasattr(package, "__path__"):
            for module in pkgutil.iter_modules(package.__path__):
                importlib.import_module(f"{package_name}.{module.name}")
        _LOADED.add(engine)
    return [c for c in CHECKS.values() if c.engine == engine]


def all_checks() -> list[Check]:
    for engine in ("html", "docx", "pptx", "pdf"):
        load_checks(engine)
    return list(CHECKS.values())


@dataclass(frozen=True, slots=True)
class RuleFilter:
    """Which rules run: --select / --ignore (ids or prefixes) and --level."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    level: str = "AA"

    def allows(self, rule: Rule) -> bool:
        if self.select and not any(_matches(rule.id, p) for p in self.select):
            return False
        if any(_matches(rule.id, p) for p in self.ignore):
            return False
        if rule.level is not None and LEVELS.index(rule.level) > LEVELS.index(self.level):
            return False
        return True

    def allows_id(self, rule_id: str) -> bool:
        try:
            return self.allows(get_rule(rule_id))
        except Exception:
            return False


def _matches(rule_id: str, pattern: str) -> bool:
    pattern = pattern.strip()
    if pattern.endswith("*"):
        pattern = pattern[:-1]
    return rule_id == pattern or rule_id.startswith(pattern.rstrip("-") + "-") or (
        pattern.endswith("-") and rule_id.startswith(pattern)
    )


@dataclass
class CheckContext:
    """What a check gets beside its model: its rule, the language and the run's options."""

    rule: Rule
    lang: str = "en"
    options: dict[str, Any] = field(default_factory=dict)

    def violation(self, location: Location | None = None, key: str = "default",
                  severity: str | None = None, evidence: str | None = None, **args: Any) -> Finding:
        return self._finding("violation", location, key, severity, evidence, args)

    def review(self, location: Location | None = None, key: str = "default",
               severity: str | None = None, evidence: str | None = None, **args: Any) -> Finding:
        return self._finding("needs-review", location, key, severity, evidence, args)

    def _finding(self, outcome: str, location: Location | None, key: str, severity: str | None,
                 evidence: str | None, args: dict[str, Any]) -> Finding:
        return make_finding(self.rule, self.lang, outcome, location or Location(), key=key,
                            severity=severity, evidence=evidence, args=args)


def make_finding(rule: Rule, lang: str, outcome: str, location: Location, *, key: str = "default",
                 severity: str | None = None, evidence: str | None = None,
                 args: dict[str, Any] | None = None) -> Finding:
    """Build a Finding with the catalog's texts in `lang` (target id is set by the scanner)."""
    return Finding(
        rule=rule.id,
        engine=rule.engine,
        outcome=outcome,
        severity=severity or rule.impact,
        wcag=list(rule.wcag),
        level=rule.level,
        en301549=list(rule.en301549),
        target="",
        location=location,
        message=rule.message(lang, key, **(args or {})),
        fix=rule.text("fix", lang),
        help_url=rule.help_url,
        title=rule.text("title", lang),
        why=rule.text("why", lang),
        evidence=evidence,
    )


def run_checks(engine: str, model: Any, *, lang: str, rule_filter: RuleFilter,
               options: dict[str, Any] | None = None, rendered: bool = True,
               notes: list[str] | None = None) -> Iterator[Finding]:
    """Run every selected check of an engine over one parsed model.

    A check that crashes is logged and noted on the target; it never loses the other findings.
    """
    for chk in load_checks(engine):
        try:
            rule = get_rule(chk.rule_id)
        except CatalogError:  # tests/test_catalog.py forbids this; never lose a target over it
            log.warning("rule %s has no catalog entry; skipped", chk.rule_id)
            continue
        if not rule_filter.allows(rule) or (chk.needs_render and not rendered):
            continue
        ctx = CheckContext(rule=rule, lang=lang, options=options or {})
        try:
            yield from chk.function(model, ctx)
        except Exception as exc:  # a bug in one rule must not lose the target
            log.warning("rule %s failed: %s", chk.rule_id, exc, exc_info=log.isEnabledFor(logging.DEBUG))
            if notes is not None:
                notes.append(f"rule {chk.rule_id} could not run: {type(exc).__name__}")
