"""The identity of a finding: what stays the same when rows are inserted, moved or edited.

A finding is identified by the file's name (not its folder), the sheet (worksheet name, or the
sheet's title in a text file), the table and goal, the indicator's 一级/二级/三级 labels as
written (whitespace normalised) and the rule code — never the row number and never the value,
so a baseline survives inserted rows, and a bad value changed into another bad value of the
same rule is still the same finding. Findings about a sheet or a table (no indicator) are
identified by the sheet, table and goal. Baselines, inline suppressions and SARIF
fingerprints all use it.
"""

from __future__ import annotations

import hashlib
import json
import re

from target_lint.engine.finding import Finding

KEY_LENGTH = 16  # hex digits of the key (64 bits)


def file_name(path: str) -> str:
    """The last part of a path written with / or \\ (``C:\\表\\a.xlsx`` → ``a.xlsx``)."""
    return re.split(r"[\\/]", path)[-1]


def normalise(text: str | None) -> str | None:
    """Runs of whitespace (full-width spaces and line breaks too) as one space, ends trimmed."""
    return None if text is None else " ".join(text.split())


def indicator_path(finding: Finding) -> tuple[str, str, str] | None:
    """The 一级/二级/三级 labels of the finding's indicator, whitespace normalised."""
    ref = finding.indicator
    if ref is None:
        return None
    return (normalise(ref.level1) or "", normalise(ref.level2) or "", normalise(ref.name) or "")


def identity(finding: Finding) -> dict[str, str | list[str] | None]:
    """The parts a finding is identified by (what :func:`finding_key` hashes)."""
    path = indicator_path(finding)
    return {
        "code": finding.code,
        "file": file_name(finding.file),
        "sheet": normalise(finding.sheet),
        "table": finding.table,
        "goal": normalise(finding.goal),
        "indicator": list(path) if path is not None else None,
    }


def finding_key(finding: Finding) -> str:
    """A short stable hex key of the finding's identity."""
    text = json.dumps(identity(finding), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:KEY_LENGTH]
