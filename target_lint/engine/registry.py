"""Finding rules: built-in and plugin rule modules register under one entry-point group."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from target_lint.engine.rule import Rule

ENTRY_POINT_GROUP = "target_lint.rules"


class RuleError(Exception):
    """A rule set that cannot be used (a code or name taken twice, an unknown selector)."""


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every installed rule, sorted by code; codes and names must be unique."""
    from target_lint.engine.plugins import load_group

    found: list[Rule] = []
    for rules in load_group(ENTRY_POINT_GROUP):
        found.extend(rules)
    return check_unique(found)


def check_unique(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    seen: dict[str, Rule] = {}
    for item in rules:
        for key in (item.code, item.name):
            if key in seen and seen[key] is not item:
                raise RuleError(f"rule {key!r} is defined twice ({seen[key].code}, {item.code})")
            seen[key] = item
    return tuple(sorted(set(seen.values()), key=lambda r: r.code))


def matches(item: Rule, selector: str) -> bool:
    """``ALL``, a code (``V103``), a code prefix (``V``, ``V1``) or a kebab name."""
    return selector == "ALL" or item.name == selector or item.code.startswith(selector)


def find_rule(key: str, rules: Iterable[Rule]) -> Rule | None:
    return next((r for r in rules if key in (r.code, r.name) or key.upper() == r.code), None)


def select(rules: Iterable[Rule], chosen: Iterable[str], ignored: Iterable[str] = ()) -> list[Rule]:
    """The rules matched by ``chosen`` and by none of ``ignored``; unknown selectors raise."""
    pool = list(rules)
    chosen, ignored = list(chosen), list(ignored)
    for selector in [*chosen, *ignored]:
        if not any(matches(r, selector) for r in pool):
            raise RuleError(f"unknown rule or prefix {selector!r}")
    return [
        r
        for r in pool
        if any(matches(r, s) for s in chosen) and not any(matches(r, s) for s in ignored)
    ]
