"""Configuration: ``[tool.target-lint]`` in pyproject.toml or a target-lint.toml.

The nearest file upwards from the working directory wins; command-line flags override it.
Unknown keys are errors that name the file and the key (:class:`ConfigError`). Keys are
written in kebab-case (``fail-on``); snake_case is accepted too.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from target_lint.engine.finding import Severity
from target_lint.engine.rule import Settings
from target_lint.resources import load_toml, parse_toml

CONFIG_FILES = ("target-lint.toml", "pyproject.toml")

# pydantic's settings for these dataclasses (target_lint.schema validates with them)
_PYDANTIC: dict[str, Any] = {
    "extra": "forbid",
    "populate_by_name": True,
    "alias_generator": lambda name: name.replace("_", "-"),
}


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, kw_only=True)
class Domain:
    """Thresholds of the domain rules (``[tool.target-lint.domain]``)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _PYDANTIC

    template_mode: Literal["auto", "2021", "legacy_2015"] = "auto"
    min_indicators: int = 5
    max_indicators: int = 30
    satisfaction_exempt_types: list[str] = field(
        default_factory=lambda: ["机关运转", "人员经费", "人员支出", "内部保障"]
    )
    reduction_info_pct: int = 50
    reduction_warn_pct: int = 90
    trivial_budget_wan: int = 100
    benefit_budget_ratio: int = 100
    unit_cost_tolerance: float = 0.20
    satisfaction_low_pct: int = 70
    satisfaction_high_pct: int = 98
    flat_share: float = 0.8

    def __post_init__(self) -> None:
        for name in ("min_indicators", "max_indicators"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name.replace('_', '-')} must be 1 or more")
        if self.unit_cost_tolerance <= 0:
            raise ValueError("unit-cost-tolerance must be greater than 0")
        if not 0 < self.flat_share <= 1:
            raise ValueError("flat-share must be greater than 0 and at most 1")

    def settings(self) -> Settings:
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        values["satisfaction_exempt_types"] = tuple(values["satisfaction_exempt_types"])
        return Settings(**values)


@dataclass(frozen=True, kw_only=True)
class Config:
    """The settings of a run; ``source`` is the file they were read from (never written)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _PYDANTIC

    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    language: Literal["zh", "en"] = "zh"
    packs: list[Path] = field(default_factory=list)
    fail_on: Severity = "warning"
    max_file_size_mb: float = 50
    domain: Domain = field(default_factory=Domain)
    source: Path | None = field(default=None, metadata={"dump": False})

    def __post_init__(self) -> None:
        if self.max_file_size_mb <= 0:
            raise ValueError("max-file-size-mb must be greater than 0")

    @property
    def max_bytes(self) -> int:
        """``max-file-size-mb`` in bytes: larger input files are refused unread."""
        return int(self.max_file_size_mb * 1024 * 1024)

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
    """The configuration in ``path`` (validated once per file content), or the defaults."""
    if path is None:
        return Config()
    from target_lint.validated import load_validated

    try:
        config = load_validated(Config, path, lambda data: _validate(path, data))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from error
    packs = [p if p.is_absolute() else path.parent / p for p in config.packs]
    return dataclasses.replace(config, packs=packs, source=path)


def _validate(path: Path, data: bytes) -> Config:
    from target_lint.schema import SchemaError, validate

    document = _parse(path, data)
    table = (
        document.get("tool", {}).get("target-lint", {})
        if path.name == "pyproject.toml"
        else document
    )
    try:
        return validate(Config, table)
    except SchemaError as error:
        raise ConfigError(f"{path}: {error}") from error


def _read(path: Path) -> dict[str, Any]:
    try:
        return load_toml(path)
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from error


def _parse(path: Path, data: bytes) -> dict[str, Any]:
    try:
        return parse_toml(data)
    except ValueError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from error
