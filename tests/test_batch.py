"""Batches: parallel workers report in input order, and the result cache serves unchanged files."""

from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from target_lint import batch
from target_lint.batch import Options, lint_files
from target_lint.cli import main
from target_lint.engine.config import Config
from target_lint.lint import Linter
from target_lint.results import ResultCache

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = EXAMPLES / "shiyan-2025" / "05-ludeng-dianfei.md"


def _check(*args: str, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TARGET_LINT_CACHE_DIR": str(cache_dir)}
    command = [sys.executable, "-m", "target_lint", "check", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)


def _files(tmp_path: Path) -> list[str]:
    """Examples, workbook/CSV/Word fixtures and one unreadable file, copied below ``tmp_path``."""
    tree = tmp_path / "tree"
    shutil.copytree(EXAMPLES, tree / "examples")
    for sub in ("xlsx", "csv", "docx"):
        shutil.copytree(FIXTURES / sub, tree / sub)
    (tree / "csv" / "junk.csv").write_bytes(b"\x00\x01\x02 not a sheet")
    return [str(tree)]


def test_parallel_report_equals_serial_report(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    serial = _check("--no-cache", "--jobs", "1", "--format", "json", *paths, cache_dir=tmp_path)
    parallel = _check("--no-cache", "--jobs", "2", "--format", "json", *paths, cache_dir=tmp_path)
    assert serial.returncode == parallel.returncode == 2  # the junk file
    assert serial.stdout == parallel.stdout and '"findings"' in serial.stdout
    assert serial.stderr == parallel.stderr and "junk.csv" in serial.stderr
    text_serial = _check("--no-cache", "-j", "1", *paths, cache_dir=tmp_path)
    text_parallel = _check("--no-cache", "-j", "2", *paths, cache_dir=tmp_path)
    assert text_serial.stdout == text_parallel.stdout


def test_second_run_reads_the_cache_and_reports_the_same(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    cache = tmp_path / "cache"
    first = _check("--jobs", "2", *paths, cache_dir=cache)
    entries = sorted((cache / "results").rglob("*"))
    assert [p for p in entries if p.is_file()], "the first run stores results"
    second = _check("--jobs", "2", *paths, cache_dir=cache)
    uncached = _check("--no-cache", *paths, cache_dir=tmp_path / "other")
    assert first.stdout == second.stdout == uncached.stdout
    assert first.stderr == second.stderr == uncached.stderr
    assert first.returncode == second.returncode == uncached.returncode == 2
    assert not (tmp_path / "other" / "results").exists(), "--no-cache writes no results"


def test_cache_hits_skip_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, target)
    linter = Linter.from_config(Config())
    cache = ResultCache(tmp_path / "results")
    cache.folder.mkdir()
    (first,) = lint_files([str(target)], linter, cache=cache)
    calls: list[str] = []
    real = batch._result
    monkeypatch.setattr(batch, "_result", lambda f, *rest: calls.append(f) or real(f, *rest))
    (again,) = lint_files([str(target)], linter, cache=cache)
    assert calls == [] and again == first
    target.write_text(target.read_text(encoding="utf-8").replace("≥", "≤", 1), encoding="utf-8")
    (changed,) = lint_files([str(target)], linter, cache=cache)
    assert calls == [str(target)], "a changed file is linted again"
    assert changed != first


def test_corrupt_entries_are_misses(tmp_path: Path) -> None:
    linter = Linter.from_config(Config())
    cache = ResultCache(tmp_path / "results")
    cache.folder.mkdir()
    (first,) = lint_files([str(EXAMPLE)], linter, cache=cache)
    for entry in cache.folder.iterdir():
        entry.write_bytes(b"not a pickle")
    (again,) = lint_files([str(EXAMPLE)], linter, cache=cache)
    assert again == first


def test_settings_choose_the_cache_folder() -> None:
    defaults = Linter.from_config(Config())
    english = Linter.from_config(dataclasses.replace(Config(), language="en"))
    codes = [r.code for r in defaults.rules]
    folder = functools.partial(_folder, options=Options())
    assert folder(defaults.config, codes) == folder(Config(), codes)
    assert folder(defaults.config, codes) != folder(english.config, codes)
    assert folder(defaults.config, codes) != folder(Config(), codes[:-1])
    assert folder(Config(), codes) != _folder(Config(), codes, Options(whole_sheets=True))


def _folder(config: Config, codes: list[str], options: Options) -> Path:
    cache = ResultCache.open(config, codes, options)
    assert cache is not None
    return cache.folder


def test_concurrent_runs_share_the_cache(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    env = {**os.environ, "TARGET_LINT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "target_lint", "check", "-j", "1", *paths]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(3)
    ]
    outputs = [run.communicate() for run in runs]
    assert len({out for out, _ in outputs}) == 1 and all(run.returncode == 2 for run in runs)
    leftovers = [p.name for p in (tmp_path / "cache").rglob(".*")]
    assert leftovers == [], "no temporary files are left behind"


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_bad_jobs_is_a_usage_error(jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["check", "--jobs", jobs, str(EXAMPLE)])
    assert stop.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_size_limit_applies_to_every_format(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes((EXAMPLES / "hanyang-2026" / "yingji-paizi.txt").read_bytes() * 40)
    small = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, small)
    run = _check("--max-file-size", "0.05", str(big), str(small), cache_dir=tmp_path / "c")
    assert run.returncode == 2
    (line,) = run.stderr.splitlines()
    assert "big.csv: file is" in line and "over the 51 KB limit" in line
    assert "max-file-size-mb" in line
    assert EXAMPLE.name in run.stdout, "the other file is still linted"
    config = tmp_path / "target-lint.toml"
    config.write_text("max-file-size-mb = 0.05\n", encoding="utf-8")
    run = _check("--config", str(config), str(big), cache_dir=tmp_path / "c")
    assert run.returncode == 2 and "over the 51 KB limit" in run.stderr
    refused = _check("--max-file-size", "0", str(small), cache_dir=tmp_path / "c")
    assert refused.returncode == 2
    assert "max-file-size-mb must be greater than 0" in refused.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "github", "junit"])
def test_outlines_report_like_whole_sheets(tmp_path: Path, fmt: str) -> None:
    from target_lint.engine.accept import accept
    from target_lint.report import Run, SheetReport, render

    (folder,) = _files(tmp_path)
    files = sorted(str(p) for p in Path(folder).rglob("*.*"))
    linter = Linter.from_config(Config())

    def report(whole: bool) -> str:
        options = Options(whole_sheets=whole)
        results = [s for r in lint_files(files, linter, options=options) for s in r.sheets]
        kept, accepted = accept([r.findings for r in results], set(files))
        reports = tuple(
            SheetReport(r.sheet, tuple(k), r.indicators) for r, k in zip(results, kept, strict=True)
        )
        return render(Run(reports, linter.rules, len(files), [], "warning", accepted), fmt)

    assert report(whole=False) == report(whole=True)


def test_spawned_workers_give_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where fork is missing (macOS, Windows) workers are spawned and rebuild the linter."""
    import multiprocessing

    files = [str(p) for p in sorted((FIXTURES / "csv").rglob("*.csv"))][:4]
    linter = Linter.from_config(dataclasses.replace(Config(), language="en"))
    serial = list(lint_files(files, linter, jobs=1))
    monkeypatch.setattr(batch, "_context", lambda: multiprocessing.get_context("spawn"))
    spawned = list(lint_files(files, linter, jobs=2))
    assert spawned == serial
    assert any(f.message.isascii() for r in spawned for s in r.sheets for f in s.findings.kept)
