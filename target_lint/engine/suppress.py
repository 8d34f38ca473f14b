"""Inline suppressions: ``target-lint: ignore[V101] 理由`` written in the sheet.

A directive in an indicator row's 备注/说明 cell or in a comment on one of its cells
(``Indicator.remarks``) silences the findings about that indicator; a directive in the title
or a metadata row (``Sheet.directives``) silences the findings about the sheet or one of its
tables as a whole (findings without an indicator). Selectors are codes, code prefixes, kebab
names or ``ALL``, as in the configuration.

Every directive comes back as a :class:`Suppression` saying how many findings it silenced and
what is wrong with it: ``unused`` (it silenced nothing), ``no-reason``, ``unknown-rule`` (a
selector that names no installed rule) or ``malformed`` (a ``target-lint:`` marker without
``ignore[…]``). These are not findings: they are listed after the findings and counted in the
summary, and they never change the exit code, so a stale directive cannot fail a build and is
not itself subject to selection, severities or baselines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from target_lint.engine.finding import Finding
from target_lint.engine.rule import Rule
from target_lint.sheet.directive import Directive, parse_directives
from target_lint.sheet.model import Indicator, Position, Remark, Sheet

Scope = Literal["indicator", "sheet"]
Problem = Literal["unused", "no-reason", "unknown-rule", "malformed"]


@dataclass(frozen=True, kw_only=True)
class Suppression:
    """One directive found in the sheets, and what became of it."""

    file: str
    ref: str | None
    row: int | None
    scope: Scope
    text: str
    selectors: list[str]
    reason: str | None
    comment: bool  # written in a cell comment
    indicator: list[str] | None  # 一级/二级/三级 of the row it is written on
    used: int  # findings it silenced
    unknown: list[str]  # selectors naming no rule
    problems: list[Problem]

    def describe(self) -> str:
        """``file:ref: unused suppression (…): target-lint: ignore[V101] 理由``."""
        where = f"{self.file}:{self.ref}" if self.ref else self.file
        return f"{where}: {'; '.join(self._explain())}: {self.text}"

    def _explain(self) -> Iterator[str]:
        scope = "on this row" if self.scope == "indicator" else "about this sheet or its tables"
        for problem in self.problems:
            if problem == "malformed":
                yield "unreadable suppression (write target-lint: ignore[CODE,…] reason)"
            elif problem == "unknown-rule":
                yield f"suppression names unknown rule(s) {', '.join(self.unknown)}"
            elif problem == "unused":
                yield f"unused suppression (no {', '.join(self.selectors)} finding {scope})"
            else:
                yield "suppression without a reason (write why after the brackets)"


def apply_suppressions(
    findings: Sequence[Finding], sheets: Sequence[Sheet], rules: Iterable[Rule] | None = None
) -> tuple[list[Finding], list[Suppression]]:
    """The findings no directive silences, and every directive of ``sheets`` with its use.

    ``rules`` are the rules selectors are checked against (default: every installed rule).
    """
    targets = list(_targets(sheets))
    if not targets:
        return list(findings), []
    places = _Places(sheets)
    by_owner: dict[int, list[_Target]] = {}
    for target in targets:
        by_owner.setdefault(id(target.owner), []).append(target)
    kept = []
    for finding in findings:
        owner = places.owner(finding)
        hits = [t for t in by_owner.get(id(owner), []) if t.matches(finding)]
        for target in hits:
            target.used += 1
        if not hits:
            kept.append(finding)
    if rules is None:
        from target_lint.engine.registry import all_rules

        rules = all_rules()
    known = tuple(rules)
    results = [target.result(known) for target in targets]
    return kept, sorted(results, key=lambda s: (s.file, s.row or 0, s.ref or ""))


def suppression_report(suppressions: Iterable[Suppression]) -> list[str]:
    """One line for each directive with a problem (unused, no reason, unknown rule, …)."""
    return [s.describe() for s in suppressions if s.problems]


@dataclass(eq=False)
class _Target:
    directive: Directive
    remark: Remark
    owner: Sheet | Indicator
    fallback: Position
    used: int = 0

    def matches(self, finding: Finding) -> bool:
        return any(_selects(s, finding) for s in self.directive.selectors)

    def result(self, rules: tuple[Rule, ...]) -> Suppression:
        from target_lint.engine.registry import matches

        directive = self.directive
        position = self.remark.position or self.fallback
        unknown = [s for s in directive.selectors if not any(matches(r, s) for r in rules)]
        problems: list[Problem] = []
        if directive.malformed:
            problems.append("malformed")
        if unknown:
            problems.append("unknown-rule")
        if not directive.malformed and not self.used:
            problems.append("unused")
        if not directive.malformed and directive.reason is None:
            problems.append("no-reason")
        owner = self.owner
        return Suppression(
            file=position.file,
            ref=position.ref,
            row=position.row,
            scope="indicator" if isinstance(owner, Indicator) else "sheet",
            text=directive.text,
            selectors=list(directive.selectors),
            reason=directive.reason,
            comment=self.remark.comment,
            indicator=[owner.level1, owner.level2, owner.name]
            if isinstance(owner, Indicator)
            else None,
            used=self.used,
            unknown=unknown,
            problems=problems,
        )


def _selects(selector: str, finding: Finding) -> bool:
    return selector == "ALL" or selector == finding.name or finding.code.startswith(selector)


def _targets(sheets: Sequence[Sheet]) -> Iterator[_Target]:
    for sheet in sheets:
        for remark in sheet.directives:
            for directive in parse_directives(remark.text):
                yield _Target(directive, remark, sheet, sheet.position)
        for indicator in sheet.indicators:
            for remark in indicator.remarks:
                for directive in parse_directives(remark.text):
                    yield _Target(directive, remark, indicator, indicator.position)


class _Places:
    """Which indicator or sheet a finding is about."""

    def __init__(self, sheets: Sequence[Sheet]) -> None:
        self.sheets: dict[str, list[Sheet]] = {}
        self.rows: dict[tuple[str, str, str, str, str], list[tuple[Indicator, str, str | None]]]
        self.rows = {}
        for sheet in sheets:
            for file in {sheet.source, sheet.position.file}:
                self.sheets.setdefault(file, []).append(sheet)
            for block in sheet.goals:
                for ind in block.indicators:
                    key = (ind.position.file, ind.level1, ind.level2, ind.name, ind.value)
                    self.rows.setdefault(key, []).append((ind, block.table, block.goal))

    def owner(self, finding: Finding) -> Sheet | Indicator | None:
        if finding.indicator is not None:
            return self._indicator(finding)
        return self._sheet(finding)

    def _indicator(self, finding: Finding) -> Indicator | None:
        ref = finding.indicator
        assert ref is not None
        found = self.rows.get((finding.file, ref.level1, ref.level2, ref.name, ref.value), [])
        if finding.table is not None:
            found = [f for f in found if (f[1], f[2]) == (finding.table, finding.goal)] or found
        candidates = [ind for ind, _, _ in found]
        if len(candidates) > 1:  # the same row twice: the one the finding points into
            pointed = [ind for ind in candidates if finding.ref in _refs(ind)]
            candidates = [i for i in pointed if i.position.row == finding.row] or pointed
        return candidates[0] if candidates else None

    def _sheet(self, finding: Finding) -> Sheet | None:
        sheets = self.sheets.get(finding.file, [])
        if len(sheets) > 1:
            named = [s for s in sheets if finding.sheet in (s.worksheet, s.title)]
            sheets = named or sheets
        if len(sheets) > 1 and finding.row is not None:  # stacked: the last one starting above
            above = [s for s in sheets if s.position.row <= finding.row]
            sheets = above[-1:] or sheets
        return sheets[0] if sheets else None


def _refs(indicator: Indicator) -> set[str]:
    return {indicator.position.ref, *(p.ref for p in indicator.cells.values())}
