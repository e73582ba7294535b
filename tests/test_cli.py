"""The command line: scan, rules, rule; every exit code; bad input as one line, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from uu_check.cli import cli
from tests.conftest import FIXTURES, load_json_report

COURSE = FIXTURES / "course"
ACCESSIBLE = COURSE / "tilgjengelig-side.html"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.browser
def test_sample_course_has_barriers_with_fix_advice_in_norwegian() -> None:
    code, out, _ = run("scan", str(COURSE), "--lang", "nb", "-q")
    assert code == 1
    assert "Slik fikser du det" in out
    assert "index.html" in out and "quiz-uke-3.html" in out
    assert "Oppsummering" in out


@pytest.mark.browser
def test_accessible_page_alone_exits_0() -> None:
    code, out, _ = run("scan", str(ACCESSIBLE), "--lang", "en")
    assert code == 0, out
    assert "No barriers found" in out


@pytest.mark.browser
def test_json_report_validates_and_findings_carry_everything(tmp_path: Path) -> None:
    out_file = tmp_path / "r.json"
    code, _, _ = run("scan", str(COURSE / "quiz-uke-3.html"), "--format", "json", "-o", str(out_file))
    assert code == 1
    data = load_json_report(out_file.read_text(encoding="utf-8"))
    assert data["tool"]["axe_core"].startswith("4.")
    finding = next(f for f in data["findings"] if f["rule"] == "label")
    for key in ("rule", "outcome", "severity", "wcag", "location", "message", "fix", "fingerprint"):
        assert finding[key], key
    assert finding["location"]["selector"] and finding["location"]["snippet"]


def test_fail_on_threshold_and_never() -> None:
    page = COURSE / "karakterer.html"  # static mode: no axe; our own rules only
    code_never, _, _ = run("scan", str(page), "--no-browser", "--fail-on", "never")
    assert code_never == 0


def test_usage_errors_exit_2_with_one_line() -> None:
    for args in (["scan"], ["scan", "x.html", "--level", "B"], ["scan", "x.html", "--format", "json", "--format", "text"],
                 ["rule", "no-such-rule"], ["nonsense"]):
        code, out, err = run(*args)
        assert code == 2, args
        assert "Traceback" not in out + err


def test_missing_file_is_an_error_target_and_the_run_goes_on(tmp_path: Path) -> None:
    page = tmp_path / "ok.html"
    shutil.copy(ACCESSIBLE, page)
    code, out, _ = run("scan", str(tmp_path / "nope.html"), str(page), "--no-browser", "--format", "json")
    data = load_json_report(out)
    assert code == 3
    error = next(t for t in data["targets"] if t["status"] == "error")
    assert "no such file" in error["error"] and "nope.html" in error["error"]
    assert any(t["status"] == "checked" for t in data["targets"])


def test_empty_folder_and_not_really_html(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    fake = tmp_path / "fake.html"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    code, out, _ = run("scan", str(empty), str(fake), "--no-browser", "--format", "json")
    data = load_json_report(out)
    assert code == 3
    errors = {t["kind"]: t["error"] for t in data["targets"] if t["status"] == "error"}
    assert "nothing to check" in errors["folder"]
    assert "not an HTML file" in errors["html"]


def test_unsupported_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    shutil.copy(ACCESSIBLE, tmp_path / "page.html")
    (tmp_path / "style.css").write_text("body{}")
    code, out, _ = run("scan", str(tmp_path), "--no-browser", "--format", "json")
    data = load_json_report(out)
    skipped = [t for t in data["targets"] if t["status"] == "skipped"]
    assert [t["uri"].rsplit("/", 1)[1] for t in skipped] == ["old.doc"]
    assert ".docx" in skipped[0]["error"]
    assert code == 0
    assert not any(t["uri"].endswith(".css") for t in data["targets"])


def test_select_and_ignore_by_prefix() -> None:
    code, out, _ = run("scan", str(COURSE / "index.html"), "--no-browser", "--format", "json", "--select", "html-")
    data = load_json_report(out)
    assert all(f["rule"].startswith("html-") for f in data["findings"])
    code, out, _ = run("scan", str(COURSE / "index.html"), "--no-browser", "--format", "json", "--ignore", "html-")
    assert load_json_report(out)["findings"] == []
    assert code == 0


def test_language_comes_from_the_locale() -> None:
    code, out, _ = run("scan", str(ACCESSIBLE), "--no-browser", env={"LANG": "nn_NO.UTF-8", "UU_CHECK_LANG": ""})
    assert "Ingen barrierar funne" in out
    code, out, _ = run("scan", str(ACCESSIBLE), "--no-browser", env={"LANG": "de_DE.UTF-8", "LC_ALL": "", "UU_CHECK_LANG": ""})
    assert "No barriers found" in out


def test_no_browser_mode_says_so_in_the_report() -> None:
    code, out, _ = run("scan", str(ACCESSIBLE), "--no-browser", "--format", "json")
    data = load_json_report(out)
    assert data["run"]["mode"] == "static"
    assert data["tool"]["axe_core"] is None
    assert data["targets"][0]["mode"] == "static"
    assert any("static mode" in note for note in data["targets"][0]["notes"])


def test_missing_browser_is_named_with_how_to_install(tmp_path: Path) -> None:
    code, out, _ = run("scan", str(ACCESSIBLE), "--browser", str(tmp_path / "no-chrome"), "--format", "json")
    data = load_json_report(out)
    assert code == 3
    assert "browser not found" in data["targets"][0]["error"]


def test_rules_and_rule_commands() -> None:
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    rules = json.loads(out)
    assert any(r["id"] == "image-alt" for r in rules)
    code, out, _ = run("rules", "--kind", "html", "--lang", "nb")
    assert code == 0 and "image-alt" in out
    code, out, _ = run("rule", "image-alt", "--lang", "nb")
    assert code == 0
    for heading in ("Hva regelen sjekker", "Hvem rammes", "Slik fikser du det", "WCAG 2.2 1.1.1", "EN 301 549"):
        assert heading in out
