"""Baselines: accept the findings a sheet has today, report only new ones from then on.

``write_baseline`` records each finding by its identity (engine/identity.py: file name, sheet,
table, goal, 一级/二级/三级 and rule code — no row, no value), so inserting or moving rows, or
changing a bad value into another bad value of the same rule, does not make a finding new.
Several findings with one identity are one entry with a ``count``; a later run may have that
many of them before the next one is new. An entry with fewer findings than its count (usually
none: the problem was fixed) is *stale* and is reported so that the baseline can be rewritten.

The file (JSON, UTF-8, sorted so that it diffs well)::

    {"schema_version": 1, "tool": "target-lint", "entries": [
      {"key": "…", "code": "U101", "name": "missing-unit", "file": "a.xlsx", "sheet": "Sheet1",
       "table": "annual", "goal": null, "indicator": ["产出指标", "数量指标", "灯杆数"],
       "message": "…", "count": 1}, …]}
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from target_lint.engine.finding import Finding
from target_lint.engine.identity import file_name, finding_key, indicator_path
from target_lint.schema import dump

SCHEMA_VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be read or written: one line naming the file."""


@dataclass(frozen=True, kw_only=True)
class BaselineEntry:
    """Accepted findings of one identity; everything but ``key`` and ``count`` is for people."""

    key: str
    code: str
    name: str = ""
    file: str = ""
    sheet: str | None = None
    table: str | None = None
    goal: str | None = None
    indicator: list[str] | None = None
    message: str = ""
    count: int = 1

    def describe(self) -> str:
        """``a.xlsx Sheet1 产出指标 / 数量指标 / 灯杆数: U101 missing-unit (×2)``."""
        where = " ".join(p for p in (self.file, self.sheet) if p)
        what = " / ".join(self.indicator) if self.indicator else self.goal or self.table or ""
        times = f" (×{self.count})" if self.count > 1 else ""
        return f"{where} {what}: {self.code} {self.name}{times}".replace("  ", " ")


@dataclass(kw_only=True)
class Baseline:
    """A baseline file: the accepted findings."""

    schema_version: int = SCHEMA_VERSION
    tool: str = "target-lint"
    entries: list[BaselineEntry]


def baseline_entries(findings: Iterable[Finding]) -> list[BaselineEntry]:
    """One entry per identity, counting the findings that share it, in a stable order."""
    entries: dict[str, BaselineEntry] = {}
    for finding in findings:
        key = finding_key(finding)
        if key in entries:
            entry = entries[key]
            entries[key] = dataclasses.replace(entry, count=entry.count + 1)
            continue
        path = indicator_path(finding)
        entries[key] = BaselineEntry(
            key=key,
            code=finding.code,
            name=finding.name,
            file=file_name(finding.file),
            sheet=finding.sheet,
            table=finding.table,
            goal=finding.goal,
            indicator=list(path) if path else None,
            message=finding.message,
            count=1,
        )
    return sorted(entries.values(), key=_order)


def write_baseline(path: str | Path, findings: Iterable[Finding]) -> list[BaselineEntry]:
    """Write the baseline of ``findings`` to ``path`` (replacing it) and return its entries."""
    entries = baseline_entries(findings)
    document = dump(Baseline(entries=entries))
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise BaselineError(
            f"{path}: cannot write the baseline: {error.strerror or error}"
        ) from None
    return entries


def read_baseline(path: str | Path) -> list[BaselineEntry]:
    """The entries of a baseline file; BaselineError when it is missing or not a baseline."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise BaselineError(
            f"{path}: cannot read the baseline: {error.strerror or error}"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(
            f"{path}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(data, dict) or "entries" not in data:
        raise BaselineError(f'{path}: not a target-lint baseline (no "entries" list)')
    if data.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise BaselineError(
            f"{path}: unsupported baseline schema_version {data['schema_version']!r} "
            f"(this target-lint reads {SCHEMA_VERSION})"
        )
    from target_lint.schema import SchemaError, validate

    try:
        return validate(Baseline, data).entries
    except SchemaError as error:
        raise BaselineError(f"{path}: {error}") from None


def apply_baseline(
    path: str | Path, findings: Sequence[Finding], linted: Iterable[str] | None = None
) -> tuple[list[Finding], list[BaselineEntry]]:
    """The findings the baseline does not cover, and its stale entries (see :class:`Matcher`)."""
    matcher = Matcher(read_baseline(path))
    return matcher.new(findings), matcher.stale(linted)


class Matcher:
    """A baseline being applied: :meth:`new` may be called once per sheet, :meth:`stale` once
    at the end."""

    def __init__(self, entries: Sequence[BaselineEntry]) -> None:
        self.entries = list(entries)
        self.remaining: dict[str, int] = {}
        for entry in entries:
            self.remaining[entry.key] = self.remaining.get(entry.key, 0) + entry.count

    @classmethod
    def load(cls, path: str | Path) -> Matcher:
        return cls(read_baseline(path))

    def new(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings not covered; a key covers as many findings as its count, in order."""
        new = []
        for finding in findings:
            key = finding_key(finding)
            if self.remaining.get(key, 0) > 0:
                self.remaining[key] -= 1
            else:
                new.append(finding)
        return new

    def stale(self, linted: Iterable[str] | None = None) -> list[BaselineEntry]:
        """Entries with fewer findings than their count, ``count`` set to how many are gone.

        With ``linted`` (the paths of the files read in this run) entries of other files are
        left out: linting one file against the baseline of a folder is fine.
        """
        names = {file_name(f) for f in linted} if linted is not None else None
        remaining = dict(self.remaining)
        stale = []
        for entry in self.entries:
            left = min(remaining.get(entry.key, 0), entry.count)
            if left <= 0 or (names is not None and entry.file not in names):
                continue
            remaining[entry.key] -= left
            stale.append(dataclasses.replace(entry, count=left))
        return stale


def stale_report(entries: Iterable[BaselineEntry]) -> list[str]:
    """One line per stale entry."""
    return [
        f"stale baseline entry: {entry.describe()}: no longer found "
        "(rewrite the baseline with --write-baseline)"
        for entry in entries
    ]


def _order(entry: BaselineEntry) -> tuple[str, ...]:
    path = " / ".join(entry.indicator or [])
    place = (entry.file, entry.sheet or "", entry.table or "", entry.goal or "", path)
    return (*place, entry.code, entry.key)
