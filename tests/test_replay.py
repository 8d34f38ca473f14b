"""Replay: an unchanged run writes its stored report again; any changed input makes it lint."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from target_lint import batch
from target_lint.cli import main
from target_lint.replay import Replay

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "shiyan-2025"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three example sheets in a folder of their own, with a cache directory of its own."""
    folder = tmp_path / "sheets"
    folder.mkdir()
    for example in sorted(EXAMPLES.glob("*.md"))[:3]:
        shutil.copy(example, folder / example.name)
    monkeypatch.setenv("TARGET_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return folder


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, int]:
    code = main(["check", *args])
    return capsys.readouterr().out, code


def _lints(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time a batch is linted rather than replayed."""
    calls: list[int] = []
    real = batch.lint_files

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "lint_files", counting)
    return calls


def test_unchanged_run_replays_the_same_report(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _lints(monkeypatch)
    first = _run(capsys, "sheets")
    second = _run(capsys, "sheets", "--jobs", "2")  # the number of jobs changes nothing
    assert calls == [1], "the second run is a replay"
    assert second == first and first[1] == 1 and "Summary" in first[0]
    uncached = _run(capsys, "sheets", "--no-cache")
    assert uncached == first and calls == [1, 1]


def test_any_changed_input_lints_again(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _lints(monkeypatch)
    first, _ = _run(capsys, "sheets")
    sheet = tree / "01-zhihui-chengshi.md"
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("| ≥20 个 |", "| 大幅提升 |"), encoding="utf-8")
    changed, _ = _run(capsys, "sheets")
    assert calls == [1, 1] and changed != first and "大幅提升" in changed
    quiet, _ = _run(capsys, "sheets", "--quiet")  # other options: a report of its own
    assert calls == [1, 1, 1] and quiet != changed
    assert _run(capsys, "sheets")[0] == changed and calls == [1, 1, 1]
    (tree / "new.md").write_text(sheet.read_text(encoding="utf-8"), encoding="utf-8")
    assert "new.md" in _run(capsys, "sheets")[0] and len(calls) == 4


def test_a_changed_baseline_lints_again(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["check", "sheets", "--write-baseline", "baseline.json"]) == 0
    calls = _lints(monkeypatch)
    accepted, code = _run(capsys, "sheets", "--baseline", "baseline.json")
    assert code == 0 and calls == [1]
    recorded = json.loads(Path("baseline.json").read_text(encoding="utf-8"))
    Path("baseline.json").write_text(json.dumps({**recorded, "entries": []}), "utf-8")
    everything, code = _run(capsys, "sheets", "--baseline", "baseline.json")
    assert code == 1 and everything != accepted and calls == [1, 1]


def test_runs_with_unreadable_files_are_not_recorded(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "junk.csv").write_bytes(b"\x00\x01\x02 not a sheet")
    calls = _lints(monkeypatch)
    assert main(["check", "sheets"]) == 2 and main(["check", "sheets"]) == 2
    assert calls == [1, 1] and "junk.csv" in capsys.readouterr().err


def test_damaged_stored_report_is_a_miss(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _run(capsys, "sheets")
    (stored,) = Path("cache").rglob("runs/*")
    stored.write_bytes(b"not a pickle")
    calls = _lints(monkeypatch)
    assert _run(capsys, "sheets") == first and calls == [1]
    assert Replay(stored, "other inputs").get() is None


def test_reports_that_write_files_are_not_replayed(tree: Path) -> None:
    assert main(["check", "sheets", "--output-file", "report.txt"]) == 1
    assert main(["check", "sheets", "--format", "xlsx", "--output-dir", "out"]) == 1
    assert not list(Path("cache").rglob("runs/*"))
