"""Readers for text files: markdown pipe tables and tab-separated text, one grid per file."""

from __future__ import annotations

from pathlib import Path

from target_lint.errors import InputError
from target_lint.readers.bracketed import bracketed_rows, is_bracketed
from target_lint.readers.grid import Cell, Grid, Row, to_last_filled

_ENCODINGS = ("utf-8-sig", "gb18030")


def decode(path: Path) -> str:
    """Text of a file in UTF-8 (with or without BOM) or GB18030."""
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(str(path), "binary content, not a text table", "export it as .csv or .txt")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(str(path), "text is neither UTF-8 nor GB18030", "save it as UTF-8")


def read_text(path: Path) -> Grid:
    """A .txt file: markdown pipe tables or tab-separated text, whichever it holds more of,
    or an indicator list under 【一级-二级】 lines (readers/bracketed.py)."""
    lines = decode(path).splitlines()
    if is_bracketed(lines):
        return Grid(str(path), None, tuple(bracketed_rows(lines)))
    pipes = sum(line.lstrip().startswith("|") for line in lines)
    tabs = sum("\t" in line for line in lines)
    return _markdown(path, lines) if pipes > tabs else _tabbed(path, lines)


def read_markdown(path: Path) -> Grid:
    return _markdown(path, decode(path).splitlines())


def read_tabbed(path: Path) -> Grid:
    return _tabbed(path, decode(path).splitlines())


def _markdown(path: Path, lines: list[str]) -> Grid:
    """Pipe-table rows become cells; other non-blank lines become one-cell rows."""
    rows = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("|"):
            if _is_separator(stripped):
                continue
            rows.append(Row(number, _pipe_cells(line)))
        elif stripped:
            rows.append(Row(number, (Cell(stripped, 1, line.index(stripped[0]) + 1),)))
    return Grid(str(path), None, tuple(rows), extracted=True)


def _tabbed(path: Path, lines: list[str]) -> Grid:
    """Each line is a row and each tab-separated field a cell (blank lines are kept)."""
    rows = []
    for number, line in enumerate(lines, start=1):
        cells, start = [], 0
        for column, field in enumerate(line.split("\t"), start=1):
            text = field.strip()
            offset = field.index(text[0]) if text else 0
            cells.append(Cell(text, column, start + offset + 1))
            start += len(field) + 1
        rows.append(Row(number, to_last_filled(cells)))
    return Grid(str(path), None, tuple(rows), extracted=True)


def _is_separator(line: str) -> bool:
    return set(line) <= set("|-: ")


def _pipe_cells(line: str) -> tuple[Cell, ...]:
    cells = []
    start = line.index("|") + 1
    parts = line[start:].split("|")
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    for column, field in enumerate(parts, start=1):
        text = field.strip()
        offset = field.index(text[0]) if text else 0
        cells.append(Cell(text, column, start + offset + 1))
        start += len(field) + 1
    return to_last_filled(cells)
