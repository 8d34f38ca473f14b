"""Lint sheets with the configured rules: the library entry points behind ``target-lint check``."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from target_lint.engine.config import Config
from target_lint.engine.finding import Finding
from target_lint.engine.knowledge import Knowledge, knowledge
from target_lint.engine.registry import all_rules, select
from target_lint.engine.rule import Context, Rule, Settings
from target_lint.engine.runner import lint_sheet as run_sheet
from target_lint.sheet.model import Sheet


@dataclass(frozen=True)
class Linter:
    """Rules, knowledge and settings chosen once from a Config, applied to many sheets."""

    config: Config
    rules: tuple[Rule, ...]
    knowledge: Knowledge

    @classmethod
    def from_config(cls, config: Config | None = None) -> Linter:
        config = config or Config()
        chosen = select(all_rules(), [*config.select, *config.extend_select], config.ignore)
        # unknown codes anywhere in the configuration are errors, not silently ignored
        select(all_rules(), list(config.severity))
        select(all_rules(), [c for codes in config.per_file_ignores.values() for c in codes])
        return cls(config, tuple(chosen), knowledge(tuple(config.packs)))

    @functools.cached_property
    def _settings(self) -> Settings:
        return self.config.domain.settings()

    def lint_sheet(self, sheet: Sheet) -> list[Finding]:
        ignored = self.config.ignored_for(sheet.source)
        rules = (
            [r for r in self.rules if not any(r.code.startswith(i) or r.name == i for i in ignored)]
            if ignored
            else self.rules
        )
        context = Context(sheet, self.knowledge, self._settings)
        overrides = {
            r.code: severity
            for key, severity in self.config.severity.items()
            for r in self.rules
            if r.code.startswith(key) or r.name == key
        }
        return run_sheet(sheet, rules, context, language=self.config.language, severities=overrides)

    def lint_path(self, path: str | Path) -> list[Finding]:
        from target_lint.readers import read_sheets

        sheets = read_sheets(path, max_bytes=self.config.max_bytes)
        return [f for sheet in sheets for f in self.lint_sheet(sheet)]


def lint_sheet(sheet: Sheet, config: Config | None = None) -> list[Finding]:
    """Findings for one sheet model."""
    return Linter.from_config(config).lint_sheet(sheet)


def lint_path(path: str | Path, config: Config | None = None) -> list[Finding]:
    """Findings for every sheet of a file. Raises InputError when it cannot be read."""
    return Linter.from_config(config).lint_path(path)
