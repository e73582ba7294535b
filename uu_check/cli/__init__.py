"""The `uu-check` command line: one module per command, registered on the main group here."""

from __future__ import annotations

import sys

import click

from uu_check import __version__
from uu_check.catalog import CatalogError
from uu_check.cli.login import login_command
from uu_check.cli.rules import rule_command, rules_command
from uu_check.cli.scan import scan_command
from uu_check.cli.serve import serve_command
from uu_check.cli.report import report_command
from uu_check.cli.diff import diff_command
from uu_check.cli.baseline import baseline_group


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="uu-check")
def cli() -> None:
    """Find the barriers in learning materials (web pages, Word, PowerPoint, PDF, course
    packages) and learn how to remove them."""


cli.add_command(scan_command)
cli.add_command(rules_command)
cli.add_command(rule_command)
cli.add_command(report_command)
cli.add_command(diff_command)
cli.add_command(baseline_group)
cli.add_command(login_command)
cli.add_command(serve_command)


def main() -> None:
    """Entry point: a broken catalog or an interrupted run is one line, never a traceback."""
    try:
        cli(prog_name="uu-check")
    except CatalogError as exc:
        click.echo(f"uu-check: rule catalog error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("uu-check: interrupted", err=True)
        sys.exit(130)
