"""K rules: consistency between indicators, goals and the budget."""

from __future__ import annotations

from target_lint.engine.rule import Rule

RULES: list[Rule] = []
