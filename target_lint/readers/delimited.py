"""Reader for delimited text tables (.csv, .tsv): one grid per file.

Encoding: UTF-8 (with or without BOM), GB18030 (which covers GBK and GB2312, the "ANSI" CSV of
Chinese Excel and WPS) and UTF-16 with a BOM (Excel's "Unicode text"), detected from the bytes.
Delimiter: comma, tab or semicolon, whichever splits the most records into several fields (ties
go to the suffix's own delimiter). The full-width comma ``，`` is text, never a delimiter.

Positions: ``Row.number`` is the 1-based physical line on which a record *starts*; a quoted
field with embedded newlines makes the record span several lines and the next record's number
jumps accordingly (a text editor's line, not the row number Excel shows). ``Cell.column`` and
``Cell.char`` are both the 1-based field index, so a position reads ``12:4``: line 12, field 4.
Cell text is stripped; line breaks inside a field become ``\n``.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from target_lint.errors import InputError
from target_lint.readers.grid import Cell, Grid, Row, to_last_filled

_DELIMITERS = (",", "\t", ";")
_SNIFF_LINES = 400
_BINARY_MAGIC = (
    (
        b"PK\x03\x04",
        "an Excel or Word file (zip package)",
        "give it its own extension, .xlsx or .docx",
    ),
    (b"\xd0\xcf\x11\xe0", "a legacy Office file (.xls/.doc)", "open it in Excel or WPS"),
    (b"%PDF", "a PDF file", "export the table from its source as .csv or .xlsx"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f]")  # not tab, line ends, \f, \v, EOF


def read_delimited(path: Path) -> list[Grid]:
    """The records of a .csv/.tsv file as one grid; InputError when it is not a text table."""
    text = _decode(path)
    name = str(path)
    delimiter = sniff_delimiter(name, text, path.suffix.lower())
    lines = io.StringIO(text, newline="").readlines()  # split where the csv module splits
    rows: list[Row] = []
    reader = csv.reader(lines, delimiter=delimiter)
    end = 0
    try:
        for record in reader:
            start, end = end + 1, reader.line_num
            cells = [Cell(_text(field), column, column) for column, field in enumerate(record, 1)]
            rows.append(Row(start, to_last_filled(cells)))
    except csv.Error as error:  # a NUL byte, a field over the size limit
        raise InputError(
            name, f"line {end + 1}: unreadable {_kind(path)} record: {error}", "save it again"
        ) from error
    if rows and '"' in text:
        _check_last_quote(name, lines[rows[-1].number - 1 :], rows[-1].number, delimiter)
    return [Grid(name, None, tuple(rows))]


def _text(field: str) -> str:
    """A field's text, stripped, with the line breaks inside it as ``\\n``."""
    return field.strip().replace("\r\n", "\n").replace("\r", "\n")


def _decode(path: Path) -> str:
    """The text of the file: UTF-8 (BOM or not), GB18030/GBK, or UTF-16 with a BOM."""
    name = str(path)
    data = path.read_bytes()
    for magic, what, hint in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(name, f"{what}, not {_kind(path)} text", hint)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(name, "broken UTF-16 text", "save it as CSV UTF-8") from error
    else:
        if b"\x00" in data:
            raise InputError(name, f"binary content, not {_kind(path)} text", "export a table "
                             "from Excel or WPS as CSV UTF-8")  # fmt: skip
        text = _decode_8bit(name, data)
    if not text.strip(" \t\r\n\ufeff"):
        raise InputError(name, "empty file", f"expected a table exported as {_kind(path)}")
    if not text.strip(" \t\r\n\ufeff,;"):
        raise InputError(name, "no text: every field is empty", "export the sheet again")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError(name, f"binary content, not {_kind(path)} text", "export a table "
                         "from Excel or WPS as CSV UTF-8")  # fmt: skip
    return text


def _decode_8bit(name: str, data: bytes) -> str:
    errors: list[UnicodeDecodeError] = []
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            errors.append(error)
    worst = max(errors, key=lambda error: error.start)  # the encoding that read furthest
    line = data[: worst.start].count(b"\n") + 1
    bad = data[worst.start : worst.start + 4].hex(" ")
    raise InputError(
        name,
        f"line {line}: undecodable bytes ({bad}); the text is neither UTF-8 nor GB18030/GBK",
        "save it as CSV UTF-8",
    )


def sniff_delimiter(name: str, text: str, suffix: str) -> str:
    """The delimiter that splits the most records into two or more fields."""
    preferred = "\t" if suffix == ".tsv" else ","
    sample = "".join(io.StringIO(text, newline="").readlines()[:_SNIFF_LINES])
    best: tuple[int, int, int] = (0, 0, 0)
    choice = preferred
    for delimiter in _DELIMITERS:
        widths = []
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            widths = [len(r) for r in reader if any(field.strip() for field in r)]
        except csv.Error:
            continue
        multi = [width for width in widths if width >= 2]
        modal = Counter(multi).most_common(1)[0][1] if multi else 0
        score = (len(multi), modal, delimiter == preferred)
        if score > best:
            best, choice = score, delimiter
    if best[0] == 0 and "，" in sample:
        raise InputError(
            name,
            "no field delimiter found: the full-width comma ， does not separate fields",
            "separate fields with commas (,) or tabs, or export the table from Excel as CSV",
        )
    return choice


def _check_last_quote(name: str, lines: list[str], start: int, delimiter: str) -> None:
    """A quoted field that is never closed swallows the rest of the file into the last record."""
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise InputError(
                name,
                f'line {start}: a quoted field (") is never closed and runs to the end of the file',
                "close the quote or remove it",
            ) from error


def _kind(path: Path) -> str:
    return "TSV" if path.suffix.lower() == ".tsv" else "CSV"
