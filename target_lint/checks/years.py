"""Y rules: targets compared with the previous years (前年/上年 columns)."""

from __future__ import annotations

from target_lint.engine.rule import Rule

RULES: list[Rule] = []
