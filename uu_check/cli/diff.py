"""`uu-check diff OLD.json NEW.json`: fixed, new and remaining barriers by target."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from uu_check.cli.options import lang_option
from uu_check.cli.report import load_report_file
from uu_check.diff import RENDERERS, diff_reports


@click.command("diff")
@click.argument("old", metavar="OLD.json", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", metavar="NEW.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of standard output.")
@click.option("--fail-on-new", is_flag=True, help="Exit 1 when the new run has barriers the old one did not.")
@lang_option
def diff_command(old: Path, new: Path, output_format: str, output: Path | None, fail_on_new: bool,
                 lang: str | None) -> None:
    """Compare two JSON reports: which barriers were fixed, which are new, which remain."""
    old_report, new_report = load_report_file(old), load_report_file(new)
    diff = diff_reports(old_report, new_report)
    text = RENDERERS[output_format](diff, lang or str(new_report.run.get("lang") or "en"))
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    sys.exit(1 if fail_on_new and diff.count("new") else 0)
