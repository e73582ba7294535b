"""Project settings: `[tool.uu-check]` in pyproject.toml, or a uu-check.toml, found by walking up.

A resource bank commits its settings once (language, level, threshold, rules to skip, old
archive folders to leave alone) instead of repeating them on every command line. Command-line
options always win; the config only fills in what was not given. Every problem is one line
naming the file and the key (exit 2 in the CLI).
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from uu_check.catalog import LANGS, LEVELS
from uu_check.options import FAIL_ON

CONFIG_FILE = "uu-check.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A bad config file; str() is the one line shown to the user (file and key)."""


def _string(value: Any, where: str, choices: tuple[str, ...] | None = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be a string")
    if choices and value not in choices:
        raise ConfigError(f"{where} must be one of {', '.join(choices)} (not {value!r})")
    return value


def _string_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(part.strip() for v in value for part in v.split(",") if part.strip())


def _positive(value: Any, where: str, kind: type) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
        raise ConfigError(f"{where} must be a {'whole ' if kind is int else ''}number")
    if value < 1:
        raise ConfigError(f"{where} must be at least 1")
    return kind(value)


@dataclass
class Config:
    """The settings found in one file. `values` holds scan parameters by their click name."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    #: glob (matched against a target's key: relative path or URL) -> rule ids or prefixes.
    per_path_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def parse_config(data: dict[str, Any], path: Path) -> Config:
    """Validate a [tool.uu-check] table (or a whole uu-check.toml) into a Config."""
    table = "[tool.uu-check]" if path.name == PYPROJECT else ""

    def where(key: str) -> str:
        return f"{path}: {table + ' ' if table else ''}{key}"

    config = Config(path=path)
    values = config.values
    for key, value in data.items():
        if key == "lang":
            values["lang"] = _string(value, where(key), LANGS)
        elif key == "level":
            values["level"] = _string(value, where(key), LEVELS)
        elif key in ("fail-on", "fail_on"):
            values["fail_on"] = _string(value, where(key), FAIL_ON)
        elif key in ("select", "ignore", "exclude"):
            values[key] = _string_list(value, where(key))
        elif key in ("per-path-ignores", "per-url-ignores", "per_path_ignores"):
            if not isinstance(value, dict):
                raise ConfigError(f"{where(key)} must be a table of glob = [rule ids]")
            for glob, rules in value.items():
                config.per_path_ignores[str(glob)] = _string_list(rules, where(f"{key}.{glob!r}"))
        elif key == "browser":
            if value is False:
                values["no_browser"] = True
            elif value is True:
                values["no_browser"] = False
            else:
                values["browser_path"] = _string(value, where(key) + " (a path, or false for static mode)")
        elif key == "timeout":
            values["timeout"] = _positive(value, where(key), float)
        elif key == "jobs":
            values["jobs"] = _positive(value, where(key), int)
        elif key == "fragment":
            values["fragment"] = _string(value, where(key), ("auto", "yes", "no"))
        elif key == "baseline":
            values["baseline"] = str((path.parent / _string(value, where(key))))
        elif key == "cache":
            if not isinstance(value, bool):
                raise ConfigError(f"{where(key)} must be true or false")
            values["no_cache"] = not value
        elif key in ("cache-dir", "cache_dir"):
            values["cache_dir"] = str(path.parent / _string(value, where(key)))
        else:
            raise ConfigError(f"{where(key)}: unknown setting (see docs/reports.md#configuration)")
    return config


def read_config(path: Path) -> Config | None:
    """The config in one file: None for a pyproject.toml without [tool.uu-check]."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        if "uu-check" not in tool:
            return None
        data = tool["uu-check"]
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.uu-check] must be a table")
    elif isinstance(data.get("tool"), dict) and "uu-check" in data["tool"]:
        data = data["tool"]["uu-check"]
    return parse_config(data, path)


def find_config(start: Path | None = None) -> Config:
    """Walk up from `start` (the working directory): the first uu-check.toml, or pyproject.toml
    with a [tool.uu-check] table, wins. An empty Config when there is none."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in (CONFIG_FILE, PYPROJECT):
            candidate = folder / name
            if candidate.is_file():
                found = read_config(candidate)
                if found is not None:
                    return found
    return Config()


def load_config(explicit: Path | None = None) -> Config:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return read_config(explicit) or Config(path=explicit)
    return find_config()


def merge_params(config: Config, params: dict[str, Any], given: set[str]) -> dict[str, Any]:
    """Scan parameters with config values filled in where the command line gave nothing.

    `given` names the parameters the user typed (click's ParameterSource is COMMANDLINE or
    ENVIRONMENT); those always win."""
    merged = dict(params)
    for name, value in config.values.items():
        if name in merged and name not in given:
            merged[name] = value
    return merged


def _rule_matches(rule_id: str, pattern: str) -> bool:
    pattern = pattern.strip().rstrip("*")
    return pattern in ("", "ALL") or rule_id == pattern or rule_id.startswith(pattern.rstrip("-") + "-")


def ignored_by_path(config: Config, target_key: str, rule_id: str) -> bool:
    """True when a per-path ignore covers this rule at this target (glob on the target key)."""
    for glob, rules in config.per_path_ignores.items():
        if fnmatch.fnmatchcase(target_key, glob) or fnmatch.fnmatchcase(target_key, glob.rstrip("/") + "/*"):
            if any(_rule_matches(rule_id, pattern) for pattern in rules):
                return True
    return False


def apply_path_ignores(config: Config, report: Any) -> int:
    """Drop findings covered by per-path ignores and rescore the targets. Returns how many."""
    if not config.per_path_ignores:
        return 0
    from uu_check.model import score_target

    keys = {t.id: t.key or t.uri for t in report.targets}
    kept = [f for f in report.findings if not ignored_by_path(config, keys.get(f.target, ""), f.rule)]
    dropped = len(report.findings) - len(kept)
    if dropped:
        report.findings = kept
        for target in report.targets:
            if target.status == "checked":
                target.score = score_target(report.findings_for(target.id))
    return dropped
