"""Data files validated once: configuration, rule packs and the built-in lexicons.

Validating a file with pydantic costs more than linting a sheet, and pre-commit starts a new
process for every commit, so the validated model is kept in the user cache directory, keyed on
the file's name and bytes, the model (and the size and time of its module) and the target-lint
version. A changed file is validated again; an invalid file is never cached, so its error is
reported on every run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from target_lint import __version__
from target_lint.cachedir import cache_dir, write_atomic

T = TypeVar("T")


def _stamp(model: type[object]) -> str:
    """Size and modification time of the module defining ``model``: an edited checkout must
    not load objects pickled from an older class."""
    source = getattr(sys.modules.get(model.__module__), "__file__", None)
    try:
        info = os.stat(source) if source else None
    except OSError:
        info = None
    return f"{info.st_size}:{info.st_mtime_ns}" if info else ""


def load_validated(model: type[T], path: Path, validate: Callable[[bytes], T]) -> T:
    """``validate(contents of path)``, or the result of an earlier call for the same bytes.

    OSError from reading ``path`` and the errors of ``validate`` propagate.
    """
    data = path.read_bytes()
    tag = f"{__version__}\0{model.__module__}.{model.__qualname__}\0{path.name}\0{_stamp(model)}\0"
    key = hashlib.sha256(tag.encode() + data).hexdigest()[:32]
    folder = cache_dir("validated")
    stored = folder / f"{key}.pickle" if folder else None
    if stored is not None:
        try:
            found = pickle.loads(stored.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            found = None
        if isinstance(found, model):
            return found
    result = validate(data)
    if stored is not None:
        write_atomic(stored, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result
