"""The command line: start-up imports, exit codes and the JSON contracts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from target_lint import __version__
from target_lint.cli import main

EXAMPLES = Path(__file__).parent.parent / "examples"
HEAVY = ("lark", "pint", "pydantic", "rich", "platformdirs")


def test_version_loads_no_heavy_module() -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['target-lint', '--version']\n"
        "try:\n"
        "    runpy.run_module('target_lint', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == [f"target-lint {__version__}", "[]"]


# what a plain check of one CSV file must not load (second run: the plugin list is cached)
NOT_FOR_CSV = (
    "pydantic",
    "pint",
    "rich",
    "openpyxl",
    "docx",
    "python_calamine",
    "yaml",
    "importlib.metadata",
    "concurrent.futures",
    "target_lint.readers.workbook",
    "target_lint.readers.document",
    "target_lint.readers.canonical",
    "target_lint.report.sarif",
    "target_lint.fix",
)


def test_plain_check_of_a_csv_loads_only_what_it_needs(tmp_path: Path) -> None:
    sheet = Path(__file__).parent / "fixtures" / "csv" / "hanyang-2026" / "yingji-paizi.csv"
    code = (
        "import sys\n"
        "from target_lint.cli import main\n"
        f"code = main(['check', {str(sheet)!r}])\n"
        f"print(code, sorted(m for m in {NOT_FOR_CSV!r} if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "TARGET_LINT_CACHE_DIR": str(tmp_path)}
    for _ in range(2):
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
    assert run.stderr.splitlines()[-1] == "1 []"
    assert "yingji-paizi.csv" in run.stdout


def test_reading_and_parsing_do_not_load_pint() -> None:
    code = (
        "import sys, pathlib\n"
        "from target_lint import read_sheets\n"
        f"for path in sorted(pathlib.Path({str(EXAMPLES)!r}).rglob('*.*')):\n"
        "    [s.indicators[0].parsed for s in read_sheets(path)]\n"
        "print('pint' in sys.modules, 'rich' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[-1] == "False False"


def test_parse_prints_the_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "json", "≥1.6 亿人次", "90%-95%", "是#"]) == 0
    first, second, third = json.loads(capsys.readouterr().out)
    assert {k: first[k] for k in ("text", "kind", "op", "number", "multiplier")} == {
        "text": "≥1.6 亿人次",
        "kind": "quantity",
        "op": ">=",
        "number": "1.6",
        "multiplier": 100000000,
    }
    assert (first["magnitude"], first["unit"], first["defects"]) == ("160000000", "人次", [])
    assert (second["kind"], second["magnitude"], second["magnitude_high"]) == ("range", "90", "95")
    assert (third["kind"], third["defects"]) == ("binary", ["export-marker"])


def test_parse_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "1次/天次/天"]) == 0
    out = capsys.readouterr().out
    assert "frequency" in out and "duplicated-unit" in out


def test_check_reads_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "--verbose", str(EXAMPLES)]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["schema_version"] == 1
    summary = payload["summary"]
    assert (summary["files"], summary["sheets"], summary["indicators"]) == (9, 9, 173)
    assert summary["findings"] == len(payload["findings"]) > 0
    indicator = payload["sheets"][0]["goals"][0]["indicators"][0]
    assert {"level1", "level2", "name", "value", "position"} <= set(indicator)
    finding = payload["findings"][0]
    required = {"code", "name", "kind", "severity", "message", "file", "sheet", "row", "column"}
    assert required <= set(finding) and "indicator" in finding


def test_exit_codes_follow_the_failing_severity(capsys: pytest.CaptureFixture[str]) -> None:
    sheet = str(EXAMPLES / "shiyan-2025" / "05-ludeng-dianfei.md")
    assert main(["check", sheet, "--select", "V102"]) == 1
    assert main(["check", sheet, "--select", "V102", "--fail-on", "error"]) == 0
    assert main(["check", sheet, "--select", "V102", "--exit-zero"]) == 0
    assert main(["check", sheet, "--select", "V999"]) == 2
    assert "unknown rule" in capsys.readouterr().err


def test_check_reports_bad_files_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x00junk")
    good = EXAMPLES / "shiyan-2025" / "01-zhihui-chengshi.md"
    assert main(["check", str(bad), str(good), str(tmp_path / "missing.md")]) == 2
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert str(bad) in errors[0] and "binary" in errors[0]
    assert "missing.md" in errors[1]
    assert "1 sheet(s), 11 indicator(s)" in captured.out


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as stop:
        main(["check"])
    assert stop.value.code == 2


def test_rules_reference_is_generated_from_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "markdown"]) == 0
    reference = Path(__file__).parent.parent / "docs" / "rules.md"
    assert capsys.readouterr().out == reference.read_text(encoding="utf-8"), (
        "docs/rules.md is stale: run `target-lint rules --format markdown > docs/rules.md`"
    )


def test_rule_explains_by_code_or_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "placeholder-value"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("V103 placeholder-value") and "Why:" in out
    assert main(["rule", "Z999"]) == 2


def test_convert_to_json_and_lint_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = EXAMPLES / "shiyan-2025" / "04-canji-ertong-kangfu.md"
    assert main(["convert", str(sheet), "--to", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    indicator = payload["sheets"][0]["goals"][0]["indicators"][0]
    assert {"level1", "level2", "name", "value", "position"} <= set(indicator)
    canonical = tmp_path / "sheet.json"
    canonical.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    assert main(["check", "--format", "json", str(sheet)]) == 1
    original = json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", "--format", "json", str(canonical)]) == 1
    again = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["code"], f["ref"]) for f in again] == [(f["code"], f["ref"]) for f in original]


def test_baseline_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = str(EXAMPLES / "shiyan-2025" / "05-ludeng-dianfei.md")
    baseline = str(tmp_path / "baseline.json")
    assert main(["check", sheet, "--write-baseline", baseline]) == 0
    capsys.readouterr()
    assert main(["check", sheet, "--baseline", baseline, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["findings"] == [] and payload["summary"]["baselined"] > 0


def test_cli_offers_every_report_format() -> None:
    from target_lint import cli, report

    assert cli.FORMATS == report.FORMATS


def test_annotated_workbook_from_the_command_line(tmp_path: Path) -> None:
    sheet = EXAMPLES / "shiyan-2025" / "05-ludeng-dianfei.md"
    before = sheet.read_bytes()
    code = main(["check", str(sheet), "--format", "xlsx", "--output-dir", str(tmp_path)])
    assert code == 1
    (written,) = tmp_path.glob("*.annotated.xlsx")
    assert written.name == "05-ludeng-dianfei.annotated.xlsx"
    assert sheet.read_bytes() == before


def test_progress_bar_only_for_long_batches_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from target_lint import cli

    files = [f"f{i}.csv" for i in range(cli.PROGRESS_FROM)]
    assert cli._with_progress(files[:3], 3) == files[:3]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert cli._with_progress(files, len(files)) == files
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert list(cli._with_progress(iter(files), len(files))) == files
