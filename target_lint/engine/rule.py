"""How a rule is written: metadata plus a check function over one scope of a sheet.

A rule module declares rules with the ``@rule(...)`` decorator and lists them in ``RULES``;
its entry point in the ``target_lint.rules`` group makes the engine (and plugins) find it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from target_lint.engine.finding import Fix, ProblemKind, Severity
from target_lint.engine.knowledge import Knowledge
from target_lint.sheet.model import GoalBlock, Indicator, Position, Sheet
from target_lint.values import ParsedValue

Scope = Literal["indicator", "goal", "sheet"]
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """Thresholds of the domain rules (``[tool.target-lint.domain]``)."""

    template_mode: Literal["auto", "2021", "legacy_2015"] = "auto"
    min_indicators: int = 5
    max_indicators: int = 30
    satisfaction_exempt_types: tuple[str, ...] = ("机关运转", "人员经费", "人员支出", "内部保障")
    reduction_info_pct: int = 50
    reduction_warn_pct: int = 90
    trivial_budget_wan: int = 100
    benefit_budget_ratio: int = 100
    unit_cost_tolerance: float = 0.20
    satisfaction_low_pct: int = 70
    satisfaction_high_pct: int = 98
    flat_share: float = 0.8


@dataclass(frozen=True, eq=False)
class Context:
    """What every check sees: the sheet, the domain knowledge and the settings.

    ``memo`` holds what several checks derive from the same sheet (see :meth:`cached`).
    """

    sheet: Sheet
    knowledge: Knowledge
    settings: Settings
    memo: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once per sheet for each ``key``."""
        if key not in self.memo:
            self.memo[key] = compute()
        result: T = self.memo[key]
        return result

    def mode(self) -> Literal["2021", "legacy_2015"]:
        """The template framework of the sheet (rule catalog §2.5)."""
        return self.cached("mode", self._mode)

    def _mode(self) -> Literal["2021", "legacy_2015"]:
        if self.settings.template_mode != "auto":
            return self.settings.template_mode
        year = self.sheet.meta.budget_year
        if year is not None and year >= 2022:
            return "2021"
        for ind in self.sheet.indicators:
            if ind.level1_canonical == "成本指标" or ind.level2_canonical in (
                "经济成本指标",
                "社会成本指标",
                "生态环境成本指标",
            ):
                return "2021"
        legacy = any(i.level2_canonical == "可持续影响指标" for i in self.sheet.indicators)
        return "legacy_2015" if legacy else "2021"


@dataclass(frozen=True)
class Hit:
    """One problem a check found; the engine turns it into a Finding.

    ``indicator`` and ``field`` say where (defaults: the indicator being checked, its value
    cell); ``position`` points elsewhere, e.g. at a metadata field (``sheet.meta.positions``);
    ``args`` fill the message template; ``severity`` overrides the rule's default.
    """

    args: dict[str, Any] = field(default_factory=dict)
    indicator: Indicator | None = None
    field: str = "value"
    severity: Severity | None = None
    fix: Fix | None = None
    position: Position | None = None


@dataclass(frozen=True, eq=False)
class IndicatorCheck:
    """The arguments of an indicator-scope check; ``memo`` holds what several checks derive
    from the same row (a check family's reading of its labels, say)."""

    indicator: Indicator
    goal: GoalBlock
    context: Context
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def value(self) -> ParsedValue:
        return self.indicator.parsed


@dataclass(frozen=True, eq=False)
class GoalCheck:
    goal: GoalBlock
    context: Context


@dataclass(frozen=True, eq=False)
class RuleDoc:
    """The explanation shown by ``target-lint rule CODE`` and in the docs."""

    summary: str
    why: str
    example: str
    fixed: str


@dataclass(frozen=True, eq=False)
class Rule:
    """A rule's metadata and check. ``scoring`` rules look at scoring tables (评分表), every
    other rule at target tables only: a table of points has no target values to check."""

    code: str
    name: str
    kind: ProblemKind
    severity: Severity
    scope: Scope
    message: dict[str, str]  # language → template
    doc: RuleDoc
    check: Callable[[Any], Iterable[Hit]]
    fixable: bool = False
    scoring: bool = False

    def render(self, language: str, args: dict[str, Any]) -> str:
        template = self.message.get(language) or self.message["zh"]
        return single_line(template.format(**args))


def single_line(text: str) -> str:
    """Text with its line breaks (a wrapped cell: ``经济效益\n指标``) joined: nothing between
    two CJK characters, a space elsewhere."""
    if "\n" not in text and "\r" not in text:
        return text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    joined = lines[0] if lines else ""
    for line in lines[1:]:
        cjk = _is_cjk(joined[-1]) and _is_cjk(line[0])
        joined += ("" if cjk else " ") + line
    return joined


def _is_cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def rule(
    *,
    code: str,
    name: str,
    kind: ProblemKind,
    severity: Severity,
    scope: Scope,
    zh: str,
    en: str,
    summary: str,
    why: str,
    example: str,
    fixed: str,
    fixable: bool = False,
    scoring: bool = False,
) -> Callable[[Callable[[Any], Iterable[Hit]]], Rule]:
    """Declare a rule: ``@rule(code="V103", name="placeholder-value", …)`` over its check."""

    def declare(check: Callable[[Any], Iterable[Hit]]) -> Rule:
        doc = RuleDoc(summary=summary, why=why, example=example, fixed=fixed)
        message = {"zh": zh, "en": en}
        return Rule(code, name, kind, severity, scope, message, doc, check, fixable, scoring)

    return declare
