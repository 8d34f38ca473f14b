"""The findings ``check`` leaves out of its report: silenced in the sheet, or in a baseline.

``accept_findings`` takes each sheet with its findings and returns the findings to report, per
sheet in the same order, with an :class:`Accepted` record of what was left out and why: the
directives (unused ones, ones without a reason …) and the stale baseline entries, which are
listed after the findings and counted in the summary but never change the exit code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from target_lint.engine.baseline import BaselineEntry, Matcher, stale_report
from target_lint.engine.finding import Finding
from target_lint.engine.suppress import Suppression, apply_suppressions, suppression_report
from target_lint.schema import dump
from target_lint.sheet.model import Sheet


@dataclass
class Accepted:
    suppressed: int = 0  # findings silenced by directives in the sheets
    baselined: int = 0  # findings covered by the baseline
    suppressions: list[Suppression] = field(default_factory=list)
    stale: list[BaselineEntry] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """Counts for the run summary."""
        return {
            "suppressed": self.suppressed,
            "baselined": self.baselined,
            "unused_suppressions": sum("unused" in s.problems for s in self.suppressions),
            "stale_baseline_entries": len(self.stale),
        }

    def lines(self) -> list[str]:
        """What the text report prints after the findings: one line per directive with a
        problem, then one per stale baseline entry."""
        return [*suppression_report(self.suppressions), *stale_report(self.stale)]

    def as_json(self) -> dict[str, Any]:
        """Top-level keys for the JSON report."""
        return {
            "suppressions": [dump(s) for s in self.suppressions],
            "stale_baseline": [dump(e) for e in self.stale],
        }


@dataclass(frozen=True)
class SheetFindings:
    """One sheet's findings after its own directives: those left, and what each directive did."""

    kept: tuple[Finding, ...]
    suppressions: tuple[Suppression, ...] = ()
    silenced: int = 0


def suppress(
    sheet: Sheet, findings: Sequence[Finding], *, ignore_noqa: bool = False
) -> SheetFindings:
    """The findings of ``sheet`` that none of its directives silences (all with ``ignore_noqa``)."""
    if ignore_noqa:
        return SheetFindings(tuple(findings))
    left, suppressions = apply_suppressions(findings, [sheet])
    return SheetFindings(tuple(left), tuple(suppressions), len(findings) - len(left))


def accept(
    groups: Sequence[SheetFindings], linted: set[str], *, baseline: str | Path | None = None
) -> tuple[list[list[Finding]], Accepted]:
    """The findings to report, per sheet in the same order, given each sheet's suppressed
    findings and the files linted (for the stale baseline entries). Raises BaselineError when
    the baseline cannot be read."""
    matcher = Matcher.load(baseline) if baseline is not None else None
    accepted = Accepted()
    kept: list[list[Finding]] = []
    for group in groups:
        left = list(group.kept)
        accepted.suppressions += group.suppressions
        accepted.suppressed += group.silenced
        if matcher is not None:
            before = len(left)
            left = matcher.new(left)
            accepted.baselined += before - len(left)
        kept.append(left)
    if matcher is not None:
        accepted.stale = matcher.stale(linted)
    return kept, accepted


def accept_findings(
    results: Sequence[tuple[Sheet, Sequence[Finding]]],
    *,
    baseline: str | Path | None = None,
    ignore_noqa: bool = False,
) -> tuple[list[list[Finding]], Accepted]:
    """The findings of each sheet that no directive silences (unless ``ignore_noqa``) and the
    ``baseline`` file does not cover: :func:`suppress` on each sheet, then :func:`accept`."""
    groups = [suppress(sheet, findings, ignore_noqa=ignore_noqa) for sheet, findings in results]
    linted = {p for sheet, _ in results for p in (sheet.source, sheet.position.file)}
    return accept(groups, linted, baseline=baseline)
