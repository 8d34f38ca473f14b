"""Domain knowledge for the rules: the keyword lexicons of rules/lexicons.toml, validated.

A pack is a TOML file of the same shape; a user pack (``packs = [...]`` in the config) adds its
words to the built-in lists. A pack with an unknown key or a wrong type is an error that names
the file and the key (:class:`PackError`), never silently ignored.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

from target_lint.resources import data_path, parse_toml

Direction = Literal["higher", "lower", "ambiguous"]


T = TypeVar("T")


@dataclass(frozen=True, eq=False, repr=False)
class _Strict:
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


@dataclass(frozen=True, eq=False, repr=False)
class _Time(_Strict):
    suffix: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    not_time: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class _Suffixes(_Strict):
    suffix: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class _Quantity(_Strict):
    suffix: tuple[str, ...] = ()
    not_suffix: tuple[str, ...] = ()
    count_nouns: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class _Cost(_Strict):
    suffix: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class _Contains(_Strict):
    contains: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class _Benefit(_Strict):
    economic: tuple[str, ...] = ()
    social: tuple[str, ...] = ()
    ecological: tuple[str, ...] = ()
    legacy_sustainable: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class _Process(_Strict):
    exact_or_suffix: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class _Classes(_Strict):
    time: _Time = field(default_factory=_Time)
    quality: _Suffixes = field(default_factory=_Suffixes)
    quantity: _Quantity = field(default_factory=_Quantity)
    cost: _Cost = field(default_factory=_Cost)
    satisfaction: _Contains = field(default_factory=_Contains)
    benefit: _Benefit = field(default_factory=_Benefit)
    process: _Process = field(default_factory=_Process)


@dataclass(frozen=True, eq=False, repr=False)
class _Direction(_Strict):
    higher: tuple[str, ...] = ()
    lower: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class _Bounds(_Strict):
    proportion: tuple[str, ...] = ()
    reduction: tuple[str, ...] = ()
    growth: tuple[str, ...] = ()
    failure: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class _Words(_Strict):
    action_verbs: tuple[str, ...] = ()
    measure_nouns: tuple[str, ...] = ()
    improvement_verbs: tuple[str, ...] = ()
    improvement_values: tuple[str, ...] = ()
    c_harm_words: tuple[str, ...] = ()
    c_quality_rates: tuple[str, ...] = ()
    c_outcome_counts: tuple[str, ...] = ()
    c_time_hints: tuple[str, ...] = ()
    c_timeliness_ambiguous: tuple[str, ...] = ()
    c_economic_signals: tuple[str, ...] = ()
    c_social_signals: tuple[str, ...] = ()
    c_ecological_signals: tuple[str, ...] = ()
    c_macro_terms: tuple[str, ...] = ()
    narrative_marks: tuple[str, ...] = ()
    narrative_starts: tuple[str, ...] = ()
    regional_scope: tuple[str, ...] = ()
    regional_statistics: tuple[str, ...] = ()
    rank: tuple[str, ...] = ()
    rank_gain: tuple[str, ...] = ()
    duration_verbs: tuple[str, ...] = ()
    duration_nouns: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    rate_suffixes: tuple[str, ...] = ()
    one_off: tuple[str, ...] = ()
    l_cost_nouns: tuple[str, ...] = ()
    l_saving_words: tuple[str, ...] = ()
    l_unbounded_rates: tuple[str, ...] = ()
    l_signed_measures: tuple[str, ...] = ()
    total_cost: tuple[str, ...] = ()
    unit_cost: tuple[str, ...] = ()
    k_pairing_noise: tuple[str, ...] = ()
    k_per_person: tuple[str, ...] = ()
    k_stock_nouns: tuple[str, ...] = ()
    compound_measures: tuple[str, ...] = ()
    compound_joins: tuple[str, ...] = ()
    v_not_narrative: tuple[str, ...] = ()
    v_not_measure_nouns: tuple[str, ...] = ()
    v_vague_time: tuple[str, ...] = ()
    v_statement_ends: tuple[str, ...] = ()
    empty_goals: tuple[str, ...] = ()
    basis_standards: tuple[str, ...] = ()
    basis_mapping: dict[str, str] = field(default_factory=dict)
    u_name_dimensions: dict[str, str] = field(default_factory=dict)
    u_score_scales: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Knowledge(_Strict):
    """The lexicons, with the look-ups the rules share (memoised: a Knowledge never changes,
    and it compares by identity).

    A pack with ``replace = true`` replaces the lists it names instead of extending them.
    """

    replace: bool = False
    classes: _Classes = field(default_factory=_Classes)
    direction: _Direction = field(default_factory=_Direction)
    bounds: _Bounds = field(default_factory=_Bounds)
    words: _Words = field(default_factory=_Words)

    # -- look-ups -------------------------------------------------------------------------

    def name_class(self, name: str) -> str | None:
        """``time``, ``quality``, ``quantity`` or ``cost`` by the longest matching suffix."""
        return _name_class(self, name)

    def _name_class(self, name: str) -> str | None:
        text = _compact(name)
        best: tuple[int, str] | None = None
        candidates = {
            "time": self.classes.time.suffix,
            "quality": self.classes.quality.suffix,
            "quantity": self.classes.quantity.suffix,
            "cost": self.classes.cost.suffix,
        }
        for label, suffixes in candidates.items():
            for suffix in suffixes:
                if text.endswith(suffix) and (best is None or len(suffix) > best[0]):
                    best = (len(suffix), label)
        if best and best[1] == "quantity" and text.endswith(self.classes.quantity.not_suffix):
            return None
        if best and best[1] == "time" and any(w in text for w in self.classes.time.not_time):
            return None
        return best[1] if best else None

    def has_time_words(self, text: str) -> bool:
        return _has_time_words(self, text)

    def _has_time_words(self, text: str) -> bool:
        text = _compact(text)
        return any(w in text for w in self.classes.time.contains) or (
            self.name_class(text) == "time"
        )

    def is_satisfaction(self, name: str) -> bool:
        return _is_satisfaction(self, name)

    def _is_satisfaction(self, name: str) -> bool:
        return any(w in _compact(name) for w in self.classes.satisfaction.contains)

    def is_process(self, name: str) -> bool:
        return _is_process(self, name)

    def _is_process(self, name: str) -> bool:
        return _compact(name).endswith(self.classes.process.exact_or_suffix)

    def is_cost_name(self, name: str) -> bool:
        return _is_cost_name(self, name)

    def _is_cost_name(self, name: str) -> bool:
        text = _compact(name)
        return text.endswith(self.classes.cost.suffix) or any(
            w in text for w in self.classes.cost.contains
        )

    def direction_of(self, name: str) -> Direction | None:
        """Whether a bigger number is better, by the last rate token of the name (§6)."""
        return _direction_of(self, name)

    def _direction_of(self, name: str) -> Direction | None:
        text = _compact(name)
        found = _longest_suffix(
            text,
            {
                "higher": self.direction.higher,
                "lower": self.direction.lower,
                "ambiguous": self.direction.ambiguous,
            },
        )
        return found  # type: ignore[return-value]

    def bound_of(self, name: str) -> str | None:
        """``reduction``, ``growth`` or ``proportion`` for a rate name (§6.3)."""
        return _bound_of(self, name)

    def _bound_of(self, name: str) -> str | None:
        return _longest_suffix(
            _compact(name),
            {
                "reduction": self.bounds.reduction,
                "growth": self.bounds.growth,
                "proportion": self.bounds.proportion,
            },
        )


@functools.lru_cache(maxsize=1 << 14)
def _name_class(knowledge: Knowledge, name: str) -> str | None:
    return knowledge._name_class(name)


@functools.lru_cache(maxsize=1 << 14)
def _has_time_words(knowledge: Knowledge, text: str) -> bool:
    return knowledge._has_time_words(text)


@functools.lru_cache(maxsize=1 << 14)
def _is_satisfaction(knowledge: Knowledge, name: str) -> bool:
    return knowledge._is_satisfaction(name)


@functools.lru_cache(maxsize=1 << 14)
def _is_process(knowledge: Knowledge, name: str) -> bool:
    return knowledge._is_process(name)


@functools.lru_cache(maxsize=1 << 14)
def _is_cost_name(knowledge: Knowledge, name: str) -> bool:
    return knowledge._is_cost_name(name)


@functools.lru_cache(maxsize=1 << 14)
def _direction_of(knowledge: Knowledge, name: str) -> Direction | None:
    return knowledge._direction_of(name)


@functools.lru_cache(maxsize=1 << 14)
def _bound_of(knowledge: Knowledge, name: str) -> str | None:
    return knowledge._bound_of(name)


def _longest_suffix(text: str, groups: dict[str, Iterable[str]]) -> str | None:
    best: tuple[int, str] | None = None
    for label, suffixes in groups.items():
        for suffix in suffixes:
            if text.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), label)
    return best[1] if best else None


def _compact(text: str) -> str:
    return "".join(text.split())


class PackError(Exception):
    """A rule pack that cannot be used: the message names the file and the problem."""


def load_pack(path: Path) -> Knowledge:
    """A rule pack (or the built-in lexicons), validated once per file content."""
    from target_lint.validated import load_validated

    try:
        return load_validated(Knowledge, path, lambda data: _validate(path, data))
    except OSError as error:
        raise PackError(f"{path}: cannot read rule pack: {error}") from error


def _validate(path: Path, data: bytes) -> Knowledge:
    from target_lint.schema import SchemaError, validate

    try:
        document = parse_toml(data)
    except ValueError as error:
        raise PackError(f"{path}: cannot read rule pack: {error}") from error
    try:
        return validate(Knowledge, document)
    except SchemaError as error:
        where = ".".join(str(p) for p in error.where)
        line = _line_of(path, str(error.where[-1])) if error.where else None
        at = f"line {line}: " if line else ""
        raise PackError(f"{path}: {at}{where}: {error.message}") from error


def _line_of(path: Path, key: str) -> int | None:
    """The first line of a TOML file that defines ``key`` (for error messages)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f'"{key}"')) or stripped.endswith(f".{key}]"):
            return number
    return None


def merge(base: Knowledge, extra: Knowledge) -> Knowledge:
    """Knowledge with the lists of ``extra`` added to (or, with ``replace``, put in place of)
    the lists of ``base``. What ``extra`` leaves at its default is left as ``base`` has it."""
    return _merge(base, extra, extra.replace)


def _merge(base: T, extra: T, replace: bool) -> T:
    changes: dict[str, object] = {}
    for item in dataclasses.fields(base):  # type: ignore[arg-type]
        old, new = getattr(base, item.name), getattr(extra, item.name)
        if item.name == "replace":
            continue
        if isinstance(old, _Strict):
            changes[item.name] = _merge(old, new, replace)
        elif new == _default(item):
            continue
        elif isinstance(old, tuple):
            changes[item.name] = tuple(new) if replace else tuple(dict.fromkeys([*old, *new]))
        elif isinstance(old, dict):
            changes[item.name] = new if replace else {**old, **new}
        else:
            changes[item.name] = new
    return dataclasses.replace(base, **changes)  # type: ignore[type-var]


def _default(item: dataclasses.Field[Any]) -> object:
    if item.default_factory is not dataclasses.MISSING:
        return item.default_factory()
    return item.default


@functools.cache
def builtin_knowledge() -> Knowledge:
    return load_pack(data_path("rules", "lexicons.toml"))


def knowledge(packs: tuple[Path, ...] = ()) -> Knowledge:
    """The built-in lexicons plus the user's packs, in order."""
    result = builtin_knowledge()
    for pack in packs:
        result = merge(result, load_pack(pack))
    return result
