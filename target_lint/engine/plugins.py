"""Entry points of the ``target_lint.rules`` group, found once per set of installed packages.

``importlib.metadata`` reads every installed distribution's metadata (tens of milliseconds,
more than linting a sheet), so what it finds is kept in the user cache directory, keyed on
the folders of ``sys.path`` and their modification times: installing or removing a package
changes its folder, and the next run scans again.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
from typing import Any

from target_lint.cachedir import cache_dir, write_atomic


def load_group(group: str) -> list[Any]:
    """The objects the entry points of ``group`` name, in the order metadata lists them."""
    return [_load(value) for value in _values(group)]


def _values(group: str) -> list[str]:
    folder = cache_dir("plugins")
    stored = folder / f"{group}-{_fingerprint()}.json" if folder else None
    if stored is not None:
        try:
            values = json.loads(stored.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            values = None
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            return values
    from importlib.metadata import entry_points

    values = [entry.value for entry in entry_points(group=group)]
    if stored is not None:
        write_atomic(stored, json.dumps(values).encode())
    return values


def _fingerprint() -> str:
    """A digest of the interpreter, ``sys.path`` and each folder's modification time."""
    parts = [sys.executable, sys.version]
    for entry in sys.path:
        try:
            parts.append(f"{entry}\0{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            parts.append(entry)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _load(value: str) -> Any:
    """``package.module:attribute`` → the attribute (as importlib.metadata's EntryPoint.load)."""
    module, _, attribute = value.partition(":")
    found: Any = importlib.import_module(module.strip())
    for name in filter(None, attribute.strip().split(".")):
        found = getattr(found, name)
    return found
