"""`uu-check baseline accept|show`: review decisions in a committed baseline file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from uu_check import __version__
from uu_check.baseline import BaselineError, accept, load_baseline, write_baseline

baseline_option = click.option("--baseline", "baseline_file", required=True,
                               type=click.Path(dir_okay=False, path_type=Path), help="The baseline file (JSON).")


@click.group("baseline")
def baseline_group() -> None:
    """Work with a baseline file (made by `scan --write-baseline FILE`)."""


@baseline_group.command("accept")
@click.argument("fingerprint")
@click.option("--reason", required=True, help="Why this finding is accepted (kept in the file, shown in reports).")
@baseline_option
def accept_command(fingerprint: str, reason: str, baseline_file: Path) -> None:
    """Mark the finding FINGERPRINT (or a unique prefix of it) as accepted, with a reason.

    Accepted findings never fail a run and keep their status through rescans and
    --write-baseline, as long as the barrier stays in the same place."""
    try:
        baseline = load_baseline(baseline_file)
        entry = accept(baseline, fingerprint, reason)
        write_baseline(baseline, baseline_file, tool_version=__version__)
    except BaselineError as exc:
        click.echo(f"uu-check: {exc}", err=True)
        sys.exit(2)
    click.echo(f"accepted {entry.fingerprint}: {entry.rule} in {entry.target} ({entry.location})")


@baseline_group.command("show")
@baseline_option
def show_command(baseline_file: Path) -> None:
    """List the entries of a baseline: status, fingerprint, rule, target and reason."""
    try:
        baseline = load_baseline(baseline_file)
    except BaselineError as exc:
        click.echo(f"uu-check: {exc}", err=True)
        sys.exit(2)
    for entry in sorted(baseline.entries.values(), key=lambda e: (e.target, e.rule, e.fingerprint)):
        reason = f"  ({entry.reason})" if entry.reason else ""
        click.echo(f"{entry.status:8} {entry.fingerprint}  {entry.rule}  {entry.target}  {entry.location}{reason}")
