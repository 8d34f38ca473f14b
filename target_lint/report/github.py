"""GitHub Actions workflow annotations (``--format github``), one command a line::

    ::warning file=a.md,line=11,col=32,title=U101 missing-unit::“灯杆数”的指标值…

Severities map to ``error`` / ``warning`` / ``notice``. A ref that is not a text position
(``Sheet1!D7``) starts the message; a workbook cell also gives ``line`` = row and ``col`` =
column. Files that could not be read are ``error`` annotations too.

Escaping follows ``@actions/core`` (``toolkit/packages/core/src/command.ts``): in the message
``%``, CR and LF; in property values also ``:`` and ``,``.
"""

from __future__ import annotations

from pathlib import Path

from target_lint.engine.finding import Finding
from target_lint.report import Run
from target_lint.report.location import place, relative_path

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(run: Run, base: Path | None = None) -> str:
    base = base or Path.cwd()
    files = {f.file for f in run.findings} | {e["file"] for e in run.errors}
    paths = {file: relative_path(file, base) or file for file in files}
    lines = [_annotation(f, paths[f.file]) for f in run.findings]
    lines += [command("error", {"file": paths[e["file"]]}, e["message"]) for e in run.errors]
    return "".join(line + "\n" for line in lines)


def command(level: str, properties: dict[str, str | int], message: str) -> str:
    """``::level key=value,…::message`` with every part escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level}{' ' if props else ''}{props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding, path: str) -> str:
    where = place(finding)
    properties: dict[str, str | int] = {"file": path}
    if where.line is not None:
        properties["line"] = where.line
    if where.column is not None:
        properties["col"] = where.column
    properties["title"] = f"{finding.code} {finding.name}"
    message = finding.message
    if where.logical and finding.ref:
        message = f"{finding.ref}: {message}"
    if finding.fix is not None:
        kind = "safe" if finding.fix.safe else "unsafe"
        message += f"\nfix ({kind}): {finding.fix.replacement}"
    return command(LEVELS[finding.severity], properties, message)
