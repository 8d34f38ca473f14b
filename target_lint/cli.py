"""Command line: ``target-lint parse``, ``target-lint check``, ``target-lint --version``.

Only argparse is imported at start-up; each command imports what it needs, so that
``--version`` and ``--help`` stay instant (a test guards this).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from target_lint import __version__

if TYPE_CHECKING:
    from target_lint.sheet.model import Sheet
    from target_lint.values import ParsedValue

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SCHEMA_VERSION = 1


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return EXIT_ERROR
    result: int = args.run(args)
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="target-lint",
        description="Lint Chinese budget performance target sheets (预算绩效目标表).",
    )
    parser.add_argument("--version", action="version", version=f"target-lint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    parse = commands.add_parser("parse", help="show the typed form of indicator values")
    parse.add_argument("values", nargs="+", metavar="VALUE", help="a 指标值 such as '≥95%%'")
    parse.add_argument("--format", choices=("text", "json"), default="text")
    parse.set_defaults(run=_run_parse)

    check = commands.add_parser("check", help="read target sheets and report what was read")
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "-v", "--verbose", action="store_true", help="list every indicator that was read"
    )
    check.set_defaults(run=_run_check)
    return parser


def _run_parse(args: argparse.Namespace) -> int:
    from target_lint.values import parse_value

    values = [parse_value(text) for text in args.values]
    if args.format == "json":
        import json

        payload = [v.model_dump(mode="json") for v in values]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for value in values:
            print(_describe_value(value))
    return EXIT_OK


def _describe_value(value: ParsedValue) -> str:
    parts = [f"{value.text!r}", value.kind]
    if value.op:
        parts.append(value.op)
    if value.magnitude is not None:
        amount = value.magnitude
        if value.magnitude_high is not None:
            amount += f"..{value.magnitude_high}"
        parts.append(amount + (f" {value.unit}" if value.unit else ""))
    elif value.unit:
        parts.append(value.unit)
    for name in ("date", "reference", "word"):
        if getattr(value, name):
            parts.append(f"{name}={getattr(value, name)}")
    if value.defects:
        parts.append("defects: " + ", ".join(value.defects))
    if value.reason:
        parts.append(f"({value.reason})")
    return "  ".join(parts)


def _run_check(args: argparse.Namespace) -> int:
    from target_lint.errors import InputError
    from target_lint.readers import READERS, read_sheets

    sheets: list[Sheet] = []
    errors: list[dict[str, str]] = []
    files = 0
    for file in _files(args.paths, set(READERS)):
        try:
            files += 1
            sheets.extend(read_sheets(file))
        except InputError as problem:
            errors.append({"file": problem.file, "message": str(problem)})
    for error in errors:
        print(f"target-lint: {error['message']}", file=sys.stderr)
    summary = {
        "files": files,
        "sheets": len(sheets),
        "indicators": sum(len(s.indicators) for s in sheets),
        "errors": len(errors),
    }
    if args.format == "json":
        import json

        payload: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "findings": [],
            "summary": summary,
            "sheets": [s.model_dump(mode="json") for s in sheets],
            "errors": errors,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for sheet in sheets:
            print(_describe_sheet(sheet, args.verbose))
        print(
            f"{summary['files']} file(s), {summary['sheets']} sheet(s), "
            f"{summary['indicators']} indicator(s) read"
            + (f", {summary['errors']} file(s) could not be read" if errors else "")
        )
    return EXIT_ERROR if errors else EXIT_OK


def _files(paths: Sequence[str], suffixes: set[str]) -> Iterator[str]:
    """The files named, and the readable files inside the folders named, in sorted order.

    A name that does not exist is passed on, so that reading it reports the error in turn.
    """
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in suffixes)
            yield from (str(p) for p in found)
        else:
            yield name


def _describe_sheet(sheet: Sheet, verbose: bool) -> str:
    name = sheet.title or sheet.meta.project_name or sheet.meta.department or "(untitled)"
    lines = [
        f"{sheet.position.file}:{sheet.position.ref}: {name} — {sheet.kind}, "
        f"{len(sheet.indicators)} indicators in {len(sheet.goals)} table(s)"
    ]
    if verbose:
        for block in sheet.goals:
            lines.append(f"  {block.table} {block.goal or ''} {block.title or ''}".rstrip())
            for ind in block.indicators:
                lines.append(
                    f"    {ind.position.ref:>8}  {ind.level1} / {ind.level2} / {ind.name}"
                    f" = {ind.value}"
                )
    return "\n".join(lines)
