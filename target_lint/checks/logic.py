"""L rules: whether target values are logically possible and point the right way."""

from __future__ import annotations

from target_lint.engine.rule import Rule

RULES: list[Rule] = []
