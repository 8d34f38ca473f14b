"""The typed form of one indicator value (指标值), as the value parser returns it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Kind = Literal[
    "empty",
    "placeholder",
    "quantity",
    "range",
    "frequency",
    "deadline",
    "duration",
    "relative",
    "graded",
    "binary",
    "vague",
    "text",
]
KINDS: tuple[Kind, ...] = (
    "empty",
    "placeholder",
    "quantity",
    "range",
    "frequency",
    "deadline",
    "duration",
    "relative",
    "graded",
    "binary",
    "vague",
    "text",
)

Op = Literal[">=", "<=", "=", ">", "<"]

# Defects a value can carry; each is a short kebab-case word (see docs/values.md).
DEFECTS: tuple[str, ...] = (
    "missing-operator",
    "missing-number",
    "missing-unit",
    "bare-multiplier",
    "duplicated-unit",
    "spelled-unit",
    "malformed-compound-unit",
    "export-marker",
    "trailing-remark",
    "extra-text",
    "word-operator",
    "frequency-phrase",
    "ascii-operator",
    "full-width-character",
    "look-alike-character",
)


@dataclass(frozen=True)
class Span:
    """Where one parsed piece sits in the original cell text (code points, end exclusive)."""

    part: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class ParsedValue:
    """One 指标值 read into a typed expression.

    ``number`` is the decimal written in the cell without its multiplier (万/亿);
    ``magnitude`` is number × multiplier.  For a range they hold the lower bound and the
    ``*_high`` fields the upper bound.  Units are canonical names (``%``, ``元``, ``次/年``).
    """

    text: str
    kind: Kind
    op: Op | None = None
    number: str | None = None
    multiplier: int = 1
    magnitude: str | None = None
    unit: str | None = None
    number_high: str | None = None
    magnitude_high: str | None = None
    date: str | None = None
    reference: str | None = None
    word: str | None = None
    reason: str | None = None
    defects: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()

    @property
    def value(self) -> Decimal | None:
        """The magnitude as a Decimal, or None when the value has no number."""
        return Decimal(self.magnitude) if self.magnitude is not None else None

    @property
    def value_high(self) -> Decimal | None:
        """The upper bound of a range as a Decimal."""
        return Decimal(self.magnitude_high) if self.magnitude_high is not None else None

    @property
    def has_number(self) -> bool:
        return self.number is not None

    def span(self, part: str) -> Span | None:
        """The first span recorded for ``part`` (e.g. ``"op"``, ``"number"``, ``"unit"``)."""
        return next((s for s in self.spans if s.part == part), None)
