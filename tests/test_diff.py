"""`uu-check diff` and the comparison with a previous report, on the fixed report."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from click.testing import CliRunner

from tests.test_reporters import FIXED, fixed_report
from uu_check.cli import cli
from uu_check.diff import compare_with_previous, diff_reports, render_markdown, render_text
from uu_check.model import Report


def later_run() -> Report:
    """The fixed report a week later: the docx table is fixed, a new barrier on the page."""
    report = fixed_report()
    report.findings = [f for f in report.findings if f.rule != "docx-table-header"]
    extra = copy.deepcopy(next(f for f in report.findings if f.rule == "link-name"))
    extra.fingerprint = "feedfacefeedfacefeedface"
    extra.location.selector = "footer a"
    report.findings.append(extra)
    return report


def test_diff_by_target() -> None:
    diff = diff_reports(fixed_report(), later_run())
    by_key = {t.key: t for t in diff.targets}
    assert [f.rule for f in by_key["kurs/uke2.docx"].fixed] == ["docx-table-header"]
    assert [f.fingerprint for f in by_key["https://example.org/side"].new] == ["feedfacefeedfacefeedface"]
    assert diff.count("fixed") == 1 and diff.count("new") == 1
    assert by_key["kurs/ødelagt.pdf"].presence == "not-checked"
    text = render_text(diff, "nb")
    assert "fikset: docx-table-header" in text and "nye: link-name" in text
    markdown = render_markdown(diff, "en")
    assert "**1** fixed" in markdown and "| kurs/uke2.docx | 1 | 0 |" in markdown


def test_removed_target_fixes_nothing() -> None:
    old, new = fixed_report(), fixed_report()
    gone = next(t for t in new.targets if t.key == "kurs/uke2.docx")
    new.targets.remove(gone)
    new.findings = [f for f in new.findings if f.target != gone.id]
    diff = diff_reports(old, new)
    assert diff.count("fixed") == 0
    assert next(t for t in diff.targets if t.key == "kurs/uke2.docx").presence == "removed"


def test_compare_with_previous_marks_findings_for_the_html_report() -> None:
    report = later_run()
    compare_with_previous(report, fixed_report(), against="last-week.json")
    assert {f.baseline for f in report.findings} == {"known", "new"}
    assert [f["rule"] for f in report.run["comparison"]["fixed"]] == ["docx-table-header"]


def test_diff_and_report_commands(tmp_path: Path) -> None:
    new = tmp_path / "new.json"
    new.write_text(json.dumps(later_run().to_dict()), encoding="utf-8")
    for fmt, needle in (("text", "docx-table-header"), ("markdown", "## uu-check"), ("json", '"fixed": 1')):
        result = CliRunner().invoke(cli, ["diff", str(FIXED), str(new), "--format", fmt, "--lang", "en"])
        assert result.exit_code == 0 and needle in result.stdout, result.output
    result = CliRunner().invoke(cli, ["diff", str(FIXED), str(new), "--fail-on-new"])
    assert result.exit_code == 1
    html = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(new), "--previous", str(FIXED), "--format", "html", "-o", str(html)])
    assert result.exit_code == 0, result.output
    text = html.read_text(encoding="utf-8")
    assert 'id="progress"' in text and "fixed-report.json" in text and "Tittel for" in text
