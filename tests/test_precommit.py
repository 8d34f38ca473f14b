"""The pre-commit hooks (.pre-commit-hooks.yaml), run for real with ``pre-commit try-repo``.

A snapshot of this checkout (package, data, manifest; committed or not) becomes a temporary git
repository, and the hooks run from it in another temporary repository holding a bad and a clean
sheet. try-repo installs target-lint into a fresh virtualenv each time, with its dependencies
from the package index: the tests skip, saying why, without git, pre-commit or network access.
About 8-10 s per try-repo run here with a warm pip cache.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
BAD = ROOT / "tests" / "fixtures" / "csv" / "hanyang-2026" / "qingsao-chengguan.csv"
CLEAN = (
    "2026年社区培训项目绩效目标表,,,,\n"
    "项目名称,社区培训项目,项目金额（万元）,20,\n"
    "一级指标,二级指标,三级指标,指标值,指标值确定依据\n"
    "产出指标,数量指标,培训人数,≥200人,计划标准\n"
    ",质量指标,培训合格率,≥95%,行业标准\n"
    ",时效指标,培训完成时间,2026年12月31日前,计划标准\n"
    "成本指标,经济成本指标,人均培训成本,≤1000元/人,计划标准\n"
    "效益指标,社会效益指标,学员就业率,≥60%,历史标准\n"
    "满意度指标,服务对象满意度指标,学员满意度,≥90%,历史标准\n"
)
SNAPSHOT = ("target_lint", "grammar", "rules", "pyproject.toml", "README.md", "LICENSE")


def _manifest() -> list[dict[str, object]]:
    hooks: list[dict[str, object]] = yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    return hooks


def test_manifest_patterns_take_sheets_and_leave_project_files() -> None:
    hooks = {hook["id"]: hook for hook in _manifest()}
    assert set(hooks) == {"target-lint-check", "target-lint-fix"}
    check, fix = hooks["target-lint-check"], hooks["target-lint-fix"]
    assert (check["entry"], fix["entry"]) == ("target-lint check", "target-lint fix")
    for hook in (check, fix):
        assert hook["language"] == "python" and hook["require_serial"] is True
        assert hook["types"] == ["file"]
    for name in ("a.xlsx", "b/预算.XLSM", "c.xls", "d.csv", "e.tsv"):
        assert re.search(str(check["files"]), name), name
    for name in ("d.csv", "e.TSV"):
        assert re.search(str(fix["files"]), name), name
    for name in ("README.md", "notes.txt", "config.json", "ci.yaml", "a.xlsx.bak", "report.docx"):
        assert not re.search(str(check["files"]), name), name
    assert not re.search(str(fix["files"]), "a.xlsx")  # workbooks are never changed in place


def _unavailable() -> str | None:
    """Why the hooks cannot be installed here, or None."""
    if shutil.which("git") is None:
        return "git is not installed"
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return "the pre-commit package is not installed (it is in the test extra)"
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple")
    proxy = os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy")
    url = urllib.parse.urlsplit(proxy or index)
    host, port = url.hostname or "pypi.org", url.port or (80 if url.scheme == "http" else 443)
    try:
        socket.create_connection((host, port), timeout=5).close()
    except OSError as error:
        return f"no network: cannot reach {host}:{port} ({error}); try-repo installs from there"
    return None


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=target-lint tests", "-c", "user.email=tests@example.invalid",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reason = _unavailable()
    if reason:
        pytest.skip(reason)
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in SNAPSHOT:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copyfile(source, repo / name)
    shutil.copyfile(ROOT / ".pre-commit-hooks.yaml", repo / ".pre-commit-hooks.yaml")
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "snapshot of the checkout", cwd=repo)
    return repo


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A user's repository with a bad and a clean sheet."""
    repo = tmp_path / "work"
    repo.mkdir()
    shutil.copyfile(BAD, repo / "bad.csv")
    (repo / "clean.csv").write_text(CLEAN, encoding="utf-8")
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    return repo


def _try_repo(hook_repo: Path, work: Path, hook: str, *files: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {
        "PRE_COMMIT_HOME": str(work.parent / "pre-commit-home"),
        "TARGET_LINT_CACHE_DIR": str(work.parent / "target-lint-cache"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--files", *files],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.returncode, done.stdout + done.stderr


def test_check_hook_fails_a_bad_sheet_and_passes_a_clean_one(hook_repo: Path, work: Path) -> None:
    code, out = _try_repo(hook_repo, work, "target-lint-check", "bad.csv")
    assert code == 1, out
    assert re.search(r"target-lint check\.+Failed", out), out
    assert "bad.csv" in out and re.search(r"24:7\s+error\s+V103 placeholder-value", out), out

    code, out = _try_repo(hook_repo, work, "target-lint-check", "clean.csv")
    assert code == 0, out
    assert re.search(r"target-lint check\.+Passed", out), out


def _cli_has_fix() -> bool:
    from target_lint.cli import main

    try:
        main(["fix", "--help"])
    except SystemExit as exit:
        return exit.code == 0
    return True


def test_fix_hook_fixes_a_csv_sheet(
    hook_repo: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    has_fix = _cli_has_fix()
    capsys.readouterr()
    if not has_fix:
        pytest.skip("`target-lint fix` is not wired into the CLI yet")
    code, out = _try_repo(hook_repo, work, "target-lint-fix", "bad.csv", "clean.csv")
    assert code == 1, out
    assert re.search(r"target-lint fix\.+Failed", out), out
    assert '"1次/天次/天" → "1次/天" (U104)' in out
    fixed = (work / "bad.csv").read_bytes().decode("gb18030")
    assert ",1次/天," in fixed and "次/天次/天" not in fixed
    assert (work / "clean.csv").read_text(encoding="utf-8") == CLEAN
