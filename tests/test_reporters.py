"""Every report format rendered from a fixed report and validated the way its reader parses it:
JSON and SARIF against their schemas, JUnit with xml.etree, CSV with csv, GitLab as JSON."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import load_json_report
from uu_check.cli import cli
from uu_check.i18n import LABELS
from uu_check.model import Report
from uu_check.reporters import EXTENSIONS, FORMATS, renderer, resolve_format
from uu_check.reporters.common import fix_steps

RESOURCES = Path(__file__).parent / "resources"
FIXED = RESOURCES / "fixed-report.json"
SARIF_SCHEMA = RESOURCES / "sarif-schema-2.1.0.json"


def fixed_report() -> Report:
    return Report.from_dict(load_json_report(FIXED.read_text(encoding="utf-8")))


def open_violations(report: Report) -> int:
    return sum(1 for f in report.findings if f.outcome == "violation" and f.baseline not in ("known", "accepted"))


def validate_sarif(text: str) -> dict:
    data = json.loads(text)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(data)
    return data


def validate_junit(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    return root


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def check_format(name: str, text: str, report: Report) -> None:
    """The validation each format gets, shared with the real-scan tests."""
    assert text.strip() or name in ("github", "gitlab")
    if name == "json":
        load_json_report(text)
    elif name == "sarif":
        data = validate_sarif(text)
        assert len(data["runs"][0]["results"]) == len(report.findings)
    elif name == "junit":
        root = validate_junit(text)
        assert len(root.findall(".//testcase")) == len(report.targets)
        assert len(root.findall(".//failure")) == open_violations(report)
    elif name == "csv":
        assert len(read_csv(text)) == len(report.findings)
    elif name == "gitlab":
        issues = json.loads(text)
        assert len({i["fingerprint"] for i in issues}) == len(issues)
    elif name == "html":
        assert text.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_renders_the_fixed_report(name: str, lang: str) -> None:
    report = fixed_report()
    check_format(name, renderer(name)(report, lang), report)


def test_sarif_places_files_by_relative_path_and_pages_by_url() -> None:
    data = validate_sarif(renderer("sarif")(fixed_report(), "nb"))
    run = data["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert {"kurs/uke1.html", "kurs/uke2.docx", "https://example.org/side"} <= uris
    assert not any(u.startswith(("/", "file:")) for u in uris)
    for result in run["results"]:
        assert len(result["partialFingerprints"]["uuCheck/v1"]) >= 24
        if not result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("http"):
            assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "wcag-1.1.1" in rules["image-alt"]["properties"]["tags"]
    assert "wcag-level-A" in rules["image-alt"]["properties"]["tags"]
    assert "Høyreklikk" in rules["image-alt"]["help"]["text"]
    accepted = [r for r in run["results"] if r.get("suppressions")]
    assert accepted and accepted[0]["suppressions"][0]["justification"].startswith("Logo-farge")
    assert {r.get("baselineState") for r in run["results"]} >= {"new", "unchanged"}
    errors = run["invocations"][0]["toolExecutionNotifications"]
    assert any("not a PDF" in n["message"]["text"] for n in errors)


def test_junit_counts_errors_skips_and_keeps_known_findings_out_of_failures() -> None:
    report = fixed_report()
    root = validate_junit(renderer("junit")(report, "en"))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "6" and suite.get("errors") == "1" and suite.get("skipped") == "1"
    case = next(c for c in root.iter("testcase") if c.get("name") == "kurs/uke1.html")
    assert {f.get("type") for f in case.findall("failure")} == {"image-alt", "html-link-text", "html-heading-order"}
    out = case.findtext("system-out") or ""
    assert "[known] image-alt" in out and "[accepted] color-contrast" in out


def test_csv_reads_back_and_defuses_spreadsheet_formulas() -> None:
    rows = read_csv(renderer("csv")(fixed_report(), "nb"))
    assert rows[0]["target"] == "kurs/uke1.html"
    contrast = next(r for r in rows if r["rule"] == "color-contrast")
    assert contrast["snippet"].startswith('<p class="note">=SUM')  # text inside a cell is fine
    assert all(not value.startswith(("=", "+", "@")) for row in rows for value in row.values())
    assert {r["baseline"] for r in rows} >= {"new", "known", "accepted"}


def test_markdown_summary_is_short_and_counts_baseline_states() -> None:
    text = renderer("markdown")(fixed_report(), "en")
    assert text.startswith("## ❌ uu-check: Accessibility report")
    assert "6 new, 1 fixed, 1 known, 1 accepted" in text
    assert "\\|" in text or "|" in text
    assert len(text.splitlines()) < 60


def test_github_annotations_skip_known_findings_and_escape_newlines() -> None:
    lines = renderer("github")(fixed_report(), "en").splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any(line.startswith("::error file=kurs/uke2.docx,") for line in lines)
    assert not any("For lav kontrast" in line for line in lines)  # accepted
    assert sum("Bildet mangler alternativ tekst" in line for line in lines) == 1  # one new, one known
    assert all("\n" not in line and "%0A" in line for line in lines if "title=uu-check" not in line)
    page = next(line for line in lines if "link-name" in line)
    assert "file=" not in page and "https://example.org/side" in page


def test_gitlab_code_quality_fields() -> None:
    issues = json.loads(renderer("gitlab")(fixed_report(), "en"))
    assert issues
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["lines"]["begin"] >= 1
    assert not any(i["check_name"] == "color-contrast" for i in issues)  # accepted


def test_html_is_self_contained_escaped_and_in_the_chosen_language() -> None:
    report = fixed_report()
    texts = {lang: renderer("html")(report, lang) for lang in ("nb", "nn", "en")}
    for lang, text in texts.items():
        assert f'<html lang="{lang}">' in text
        assert "<script" not in text and "<link" not in text and "@import" not in text
        assert 'src="http' not in text
        assert "Uke 1 &lt;brøk&gt; &amp; &#34;tall&#34;" in text  # autoescaped title
        assert '<a class="skip" href="#main">' in text
    assert "Slik fikser du det" in texts["nb"] and "Slik fiksar du det" in texts["nn"] and "How to fix it" in texts["en"]
    assert "How to fix" not in texts["nb"] and "Hvem rammes" not in texts["nn"]
    assert 'lang="nb"' in texts["en"]  # the Norwegian messages are marked inside an English page
    assert "<ol class=\"steps\"" in texts["nb"] and "<li>Skriv hva bildet viser.</li>" in texts["nb"]
    assert "https://www.w3.org/WAI/WCAG22/Understanding/contrast-minimum" in texts["nb"]
    assert "Logo-farge, godkjent av designavdelingen" in texts["nb"]
    assert "Siden mangler tittel." in texts["nb"]  # fixed since the baseline


def test_every_label_exists_in_every_language() -> None:
    for key, texts in LABELS.items():
        assert set(texts) >= {"nb", "nn", "en"} and all(texts[lang].strip() for lang in ("nb", "nn", "en")), key


def test_fix_steps_become_a_numbered_list() -> None:
    before, steps, after = fix_steps("Intro.\n1. One\n   more\n2) Two\nWeb developer: use alt.")
    assert before == ["Intro."] and steps == ["One more", "Two"] and after == ["Web developer: use alt."]


def test_auto_format_picks_github_inside_actions() -> None:
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("sarif", {"GITHUB_ACTIONS": "true"}) == "sarif"


def test_report_command_renders_saved_json_into_output_dir(tmp_path: Path) -> None:
    names = [n for n in sorted(FORMATS) if n != "text"]
    args = ["report", str(FIXED), "--output-dir", str(tmp_path)]
    for name in names:
        args += ["--format", name]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    report = fixed_report()
    for name in names:
        path = tmp_path / f"report.{EXTENSIONS[name]}"
        check_format(name, path.read_text(encoding="utf-8"), report)


def test_report_command_bad_file_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "run.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(bad), "--format", "html"])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "run.json" in result.output


def test_format_auto_prints_annotations_inside_github_actions() -> None:
    result = CliRunner().invoke(cli, ["report", str(FIXED), "--format", "auto"], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 0 and result.stdout.startswith("::error ")
    result = CliRunner().invoke(cli, ["report", str(FIXED), "--format", "auto"], env={"GITHUB_ACTIONS": ""})
    assert "Slik fikser du det" in result.stdout  # text, in the run's language


def test_scan_writes_every_format_into_output_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    shutil.copytree(RESOURCES / "pages", tmp_path / "kurs")
    monkeypatch.chdir(tmp_path)
    args = ["scan", "kurs", "--no-browser", "--no-cache", "--lang", "nb", "--output-dir", "out", "-q"]
    for name in sorted(FORMATS):
        args += ["--format", name]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output  # the sample pages have serious barriers
    report = Report.from_dict(load_json_report((tmp_path / "out" / "report.json").read_text(encoding="utf-8")))
    for name in sorted(FORMATS):
        check_format(name, (tmp_path / "out" / f"report.{EXTENSIONS[name]}").read_text(encoding="utf-8"), report)
    assert '"uri": "kurs/uke1.html"' in (tmp_path / "out" / "report.sarif").read_text(encoding="utf-8")
