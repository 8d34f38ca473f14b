"""Domain knowledge for the rules: the keyword lexicons of rules/lexicons.toml, validated.

A pack is a TOML file of the same shape; a user pack (``packs = [...]`` in the config) adds its
words to the built-in lists. A pack with an unknown key or a wrong type is an error that names
the file and the key (:class:`PackError`), never silently ignored.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from target_lint.resources import data_path, load_toml

Direction = Literal["higher", "lower", "ambiguous"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Time(_Strict):
    suffix: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    not_time: tuple[str, ...] = ()


class _Suffixes(_Strict):
    suffix: tuple[str, ...] = ()


class _Quantity(_Strict):
    suffix: tuple[str, ...] = ()
    not_suffix: tuple[str, ...] = ()
    count_nouns: tuple[str, ...] = ()


class _Cost(_Strict):
    suffix: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()


class _Contains(_Strict):
    contains: tuple[str, ...] = ()


class _Benefit(_Strict):
    economic: tuple[str, ...] = ()
    social: tuple[str, ...] = ()
    ecological: tuple[str, ...] = ()
    legacy_sustainable: tuple[str, ...] = ()


class _Process(_Strict):
    exact_or_suffix: tuple[str, ...] = ()


class _Classes(_Strict):
    time: _Time = _Time()
    quality: _Suffixes = _Suffixes()
    quantity: _Quantity = _Quantity()
    cost: _Cost = _Cost()
    satisfaction: _Contains = _Contains()
    benefit: _Benefit = _Benefit()
    process: _Process = _Process()


class _Direction(_Strict):
    higher: tuple[str, ...] = ()
    lower: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()


class _Bounds(_Strict):
    proportion: tuple[str, ...] = ()
    reduction: tuple[str, ...] = ()
    growth: tuple[str, ...] = ()
    failure: tuple[str, ...] = ()


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
    basis_mapping: dict[str, str] = {}
    u_name_dimensions: dict[str, str] = {}
    u_score_scales: tuple[str, ...] = ()


class Knowledge(_Strict):
    """The lexicons, with the look-ups the rules share.

    A pack with ``replace = true`` replaces the lists it names instead of extending them.
    """

    replace: bool = False
    classes: _Classes = _Classes()
    direction: _Direction = _Direction()
    bounds: _Bounds = _Bounds()
    words: _Words = _Words()

    # -- look-ups -------------------------------------------------------------------------

    def name_class(self, name: str) -> str | None:
        """``time``, ``quality``, ``quantity`` or ``cost`` by the longest matching suffix."""
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
        text = _compact(text)
        return any(w in text for w in self.classes.time.contains) or (
            self.name_class(text) == "time"
        )

    def is_satisfaction(self, name: str) -> bool:
        return any(w in _compact(name) for w in self.classes.satisfaction.contains)

    def is_process(self, name: str) -> bool:
        text = _compact(name)
        return text.endswith(self.classes.process.exact_or_suffix)

    def is_cost_name(self, name: str) -> bool:
        text = _compact(name)
        return text.endswith(self.classes.cost.suffix) or any(
            w in text for w in self.classes.cost.contains
        )

    def direction_of(self, name: str) -> Direction | None:
        """Whether a bigger number is better, by the last rate token of the name (§6)."""
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
        return _longest_suffix(
            _compact(name),
            {
                "reduction": self.bounds.reduction,
                "growth": self.bounds.growth,
                "proportion": self.bounds.proportion,
            },
        )


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
    try:
        data = load_toml(path)
    except (OSError, ValueError) as error:
        raise PackError(f"{path}: cannot read rule pack: {error}") from error
    try:
        return Knowledge.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        line = _line_of(path, str(first["loc"][-1]))
        at = f"line {line}: " if line else ""
        raise PackError(f"{path}: {at}{where}: {first['msg']}") from error


def _line_of(path: Path, key: str) -> int | None:
    """The first line of a TOML file that defines ``key`` (for error messages)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f'"{key}"')) or stripped.endswith(f".{key}]"):
            return number
    return None


def merge(base: Knowledge, extra: Knowledge) -> Knowledge:
    """Knowledge with the lists of ``extra`` added to (or, with ``replace``, put in place of)
    the lists of ``base``."""
    changes = extra.model_dump(exclude_defaults=True, exclude={"replace"})
    merged = _merge_dicts(base.model_dump(exclude={"replace"}), changes, extra.replace)
    return Knowledge.model_validate(merged)


def _merge_dicts(
    base: dict[str, object], extra: dict[str, object], replace: bool
) -> dict[str, object]:
    out = dict(base)
    for key, value in extra.items():
        current = out.get(key)
        if isinstance(current, dict) and isinstance(value, dict) and key != "basis_mapping":
            out[key] = _merge_dicts(current, value, replace)
        elif isinstance(current, (list, tuple)) and isinstance(value, (list, tuple)):
            out[key] = tuple(value) if replace else tuple(dict.fromkeys([*current, *value]))
        elif isinstance(current, dict) and isinstance(value, dict):
            out[key] = value if replace else {**current, **value}
        else:
            out[key] = value
    return out


@functools.cache
def builtin_knowledge() -> Knowledge:
    return load_pack(data_path("rules", "lexicons.toml"))


def knowledge(packs: tuple[Path, ...] = ()) -> Knowledge:
    """The built-in lexicons plus the user's packs, in order."""
    result = builtin_knowledge()
    for pack in packs:
        result = merge(result, load_pack(pack))
    return result
