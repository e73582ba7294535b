"""`uu-check rules` (the catalog as a table) and `uu-check rule ID` (one rule explained)."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from uu_check.catalog import ENGINE_KIND, load_catalog, placeholders
from uu_check.cli.options import lang_option
from uu_check.i18n import default_language, label

HEADINGS = {
    "what": {"nb": "Hva regelen sjekker", "nn": "Kva regelen sjekkar", "en": "What it checks"},
    "why": {"nb": "Hvem rammes", "nn": "Kven blir ramma", "en": "Who it hurts"},
    "fix": {"nb": "Slik fikser du det", "nn": "Slik fiksar du det", "en": "How to fix it"},
    "standards": {"nb": "Standarder", "nn": "Standardar", "en": "Standards"},
    "best_practice": {"nb": "god praksis (ikke et WCAG-krav)", "nn": "god praksis (ikkje eit WCAG-krav)",
                      "en": "best practice (not a WCAG requirement)"},
}


@click.command("rules")
@click.option("--kind", type=click.Choice(["html", "docx", "pptx", "pdf"]), help="Only rules for this kind of material.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def rules_command(kind: str | None, output_format: str, lang: str | None) -> None:
    """List the rule catalog."""
    lang = lang or default_language()
    rules = [r for r in load_catalog().values() if kind is None or ENGINE_KIND[r.engine] == kind]
    rules.sort(key=lambda r: (r.kind, r.engine, r.id))
    if output_format == "json":
        click.echo(json.dumps([
            {"id": r.id, "kind": r.kind, "engine": r.engine, "impact": r.impact, "wcag": list(r.wcag),
             "level": r.level, "en301549": list(r.en301549), "title": r.text("title", lang), "help_url": r.help_url}
            for r in rules], ensure_ascii=False, indent=2))
        return
    table = Table(show_lines=False)
    for column in ("id", "kind", "impact", "WCAG", "level", "title"):
        table.add_column(column)
    for r in rules:
        table.add_row(r.id, r.kind, label(r.impact, lang), ", ".join(r.wcag) or "-", r.level or "-", r.text("title", lang))
    Console(width=160).print(table)


@click.command("rule")
@click.argument("rule_id")
@lang_option
def rule_command(rule_id: str, lang: str | None) -> None:
    """Explain one rule: what it checks, who it hurts, how to fix it."""
    lang = lang or default_language()
    catalog = load_catalog()
    rule = catalog.get(rule_id)
    if rule is None:
        close = [r for r in catalog if rule_id.lower() in r.lower()][:5]
        hint = f" (did you mean: {', '.join(close)})" if close else ""
        raise click.UsageError(f"no rule {rule_id!r}{hint}; `uu-check rules` lists them")
    h = lambda key: HEADINGS[key].get(lang, HEADINGS[key]["en"])  # noqa: E731
    click.echo(f"{rule.id}: {rule.text('title', lang)}")
    click.echo(f"{rule.kind} · {label(rule.impact, lang)}")
    click.echo()
    example = {name: "…" for name in placeholders(rule.messages["default"].get(lang, ""))}
    click.echo(f"{h('what')}:\n  {rule.message(lang, **example)}")
    click.echo(f"\n{h('why')}:\n  {rule.text('why', lang)}")
    fix = rule.text("fix", lang).replace("\n", "\n  ")
    click.echo(f"\n{h('fix')}:\n  {fix}")
    click.echo(f"\n{h('standards')}:")
    if rule.wcag:
        click.echo(f"  WCAG 2.2 {', '.join(rule.wcag)} (level {rule.level})")
    else:
        click.echo(f"  {h('best_practice')}")
    if rule.en301549:
        click.echo(f"  EN 301 549 {', '.join(rule.en301549)}")
    if rule.help_url:
        click.echo(f"  {rule.help_url}")
