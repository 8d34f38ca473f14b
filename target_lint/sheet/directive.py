"""Suppression directives written in a sheet: ``target-lint: ignore[V101,S103] 理由``.

A directive sits in a 备注/说明 cell or a cell comment of an indicator row (it silences that
row's findings), or in the title or a metadata row of a sheet (it silences the findings about
the sheet or a table as a whole). Between the brackets: rule codes (``V101``), prefixes
(``V1``), kebab names (``placeholder-value``) or ``ALL``, separated by commas, 、 or spaces;
after them, the reason. Full-width forms are read too: ``target-lint：ignore［V101］理由``,
``【V101，S103】``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"target[-_]?lint\s*(?:[:：]|(?=ignore))", re.IGNORECASE)
_IGNORE = re.compile(r"\s*ignore\s*[\[［【](?P<codes>[^\]］】]*)[\]］】]", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s,，、;；]+")
_CODE = re.compile(r"[A-Za-z]{1,3}\d*")
_REASON_EDGES = " \t\r\n:：-—–,，;；。>"  # also the end of an HTML comment: -->


@dataclass(frozen=True)
class Directive:
    """One directive: its text from the marker on, the rules it names and the reason given."""

    text: str
    selectors: tuple[str, ...]
    reason: str | None
    malformed: bool = False  # a ``target-lint:`` marker not followed by ``ignore[…]``


def has_directive(text: str) -> bool:
    """Whether a cell or comment holds a ``target-lint:`` marker."""
    return "lint" in text.lower() and _MARK.search(text) is not None


def parse_directives(text: str) -> list[Directive]:
    """Every directive in a text; each runs from its marker to the next one or the end."""
    marks = list(_MARK.finditer(text))
    directives = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        written = " ".join(text[mark.start() : end].split()).removesuffix("-->").rstrip()
        rest = text[mark.end() : end]
        match = _IGNORE.match(rest)
        selectors = [_selector(s) for s in _SEPARATORS.split(match["codes"])] if match else []
        selectors = [s for s in selectors if s]
        if match is None or not selectors:
            directives.append(Directive(written, (), None, malformed=True))
            continue
        reason = " ".join(rest[match.end() :].split()).strip(_REASON_EDGES) or None
        directives.append(Directive(written, tuple(selectors), reason))
    return directives


def _selector(word: str) -> str:
    """``v101`` → ``V101``, ``all`` → ``ALL``; kebab names in lower case."""
    return word.upper() if _CODE.fullmatch(word) else word.lower()
