"""`uu-check scan TARGET...`: check files, folders and pages; print or write the report."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from uu_check.cli.crawl_options import apply_login, crawl_options
from uu_check.cli.options import lang_option
from uu_check.cli.report import write_outputs
from uu_check.cli.scan_extras import after_scan, configured_params, extra_scan_options, open_cache
from uu_check.i18n import default_language
from uu_check.model import Report
from uu_check.options import FAIL_ON, ScanOptions
from uu_check.reporters import FORMAT_CHOICES, renderer, resolve_format
from uu_check.scanner import Scanner, exit_code, expand_arguments

#: Show a progress bar only when there are more targets than this.
PROGRESS_MIN_TARGETS = 3


def _split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select a,b --select c -> (a, b, c)."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.command("scan")
@click.argument("targets", nargs=-1, required=True)
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMAT_CHOICES), default=("text",),
              show_default=True, help="Report format; repeat with -o for several reports in one run.")
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE (one per --format, in the same order). Default: standard output.")
@lang_option
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="serious", show_default=True,
              help="Exit 1 when a barrier of this severity or worse is found.")
@click.option("--level", type=click.Choice(["A", "AA", "AAA"]), default="AA", show_default=True,
              help="WCAG conformance level to check.")
@click.option("--select", multiple=True, help="Only these rules (ids or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (ids or prefixes, comma-separated).")
@click.option("--no-browser", is_flag=True, help="Static mode: parse HTML without rendering (no axe-core).")
@click.option("--browser", "browser_path", metavar="PATH", help="Chromium or Chrome to use (or set UU_CHECK_BROWSER).")
@click.option("--timeout", type=click.FloatRange(min=1), default=60, show_default=True, help="Seconds per target.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=2, show_default=True,
              help="Documents checked in parallel, and pages in flight in the browser.")
@click.option("--exclude", multiple=True, help="Leave out paths matching this glob (repeatable).")
@click.option("--fragment", type=click.Choice(["auto", "yes", "no"]), default="auto", show_default=True,
              help="Treat HTML as LMS content fragments (page-level rules such as title and language are relaxed).")
@click.option("-q", "--quiet", is_flag=True, help="Print only the report (no progress).")
@click.option("-v", "--verbose", count=True, help="More detail on standard error (-vv for debugging).")
@extra_scan_options
@crawl_options
def scan_command(targets: tuple[str, ...], formats: tuple[str, ...], outputs: tuple[Path, ...], lang: str | None,
                 fail_on: str, level: str, select: tuple[str, ...], ignore: tuple[str, ...], no_browser: bool,
                 browser_path: str | None, timeout: float, jobs: int, exclude: tuple[str, ...], fragment: str,
                 quiet: bool, verbose: int, **extras: Any) -> None:
    """Check TARGETS: files (.html, .docx, .pptx, .pdf), folders (walked recursively) or http(s) URLs."""
    _setup_logging(verbose, quiet)
    config, params = configured_params(click.get_current_context(), extras["config_file"])
    lang, fail_on, level, select, ignore, exclude, no_browser, browser_path, timeout, jobs, fragment = (
        params[name] for name in ("lang", "fail_on", "level", "select", "ignore", "exclude", "no_browser",
                                  "browser_path", "timeout", "jobs", "fragment"))
    formats = tuple(resolve_format(name) for name in formats)
    if outputs and len(outputs) != len(formats):
        raise click.UsageError("give one -o/--output per --format (or none to print a single format)")
    if not outputs and len(formats) > 1 and not extras["output_dir"]:
        raise click.UsageError("several --format values need an -o/--output file each")
    options = ScanOptions(
        lang=lang or default_language(), level=level, fail_on=fail_on, select=_split_ids(select),
        ignore=_split_ids(ignore), use_browser=not no_browser, browser_path=browser_path, timeout=timeout,
        jobs=jobs, rule_options={"fragment": fragment},
    )
    apply_login(options, targets, extras)
    if extras["crawl"] or extras["sitemaps"]:
        from uu_check.cli.crawl_run import run_crawl

        report = run_crawl(options, targets, extras, quiet)
    else:
        specs = expand_arguments(targets, exclude=exclude)
        report = _run(options, specs, quiet, open_cache(params, options))
    after_scan(report, config, params)
    if extras["output_dir"]:
        write_outputs(report, options.lang, formats, outputs, extras["output_dir"])
    else:
        _write_reports(report, options.lang, formats, outputs)
    sys.exit(exit_code(report, fail_on))


def _run(options: ScanOptions, specs: list, quiet: bool, cache: Any = None) -> Report:
    err = Console(stderr=True)
    show_progress = not quiet and err.is_terminal and len(specs) > PROGRESS_MIN_TARGETS
    if not show_progress:
        return Scanner(options, cache=cache).scan_specs(specs)
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("uu-check", total=len(specs))
        scanner = Scanner(options, on_progress=lambda done, total: progress.update(task, completed=done, total=total),
                          cache=cache)
        return scanner.scan_specs(specs)


def _write_reports(report: Report, lang: str, formats: tuple[str, ...], outputs: tuple[Path, ...]) -> None:
    if not outputs:
        (name,) = formats
        if name == "text" and sys.stdout.isatty():
            from uu_check.reporters.text import print_report

            print_report(report, lang, Console())
        else:
            click.echo(renderer(name)(report, lang), nl=False)
        return
    for name, path in zip(formats, outputs):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(renderer(name)(report, lang), encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="uu-check: %(message)s", stream=sys.stderr, force=True)
