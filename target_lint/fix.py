"""Apply the safe fixes of findings to their files: the library side of ``target-lint fix``.

A fix replaces the whole text of the cell a finding reports with ``Fix.replacement``. Only
``safe`` fixes are applied, and only where the cell still reads what was linted: the value
cell of an indicator whose text is the finding's ``indicator.value`` (a cell edited since, or a
value joined with separate 计算符号/计量单位 columns, is left alone and reported).

- ``.md``, ``.markdown``, ``.txt``, ``.csv``, ``.tsv`` are rewritten in place (or to ``output``)
  atomically — a temporary file in the same folder, then ``os.replace`` — in their own encoding
  (UTF-8 with or without BOM, GB18030, UTF-16 with BOM) and line endings; every byte outside
  the changed cells stays as it was. A CSV field keeps its quoting.
- ``.xlsx`` / ``.xlsm`` are never changed in place: a copy with the changes is written to
  ``output`` with openpyxl (which keeps values, styles and merges, but not charts or images).
- ``.xls``, ``.docx`` and canonical ``.json``/``.yaml`` files are not fixable; their safe fixes
  are reported as skipped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from target_lint.engine.finding import Finding

if TYPE_CHECKING:
    from target_lint.lint import Linter
    from target_lint.sheet.model import Indicator, Sheet

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
DELIMITED_SUFFIXES = (".csv", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_NOT_FIXABLE = {
    ".xls": "a legacy .xls workbook cannot be written; save it as .xlsx and run fix again",
    ".docx": "Word files are not changed; make the change in Word",
    ".json": "canonical sheet files are not fixed; fix the file they were made from",
    ".yaml": "canonical sheet files are not fixed; fix the file they were made from",
    ".yml": "canonical sheet files are not fixed; fix the file they were made from",
}
_FORMULA_START = ("=", "+", "-", "@")  # what Excel reads as a formula in a CSV field

EXIT_CLEAN, EXIT_LEFT, EXIT_ERROR = 0, 1, 2


class FixError(Exception):
    """A file that cannot be fixed or written; the message names it (exit code 2)."""


@dataclass(frozen=True)
class Change:
    """One cell rewritten: where, the text before and after, and the rule that asked."""

    file: str
    ref: str
    before: str
    after: str
    code: str


@dataclass(frozen=True)
class Skipped:
    """A safe fix that was not applied, and why."""

    finding: Finding
    reason: str


@dataclass
class FixResult:
    """What fixing one file did. ``output`` is where the fixed file went (None: nothing written,
    because nothing changed or ``dry_run``)."""

    path: Path
    output: Path | None = None
    changes: list[Change] = field(default_factory=list)
    suggested: list[Finding] = field(default_factory=list)  # unsafe fixes: never applied
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        """Fixes left for a person: unsafe suggestions and safe fixes that were skipped."""
        return len(self.suggested) + len(self.skipped)


@dataclass(frozen=True)
class _Edit:
    """A planned cell rewrite in a text file: ``text[start:end]`` becomes ``raw`` (for a CSV
    field, ``after`` with the field's quotes and spaces)."""

    finding: Finding
    before: str
    after: str
    start: int
    end: int
    raw: str


def apply_fixes(
    path: str | Path,
    findings: Sequence[Finding],
    *,
    output: str | Path | None = None,
    dry_run: bool = False,
    sheets: Sequence[Sheet] | None = None,
) -> FixResult:
    """Apply the safe fixes among ``findings`` (the findings of ``path``) and say what was done.

    ``output``: where to write the fixed file; required for workbooks when something changes,
    optional for text files (default: in place). ``dry_run``: plan and report, write nothing.
    ``sheets``: the sheets of ``path`` as just read (read again when not given).
    Raises FixError when the file cannot be fixed or written, InputError when it cannot be read.
    """
    path = Path(path)
    target = Path(output) if output is not None else None
    result = FixResult(path)
    safe: list[Finding] = []
    for finding in findings:
        if finding.fix is None:
            continue
        if not finding.fix.safe:
            result.suggested.append(finding)
        elif not _same_file(finding.file, path):
            result.skipped.append(Skipped(finding, f"reported in another file ({finding.file})"))
        else:
            safe.append(finding)
    if not safe:
        return result
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + DELIMITED_SUFFIXES + WORKBOOK_SUFFIXES:
        reason = _NOT_FIXABLE.get(suffix, f"{suffix or 'this'} files are not fixable")
        result.skipped.extend(Skipped(f, reason) for f in safe)
        return result
    if sheets is None:
        from target_lint.readers import read_sheets

        sheets = read_sheets(path)
    candidates = _check_cells(safe, sheets, result)
    if suffix in WORKBOOK_SUFFIXES:
        _fix_workbook(path, candidates, target, dry_run, result)
    else:
        _fix_text(path, candidates, target, dry_run, result)
    return result


def _same_file(name: str, path: Path) -> bool:
    return name == str(path) or Path(name).resolve() == path.resolve()


def _check_cells(safe: list[Finding], sheets: Sequence[Sheet], result: FixResult) -> list[Finding]:
    """The fixes whose cell is an indicator's value cell that still reads what was linted; one
    per cell (a later different fix for the same cell is a conflict)."""
    values: dict[str, Indicator] = {}
    for sheet in sheets:
        for item in sheet.indicators:
            if "value" in item.cells:
                values[item.cells["value"].ref] = item
    chosen: dict[str, Finding] = {}
    for finding in safe:
        assert finding.fix is not None
        ref = finding.ref or ""
        indicator = values.get(ref)
        if finding.indicator is None or indicator is None:
            result.skipped.append(Skipped(finding, "the fix is not for an indicator value cell"))
        elif indicator.value != finding.indicator.value:
            result.skipped.append(Skipped(finding, _changed(indicator.value, finding)))
        elif indicator.combined(indicator.value) != indicator.value:
            reason = (
                "the value is joined with the 计算符号/计量单位 columns of its row; "
                "change those cells by hand"
            )
            result.skipped.append(Skipped(finding, reason))
        elif ref in chosen:
            first = chosen[ref]
            assert first.fix is not None
            if first.fix.replacement != finding.fix.replacement:
                reason = f"conflicts with the {first.code} fix of the same cell; run fix again"
                result.skipped.append(Skipped(finding, reason))
        else:
            chosen[ref] = finding
    return list(chosen.values())


def _changed(now: str, finding: Finding) -> str:
    assert finding.indicator is not None
    return (
        f"the cell reads {_quote(now)}, not {_quote(finding.indicator.value)} "
        "(changed since it was linted)"
    )


# --- text files -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Encoded:
    """A text file's text and how to write it back byte for byte."""

    text: str
    bom: bytes
    codec: str

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def _decode(path: Path) -> _Encoded:
    """The encodings the readers accept (readers/text.py, readers/delimited.py), with the BOM
    kept apart so that it is written back as it was."""
    data = path.read_bytes()
    boms = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
    tries = [(bom, codec) for bom, codec in boms if data.startswith(bom)]
    tries += [(b"", "utf-8"), (b"", "gb18030")]
    for bom, codec in tries:
        try:
            decoded = _Encoded(data[len(bom) :].decode(codec), bom, codec)
        except UnicodeDecodeError:
            continue
        if decoded.encode(decoded.text) == data:
            return decoded
        break
    raise FixError(f"{path}: the text does not encode back to the same bytes; not changed")


def _fix_text(
    path: Path,
    candidates: list[Finding],
    target: Path | None,
    dry_run: bool,
    result: FixResult,
) -> None:
    encoded = _decode(path)
    delimited = path.suffix.lower() in DELIMITED_SUFFIXES
    locate = _csv_locator(path, encoded.text) if delimited else _line_locator(path, encoded.text)
    edits = []
    for finding in candidates:
        edit = locate(finding)
        if isinstance(edit, str):
            result.skipped.append(Skipped(finding, edit))
        else:
            edits.append(edit)
    if not edits:
        return
    text = encoded.text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.raw + text[edit.end :]
    result.changes.extend(_change(path, e) for e in edits)
    if not dry_run:
        out = target or path
        data = encoded.encode(text)
        _write_atomic(out, lambda temp: temp.write_bytes(data), path)
        result.output = out


def _change(path: Path, edit: _Edit) -> Change:
    return Change(str(path), edit.finding.ref or "", edit.before, edit.after, edit.finding.code)


Locator = Callable[[Finding], _Edit | str]


def _line_locator(path: Path, text: str) -> Locator:
    """Cells of markdown pipe tables and tab-separated text at ``line:char`` (readers/text.py)."""
    lines = text.splitlines(keepends=True)  # the reader numbers lines with str.splitlines
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    bodies = [line.splitlines()[0] if line.splitlines() else "" for line in lines]
    tabbed = path.suffix.lower() == ".txt" and sum("\t" in b for b in bodies) >= sum(
        b.lstrip().startswith("|") for b in bodies
    )

    def locate(finding: Finding) -> _Edit | str:
        assert finding.fix is not None and finding.indicator is not None
        value, after = finding.indicator.value, finding.fix.replacement
        number, _, char = (finding.ref or "").partition(":")
        if not (number.isdigit() and char.isdigit()) or not 0 < int(number) <= len(lines):
            return f"no line:character position in {finding.ref!r}"
        body = bodies[int(number) - 1]
        start = int(char) - 1
        delimiter = "\t" if tabbed else "|" if body.lstrip().startswith("|") else ""
        left = body.rfind(delimiter, 0, start) + 1 if delimiter else 0
        right = body.find(delimiter, start + len(value)) if delimiter else -1
        right = len(body) if right < 0 else right
        if (
            body[start : start + len(value)] != value
            or body[left:start].strip()
            or body[start + len(value) : right].strip()
        ):
            return f"the cell at {finding.ref} no longer reads {_quote(value)}"
        if (delimiter and delimiter in after) or after.splitlines() != [after]:
            return f"the replacement {_quote(after)} would break the table"
        offset = starts[int(number) - 1] + start
        return _Edit(finding, value, after, offset, offset + len(value), after)

    return locate


def _csv_locator(path: Path, text: str) -> Locator:
    """Fields of CSV/TSV records at ``line:field``, split as readers/delimited.py splits them."""
    from target_lint.readers.delimited import sniff_delimiter

    delimiter = sniff_delimiter(str(path), text, path.suffix.lower())
    lines = io.StringIO(text, newline="").readlines()
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    records: dict[int, tuple[int, int, list[str]]] = {}  # first line → (start, end, fields)
    reader = csv.reader(lines, delimiter=delimiter)
    end = 0
    for record in reader:
        first, end = end + 1, reader.line_num
        records[first] = (starts[first - 1], starts[end], record)

    def locate(finding: Finding) -> _Edit | str:
        assert finding.fix is not None and finding.indicator is not None
        value, after = finding.indicator.value, finding.fix.replacement
        found = records.get(finding.row or 0)
        if found is None or finding.column is None:
            return f"no record starts on line {finding.row}"
        start, stop, record = found
        fields = _field_spans(text[start:stop], delimiter)
        if [f[3] for f in fields] != record or not 0 < finding.column <= len(fields):
            return f"field {finding.column} of line {finding.row} cannot be located"
        begin, finish, quoted, content = fields[finding.column - 1]
        if content.strip() != value:
            return f"the cell at {finding.ref} no longer reads {_quote(value)}"
        if after.startswith(_FORMULA_START) and not value.startswith(_FORMULA_START):
            return (
                f"Excel would read {_quote(after)} in a {path.suffix.lower()[1:].upper()} field "
                "as a formula; make the change in the workbook"
            )
        lead = content[: len(content) - len(content.lstrip())]
        trail = content[len(content.rstrip()) :]
        raw = _csv_field(lead + after + trail, delimiter, quoted)
        return _Edit(finding, value, after, start + begin, start + finish, raw)

    return locate


def _field_spans(raw: str, delimiter: str) -> list[tuple[int, int, bool, str]]:
    """(start, end, quoted, text) of each field of one CSV record, as Python's csv reads it
    (default dialect: ``"`` quotes, ``""`` inside quotes is a quote)."""
    spans = []
    index, size = 0, len(raw)
    while True:
        begin, quoted, chars = index, index < size and raw[index] == '"', []
        if quoted:
            index += 1
            while index < size:
                if raw[index] == '"':
                    if raw[index + 1 : index + 2] == '"':
                        chars.append('"')
                        index += 2
                        continue
                    index += 1
                    break
                chars.append(raw[index])
                index += 1
        while index < size and raw[index] != delimiter and raw[index] not in "\r\n":
            chars.append(raw[index])
            index += 1
        spans.append((begin, index, quoted, "".join(chars)))
        if index < size and raw[index] == delimiter:
            index += 1
            continue
        return spans


def _csv_field(text: str, delimiter: str, quoted: bool) -> str:
    """One field as the csv module writes it: quoted if it was, or if it has to be."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    writer.writerow([text])
    return buffer.getvalue().removesuffix("\r\n")


# --- workbooks ------------------------------------------------------------------------------


def _fix_workbook(
    path: Path,
    candidates: list[Finding],
    target: Path | None,
    dry_run: bool,
    result: FixResult,
) -> None:
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():  # "Data Validation extension is not supported" and the like
        warnings.simplefilter("ignore")
        book = load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
    edits: list[tuple[Finding, str, str, str]] = []  # finding, sheet, before, after
    for finding in candidates:
        assert finding.fix is not None and finding.indicator is not None
        value, after = finding.indicator.value, finding.fix.replacement
        sheet = (finding.ref or "").rpartition("!")[0]
        if sheet not in book.sheetnames or finding.row is None or finding.column is None:
            result.skipped.append(Skipped(finding, f"no worksheet cell {finding.ref}"))
            continue
        cell = book[sheet].cell(row=finding.row, column=finding.column)
        text = cell.value
        if not isinstance(text, str) or cell.data_type == "f" or text.strip() != value:
            reason = f"the cell at {finding.ref} no longer holds the text {_quote(value)}"
            result.skipped.append(Skipped(finding, reason))
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        cell.value = lead + after + trail
        cell.data_type = "s"  # text, even when it starts with "=" (=0%)
        edits.append((finding, sheet, value, after))
    if not edits:
        return
    result.changes.extend(Change(str(path), f.ref or "", b, a, f.code) for f, _, b, a in edits)
    if dry_run:
        return
    if target is None:
        raise FixError(
            f"{path}: workbooks are not changed in place; "
            "give --output FILE_OR_DIR for a fixed copy"
        )
    if target.resolve() == path.resolve():
        raise FixError(f"{path}: --output is the workbook itself; workbooks are only copied")
    if target.suffix.lower() != path.suffix.lower():
        raise FixError(f"{target}: the copy of a {path.suffix} workbook must end in {path.suffix}")
    _write_atomic(target, lambda temp: book.save(temp), path)
    result.output = target


# --- writing --------------------------------------------------------------------------------


def _write_atomic(target: Path, write: Callable[[Path], object], source: Path) -> None:
    """Write ``target`` through a temporary file in its folder and ``os.replace``: a failure at
    any point leaves what was there before. The file keeps the permissions of what it replaces
    (of ``source`` when it is new)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE((target if target.exists() else source).stat().st_mode)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise FixError(f"{target}: cannot write: {error.strerror or error}") from error
    os.close(handle)
    temp = Path(name)
    try:
        write(temp)
        with temp.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as error:
        raise FixError(f"{target}: cannot write: {error.strerror or error}") from error
    finally:
        temp.unlink(missing_ok=True)


# --- reporting ------------------------------------------------------------------------------


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def diff_lines(result: FixResult) -> list[str]:
    """One line per changed cell: ``file:Sheet1!C7: "≥95百分比" → "≥95%" (U103)``, or
    ``file:12:5: …`` in a text file."""
    return [
        f"{c.file}:{c.ref}: {_quote(c.before)} → {_quote(c.after)} ({c.code})"
        for c in result.changes
    ]


def remaining_lines(result: FixResult) -> list[str]:
    """One line per fix not applied: unsafe suggestions, then skipped safe fixes."""
    lines = []
    fixed = {change.ref: change.code for change in result.changes}
    for finding in result.suggested:
        assert finding.fix is not None
        before = finding.indicator.value if finding.indicator else ""
        why = "unsafe"
        if finding.ref in fixed:
            why += f"; written before the {fixed[finding.ref]} fix of this cell"
        lines.append(
            f"{finding.file}:{finding.ref}: {finding.code} suggestion, not applied ({why}): "
            f"{_quote(before)} → {_quote(finding.fix.replacement)}"
        )
    for skipped in result.skipped:
        finding = skipped.finding
        lines.append(f"{finding.file}:{finding.ref}: {finding.code} not applied: {skipped.reason}")
    return lines


# --- command line ---------------------------------------------------------------------------


def run_fix(
    paths: Sequence[str],
    linter: Linter,
    *,
    output: str | Path | None = None,
    diff: bool = False,
) -> int:
    """``target-lint fix PATH... [--output FILE_OR_DIR] [--diff]``: lint, apply the safe fixes,
    print the changed cells and the fixes left. ``diff``: show the changes, write nothing.

    Exit code: 0 nothing was left to fix; 1 something was fixed (or would be, with ``diff``)
    or fixes remain for a person; 2 a file could not be read, fixed or written.
    """
    from target_lint.errors import InputError
    from target_lint.readers import read_sheets, suffixes

    files = list(_expand(paths, suffixes()))
    try:
        targets = _targets(files, output)
    except FixError as problem:
        print(f"target-lint: {problem}", file=sys.stderr)
        return EXIT_ERROR
    out: list[str] = []
    errors, changed, left, written = 0, 0, 0, 0
    for (file, _), target in zip(files, targets, strict=True):
        try:
            sheets = read_sheets(file, max_bytes=linter.config.max_bytes)
            findings = [f for sheet in sheets for f in linter.lint_sheet(sheet)]
            result = apply_fixes(file, findings, output=target, dry_run=diff, sheets=sheets)
        except (InputError, FixError) as problem:
            print(f"target-lint: {problem}", file=sys.stderr)
            errors += 1
            continue
        out += diff_lines(result)
        out += remaining_lines(result)
        changed += len(result.changes)
        left += result.remaining
        written += result.output is not None
    verb = "Would fix" if diff else "Fixed"
    summary = f"{verb} {changed} cell(s)" + (f" in {written} file(s)" if written else "")
    summary += f"; {left} fix(es) left to apply by hand" if left else ""
    summary += f"; {errors} file(s) could not be fixed" if errors else ""
    out.append(summary if changed or left or errors else "Nothing to fix.")
    sys.stdout.write("\n".join(out) + "\n")
    if errors:
        return EXIT_ERROR
    return EXIT_LEFT if changed or left else EXIT_CLEAN


def _expand(paths: Sequence[str], suffixes: set[str]) -> Iterator[tuple[str, Path]]:
    """Each file named, and each readable file in the folders named: (path, name for output)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if found.suffix.lower() in suffixes:
                    yield str(found), found.relative_to(path)
        else:
            yield name, Path(path.name)


def _targets(files: list[tuple[str, Path]], output: str | Path | None) -> list[Path | None]:
    """Where each file's fixed version goes: in place (None), the file ``output``, or the same
    relative name inside the folder ``output`` (for several files, or an existing folder)."""
    if output is None:
        return [None] * len(files)
    out = Path(output)
    if len(files) == 1 and not out.is_dir() and not str(output).endswith(("/", os.sep)):
        return [out]
    if out.exists() and not out.is_dir():
        raise FixError(f"{out}: --output must be a folder when fixing several files")
    targets: list[Path | None] = [out / name for _, name in files]
    if len(set(targets)) < len(targets):
        raise FixError(f"{out}: several files would be written to the same name")
    return targets
