"""Helpers that several rule families share: text forms, message pairs, units, costs, goals.

Not a rule module: it has no ``RULES`` and is not registered as an entry point.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal

from target_lint.engine.finding import Severity
from target_lint.engine.knowledge import Knowledge
from target_lint.sheet.model import GoalBlock, Indicator, Sheet
from target_lint.values import ParsedValue
from target_lint.values.parser import MULTIPLIERS
from target_lint.values.vocabulary import vocabulary

OPERATOR_SIGNS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}
MULTIPLIER_WORDS = {size: word for word, size in MULTIPLIERS.items()}  # 10000 → 万
LOWER: dict[Severity, Severity] = {"error": "warning", "warning": "info", "info": "info"}
CENT = Decimal("0.01")


# --- text and messages ---------------------------------------------------------------------


def pair(zh: str, en: str) -> dict[str, str]:
    """One message argument in both languages (``{detail[zh]}``, ``{detail[en]}``)."""
    return {"zh": zh, "en": en}


def compact(text: str) -> str:
    """The text without whitespace."""
    return "".join(text.split())


@functools.lru_cache(maxsize=1 << 16)
def nfkc_compact(text: str | None) -> str:
    """The text in NFKC without whitespace (empty for None): the form names are compared in."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def contains_any(text: str, words: Sequence[str]) -> bool:
    """Whether one of ``words`` occurs in ``text`` (as written: no folding).

    ``words`` is a stored lexicon list: one pattern is compiled for each, on first use.
    """
    entry = _ALTERNATIONS.get(id(words))
    if entry is None or entry[0] is not words:
        entry = (words, re.compile("|".join(map(re.escape, words))) if words else None)
        _ALTERNATIONS[id(words)] = entry
    return entry[1] is not None and entry[1].search(text) is not None


# id of a lexicon list → (the list, which keeps the id taken; its words as one pattern)
_ALTERNATIONS: dict[int, tuple[Sequence[str], re.Pattern[str] | None]] = {}


def ends_with(name: str, words: tuple[str, ...]) -> bool:
    """Whether the name, without whitespace, ends with one of ``words``."""
    return bool(words) and compact(name).endswith(words)


def plain_number(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros (``2950``, ``1311.13``)."""
    return format(value.normalize(), "f")


def rounded_number(value: Decimal) -> str:
    """A decimal rounded to two places, without trailing zeros (``394.8``)."""
    return plain_number(value.quantize(CENT))


# --- units and costs ----------------------------------------------------------------------


def unit_category(unit: str | None) -> str | None:
    """The category (``count``, ``money``, ``time``, …) of a unit's head (``元`` of ``元/人``)."""
    return vocabulary().category(unit.split("/")[0]) if unit else None


def has_money_unit(value: ParsedValue) -> bool:
    """Whether the value's unit is money (元, 元/人); a bare 万 or 亿 is not."""
    return unit_category(value.unit) == "money"


def scaled_unit(value: ParsedValue) -> str:
    """The canonical unit with the cell's 万/亿 in front (``万平方米``)."""
    return MULTIPLIER_WORDS.get(value.multiplier, "") + (value.unit or "")


def is_unit_cost_name(name: str, knowledge: Knowledge) -> bool:
    """A name with a unit-cost word (人均, 单价, 标准 …)."""
    return contains_any(name, knowledge.words.unit_cost)


def is_total_cost(name: str, knowledge: Knowledge) -> bool:
    """项目资金, 养护经费, 预算金额 … but not 人均费用 or 补助标准."""
    total = contains_any(name, knowledge.words.total_cost)
    return total and not is_unit_cost_name(name, knowledge)


# --- goal tables --------------------------------------------------------------------------


def runs(block: GoalBlock, key: Callable[[Indicator], object]) -> list[list[Indicator]]:
    """The table's rows in runs of consecutive rows with the same ``key``."""
    found: list[list[Indicator]] = []
    for indicator in block.indicators:
        if found and key(found[-1][0]) == key(indicator):
            found[-1].append(indicator)
        else:
            found.append([indicator])
    return found


def goal_text(sheet: Sheet, goal: GoalBlock) -> str:
    """The goal's text (项目绩效总目标) or title, normalised; empty when unknown."""
    texts = sheet.meta.goals
    if goal.goal and goal.goal in texts:
        return nfkc_compact(texts[goal.goal])
    prefix = "长期目标" if goal.table == "long_term" else "年度目标"
    keys = [key for key in texts if key.startswith(prefix)]
    if len(keys) == 1 and sum(g.table == goal.table for g in sheet.goals) == 1:
        return nfkc_compact(texts[keys[0]])
    return nfkc_compact(goal.title)


def _goal_digits(goal: GoalBlock) -> str:
    return "".join(ch for ch in goal.goal or "" if ch.isdigit())


_Matcher = Callable[[GoalBlock, GoalBlock, Sheet], bool]


def _same_title(a: GoalBlock, b: GoalBlock, sheet: Sheet) -> bool:
    title = goal_text(sheet, a)
    return bool(title) and title == goal_text(sheet, b)


def _title_within(a: GoalBlock, b: GoalBlock, sheet: Sheet) -> bool:
    """人员支出 ⊂ 保障人员支出."""
    short, long = sorted((goal_text(sheet, a), goal_text(sheet, b)), key=len)
    return len(short) >= 2 and short in long


def _same_number(a: GoalBlock, b: GoalBlock, sheet: Sheet) -> bool:
    return bool(_goal_digits(a)) and _goal_digits(a) == _goal_digits(b)


def goal_pairs(sheet: Sheet) -> list[tuple[GoalBlock, GoalBlock]]:
    """(long-term, annual) tables of the same goal: by title, then by title words, then by number.

    A sheet with one table of each kind pairs them; otherwise a match must be unique both ways.
    A department sheet may number its goals differently in the two tables (汉阳 园林绿化队:
    长期目标2 人员支出 = 年度目标3 保障人员支出), so the number is the last resort.
    """
    longs = [g for g in sheet.goals if g.table == "long_term"]
    annuals = [g for g in sheet.goals if g.table == "annual"]
    if len(longs) == 1 and len(annuals) == 1:
        return [(longs[0], annuals[0])]
    pairs = []
    matchers: tuple[_Matcher, ...] = (_same_title, _title_within, _same_number)
    for match in matchers:
        for long in list(longs):
            found = [a for a in annuals if match(long, a, sheet)]
            if len(found) == 1 and sum(match(other, found[0], sheet) for other in longs) == 1:
                pairs.append((long, found[0]))
                longs.remove(long)
                annuals.remove(found[0])
    return pairs
