"""Give every row of a table its 一级/二级 labels: fill merged cells down, repair label lag.

In a merged label cell the text sits on one row of the span; extraction can move it a row
early or late (rule catalog §1.2 item 4). A row that brings a new 一级 while its 二级 only
fits the old one keeps the old 一级; the new one starts at the first following row whose
二级 fits it. If no such row comes, the repair is undone and the row keeps what it says.
"""

from __future__ import annotations

from typing import NamedTuple

from target_lint.readers.rows import Label, RowParts
from target_lint.sheet.taxonomy import canonical_level1, canonical_level2, is_valid_pair, parent_of


class Level(NamedTuple):
    raw: str
    canonical: str | None
    label: Label | None = None


class RowLevels(NamedTuple):
    level1: Level | None
    level2: Level | None
    inherited: tuple[str, ...]
    notes: tuple[str, ...]


def _level1(label: Label) -> Level:
    return Level(label.cell.text, canonical_level1(label.cell.text), label)


def _level2(label: Label) -> Level:
    return Level(label.cell.text, canonical_level2(label.cell.text), label)


def _fits(level1: Level | None, label: Label) -> bool:
    return bool(level1 and level1.canonical and is_valid_pair(level1.canonical, label.canonical))


def as_written(rows: list[RowParts]) -> list[RowLevels]:
    """Labels of a table from a structured file (workbook, CSV, Word): each label applies from
    its row down until the next one in its column; nothing is moved."""
    out: list[RowLevels] = []
    cur1: Level | None = None
    cur2: Level | None = None
    for parts in rows:
        for label in parts.labels:
            if (label.role or label.level) == 1:
                cur1, cur2 = _level1(label), None
            else:
                cur2 = _level2(label)
        inherited = _inherited(parts.labels, cur1, cur2)
        out.append(RowLevels(cur1, cur2, inherited, ()))
    return out


def resolve_levels(rows: list[RowParts]) -> list[RowLevels]:
    """Labels of a table extracted from PDF or Word text, repairing moved labels."""
    out: list[RowLevels] = []
    cur1: Level | None = None
    cur2: Level | None = None
    pending: tuple[Level, Level | None] | None = None
    for index, parts in enumerate(rows):
        notes: list[str] = []
        firsts = [lb for lb in parts.labels if lb.level == 1]
        seconds = [lb for lb in parts.labels if lb.level == 2]
        seconds.sort(key=lambda lb: -lb.cell.column)  # nearest to the name first
        written1: Level | None = None
        if _positional(parts.labels):
            in_first = next((lb for lb in parts.labels if lb.role == 1), None)
            in_second = next((lb for lb in parts.labels if lb.role == 2), None)
            if in_first and in_first.level == 2 and not in_second and _fits(cur1, in_first):
                seconds, notes = [in_first], ["level2-in-level1-column"]
            else:
                written1 = _level1(in_first) if in_first else None
                seconds = [in_second] if in_second else []
        elif firsts:
            written1 = _level1(firsts[-1])
            if len(parts.labels) > 1 + len(seconds[:1]):
                notes.append("extra-labels")
        new1 = written1 if written1 and (not cur1 or written1.canonical != cur1.canonical) else None
        if written1 and not new1:
            cur1 = written1
        if new1 is not None:
            stays = [lb for lb in seconds if _fits(cur1, lb) and not _fits(new1, lb)]
            fresh = [lb for lb in seconds if _fits(new1, lb)]
            keep = [lb for lb in stays if not cur2 or lb.canonical != cur2.canonical]
            if new1.canonical and cur1 and keep and _can_start(rows, index + 1, new1, fresh):
                cur2 = _level2(keep[0])
                pending = (new1, _level2(fresh[0]) if fresh else None)
                notes.append("label-lag")
            else:
                if new1.canonical and cur1 and stays and not fresh:
                    notes.append("label-lag-undone")
                cur1 = new1
                cur2 = _level2(fresh[0] if fresh else seconds[0]) if seconds else None
                pending = None
        elif pending and (fresh := [lb for lb in seconds if _fits(pending[0], lb)]):
            cur1, cur2, pending = pending[0], _level2(fresh[0]), None
            notes.append("label-lag")
        elif pending and not seconds and pending[1] is not None:
            cur1, cur2, pending = pending[0], pending[1], None
            notes.append("label-lag")
        elif seconds:
            choice = _pick(seconds, cur1, cur2)
            cur2 = _level2(choice)
            if not _fits(cur1, choice) and parts.shift and (parent := parent_of(choice.canonical)):
                cur1 = Level(parent, parent)
                notes.append("level1-inferred")
        inherited = _inherited(parts.labels, cur1, cur2)
        out.append(RowLevels(cur1, cur2, inherited, tuple(notes)))
    return out


def _inherited(labels: list[Label], level1: Level | None, level2: Level | None) -> tuple[str, ...]:
    """Which of the row's 一级 and 二级 come from a label on an earlier row (a merged cell)."""
    first = level1 is not None and not _written(level1.label, labels)
    second = level2 is not None and not _written(level2.label, labels)
    if first:
        return ("level1", "level2") if second else ("level1",)
    return ("level2",) if second else ()


def _written(label: Label | None, labels: list[Label]) -> bool:
    """Whether ``label`` is one of this row's own label cells (the same object)."""
    return id(label) in map(id, labels)


def _positional(labels: list[Label]) -> bool:
    """Labels that sit one per role column, as written (no repair needed). A 一级 name in the
    二级 column has moved, unless it is a 二级 name too (成本指标 under 产出指标, 2015 form)."""
    roles = [lb.role for lb in labels]
    return (
        0 < len(labels) <= 2
        and None not in roles
        and len(set(roles)) == len(roles)
        and not any(
            lb.level == 1 and lb.role == 2 and canonical_level2(lb.cell.text) is None
            for lb in labels
        )
    )


def _pick(seconds: list[Label], cur1: Level | None, cur2: Level | None) -> Label:
    """Of several 二级 labels, the one nearest the name that fits and is not a stale repeat."""
    fitting = [lb for lb in seconds if _fits(cur1, lb)] or seconds
    fresh = [lb for lb in fitting if not cur2 or lb.canonical != cur2.canonical]
    return (fresh or fitting)[0]


def _can_start(rows: list[RowParts], start: int, level1: Level, fresh: list[Label]) -> bool:
    """Whether a lagging 一级 finds a later row whose 二级 fits it before another 一级 comes."""
    if fresh:
        return True
    for parts in rows[start:]:
        if any(_fits(level1, lb) for lb in parts.labels if lb.level == 2):
            return True
        if any(lb.level == 1 for lb in parts.labels):
            return False
    return False
