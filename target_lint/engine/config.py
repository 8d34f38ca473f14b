"""Configuration: ``[tool.target-lint]`` in pyproject.toml or a target-lint.toml.

The nearest file upwards from the working directory wins; command-line flags override it.
Unknown keys are errors that name the file and the key (:class:`ConfigError`).
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from target_lint.engine.finding import Severity
from target_lint.engine.rule import Settings
from target_lint.resources import load_toml

CONFIG_FILES = ("target-lint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, alias_generator=lambda n: n.replace("_", "-")
    )


class Domain(_Model):
    template_mode: Literal["auto", "2021", "legacy_2015"] = "auto"
    min_indicators: int = Field(5, ge=1)
    max_indicators: int = Field(30, ge=1)
    satisfaction_exempt_types: list[str] = ["机关运转", "人员经费", "人员支出", "内部保障"]
    reduction_info_pct: int = 50
    reduction_warn_pct: int = 90
    trivial_budget_wan: int = 100
    benefit_budget_ratio: int = 100
    unit_cost_tolerance: float = Field(0.20, gt=0)
    satisfaction_low_pct: int = 70
    satisfaction_high_pct: int = 98
    flat_share: float = Field(0.8, gt=0, le=1)

    def settings(self) -> Settings:
        values = self.model_dump()
        values["satisfaction_exempt_types"] = tuple(values["satisfaction_exempt_types"])
        return Settings(**values)


class Config(_Model):
    select: list[str] = ["ALL"]
    extend_select: list[str] = []
    ignore: list[str] = []
    severity: dict[str, Severity] = {}
    per_file_ignores: dict[str, list[str]] = {}
    language: Literal["zh", "en"] = "zh"
    packs: list[Path] = []
    fail_on: Severity = "warning"
    domain: Domain = Domain()
    source: Path | None = Field(default=None, exclude=True)

    def ignored_for(self, file: str) -> list[str]:
        """Rules ignored for one file by ``per-file-ignores`` (glob patterns)."""
        path = Path(file).as_posix()
        return [
            code
            for pattern, codes in self.per_file_ignores.items()
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(file).name, pattern)
            for code in codes
        ]


def find_config(start: Path) -> Path | None:
    """The nearest target-lint.toml, or pyproject.toml with ``[tool.target-lint]``."""
    for folder in [start, *start.parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (
                name != "pyproject.toml" or "target-lint" in _read(candidate).get("tool", {})
            ):
                return candidate
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _read(path)
    table = data.get("tool", {}).get("target-lint", {}) if path.name == "pyproject.toml" else data
    try:
        config = Config.model_validate(table)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {key}: {first['msg']}") from error
    packs = [p if p.is_absolute() else path.parent / p for p in config.packs]
    return config.model_copy(update={"packs": packs, "source": path})


def _read(path: Path) -> dict[str, Any]:
    try:
        return load_toml(path)
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from error
