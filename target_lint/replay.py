"""Replay: the report of a ``check`` run whose inputs are all unchanged, written again.

The result cache spares re-linting unchanged files, but a batch of 100,000 indicators still
spends seconds rebuilding its findings and writing its report. A run with the same options,
working folder, output settings, settings digest, baseline and file contents writes the same
bytes, so its report is kept (compressed) beside the cached results and written again.

Each distinct command keeps one stored report, replaced when its inputs change. Only runs
whose report goes to stdout and that read every file are recorded.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from target_lint.cachedir import write_atomic

# what the terminal report's styles depend on besides the options (rich reads these)
_TERMINAL_ENV = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "TTY_COMPATIBLE")


@dataclass(frozen=True)
class Replay:
    """The stored report of one command (``path``) for one state of its inputs."""

    path: Path
    inputs: str

    @classmethod
    def open(
        cls,
        folder: Path,
        options: Mapping[str, object],
        inputs: Iterable[str | None],
        *,
        terminal: bool,
    ) -> Replay:
        """The replay slot of a command in a results folder. ``options`` are the parsed
        command-line options, ``inputs`` the cache keys of the files in order plus anything
        else the report depends on; ``terminal`` whether stdout is a terminal."""
        command = {
            "options": options,
            "cwd": os.getcwd(),
            "terminal": terminal,
            "env": {name: os.environ.get(name) for name in _TERMINAL_ENV} if terminal else {},
        }
        slot = _digest(json.dumps(command, ensure_ascii=False, sort_keys=True, default=str))
        return cls(folder / "runs" / slot, _digest("\n".join(map(str, inputs))))

    def get(self) -> tuple[str, int] | None:
        """The stored report and exit code, or None if the inputs differ or none is stored."""
        try:
            inputs, code, packed = pickle.loads(self.path.read_bytes())
            if inputs != self.inputs:
                return None
            return zlib.decompress(packed).decode("utf-8"), int(code)
        except Exception:  # missing, partly written by an old version, or foreign
            return None

    def record(self, chunks: Iterable[str]) -> Recording:
        """The chunks as they pass, kept compressed for ``Recording.store``."""
        return Recording(self, chunks)


class Recording:
    """Chunks of a report passing through on their way out, compressed as they go."""

    def __init__(self, replay: Replay, chunks: Iterable[str]) -> None:
        self._replay = replay
        self._chunks = chunks
        self._packer = zlib.compressobj(1)
        self._parts: list[bytes] = []

    def __iter__(self) -> Iterator[str]:
        for chunk in self._chunks:
            self._parts.append(self._packer.compress(chunk.encode("utf-8")))
            yield chunk

    def store(self, exit_code: int) -> None:
        """Keep the whole report (call after every chunk has passed) and its exit code."""
        packed = b"".join([*self._parts, self._packer.flush()])
        self._replay.path.parent.mkdir(parents=True, exist_ok=True)
        data = (self._replay.inputs, exit_code, packed)
        write_atomic(self._replay.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def file_digest(path: str | None) -> str:
    """A digest of a file's bytes ("" for none, "missing" when it cannot be read)."""
    if path is None:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
