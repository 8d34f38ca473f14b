"""What a rule reports: a finding with its place, its reason and an optional fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
ProblemKind = Literal[
    "missing-category",
    "misclassified",
    "unmeasurable-value",
    "vague-value",
    "impossible-value",
    "wrong-direction",
    "unit-problem",
    "empty-value",
    "duplicate",
    "inconsistent-with-budget",
    "layout",
    "other",
]


def severity_rank(severity: Severity) -> int:
    """error 0, warning 1, info 2: lower is more severe."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True, kw_only=True)
class Fix:
    """Replacement text for the reported cell; ``safe`` fixes may be applied blindly."""

    replacement: str
    safe: bool = False


@dataclass(frozen=True, kw_only=True)
class IndicatorRef:
    """The indicator a finding is about, as written in the sheet."""

    level1: str
    level2: str
    name: str
    value: str


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One problem a rule found: where (file, sheet, cell), what, and how to fix it."""

    code: str
    name: str
    kind: ProblemKind
    severity: Severity
    message: str
    file: str
    sheet: str | None
    row: int | None
    column: int | None
    ref: str | None
    goal: str | None = None
    table: str | None = None  # annual, long_term, or scoring (an evaluation's scoring table)
    indicator: IndicatorRef | None = None
    fix: Fix | None = None
