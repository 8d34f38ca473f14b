"""The canonical JSON/YAML form of the sheet model, for tools that hand sheets over directly.

A document is ``{"schema_version": 1, "sheets": [...]}`` where each sheet is
``target_lint.schema.dump(sheet)``. :func:`dump_sheets` writes it; :func:`read_canonical` reads
it back into equal models, and also reads the minimal hand-written form (docs/sheets.md,
"Canonical JSON/YAML form"): what is left out — source, positions, canonical labels — is filled
in, and positions of generated rows point at the JSON path (``sheets[0].goals[1].indicators[3]``).

Plain numbers are read as the text written (``"value": 20`` → ``"20"``, ``1.50`` → ``"1.50"``)
and pydantic (``target_lint.schema.validate``) converts them where the model wants a number,
so values keep what was written. A remark may be written as its text alone.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import types
import typing
from pathlib import Path
from typing import Any, Literal

from target_lint.errors import InputError
from target_lint.readers import CANONICAL
from target_lint.schema import SchemaError, dump, validate
from target_lint.sheet.model import Position, Sheet
from target_lint.sheet.taxonomy import canonical_level1, canonical_level2

SCHEMA_VERSION = 1
SUFFIXES = CANONICAL

# Fields an indicator must state in a canonical file (they may be empty: "" or null).
REQUIRED = ("level1", "level2", "name", "value")

__all__ = ["SCHEMA_VERSION", "SUFFIXES", "dump_sheets", "read_canonical"]


def dump_sheets(sheets: list[Sheet], fmt: Literal["json", "yaml"]) -> str:
    """The canonical document for ``sheets`` as JSON or YAML text (ending in a newline)."""
    payload = {
        "schema_version": SCHEMA_VERSION,
        "sheets": [dump(sheet) for sheet in sheets],
    }
    if fmt == "json":
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        import yaml

        # yaml.safe_dump with libyaml's emitter when present: the same text, 7x faster.
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text: str = yaml.dump(
            payload, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000
        )
        return text
    raise ValueError(f"unknown format {fmt!r}: expected 'json' or 'yaml'")


def read_canonical(path: Path) -> list[Sheet]:
    """The sheets of a canonical ``.json`` / ``.yaml`` / ``.yml`` file.

    Raises InputError with one line: invalid JSON/YAML (with line and column), the JSON path of
    the first shape error, or an unsupported ``schema_version``.
    """
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(file, f"not a canonical sheet file {suffix or '(none)'!r}", "use .json")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(file, f"cannot read: {error.strerror or error}") from error
    text = _decode(file, data)
    document = _load_json(file, text) if suffix == ".json" else _load_yaml(file, text)
    return _sheets(file, document)


def _decode(file: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM (e.g. from PowerShell)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(file, "text is neither UTF-8 nor GB18030", "save it as UTF-8")


def _load_json(file: str, text: str) -> object:
    try:
        return json.loads(text, parse_int=str, parse_float=str)
    except json.JSONDecodeError as error:
        raise InputError(
            file, f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise InputError(file, "invalid JSON: nested too deeply") from None


def _load_yaml(file: str, text: str) -> object:
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())  # a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = error.problem or error.context or "malformed document"
        raise InputError(file, f"invalid YAML{where}: {problem}") from None
    except yaml.YAMLError as error:
        raise InputError(file, f"invalid YAML: {' '.join(str(error).split())}") from None


@functools.cache
def _yaml_loader() -> type[Any]:
    """A SafeLoader that reads plain scalars as the text written, except null (and ``<<``).

    YAML 1.1 would turn ``value: yes`` into True, ``2025-12-31`` into a date and ``020`` into
    16; the model wants the text, and pydantic converts where it wants a number.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present

    class Loader(base):  # type: ignore[valid-type,misc]
        pass

    keep = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")
    Loader.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag in keep]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def _sheets(file: str, document: object) -> list[Sheet]:
    if not isinstance(document, dict):
        found = _kind(document)
        raise InputError(
            file,
            f'expected an object with a "sheets" list at the top level, found {found}',
            'write {"schema_version": 1, "sheets": [...]}',
        )
    version = document.get("schema_version", str(SCHEMA_VERSION))
    if isinstance(version, bool) or str(version).strip() != str(SCHEMA_VERSION):
        raise InputError(
            file,
            f"unsupported schema_version {version}",
            f"this target-lint reads schema_version {SCHEMA_VERSION}",
        )
    if "sheets" not in document:
        raise InputError(file, 'no "sheets" list', 'write {"schema_version": 1, "sheets": [...]}')
    items = document["sheets"]
    if not isinstance(items, list):
        raise InputError(file, f"sheets: expected a list of sheets, found {_kind(items)}")
    if not items:
        raise InputError(
            file, "sheets: the list is empty", "a canonical file holds 1 sheet or more"
        )
    sheets, counter = [], _Counter()
    for number, item in enumerate(items):
        where = f"sheets[{number}]"
        _check_keys(file, item, Sheet, where)
        _fill_sheet(file, item, where, counter)
        try:
            sheets.append(validate(Sheet, item))
        except SchemaError as error:
            raise InputError(file, _first_error(where, error)) from None
    return sheets


class _Counter:
    """Numbers the indicators of a file 1, 2, … in document order (the generated rows)."""

    def __init__(self) -> None:
        self.next = 1

    def take(self) -> int:
        self.next += 1
        return self.next - 1


def _position(file: str, row: int, ref: str) -> dict[str, Any]:
    result: dict[str, Any] = dump(Position(file=file, row=row, ref=ref))
    return result


def _fill_sheet(file: str, sheet: object, where: str, counter: _Counter) -> None:
    """Fill what a hand-written sheet leaves out; skip what pydantic will reject anyway."""
    if not isinstance(sheet, dict):
        return
    sheet.setdefault("source", file)
    _remarks_as_objects(sheet, "directives")
    first = counter.next
    blocks = sheet.get("goals", [])
    for number, block in enumerate(blocks if isinstance(blocks, list) else []):
        if isinstance(block, dict):
            _fill_block(file, block, f"{where}.goals[{number}]", counter)
    sheet.setdefault("position", _position(file, first, where))


def _fill_block(file: str, block: dict[Any, Any], where: str, counter: _Counter) -> None:
    first = counter.next
    indicators = block.get("indicators", [])
    for number, indicator in enumerate(indicators if isinstance(indicators, list) else []):
        row, ref = counter.take(), f"{where}.indicators[{number}]"
        if not isinstance(indicator, dict):
            continue
        for field in REQUIRED:
            if field not in indicator:
                raise InputError(file, f"{ref}.{field}: field required")
            if indicator[field] is None:
                indicator[field] = ""
        indicator.setdefault("position", _position(file, row, ref))
        _remarks_as_objects(indicator, "remarks")
        for field, canonical in (("level1", canonical_level1), ("level2", canonical_level2)):
            if f"{field}_canonical" not in indicator and isinstance(indicator[field], str):
                indicator[f"{field}_canonical"] = canonical(indicator[field])
    block.setdefault("position", _position(file, first, where))


def _remarks_as_objects(data: dict[Any, Any], key: str) -> None:
    """Remarks written as their text alone become ``{"text": …}``."""
    items = data.get(key)
    if isinstance(items, list):
        data[key] = [{"text": item} if isinstance(item, str) else item for item in items]


def _fields(model: Any) -> dict[str, Any]:
    """The fields of a model dataclass and their (resolved) types."""
    hints = typing.get_type_hints(model)
    return {f.name: hints[f.name] for f in dataclasses.fields(model)}


def _check_keys(file: str, data: object, model: Any, where: str) -> None:
    """Reject keys the model does not know (a typo would otherwise be dropped silently)."""
    if not isinstance(data, dict):
        return
    fields = _fields(model)
    for key, value in data.items():
        annotation = fields.get(key, _UNKNOWN) if isinstance(key, str) else _UNKNOWN
        if annotation is _UNKNOWN:
            close = difflib.get_close_matches(str(key), list(fields), n=1)
            hint = f"did you mean {close[0]}?" if close else "known: " + ", ".join(fields)
            raise InputError(file, f"{where}.{key}: unknown field", hint)
        _check_nested(file, value, annotation, f"{where}.{key}")


_UNKNOWN = object()


def _check_nested(file: str, value: object, annotation: Any, where: str) -> None:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if dataclasses.is_dataclass(annotation):
        _check_keys(file, value, annotation, where)
    elif origin is list and isinstance(value, list):
        for number, item in enumerate(value):
            _check_nested(file, item, args[0], f"{where}[{number}]")
    elif origin is dict and isinstance(value, dict):
        for key, item in value.items():
            _check_nested(file, item, args[1], f"{where}.{key}")
    elif origin in (typing.Union, types.UnionType):
        for arg in args:
            if dataclasses.is_dataclass(arg):
                _check_keys(file, value, arg, where)


def _first_error(where: str, error: SchemaError) -> str:
    """``sheets[0].goals[1].table: input should be 'long_term' or 'annual' (got "年度")``."""
    path = where + "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.where
    )
    message = error.message[:1].lower() + error.message[1:]
    value = error.value
    missing = error.kind in ("missing", "missing_keyword_argument")
    if not missing and (value is None or isinstance(value, (str, int, float))):
        message += f" (got {json.dumps(value, ensure_ascii=False)})"
    return f"{path}: {message}"


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    return json.dumps(value, ensure_ascii=False)
