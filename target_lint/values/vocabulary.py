"""The value language's word lists (grammar/vocabulary.toml), loaded once per process."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from target_lint.resources import data_path, load_toml


@dataclass(frozen=True)
class Vocabulary:
    unit_aliases: dict[str, str]
    spelled_units: frozenset[str]
    unit_category: dict[str, str]
    placeholder_refs: frozenset[str]
    relative_refs: frozenset[str]
    implied_refs: dict[str, str]
    placeholder_words: dict[str, str]
    placeholder_exact: frozenset[str]
    grades: frozenset[str]
    grade_suffixes: tuple[str, ...]
    standard_markers: tuple[str, ...]
    standard_verbs: tuple[str, ...]
    binary: frozenset[str]
    vague: frozenset[str]
    descriptive: frozenset[str]
    separators: tuple[str, ...]
    hedges: tuple[str, ...]
    operator_words: dict[str, str]
    operator_suffixes: dict[str, str]
    changes: dict[str, str]

    def canonical_unit(self, spelling: str) -> str:
        return self.unit_aliases.get(spelling, spelling)

    def category(self, unit: str) -> str | None:
        """``count``, ``money``, ``time``, … for an atomic canonical unit."""
        return self.unit_category.get(unit)


@functools.cache
def vocabulary() -> Vocabulary:
    data: dict[str, Any] = load_toml(data_path("grammar", "vocabulary.toml"))
    units, refs, words, ops = (
        data["units"],
        data["references"],
        data["qualitative"],
        data["operators"],
    )
    category = {unit: name for name, members in units["category"].items() for unit in members}
    return Vocabulary(
        unit_aliases=dict(units["aliases"]),
        spelled_units=frozenset(units["spelled"]),
        unit_category=category,
        placeholder_refs=frozenset(refs["placeholder"]),
        relative_refs=frozenset(refs["relative"]),
        implied_refs=dict(refs["implied"]),
        placeholder_words=dict(words["placeholder_words"]),
        placeholder_exact=frozenset(words["placeholder_exact"]),
        grades=frozenset(words["grades"]),
        grade_suffixes=tuple(words["grade_suffixes"]),
        standard_markers=tuple(words["standard_markers"]),
        standard_verbs=tuple(words["standard_verbs"]),
        binary=frozenset(words["binary"]),
        vague=frozenset(words["vague"]),
        descriptive=frozenset(words["descriptive"]),
        separators=tuple(words["separators"]),
        hedges=tuple(words["hedges"]),
        operator_words=dict(ops["words"]),
        operator_suffixes=dict(ops["suffixes"]),
        changes=dict(ops["changes"]),
    )
