"""The model's boundary with the outside world: validation in, plain data out.

The models (values, sheets, findings, configuration, lexicons) are stdlib dataclasses, so that
reading and linting a sheet never imports pydantic, whose import and schema building cost more
than the whole rest of a one-sheet run. pydantic validates what comes in from outside —
canonical sheet files, configuration, rule packs, baselines — through :func:`validate`, and
:func:`dump` turns a model into JSON-ready data (``Decimal`` and paths as text, tuples as lists).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")

# clearer words for pydantic's messages on dataclasses
_MESSAGES = {
    "unexpected_keyword_argument": "unknown key",
    "extra_forbidden": "unknown key",
    "missing_keyword_argument": "field required",
    "dataclass_type": "Input should be a valid dictionary",
}


class SchemaError(ValueError):
    """Data that does not fit a model; ``where`` is the path of the first problem."""

    def __init__(self, where: tuple[str | int, ...], message: str, kind: str, value: object):
        self.where, self.message, self.kind, self.value = where, message, kind, value
        super().__init__(f"{'.'.join(str(p) for p in where)}: {message}")


def validate(model: type[T], data: object) -> T:
    """``data`` (parsed JSON/TOML/YAML) as an instance of ``model``; SchemaError if it does not fit.

    Plain text is converted where the model wants a number, as pydantic's lax mode does.
    """
    from pydantic import ValidationError

    try:
        result: T = _adapter(model).validate_python(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        kind = first["type"]
        message = _MESSAGES.get(kind, first["msg"].removeprefix("Value error, "))
        raise SchemaError(tuple(first["loc"]), message, kind, first.get("input")) from None
    return result


def json_schema(model: type[Any]) -> dict[str, Any]:
    """The JSON Schema of a model, as pydantic generates it."""
    schema: dict[str, Any] = _adapter(model).json_schema()
    return schema


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(model: type[T]) -> TypeAdapter[T]:
    """pydantic's validator for a model, built on first use (about 0.3 s with the import)."""
    if model not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]


def dump(obj: object, *, exclude: Collection[str] = ()) -> Any:
    """A model as JSON-ready data: dicts, lists, text, numbers, booleans and None.

    ``exclude`` leaves out top-level fields. Fields marked ``metadata={"dump": False}`` are
    never written (e.g. where a configuration was read from).
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: dump(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if f.name not in exclude and f.metadata.get("dump", True)
        }
    if isinstance(obj, dict):
        return {str(key): dump(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [dump(item) for item in obj]
    if isinstance(obj, (Decimal, PurePath)):
        return str(obj)
    return obj
