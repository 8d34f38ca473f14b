"""Where a finding is, in the terms of line-and-column formats (SARIF, GitHub annotations).

A finding's ``ref`` means different things by file type (``readers/grid.py``): ``line:character``
in a Markdown or text file, ``line:field`` in a CSV/TSV file, ``Sheet1!D7`` in a workbook,
``block:cell`` in a Word file and a JSON path (``sheets[0].goals[1].indicators[3]``) in a
canonical file. Only the first is a text position; the others are given as a line where there is
one and as a logical location (the ``ref`` itself) always.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from target_lint.engine.finding import Finding
from target_lint.sheet.model import Sheet

TEXT_SUFFIXES = (".md", ".markdown", ".txt")  # readers/text.py: ref is line:character
DELIMITED_SUFFIXES = (".csv", ".tsv")  # readers/delimited.py: ref is line:field
_LINE_COLUMN = re.compile(r"(\d+):(\d+)")
_LABELS = ("level1", "level2")


@dataclass(frozen=True)
class Place:
    """A finding's region: ``line``/``column`` (1-based) where the file has them.

    ``logical`` is True when the ref is not a text position and must be shown as it is
    (a worksheet cell, a CSV field, a Word table cell, a JSON path).
    """

    line: int | None
    column: int | None
    end_column: int | None
    logical: bool


def place(finding: Finding, cell_text: str | None = None) -> Place:
    """The region of ``finding``; ``cell_text`` (the reported cell as written) gives a text
    position its end."""
    ref = finding.ref or ""
    suffix = os.path.splitext(finding.file)[1].lower()
    text = _LINE_COLUMN.fullmatch(ref)
    if suffix in TEXT_SUFFIXES and text:
        column = int(text[2])
        end = column + len(cell_text) if cell_text and "\n" not in cell_text else None
        return Place(int(text[1]), column, end, logical=False)
    if suffix in DELIMITED_SUFFIXES and text:
        return Place(int(text[1]), None, None, logical=True)
    if "!" in ref and finding.row is not None and finding.column is not None:
        return Place(finding.row, finding.column, finding.column + 1, logical=True)
    return Place(None, None, None, logical=True)


def relative_path(file: str, base: Path) -> str | None:
    """``file`` as a POSIX path relative to ``base``, or None when it lies outside it."""
    path = Path(file)
    full = Path(os.path.normpath(path if path.is_absolute() else base / path))
    try:
        return full.relative_to(base).as_posix()
    except ValueError:
        return None


def file_uri(file: str, base: Path) -> tuple[str, bool]:
    """A URI for ``file``: percent-encoded and relative to ``base`` when it lies inside it
    (the flag says so), else an absolute ``file://`` URI."""
    relative = relative_path(file, base)
    if relative is not None:
        return quote(relative), True
    return Path(os.path.normpath(Path(base, file))).as_uri(), False


def cell_texts(sheet: Sheet) -> dict[str, str]:
    """The text of the cells the sheet model keeps as written, by ref: the metadata fields and
    the indicators' names, values, bases and history values.

    Category labels are left out (they are the labels as they apply to the row, filled down
    and repaired), and so are rows the reader repaired (``realigned``).
    """
    texts = {
        sheet.meta.positions[name].ref: text
        for name, text in sheet.meta.fields.items()
        if name in sheet.meta.positions
    }
    for indicator in sheet.indicators:
        if indicator.realigned:
            continue
        for name, position in indicator.cells.items():
            if name in _LABELS:
                continue
            value = getattr(indicator, name, None)
            text = value if isinstance(value, str) else indicator.history.get(name)
            text = indicator.details.get(name) if text is None else text
            if text is not None:
                texts.setdefault(position.ref, text)
    return texts
