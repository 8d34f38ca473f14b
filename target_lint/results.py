"""The result cache: what linting a file gave, kept until the file or the settings change.

An entry is keyed on the file's path and bytes; entries live in a folder named for everything
else a result depends on — the target-lint version, the configuration (with the contents of
its rule packs), the rules that run, and the package's own code and data files (so that an
edited checkout never serves stale results). Entries are written through a temporary file and
a rename, so concurrent runs never see half an entry; an unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from target_lint import __version__
from target_lint.cachedir import cache_dir, write_atomic
from target_lint.engine.accept import SheetFindings
from target_lint.engine.config import Config
from target_lint.resources import data_path
from target_lint.schema import dump
from target_lint.sheet.model import Sheet

_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class SheetResult:
    """One sheet, its number of indicators and its findings after its own directives.

    ``sheet`` is the whole model, or only its outline (title, metadata and goal blocks without
    their indicators) when the report needs no more: a batch then keeps and caches far less.
    """

    sheet: Sheet
    indicators: int
    findings: SheetFindings


@dataclass(frozen=True)
class FileResult:
    """One file's sheets with their findings, or the one-line reason it could not be read."""

    file: str
    sheets: tuple[SheetResult, ...] = ()
    error: str | None = None


class ResultCache:
    """Results by file content, in ``<cache dir>/results/<settings digest>/``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def open(cls, config: Config, rules: Iterable[str], options: object) -> ResultCache | None:
        """The cache for a configuration, the rules (code, name, severity) and the options of
        a batch (a dataclass); None without a cache directory."""
        digest = settings_digest(config, rules, options)
        folder = cache_dir("results", digest)
        return cls(folder) if folder else None

    def key(self, file: str) -> str | None:
        """The entry name of ``file`` as it is now; None if it cannot be read."""
        try:
            data = Path(file).read_bytes()
        except OSError:
            return None
        return hashlib.sha256(file.encode() + b"\0" + data).hexdigest()[:40]

    def get(self, key: str) -> bytes | None:
        """The stored result (pickled FileResult), or None."""
        try:
            return (self.folder / key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, result: bytes) -> None:
        write_atomic(self.folder / key, result)


def settings_digest(config: Config, rules: Iterable[str], options: object) -> str:
    """A digest of all a result depends on besides the file itself."""
    parts: list[object] = [__version__, dump(config), sorted(rules), dump(options)]
    parts += [_file_digest(Path(p)) for p in config.packs]
    parts += [_tree_stamp(_PACKAGE, "*.py"), _tree_stamp(data_path("grammar"), "*")]
    parts.append(_tree_stamp(data_path("rules"), "*"))
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _tree_stamp(folder: Path, pattern: str) -> list[tuple[str, int, int]]:
    """Name, size and modification time of the files below ``folder`` matching ``pattern``."""
    stamps = []
    for path in sorted(folder.rglob(pattern)):
        if path.is_file():
            info = path.stat()
            stamps.append((path.relative_to(folder).as_posix(), info.st_size, info.st_mtime_ns))
    return stamps


def freeze(result: FileResult) -> bytes:
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def thaw(data: bytes) -> FileResult | None:
    """A stored result, or None if it is not one (a corrupt or foreign entry)."""
    try:
        result = pickle.loads(data)
    except Exception:
        return None
    return result if isinstance(result, FileResult) else None
