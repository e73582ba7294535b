"""Config files: found by walking up, command line wins, per-path ignores, one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_reporters import RESOURCES
from uu_check.cli import cli
from uu_check.config import ConfigError, find_config, ignored_by_path, load_config

PAGES = RESOURCES / "pages"


def test_pyproject_table_is_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.uu-check]\nlang = "nn"\nlevel = "A"\nfail-on = "critical"\n'
        'select = ["html-", "image-alt"]\nbrowser = false\ntimeout = 30\njobs = 3\n'
        '[tool.uu-check.per-path-ignores]\n"arkiv/**" = ["html-img-alt-filename"]\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    config = find_config(deep)
    assert config.path == tmp_path / "pyproject.toml"
    assert config.values == {"lang": "nn", "level": "A", "fail_on": "critical", "select": ("html-", "image-alt"),
                             "no_browser": True, "timeout": 30.0, "jobs": 3}
    assert ignored_by_path(config, "arkiv/2019/uke1.html", "html-img-alt-filename")
    assert not ignored_by_path(config, "kurs/uke1.html", "html-img-alt-filename")


def test_uu_check_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.uu-check]\nlang = "nn"\n', encoding="utf-8")
    (tmp_path / "uu-check.toml").write_text('lang = "en"\n', encoding="utf-8")
    assert find_config(tmp_path).values["lang"] == "en"


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "uu-check.toml").write_text('level = "AAA"\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(sub).values == {"level": "AAA"}


@pytest.mark.parametrize("text, key", [
    ('level = "AAAA"\n', "level"),
    ('colour = "red"\n', "colour"),
    ("jobs = 0\n", "jobs"),
    ("select = 3\n", "select"),
    ("lang = [\n", "TOML"),
])
def test_bad_config_names_the_file_and_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "uu-check.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value) and key in str(info.value)


def test_bad_config_in_the_cli_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.uu-check]\nfail-on = "sometimes"\n', encoding="utf-8")
    shutil.copy(PAGES / "ren.html", tmp_path / "ren.html")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["scan", "ren.html", "--no-browser"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "pyproject.toml" in lines[0] and "fail-on" in lines[0]


def test_config_fills_in_and_command_line_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(PAGES, tmp_path / "kurs")
    (tmp_path / "uu-check.toml").write_text(
        'lang = "en"\nbrowser = false\nfail-on = "never"\ncache = false\n'
        '[per-path-ignores]\n"kurs/uke2.html" = ["html-table-"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["scan", "kurs", "--format", "json"])
    assert result.exit_code == 0, result.output  # fail-on never from the config
    data = json.loads(result.stdout)
    assert data["run"]["lang"] == "en" and data["run"]["mode"] == "static"
    rules = {f["rule"] for f in data["findings"]}
    assert "html-table-no-headers" not in rules and "html-heading-skip" in rules
    result = CliRunner().invoke(cli, ["scan", "kurs", "--format", "json", "--lang", "nb", "--fail-on", "serious"])
    data = json.loads(result.stdout)
    assert data["run"]["lang"] == "nb" and data["run"]["fail_on"] == "serious"
    assert result.exit_code in (0, 1)
