"""U rules: units of measure in target values."""

from __future__ import annotations

from target_lint.engine.rule import Rule

RULES: list[Rule] = []
