"""Errors that end a file's reading with a one-line message (exit code 2 in the CLI)."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read as a target sheet; the message names the file and the cause."""

    def __init__(self, file: str, problem: str, hint: str = "") -> None:
        self.file, self.problem, self.hint = file, problem, hint
        super().__init__(f"{file}: {problem}" + (f" ({hint})" if hint else ""))
