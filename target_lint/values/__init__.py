"""Indicator values (指标值): the typed form and the parser that produces it."""

from target_lint.values.model import KINDS, Kind, Op, ParsedValue, Span
from target_lint.values.parser import parse_value

__all__ = ["KINDS", "Kind", "Op", "ParsedValue", "Span", "parse_value"]
