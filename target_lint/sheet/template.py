"""Template rows left unfilled: what a form pre-prints and a budget unit left empty.

Forms print every 二级 of the framework with one or two rows under it (``指标1：``, ``指标2：``,
``……``). A row that keeps only its label, or only such a placeholder, with every other cell
blank or ``/``, is no indicator: a person counting the sheet's indicators skips it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PLACEHOLDER_NAME = re.compile(r"^(指标\d*[:：]?)?([…．.。·]*|[/／\-－]|——)$")
_BLANK = ("", "/", "／", "-", "－", "—", "——", "……")  # ／ and －: full-width forms


def is_unfilled(name: str, others: Iterable[str]) -> bool:
    """Whether a row with this 三级 name and these other cells (values, operator, unit,
    weight, score, …) is a template row left unfilled."""
    return is_placeholder(name) and all(text.strip() in _BLANK for text in others)


def is_placeholder(name: str) -> bool:
    """A 三级 name left as the form printed it: blank, ``指标2：``, ``……``, ``/``."""
    return _PLACEHOLDER_NAME.match("".join(name.split())) is not None
