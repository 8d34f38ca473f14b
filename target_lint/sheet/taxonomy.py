"""The 一级 / 二级 indicator taxonomy (rules/taxonomy.toml), loaded once per process.

Labels are cleaned (:func:`clean_label`), then looked up with and without a trailing 指标 /
类指标 among the names of the column they stand in (:func:`canonical_level1`,
:func:`canonical_level2`) or of either column (:func:`classify_label`). The parent maps answer
which 二级 names belong under a 一级, in the 2021 or the legacy 2015 framework.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from target_lint.resources import data_path, load_toml

Mode = Literal["2021", "legacy_2015"]

_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


@dataclass(frozen=True)
class Taxonomy:
    marks: re.Pattern[str]
    noise: tuple[re.Pattern[str], ...]
    suffixes: tuple[str, ...]
    level1: dict[str, str]  # key → canonical, for a label in the 一级 column
    level2: dict[str, str]  # key → canonical, for a label in the 二级 column
    level1_any: dict[str, str]  # the same without column-only variants
    level2_any: dict[str, str]
    children: dict[str, dict[str, frozenset[str]]]  # mode → 一级 → valid 二级
    evaluation: frozenset[str]  # keys of the evaluation framework's 一级 (决策, 过程)


def _key(label: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if label.endswith(suffix) and len(label) > len(suffix):
            return label[: -len(suffix)]
    return label


def _lookup(entries: dict[str, Any], suffixes: tuple[str, ...], *, column: bool) -> dict[str, str]:
    table: dict[str, str] = {}
    for name, entry in entries.items():
        spellings = [name, *entry.get("variants", ())]
        if column:
            spellings += entry.get("column_variants", ())
        for spelling in spellings:
            key = _key(spelling, suffixes)
            if table.setdefault(key, name) != name:
                raise ValueError(f"taxonomy.toml: {spelling!r} means {table[key]} and {name}")
    return table


def _check_parents(level2: dict[str, Any], children: dict[str, dict[str, frozenset[str]]]) -> None:
    for name, entry in level2.items():
        mode = "legacy_2015" if entry.get("legacy", False) else "2021"
        if name not in children[mode].get(entry["parent"], frozenset()):
            raise ValueError(f"taxonomy.toml: {name} is not under {entry['parent']} in {mode}")
    for tree in children.values():
        for parent, kids in tree.items():
            if unknown := kids - level2.keys():
                raise ValueError(f"taxonomy.toml: unknown 二级 under {parent}: {sorted(unknown)}")


@functools.cache
def taxonomy() -> Taxonomy:
    data: dict[str, Any] = load_toml(data_path("rules", "taxonomy.toml"))
    noise, level1, level2 = data["label_noise"], data["level1"], data["level2"]
    suffixes = tuple(sorted(noise["category_suffixes"], key=len, reverse=True))
    children = {
        mode.removeprefix("mode_"): {parent: frozenset(kids) for parent, kids in table.items()}
        for mode, table in data["parents"].items()
    }
    _check_parents(level2, children)
    return Taxonomy(
        marks=re.compile("[" + re.escape("".join(noise["marks"])) + "]"),
        noise=tuple(
            re.compile(pattern)
            for pattern in (*noise["leading"], *noise["trailing"], *noise["inner"])
        ),
        suffixes=suffixes,
        level1=_lookup(level1, suffixes, column=True),
        level2=_lookup(level2, suffixes, column=True),
        level1_any=_lookup(level1, suffixes, column=False),
        level2_any=_lookup(level2, suffixes, column=False),
        children=children,
        evaluation=frozenset(_key(name, suffixes) for name in data["evaluation"]["level1"]),
    )


@functools.lru_cache(maxsize=1 << 14)
def clean_label(raw: str) -> str:
    """Strip label noise: full-width forms, whitespace, marks, numbering, score suffixes.

    ``"（一）产 出 指 标（50分）"`` → ``"产出指标"``. Meant for category labels, not values.
    Memoised: the same labels come back on every row.
    """
    tax = taxonomy()
    label = _INVISIBLE.sub("", unicodedata.normalize("NFKC", tax.marks.sub("", raw)))
    previous = None
    while label != previous:
        previous = label
        for pattern in tax.noise:
            label = pattern.sub("", label)
    return label


def _find(table: dict[str, str], raw: str) -> str | None:
    return table.get(_label_key(raw))


@functools.lru_cache(maxsize=1 << 14)
def _label_key(raw: str) -> str:
    """The cleaned label without its category suffix: what the look-up tables are keyed on."""
    return _key(clean_label(raw), taxonomy().suffixes)


def canonical_level1(raw: str) -> str | None:
    """The canonical 一级 name for text in the 一级 column, or None when unknown."""
    return _find(taxonomy().level1, raw)


def canonical_level2(raw: str) -> str | None:
    """The canonical 二级 name for text in the 二级 column, or None when unknown."""
    return _find(taxonomy().level2, raw)


@functools.lru_cache(maxsize=1 << 14)
def classify_label(raw: str) -> tuple[Literal[1, 2], str] | None:
    """Whether a label, wherever it stands, names a 一级 or a 二级 (一级 first), or None."""
    tax = taxonomy()
    if (name := _find(tax.level1_any, raw)) is not None:
        return 1, name
    if (name := _find(tax.level2_any, raw)) is not None:
        return 2, name
    return None


def is_evaluation_level1(raw: str) -> bool:
    """Whether a 一级 label belongs to the evaluation framework (决策, 项目过程), not to the
    target framework: the table is an evaluation's scoring table."""
    return _label_key(raw) in taxonomy().evaluation


def valid_children(level1_canonical: str, mode: Mode = "2021") -> frozenset[str]:
    """The 二级 names valid under a canonical 一级 (empty for an unknown one)."""
    return taxonomy().children[mode].get(level1_canonical, frozenset())


@functools.lru_cache(maxsize=1024)
def parent_of(level2_canonical: str, mode: Mode = "2021") -> str | None:
    """The 一级 a canonical 二级 belongs under, or None (e.g. a legacy 二级 in 2021 mode)."""
    for parent, kids in taxonomy().children[mode].items():
        if level2_canonical in kids:
            return parent
    return None


def is_valid_pair(level1: str, level2: str, mode: Mode = "2021") -> bool:
    """Whether canonical ``level2`` may stand under canonical ``level1`` in ``mode``."""
    return level2 in valid_children(level1, mode)
