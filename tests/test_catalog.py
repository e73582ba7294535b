"""The catalog: every entry complete in nb, nn and en; every rule code can emit has an entry;
no entry is orphaned; every rule has fixtures that fail it and pass it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from uu_check.catalog import LANGS, TEXT_FIELDS, catalog_dir, load_catalog, placeholders
from uu_check.engines.axe import axe_source
from uu_check.registry import all_checks

ROOT = Path(__file__).resolve().parent.parent
RULE_FIXTURES = ROOT / "fixtures" / "rules"


def axe_rule_ids() -> set[str]:
    """Every rule id the bundled axe-core defines (read from its source, no browser needed)."""
    source = axe_source()
    start = source.index("rules:[{id:")
    return set(re.findall(r'\{id:"([a-z0-9-]+)",(?:impact|selector|excludeHidden|matches|enabled|tags|metadata|reviewOnFail|pageLevel|actIds)', source[start:]))


def test_catalog_loads_and_ids_are_unique() -> None:
    catalog = load_catalog()
    assert len(catalog) > 0
    for path in catalog_dir().glob("*/*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["id"] == path.stem


@pytest.mark.parametrize("rule_id", sorted(load_catalog()))
def test_entry_is_complete_in_every_language(rule_id: str) -> None:
    rule = load_catalog()[rule_id]
    for name in TEXT_FIELDS:
        for lang in LANGS:
            assert getattr(rule, name)[lang].strip(), f"{rule_id}: {name}.{lang} is empty"
    for key, texts in rule.messages.items():
        names = {lang: placeholders(texts[lang]) for lang in LANGS}
        assert names["nb"] == names["nn"] == names["en"], f"{rule_id}: message {key} placeholders differ: {names}"
    # Norwegian texts must really be Norwegian, not copies of the English.
    for name in ("title", "why", "fix"):
        values = getattr(rule, name)
        assert values["nb"] != values["en"], f"{rule_id}: {name}.nb is the English text"
        assert values["nn"] != values["en"], f"{rule_id}: {name}.nn is the English text"
    if rule.wcag:
        assert rule.level in ("A", "AA", "AAA")
        assert all(re.fullmatch(r"[1-4]\.\d+\.\d+", c) for c in rule.wcag)


def test_every_axe_rule_has_an_entry() -> None:
    catalog = load_catalog()
    missing = sorted(axe_rule_ids() - set(catalog))
    assert not missing, f"axe rules without a catalog entry: {missing}"


def test_every_check_has_an_entry_and_no_entry_is_orphaned() -> None:
    catalog = load_catalog()
    checks = {c.rule_id: c for c in all_checks()}
    missing = sorted(set(checks) - set(catalog))
    assert not missing, f"checks without a catalog entry: {missing}"
    for rule_id, chk in checks.items():
        assert catalog[rule_id].engine == chk.engine, f"{rule_id}: catalog engine differs from the check's"
    emitted = set(checks) | axe_rule_ids()
    orphans = sorted(set(catalog) - emitted)
    assert not orphans, f"catalog entries no code can emit: {orphans}"


def _fixture_cases(rule_id: str, engine: str) -> tuple[list[Path], list[Path]]:
    folder = RULE_FIXTURES / engine / rule_id
    if not folder.is_dir():
        return [], []
    return sorted(folder.glob("fail-*")), sorted(folder.glob("pass-*"))


#: axe rules whose failure cannot be produced in a page loaded from a file (documented reason each).
AXE_WITHOUT_FAIL_FIXTURE: dict[str, str] = {
    "aria-roledescription": "deprecated in axe 4.12: uu-check runs axe by tag, which leaves deprecated rules out",
    "audio-caption": "deprecated in axe 4.12: uu-check runs axe by tag, which leaves deprecated rules out",
    "css-orientation-lock": "experimental in axe 4.12: uu-check runs axe by tag, which leaves experimental rules out",
    "duplicate-id": "deprecated in axe 4.12 (WCAG 4.1.1 is obsolete): uu-check runs axe by tag, which leaves it out",
    "duplicate-id-active": "deprecated in axe 4.12 (WCAG 4.1.1 is obsolete): uu-check runs axe by tag, which leaves it out",
    "focus-order-semantics": "experimental in axe 4.12: uu-check runs axe by tag, which leaves experimental rules out",
    "hidden-content": "experimental in axe 4.12: uu-check runs axe by tag, which leaves experimental rules out",
    "label-content-name-mismatch": "experimental in axe 4.12: uu-check runs axe by tag, which leaves experimental rules out",
    "p-as-heading": "experimental in axe 4.12: uu-check runs axe by tag, which leaves experimental rules out",
    "table-fake-caption": "experimental in axe 4.12: uu-check runs axe by tag, which leaves experimental rules out",
    "td-has-header": "experimental in axe 4.12: uu-check runs axe by tag, which leaves experimental rules out",
    "landmark-complementary-is-top-level": "deprecated in axe 4.12: uu-check runs axe by tag, which leaves deprecated rules out",
}


@pytest.mark.parametrize("rule_id", sorted(load_catalog()))
def test_every_rule_has_fail_and_pass_fixtures(rule_id: str) -> None:
    rule = load_catalog()[rule_id]
    fails, passes = _fixture_cases(rule_id, rule.engine)
    if rule_id in AXE_WITHOUT_FAIL_FIXTURE:
        assert passes, f"{rule_id}: no pass-* fixture in fixtures/rules/{rule.engine}/{rule_id}/"
        return
    assert fails, f"{rule_id}: no fail-* fixture in fixtures/rules/{rule.engine}/{rule_id}/"
    assert passes, f"{rule_id}: no pass-* fixture in fixtures/rules/{rule.engine}/{rule_id}/"
