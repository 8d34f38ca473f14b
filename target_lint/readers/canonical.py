"""The canonical JSON/YAML form of the sheet model, for tools that hand sheets over directly.

A document is ``{"schema_version": 1, "sheets": [...]}`` where each sheet is
``Sheet.model_dump(mode="json")``. :func:`dump_sheets` writes it; :func:`read_canonical` reads
it back into equal models, and also reads the minimal hand-written form (docs/sheets.md,
"Canonical JSON/YAML form"): what is left out — source, positions, canonical labels — is filled
in, and positions of generated rows point at the JSON path (``sheets[0].goals[1].indicators[3]``).

Plain numbers are read as the text written (``"value": 20`` → ``"20"``, ``1.50`` → ``"1.50"``)
and pydantic converts them where the model wants a number, so values keep what was written.
"""

from __future__ import annotations

import difflib
import functools
import json
import types
import typing
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from target_lint.errors import InputError
from target_lint.sheet.model import Position, Sheet
from target_lint.sheet.taxonomy import canonical_level1, canonical_level2

SCHEMA_VERSION = 1
SUFFIXES = (".json", ".yaml", ".yml")

# Fields an indicator must state in a canonical file (they may be empty: "" or null).
REQUIRED = ("level1", "level2", "name", "value")

__all__ = ["SCHEMA_VERSION", "SUFFIXES", "dump_sheets", "read_canonical"]


def dump_sheets(sheets: list[Sheet], fmt: Literal["json", "yaml"]) -> str:
    """The canonical document for ``sheets`` as JSON or YAML text (ending in a newline)."""
    payload = {
        "schema_version": SCHEMA_VERSION,
        "sheets": [sheet.model_dump(mode="json") for sheet in sheets],
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
            sheets.append(Sheet.model_validate(item))
        except ValidationError as error:
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
    return Position(file=file, row=row, ref=ref).model_dump()


def _fill_sheet(file: str, sheet: object, where: str, counter: _Counter) -> None:
    """Fill what a hand-written sheet leaves out; skip what pydantic will reject anyway."""
    if not isinstance(sheet, dict):
        return
    sheet.setdefault("source", file)
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
        for field, canonical in (("level1", canonical_level1), ("level2", canonical_level2)):
            if f"{field}_canonical" not in indicator and isinstance(indicator[field], str):
                indicator[f"{field}_canonical"] = canonical(indicator[field])
    block.setdefault("position", _position(file, first, where))


def _check_keys(file: str, data: object, model: type[BaseModel], where: str) -> None:
    """Reject keys the model does not know (a typo would otherwise be dropped silently)."""
    if not isinstance(data, dict):
        return
    fields = model.model_fields
    for key, value in data.items():
        field = fields.get(key) if isinstance(key, str) else None
        if field is None:
            close = difflib.get_close_matches(str(key), list(fields), n=1)
            hint = f"did you mean {close[0]}?" if close else "known: " + ", ".join(fields)
            raise InputError(file, f"{where}.{key}: unknown field", hint)
        _check_nested(file, value, field.annotation, f"{where}.{key}")


def _check_nested(file: str, value: object, annotation: Any, where: str) -> None:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        _check_keys(file, value, annotation, where)
    elif origin is list and isinstance(value, list):
        for number, item in enumerate(value):
            _check_nested(file, item, args[0], f"{where}[{number}]")
    elif origin is dict and isinstance(value, dict):
        for key, item in value.items():
            _check_nested(file, item, args[1], f"{where}.{key}")
    elif origin in (typing.Union, types.UnionType):
        for arg in args:
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                _check_keys(file, value, arg, where)


def _first_error(where: str, error: ValidationError) -> str:
    """``sheets[0].goals[1].table: input should be 'long_term' or 'annual' (got "年度")``."""
    first = error.errors(include_url=False)[0]
    path = where + "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in first["loc"]
    )
    message = first["msg"][:1].lower() + first["msg"][1:]
    value = first.get("input")
    if first["type"] != "missing" and (value is None or isinstance(value, (str, int, float))):
        message += f" (got {json.dumps(value, ensure_ascii=False)})"
    return f"{path}: {message}"


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    return json.dumps(value, ensure_ascii=False)
