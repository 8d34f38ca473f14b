"""Output formats of ``target-lint check``: one module per format over one shared ``Run``.

``render(run, fmt)`` returns the whole report as one string (ending in a newline unless it is
empty); ``render_chunks`` gives the same text in pieces to write one after the other (the text
report of a large batch is never held whole). Formats:

- ``text``: the human report, grouped by file → sheet → goal table; rich styling on a terminal.
- ``json``: ``{"schema_version": 1, "findings": [...], "summary": {...}, "errors": [...]}``.
- ``jsonl``: one finding per line.
- ``sarif``: SARIF 2.1.0 for code scanning.
- ``github``: GitHub Actions workflow annotations.
- ``junit``: JUnit XML, one test case per sheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kept light, so that the CLI can read FORMATS when it builds its parser
    from target_lint.engine.accept import Accepted
    from target_lint.engine.finding import Finding, Severity
    from target_lint.engine.rule import Rule
    from target_lint.sheet.model import Sheet

RENDERED = ("text", "json", "jsonl", "sarif", "github", "junit")  # text that render() returns
FORMATS = (*RENDERED, "xlsx")  # xlsx: annotated workbooks written by workbook_out

__all__ = ["FORMATS", "RENDERED", "Run", "SheetReport", "render", "render_chunks"]


@dataclass(frozen=True)
class SheetReport:
    """One sheet that was read and the findings of its lint, in sheet order."""

    sheet: Sheet
    findings: tuple[Finding, ...]
    count: int | None = None  # indicators read, when ``sheet`` is an outline without them

    @property
    def file(self) -> str:
        return self.sheet.position.file

    @property
    def indicators(self) -> int:
        """The number of indicators read from the sheet."""
        return len(self.sheet.indicators) if self.count is None else self.count

    @property
    def name(self) -> str:
        """The sheet as a person names it: worksheet and title (or project, or department)."""
        sheet = self.sheet
        title = sheet.title or sheet.meta.project_name or sheet.meta.department
        if title and sheet.worksheet:
            return f"{sheet.worksheet} · {title}"
        return title or sheet.worksheet or "(untitled)"


@dataclass(frozen=True)
class Run:
    """What one ``check`` produced: the sheets with the findings to report, the rules that ran,
    the files that could not be read (``{"file": …, "message": …}``), the severity that fails
    the run, and what directives and the baseline left out (``accept_findings``)."""

    reports: tuple[SheetReport, ...]
    rules: tuple[Rule, ...]
    files: int
    errors: list[dict[str, str]] = field(default_factory=list)
    fail_on: Severity = "warning"
    accepted: Accepted | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for report in self.reports for f in report.findings]

    @property
    def sheets(self) -> int:
        return len(self.reports)

    @property
    def indicators(self) -> int:
        return sum(report.indicators for report in self.reports)

    def failing(self, report: SheetReport) -> bool:
        """Whether the sheet has a finding at or above the ``fail_on`` severity."""
        from target_lint.engine.finding import severity_rank

        threshold = severity_rank(self.fail_on)
        return any(severity_rank(f.severity) <= threshold for f in report.findings)

    @property
    def failing_sheets(self) -> list[SheetReport]:
        return [r for r in self.reports if self.failing(r)]


def render_chunks(
    run: Run,
    fmt: str,
    *,
    statistics: bool = False,
    quiet: bool = False,
    color: bool | None = None,
    verbose: bool = False,
) -> Iterable[str]:
    """The report of :func:`render` in pieces to write one after the other: line by line for
    the text format, whose report of a large batch is the largest."""
    if fmt == "text":
        from target_lint.report.text import text_chunks

        return text_chunks(run, statistics=statistics, quiet=quiet, color=color, verbose=verbose)
    return (render(run, fmt, verbose=verbose),)


def render(
    run: Run,
    fmt: str,
    *,
    statistics: bool = False,
    quiet: bool = False,
    color: bool | None = None,
    verbose: bool = False,
) -> str:
    """The report of ``run`` in format ``fmt`` (one of FORMATS).

    ``statistics``, ``quiet`` and ``color`` shape the text report only; ``color=None`` styles it
    when stdout is a terminal. ``verbose`` adds the sheets read (text: every indicator; json:
    the sheet models under ``"sheets"``).
    """
    if fmt == "text":
        from target_lint.report.text import text_chunks

        return "".join(
            text_chunks(run, statistics=statistics, quiet=quiet, color=color, verbose=verbose)
        )
    if fmt == "json":
        from target_lint.report.json_out import render_json

        return render_json(run, verbose=verbose)
    if fmt == "jsonl":
        from target_lint.report.json_out import render_jsonl

        return render_jsonl(run)
    if fmt == "sarif":
        from target_lint.report.sarif import render_sarif

        return render_sarif(run)
    if fmt == "github":
        from target_lint.report.github import render_github

        return render_github(run)
    if fmt == "junit":
        from target_lint.report.junit import render_junit

        return render_junit(run)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(RENDERED)})")
