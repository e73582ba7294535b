"""The scan options of issue 6 (config, baselines, cache, --output-dir) and their glue, kept
out of cli/scan.py so that command stays short: `@extra_scan_options` adds them, the functions
here run before and after the scan."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from uu_check import __version__
from uu_check.config import Config, ConfigError, apply_path_ignores, load_config, merge_params
from uu_check.model import Report

#: Parameters of `scan` a config file may set (command-line values win).
CONFIGURABLE = ("lang", "level", "fail_on", "select", "ignore", "exclude", "no_browser", "browser_path", "timeout",
                "jobs", "fragment", "baseline", "no_cache", "cache_dir")


def extra_scan_options(function: Any) -> Any:
    decorators = [
        click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Write every chosen --format to DIR/report.<ext> (report.html, report.sarif, ...)."),
        click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                     help="Settings file (default: uu-check.toml or [tool.uu-check] in pyproject.toml, "
                          "found by walking up from the working directory)."),
        click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
                     help="Known findings (from --write-baseline): they are marked known/accepted and do not fail the run."),
        click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
                     help="Record every finding of this run in FILE (accepted entries keep their reason)."),
        click.option("--no-cache", is_flag=True, help="Check every file again, ignoring the cache of unchanged files."),
        click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Folder of the cache (default: .uu-check/ here, or $UU_CHECK_CACHE)."),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def fail(message: str) -> None:
    click.echo(f"uu-check: {message}", err=True)
    sys.exit(2)


def configured_params(ctx: click.Context, config_file: Path | None) -> tuple[Config, dict[str, Any]]:
    """The config file, and the scan parameters with its values filled in where the command
    line (or an environment variable) gave nothing."""
    try:
        config = load_config(config_file)
    except ConfigError as exc:
        fail(f"config error: {exc}")
        raise  # unreachable
    given = {name for name in ctx.params
             if ctx.get_parameter_source(name) in (click.core.ParameterSource.COMMANDLINE,
                                                   click.core.ParameterSource.ENVIRONMENT)}
    params = merge_params(config, dict(ctx.params), given)
    if params.get("baseline"):  # a bad baseline stops the run before any checking
        from uu_check.baseline import BaselineError, load_baseline

        try:
            load_baseline(Path(params["baseline"]))
        except BaselineError as exc:
            fail(str(exc))
    return config, params


def open_cache(params: dict[str, Any], options: Any) -> Any:
    """A ScanCache for this run, or None with --no-cache. A cache that cannot be opened is a
    warning, never a failed scan."""
    if params.get("no_cache"):
        return None
    from uu_check.store import ScanCache, Store, StoreError, default_path

    import sqlite3

    try:
        return ScanCache(Store(default_path(params.get("cache_dir"))), options)
    except (StoreError, sqlite3.Error) as exc:
        click.echo(f"uu-check: cache not used: {exc}", err=True)
        return None


def after_scan(report: Report, config: Config, params: dict[str, Any]) -> None:
    """Per-path ignores, then the baseline comparison, then writing a baseline."""
    from uu_check.baseline import BaselineError, apply_baseline, baseline_from_report, load_baseline, write_baseline

    apply_path_ignores(config, report)
    try:
        previous = load_baseline(Path(params["baseline"])) if params.get("baseline") else None
        if previous is not None:
            apply_baseline(report, previous, against=Path(params["baseline"]).name)
        target = params.get("write_baseline")
        if target:
            target = Path(target)
            keep = previous if previous is not None else (load_baseline(target) if target.is_file() else None)
            write_baseline(baseline_from_report(report, keep), target, tool_version=__version__)
            if previous is None:  # recording the current state: nothing in it is new
                apply_baseline(report, load_baseline(target), against=target.name)
    except BaselineError as exc:
        fail(str(exc))
