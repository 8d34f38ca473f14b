"""S rules: whether the sheet has the indicator structure the framework asks for."""

from __future__ import annotations

from target_lint.engine.rule import Rule

RULES: list[Rule] = []
