"""C rules: whether each indicator is filed under the right 一级/二级 category."""

from __future__ import annotations

from target_lint.engine.rule import Rule

RULES: list[Rule] = []
