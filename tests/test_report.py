"""Output formats: snapshots of every format over the same findings, SARIF against the official
schema, JUnit read back, GitHub escaping, the terminal styling and stable fingerprints.

Snapshots live in tests/snapshots/; after an intended change of the output (or of a rule's
message), rewrite them with ``UPDATE_SNAPSHOTS=1 pytest tests/test_report.py`` and review the
diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from target_lint import __version__
from target_lint.engine.accept import Accepted
from target_lint.engine.config import Config
from target_lint.engine.finding import Fix
from target_lint.engine.registry import all_rules
from target_lint.lint import Linter
from target_lint.readers import read_sheets
from target_lint.report import FORMATS, RENDERED, Run, SheetReport, render
from target_lint.report.github import escape_data, escape_property, render_github
from target_lint.report.location import Place, cell_texts, place
from target_lint.report.sarif import FINGERPRINT, render_sarif, sarif_log
from target_lint.sheet.model import Sheet
from target_lint.testing import build_sheet, run_rules

ROOT = Path(__file__).parent.parent
SNAPSHOTS = Path(__file__).parent / "snapshots"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
FILES = ("examples/shiyan-2025/05-ludeng-dianfei.md", "tests/fixtures/xlsx/05-ludeng-dianfei.xlsx")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def make_run(files: tuple[str, ...] = FILES) -> Run:
    """The run of ``check FILES`` from the project root with the default rules; the run's rule
    list is cut to the rules that found something, so that editing another rule's docs does
    not touch the SARIF snapshot."""
    linter = Linter.from_config(Config())
    reports = tuple(
        SheetReport(sheet, tuple(linter.lint_sheet(sheet)))
        for file in files
        for sheet in read_sheets(file)
    )
    codes = {f.code for r in reports for f in r.findings}
    rules = tuple(r for r in linter.rules if r.code in codes)
    return Run(reports, rules, files=len(files))


@pytest.fixture(scope="module")
def run() -> Iterator[Run]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        yield make_run()


def check_snapshot(name: str, output: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8", newline="")
        return
    assert path.exists(), f"no snapshot {path.name}: run with UPDATE_SNAPSHOTS=1 to write it"
    with path.open(encoding="utf-8", newline="") as stream:
        expected = stream.read()
    assert output == expected, f"{name} differs: review, then rewrite with UPDATE_SNAPSHOTS=1"


@pytest.mark.parametrize(
    ("snapshot", "fmt", "options"),
    [
        ("text.txt", "text", {"color": False}),
        ("text-statistics.txt", "text", {"color": False, "statistics": True}),
        ("text-quiet.txt", "text", {"color": False, "quiet": True}),
        ("findings.json", "json", {}),
        ("findings.jsonl", "jsonl", {}),
        ("findings.sarif", "sarif", {}),
        ("github.txt", "github", {}),
        ("junit.xml", "junit", {}),
    ],
)
def test_snapshots(
    run: Run, snapshot: str, fmt: str, options: dict[str, bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # SARIF and GitHub paths are relative to the working directory
    output = render(run, fmt, **options)
    if fmt == "sarif":  # a release does not change the snapshot
        output = output.replace(f'"{__version__}"', '"<version>"')
    check_snapshot(snapshot, output)


def test_every_format_is_rendered_and_unknown_ones_refused(run: Run) -> None:
    assert set(RENDERED) == {"text", "json", "jsonl", "sarif", "github", "junit"}
    assert FORMATS[-1] == "xlsx" and FORMATS[:-1] == RENDERED
    for fmt in RENDERED:
        assert render(run, fmt, color=False).endswith("\n")
    with pytest.raises(ValueError, match="unknown format"):
        render(run, "xml")


def test_json_keeps_the_contract(run: Run) -> None:
    payload = json.loads(render(run, "json", verbose=True))
    assert list(payload) == [
        "schema_version",
        "findings",
        "summary",
        "errors",
        "suppressions",
        "stale_baseline",
        "sheets",
    ]
    summary = payload["summary"]
    assert (summary["files"], summary["sheets"], summary["indicators"]) == (2, 2, 28)
    assert summary["findings"] == len(payload["findings"]) == len(run.findings)
    assert sum(summary["by_rule"].values()) == sum(summary["by_severity"].values())
    lines = render(run, "jsonl").splitlines()
    assert [json.loads(line)["code"] for line in lines] == [f.code for f in run.findings]


def test_what_directives_and_the_baseline_left_out_is_counted(run: Run) -> None:
    accepted = Accepted(suppressed=2, baselined=1)
    both = Run(run.reports, run.rules, 2, accepted=accepted)
    summary = json.loads(render(both, "json"))["summary"]
    assert (summary["suppressed"], summary["baselined"], summary["unused_suppressions"]) == (
        2,
        1,
        0,
    )
    assert "  left out     2 by directives, 1 by baseline\n" in render(both, "text", color=False)
    assert "left out" not in render(run, "text", color=False)


def test_sarif_is_valid_against_the_official_schema(run: Run) -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"{SARIF_SCHEMA} is absent: the shared folder sits beside the project only")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    unread = Run(run.reports, run.rules, 3, [{"file": "x.md", "message": "x.md: no such file"}])
    for item in (run, unread):
        log = sarif_log(item, ROOT)
        jsonschema.validate(log, schema)
    notes = log["runs"][0]["invocations"][0]
    assert notes["executionSuccessful"] is False and notes["toolExecutionNotifications"]


def test_sarif_results_point_at_rules_cells_and_fixes(run: Run) -> None:
    log = sarif_log(run, ROOT)
    driver, results = log["runs"][0]["tool"]["driver"], log["runs"][0]["results"]
    assert len(results) == len(run.findings)
    for result, finding in zip(results, run.findings, strict=True):
        rule = driver["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"] == finding.code and rule["name"] == finding.name
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        )
    by_ref = {(r["ruleId"], r["properties"]["ref"]): r for r in results}
    text = by_ref["U103", "16:19"]  # “≥30LX” in line 16, character 19
    region = text["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 16, "startColumn": 19, "endColumn": 24}
    assert "logicalLocations" not in text["locations"][0]
    cell = by_ref["U103", "Sheet1!D13"]
    location = cell["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "tests/fixtures/xlsx/05-ludeng-dianfei.xlsx",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["physicalLocation"]["region"] == {
        "startLine": 13,
        "startColumn": 4,
        "endColumn": 5,
    }
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "Sheet1!D13"
    assert cell["message"]["text"].startswith("Sheet1!D13: ")
    for result in (text, cell):
        (change,) = result["fixes"][0]["artifactChanges"]
        (replacement,) = change["replacements"]
        assert replacement["deletedRegion"] == result["locations"][0]["physicalLocation"]["region"]
        assert replacement["insertedContent"] == {"text": "≥30lx"}


def test_sarif_uris_outside_the_working_directory_are_absolute(tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        run = make_run((str(ROOT / FILES[0]),))
    inside = sarif_log(run, ROOT)["runs"][0]["results"][0]["locations"][0]
    assert inside["physicalLocation"]["artifactLocation"]["uri"] == FILES[0]
    outside = sarif_log(run, tmp_path)["runs"][0]["results"][0]["locations"][0]
    uri = outside["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": (ROOT / FILES[0]).as_uri()}


def test_fingerprints_survive_an_inserted_row() -> None:
    rows = [
        "产出指标 | 数量指标 | 培训人数 | 200",
        " | 质量指标 | 培训合格率 | 较高",
        "效益指标 | 社会效益指标 | 群众满意度 | ≥98%",
        " | | 群众满意度 | ≥98%",
    ]
    before = build_sheet({"rows": rows})
    after = build_sheet({"rows": ["产出指标 | 数量指标 | 发放手册数 | ≥500份", *rows]})

    def fingerprints(sheet: Sheet) -> dict[tuple[str, str, int], tuple[str, int | None]]:
        findings = run_rules(sheet, all_rules())
        run = Run((SheetReport(sheet, tuple(findings)),), all_rules(), 1)
        results = sarif_log(run, ROOT)["runs"][0]["results"]
        found: dict[tuple[str, str, int], tuple[str, int | None]] = {}
        for finding, result in zip(findings, results, strict=True):
            name = finding.indicator.name if finding.indicator else ""
            key = (finding.code, name, 0)
            while key in found:  # the same rule on a repeated indicator
                key = (key[0], key[1], key[2] + 1)
            found[key] = (result["partialFingerprints"][FINGERPRINT], finding.row)
        return found

    old, new = fingerprints(before), fingerprints(after)
    moved = [key for key in old if key[1] and key in new]
    assert {key[1] for key in moved} >= {"培训人数", "培训合格率", "群众满意度"}
    for key in moved:
        assert new[key][0] == old[key][0], key
        assert new[key][1] == (old[key][1] or 0) + 1, key
    repeated = [old[key][0] for key in old if key[1] == "群众满意度"]
    assert len(set(repeated)) == len(repeated), "repeats of one cause are told apart"


def test_junit_reads_back_with_the_counts(run: Run) -> None:
    root = ET.fromstring(render(run, "junit"))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "2", "0")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == list(FILES)
    for suite, report in zip(suites, run.reports, strict=True):
        (case,) = suite.findall("testcase")
        failure = case.find("failure")
        assert failure is not None and failure.text is not None
        assert len(failure.text.splitlines()) == len(report.findings)
        assert failure.get("type") == "error"


def test_junit_passes_sheets_below_fail_on_and_reports_unreadable_files(run: Run) -> None:
    report = run.reports[0]
    notes = tuple(f for f in report.findings if f.severity == "info")
    odd = dataclasses.replace(notes[0], message="控制\x0b字符 & <标记>")
    quiet = SheetReport(report.sheet, (odd, *notes[1:]))
    error = {"file": "broken.xlsx", "message": "broken.xlsx: not a workbook"}
    root = ET.fromstring(render(Run((quiet,), run.rules, 2, [error]), "junit"))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "0", "1")
    passed, unread = root.findall("testsuite")
    out = passed.find("testcase/system-out")
    assert out is not None and out.text is not None and "控制\\x0b字符 & <标记>" in out.text
    failure = unread.find("testcase/error")
    assert failure is not None and failure.get("message") == error["message"]


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("x,y: z", "x,y: z", "x%2Cy%3A z"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_github_annotations(run: Run) -> None:
    finding = dataclasses.replace(
        run.findings[0],
        file="dir/a,b:c.md",
        message="100% wrong\nsecond line",
        fix=Fix(replacement="≥1", safe=True),
    )
    report = SheetReport(run.reports[0].sheet, (finding,))
    line = render_github(Run((report,), run.rules, 1), base=ROOT)
    assert line == (
        "::error file=dir/a%2Cb%3Ac.md,line=10,col=3,title=S103 missing-cost-indicators"
        "::100%25 wrong%0Asecond line%0Afix (safe): ≥1\n"
    )
    workbook = render_github(Run(run.reports[1:], run.rules, 1), base=ROOT).splitlines()
    assert workbook[2].startswith(
        "::warning file=tests/fixtures/xlsx/05-ludeng-dianfei.xlsx,line=8,col=4,"
        "title=U101 missing-unit::Sheet1!D8: "
    )


def test_terminal_output_is_the_plain_report_styled(run: Run) -> None:
    styled = render(run, "text", color=True)
    assert ANSI.search(styled)
    assert all(f"{code}\x1b[0m" in styled for code in ("U101", "L101", "S103", "missing-unit"))
    assert ANSI.sub("", styled) == render(run, "text", color=False)


def test_quiet_prints_one_line_per_finding_and_statistics_count_rules(run: Run) -> None:
    quiet = render(run, "text", color=False, quiet=True).splitlines()
    assert len(quiet) == len(run.findings) and "Summary" not in quiet
    assert quiet[0].startswith(f"{FILES[0]}:10:3: S103 error [missing-cost-indicators] ")
    stats = render(run, "text", color=False, statistics=True)
    table = stats.split("Statistics\n")[1].split("\n\n")[0].splitlines()
    assert [row.split()[:3] for row in table[:2]] == [
        ["6", "U101", "missing-unit"],
        ["6", "U103", "unit-word-form"],
    ]
    assert table[1].endswith("info     6 fixable") and table[0].endswith("warning")


def test_summary_sorts_sheets_by_state(run: Run) -> None:
    clean = SheetReport(run.reports[0].sheet, ())
    notes = SheetReport(
        run.reports[1].sheet, tuple(f for f in run.reports[1].findings if f.severity == "info")
    )
    text = render(Run((clean, notes, run.reports[0]), run.rules, 3), "text", color=False)
    summary = text.split("Summary\n")[1].splitlines()
    assert summary[3] == "  sheets       1 failing (warning or worse), 1 with notes only, 1 clean"
    assert [line.split()[0] for line in summary[4:7]] == ["failing", "notes", "clean"]
    assert summary[-1] == "3 file(s), 3 sheet(s), 42 indicator(s): 2 error, 6 warning, 12 info"


def test_verbose_text_lists_the_indicators(run: Run) -> None:
    text = render(run, "text", color=False, verbose=True)
    assert "    Sheet1!D8  产出指标 / 数量指标 / 灯杆数 = ≥13168" in text


def test_plain_rendering_does_not_import_rich() -> None:
    code = (
        "import sys\n"
        "from target_lint.report import Run, render\n"
        "render(Run((), (), 0), 'text')\n"
        "print('rich' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("file", sorted(p for p in (ROOT / "examples").rglob("*.*")))
def test_recorded_cell_texts_are_the_file_text(file: Path) -> None:
    """SARIF fix regions of text files end where the recorded cell text ends."""
    lines = file.read_text(encoding="utf-8").splitlines()
    for sheet in read_sheets(file):
        for ref, text in cell_texts(sheet).items():
            line, char = map(int, ref.split(":"))
            assert lines[line - 1][char - 1 : char - 1 + len(text)] == text, ref


def test_finding_without_a_listed_rule_still_has_a_descriptor(run: Run) -> None:
    lone = dataclasses.replace(run.findings[0], code="Z901", name="z")
    log = sarif_log(Run((SheetReport(run.reports[0].sheet, (lone,)),), (), 1), ROOT)
    assert log["runs"][0]["tool"]["driver"]["rules"] == [{"id": "Z901", "name": "z"}]
    assert render_sarif(Run((), (), 0)).endswith("\n")


@pytest.mark.parametrize(
    ("file", "ref", "expected"),
    [
        ("a.md", "11:32", Place(11, 32, 38, logical=False)),  # line:character, cell “≥13168”
        ("a.csv", "6:2", Place(6, None, None, logical=True)),  # line:field
        ("a.xlsx", "Sheet1!D8", Place(8, 4, 5, logical=True)),
        ("a.docx", "10:1", Place(None, None, None, logical=True)),  # block:cell
        ("a.yaml", "sheets[0].goals[0].indicators[0]", Place(None, None, None, logical=True)),
    ],
)
def test_places_by_kind_of_ref(run: Run, file: str, ref: str, expected: Place) -> None:
    finding = dataclasses.replace(run.findings[2], file=file, ref=ref, row=8, column=4)
    assert place(finding, "≥13168") == expected
