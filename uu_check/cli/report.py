"""`uu-check report RUN.json --format ...`: render any format from a saved JSON report, no re-check."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from uu_check.cli.options import lang_option
from uu_check.model import Report
from uu_check.reporters import EXTENSIONS, FORMAT_CHOICES, renderer, resolve_format


class InputError(click.ClickException):
    """A bad input file: one line ("Error: FILE: reason"), exit 2 like every usage error."""

    exit_code = 2


def load_report_file(path: Path) -> Report:
    """A saved JSON report, validated; a bad file is one line naming it (exit 2)."""
    from jsonschema import ValidationError

    from uu_check.reporters.json import validate

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        validate(data)
        return Report.from_dict(data)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except ValidationError as exc:
        at = "/".join(str(p) for p in exc.absolute_path) or "top level"
        raise InputError(f"{path}: not a uu-check JSON report ({at}: {exc.message[:120]})") from None
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None


def write_outputs(report: Report, lang: str, formats: tuple[str, ...], outputs: tuple[Path, ...],
                  output_dir: Path | None) -> None:
    """Write each format to its file (or report.<ext> in output_dir), or one format to stdout."""
    formats = tuple(resolve_format(f) for f in formats)
    pairs = list(zip(formats, outputs))
    if output_dir is not None:
        pairs += [(name, output_dir / f"report.{EXTENSIONS.get(name, name)}") for name in formats[len(outputs):]]
    if not pairs:
        (name,) = formats
        click.echo(renderer(name)(report, lang), nl=False)
        return
    for name, path in pairs:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(renderer(name)(report, lang), encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None


@click.command("report")
@click.argument("run_file", metavar="RUN.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMAT_CHOICES), default=("text",),
              show_default=True, help="Format to render; repeat with -o for several.")
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (one per --format, in order). Default: standard output.")
@click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write every chosen format to DIR/report.<ext>.")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path),
              help="An earlier JSON report: mark barriers new or known and list the fixed ones.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A baseline file: mark barriers new, known or accepted and list the fixed ones.")
@lang_option
def report_command(run_file: Path, formats: tuple[str, ...], outputs: tuple[Path, ...], output_dir: Path | None,
                   previous: Path | None, baseline_file: Path | None, lang: str | None) -> None:
    """Render a saved JSON report (from `scan --format json`) in any format, without checking again.

    Messages and fix advice stay in the language of the run; --lang changes the labels only."""
    if outputs and len(outputs) != len(formats):
        raise click.UsageError("give one -o/--output per --format (or none to print a single format)")
    if not outputs and not output_dir and len(formats) > 1:
        raise click.UsageError("several --format values need an -o/--output file each, or --output-dir")
    report = load_report_file(run_file)
    if previous is not None:
        from uu_check.diff import compare_with_previous

        compare_with_previous(report, load_report_file(previous), against=previous.name)
    if baseline_file is not None:
        from uu_check.baseline import BaselineError, apply_baseline, load_baseline

        try:
            apply_baseline(report, load_baseline(baseline_file), against=baseline_file.name)
        except BaselineError as exc:
            click.echo(f"uu-check: {exc}", err=True)
            sys.exit(2)
    write_outputs(report, lang or str(report.run.get("lang") or "en"), formats, outputs, output_dir)
