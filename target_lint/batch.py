"""Lint many files: in parallel worker processes, through the result cache, in input order.

``lint_files`` yields one FileResult per file in the order given, whatever the number of
jobs, so that the report of a parallel run is the report of a serial one. Cached results are
taken first; the rest are linted by ``jobs`` worker processes (or in this process when one job
or fewer than ``PARALLEL_FROM`` files are left), which also store their results in the cache.
Each sheet's own directives are applied where it is linted, so that only outlines of the
sheets need to come back (``Options.whole_sheets`` for reports that show every cell).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from target_lint.engine.accept import suppress
from target_lint.engine.config import Config
from target_lint.errors import InputError
from target_lint.lint import Linter
from target_lint.results import FileResult, ResultCache, SheetResult, freeze, thaw
from target_lint.sheet.model import Sheet

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext


@dataclass(frozen=True)
class Options:
    """What a file's result holds: whole sheets or outlines; directives applied or not."""

    whole_sheets: bool = False
    ignore_noqa: bool = False


# fewer files are linted in this process: starting workers (~80 ms) would cost more than it saves
PARALLEL_FROM = 4

_worker: tuple[Linter, Options] | None = None  # the worker's linter, built once per process


def default_jobs() -> int:
    """All the cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def lint_files(
    files: Sequence[str],
    linter: Linter,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
    options: Options = Options(),
    keys: Sequence[str | None] | None = None,
) -> Iterator[FileResult]:
    """The result of each file, in the order of ``files``. ``cache`` must have been opened
    for the same linter configuration and options; ``keys`` are the files' cache keys when
    they are known already."""
    if keys is None:
        keys = [cache.key(file) if cache else None for file in files]
    found: dict[int, FileResult] = {}
    if cache is not None:
        gc.disable()  # thawing allocates many objects that live on: collecting finds nothing
        try:
            for index, key in enumerate(keys):
                data = cache.get(key) if key else None
                result = thaw(data) if data else None
                if result is not None and result.file == files[index]:
                    found[index] = result
        finally:
            gc.enable()
    todo = [i for i in range(len(files)) if i not in found]
    work = [(files[i], keys[i], cache) for i in todo]
    fresh = _run(work, linter, jobs, options)
    for index in range(len(files)):
        yield found[index] if index in found else next(fresh)


def _run(
    work: list[tuple[str, str | None, ResultCache | None]],
    linter: Linter,
    jobs: int,
    options: Options,
) -> Iterator[FileResult]:
    jobs = min(jobs, len(work))
    if jobs <= 1 or len(work) < PARALLEL_FROM:
        for item in work:
            yield _lint(item, linter, options)
        return
    from concurrent.futures import ProcessPoolExecutor

    context = _context()
    chunk = max(1, min(64, len(work) // (jobs * 8)))
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start, initargs=(linter.config, options)
    ) as pool:
        for data in pool.map(_work, work, chunksize=chunk):
            result = thaw(data)
            assert result is not None  # written by _work just now
            yield result


def _context() -> BaseContext:
    """fork where the platform has it (workers start with everything loaded), else spawn."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and sys.platform != "darwin" else "spawn"
    return multiprocessing.get_context(method)


def _start(config: Config, options: Options) -> None:
    global _worker
    _worker = (Linter.from_config(config), options)


def _work(item: tuple[str, str | None, ResultCache | None]) -> bytes:
    assert _worker is not None, "worker started without _start"
    file, key, cache = item
    data = freeze(_result(file, *_worker))
    if cache is not None and key is not None:
        cache.put(key, data)
    return data


def _lint(
    item: tuple[str, str | None, ResultCache | None], linter: Linter, options: Options
) -> FileResult:
    file, key, cache = item
    result = _result(file, linter, options)
    if cache is not None and key is not None:
        cache.put(key, freeze(result))
    return result


def _result(file: str, linter: Linter, options: Options) -> FileResult:
    from target_lint.readers import read_sheets

    try:
        sheets = read_sheets(file, max_bytes=linter.config.max_bytes)
    except InputError as problem:
        return FileResult(file, error=str(problem))
    results = []
    for sheet in sheets:
        findings = suppress(sheet, linter.lint_sheet(sheet), ignore_noqa=options.ignore_noqa)
        kept = sheet if options.whole_sheets else outline(sheet)
        results.append(SheetResult(kept, len(sheet.indicators), findings))
    return FileResult(file, tuple(results))


def outline(sheet: Sheet) -> Sheet:
    """The sheet without its indicators and cell-level metadata: what a report of findings
    needs to name the sheet and its tables."""
    meta = replace(sheet.meta, fields={}, positions={})
    goals = [replace(block, indicators=[]) for block in sheet.goals]
    return replace(sheet, meta=meta, goals=goals, directives=[])
