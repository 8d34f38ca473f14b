"""Command line: ``target-lint parse``, ``target-lint check``, ``target-lint --version``.

``--version`` is answered before anything is imported; every other command imports argparse
and then only what it needs, so that start-up stays short (a test guards this).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence

from target_lint import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: --version stays quick
if TYPE_CHECKING:
    import argparse
    from typing import Any, TypeVar

    from target_lint.engine.rule import Rule
    from target_lint.lint import Linter
    from target_lint.replay import Replay
    from target_lint.report import Run
    from target_lint.results import ResultCache
    from target_lint.sheet.model import Sheet
    from target_lint.values import ParsedValue

    T = TypeVar("T")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# target_lint.report.FORMATS, spelt out: importing that package costs ~13 ms of start-up
FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit", "xlsx")


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if words == ["--version"]:  # the pre-commit and CI probe: no argparse (~25 ms here)
        print(f"target-lint {__version__}")
        return EXIT_OK
    args = _parser().parse_args(words)
    if args.command is None:
        _parser().print_help()
        return EXIT_ERROR
    result: int = args.run(args)
    return result


def _parser() -> argparse.ArgumentParser:
    import argparse

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

    check = commands.add_parser("check", help="lint target sheets")
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    check.add_argument("--format", choices=FORMATS, default="text", help="report format (text)")
    check.add_argument("--statistics", action="store_true", help="count the findings per rule")
    check.add_argument(
        "-q", "--quiet", action="store_true", help="one line per finding and no summary"
    )
    check.add_argument("-o", "--output-file", metavar="PATH", help="write the report to PATH")
    check.add_argument("--select", help="comma-separated rule codes, prefixes or names (ALL)")
    check.add_argument("--extend-select", help="rules to add to the selection")
    check.add_argument("--ignore", help="comma-separated rules to leave out")
    check.add_argument("--language", choices=("zh", "en"), help="message language (zh)")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), help="(warning)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--config", help="a target-lint.toml or pyproject.toml to use")
    check.add_argument("--isolated", action="store_true", help="ignore configuration files")
    check.add_argument(
        "--output-dir",
        metavar="DIR",
        help="with --format xlsx: write <name>.annotated.xlsx here (target-lint-report/)",
    )
    check.add_argument("--baseline", metavar="FILE", help="report only findings not in FILE")
    check.add_argument(
        "--write-baseline", metavar="FILE", help="record the findings in FILE as accepted"
    )
    check.add_argument(
        "--ignore-noqa", action="store_true", help="report findings silenced by target-lint: ignore"
    )
    check.add_argument(
        "-v", "--verbose", action="store_true", help="also list every indicator that was read"
    )
    check.add_argument(
        "-j", "--jobs", type=_jobs, metavar="N", help="worker processes (default: all cores)"
    )
    check.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the result cache"
    )
    check.add_argument(
        "--max-file-size",
        type=float,
        metavar="MB",
        dest="max_file_size_mb",
        help="refuse larger input files (50)",
    )
    check.set_defaults(run=_run_check)

    fix = commands.add_parser("fix", help="apply the safe fixes (workbooks: to a copy)")
    fix.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    fix.add_argument(
        "--output",
        metavar="FILE_OR_DIR",
        help="write the fixed files here instead of in place (required for .xlsx/.xlsm)",
    )
    fix.add_argument("--diff", action="store_true", help="show the changes, write nothing")
    fix.add_argument("--select", help="comma-separated rule codes, prefixes or names (ALL)")
    fix.add_argument("--extend-select", help="rules to add to the selection")
    fix.add_argument("--ignore", help="comma-separated rules to leave out")
    fix.add_argument("--config", help="a target-lint.toml or pyproject.toml to use")
    fix.add_argument("--isolated", action="store_true", help="ignore configuration files")
    fix.set_defaults(run=_run_fix, language=None, fail_on=None, max_file_size_mb=None)

    convert = commands.add_parser("convert", help="print sheets in the canonical JSON/YAML form")
    convert.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    convert.add_argument("--to", choices=("json", "yaml"), default="json")
    convert.set_defaults(run=_run_convert)

    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.set_defaults(run=_run_rules)

    explain = commands.add_parser("rule", help="explain one rule")
    explain.add_argument("rule", metavar="CODE-or-NAME")
    explain.add_argument("--format", choices=("text", "json"), default="text")
    explain.set_defaults(run=_run_rule)
    return parser


def _run_parse(args: argparse.Namespace) -> int:
    from target_lint.values import parse_value

    values = [parse_value(text) for text in args.values]
    if args.format == "json":
        import json

        from target_lint.schema import dump

        payload = [dump(v) for v in values]
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
    import gc
    from pathlib import Path

    from target_lint.batch import Options, default_jobs, lint_files
    from target_lint.engine.accept import accept
    from target_lint.engine.baseline import BaselineError, write_baseline
    from target_lint.readers import suffixes
    from target_lint.report import Run, SheetReport, render_chunks
    from target_lint.results import ResultCache, SheetResult

    try:
        linter = _linter(args)
    except ValueError as problem:
        print(f"target-lint: {problem}", file=sys.stderr)
        return EXIT_ERROR
    results: list[SheetResult] = []
    errors: list[dict[str, str]] = []
    names = list(_files(args.paths, suffixes()))
    # reports that show cells beyond the findings' own need the whole sheets back
    whole = args.verbose or args.format in ("sarif", "xlsx")
    options = Options(whole_sheets=whole, ignore_noqa=args.ignore_noqa)
    cache = None
    if not args.no_cache:
        cache = ResultCache.open(linter.config, _rule_codes(linter), options)
    keys = [cache.key(name) for name in names] if cache else None
    replay = _replay(args, cache, keys) if cache and keys is not None else None
    if replay is not None and (stored := replay.get()) is not None:
        sys.stdout.write(stored[0])
        return stored[1]
    jobs = args.jobs or default_jobs()
    batch = lint_files(names, linter, jobs=jobs, cache=cache, options=options, keys=keys)
    for result in _with_progress(batch, len(names)):
        if result.error is not None:
            errors.append({"file": result.file, "message": result.error})
        results.extend(result.sheets)
    files = len(names)
    # what was read lives until the process ends: spare the garbage collector from walking it
    # again for every report line (~40% of the report's time on a 100,000-indicator batch)
    gc.freeze()
    for error in errors:
        print(f"target-lint: {error['message']}", file=sys.stderr)
    baseline = None if args.write_baseline else args.baseline
    try:
        linted = {p for r in results for p in (r.sheet.source, r.sheet.position.file)}
        kept, accepted = accept([r.findings for r in results], linted, baseline=baseline)
        findings = [f for group in kept for f in group]
        if args.write_baseline:
            entries = write_baseline(args.write_baseline, findings)
    except BaselineError as problem:
        print(f"target-lint: {problem}", file=sys.stderr)
        return EXIT_ERROR
    if args.write_baseline:
        print(
            f"target-lint: wrote {len(findings)} finding(s) as {len(entries)} entries "
            f"to {args.write_baseline}",
            file=sys.stderr,
        )
        return EXIT_ERROR if errors else EXIT_OK
    reports = tuple(
        SheetReport(r.sheet, tuple(group), r.indicators)
        for r, group in zip(results, kept, strict=True)
    )
    run = Run(reports, linter.rules, files, errors, linter.config.fail_on, accepted)
    if args.format == "xlsx":
        from target_lint.report.workbook_out import write_annotated

        try:
            written = write_annotated(run, Path(args.output_dir or "target-lint-report"))
        except (OSError, ValueError) as problem:
            print(f"target-lint: cannot write the annotated workbooks: {problem}", file=sys.stderr)
            return EXIT_ERROR
        for path in written:
            print(f"target-lint: wrote {path}", file=sys.stderr)
        if errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if run.failing_sheets and not args.exit_zero else EXIT_OK
    output = Path(args.output_file) if args.output_file else None
    chunks = render_chunks(
        run,
        args.format,
        statistics=args.statistics,
        quiet=args.quiet,
        color=False if output else None,
        verbose=args.verbose,
    )
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8") as out:
            out.writelines(chunks)
        return EXIT_ERROR if errors else _exit(run, args)
    if replay is None or errors:
        sys.stdout.writelines(chunks)
        return EXIT_ERROR if errors else _exit(run, args)
    recording = replay.record(chunks)
    sys.stdout.writelines(recording)
    recording.store(_exit(run, args))
    return _exit(run, args)


def _exit(run: Run, args: argparse.Namespace) -> int:
    """The exit code of a run whose files were all read."""
    return EXIT_FINDINGS if run.failing_sheets and not args.exit_zero else EXIT_OK


def _replay(args: argparse.Namespace, cache: ResultCache, keys: list[str | None]) -> Replay | None:
    """The stored report of this command, for a run whose report is all it writes."""
    from target_lint.replay import Replay, file_digest

    if args.format == "xlsx" or args.output_file or args.write_baseline:
        return None
    options = {k: v for k, v in vars(args).items() if k not in ("run", "jobs")}
    inputs = [*keys, file_digest(args.baseline)]
    return Replay.open(cache.folder, options, inputs, terminal=sys.stdout.isatty())


PROGRESS_FROM = 20  # files; fewer finish before a bar would be worth drawing


def _with_progress(items: Iterable[T], total: int) -> Iterable[T]:
    """The items, with a progress bar on stderr when it is a terminal and the batch is long."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return items
    from rich.console import Console
    from rich.progress import track

    console = Console(stderr=True)
    return track(items, total=total, description="target-lint", console=console, transient=True)


def _jobs(text: str) -> int:
    """``--jobs``: a whole number of processes, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        import argparse

        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return int(text)


def _rule_codes(linter: Linter) -> list[str]:
    return [f"{r.code}:{r.name}:{r.severity}" for r in linter.rules]


def _run_fix(args: argparse.Namespace) -> int:
    from target_lint.fix import run_fix

    try:
        linter = _linter(args)
    except ValueError as problem:
        print(f"target-lint: {problem}", file=sys.stderr)
        return EXIT_ERROR
    return run_fix(args.paths, linter, output=args.output, diff=args.diff)


def _run_convert(args: argparse.Namespace) -> int:
    from target_lint.errors import InputError
    from target_lint.readers import read_sheets, suffixes
    from target_lint.readers.canonical import dump_sheets

    sheets: list[Sheet] = []
    failed = False
    for file in _files(args.paths, suffixes()):
        try:
            sheets.extend(read_sheets(file))
        except InputError as problem:
            print(f"target-lint: {problem}", file=sys.stderr)
            failed = True
    print(dump_sheets(sheets, args.to), end="")
    return EXIT_ERROR if failed else EXIT_OK


def _linter(args: argparse.Namespace) -> Linter:
    """The rule set from the configuration file and the command-line flags (which win)."""
    from pathlib import Path

    from target_lint.engine.config import ConfigError, find_config, load_config
    from target_lint.engine.knowledge import PackError
    from target_lint.engine.registry import RuleError
    from target_lint.lint import Linter

    try:
        if args.isolated:
            config = load_config(None)
        elif args.config:
            config = load_config(Path(args.config))
        else:
            config = load_config(find_config(Path.cwd()))
        updates: dict[str, Any] = {}
        for flag in ("select", "extend_select", "ignore"):
            if getattr(args, flag):
                updates[flag] = [s.strip() for s in getattr(args, flag).split(",") if s.strip()]
        for flag in ("language", "fail_on", "max_file_size_mb"):
            if getattr(args, flag) is not None:
                updates[flag] = getattr(args, flag)
        import dataclasses

        return Linter.from_config(dataclasses.replace(config, **updates))
    except (ConfigError, PackError, RuleError) as problem:
        raise ValueError(str(problem)) from problem


def _run_rules(args: argparse.Namespace) -> int:
    from target_lint.engine.registry import all_rules

    rules = all_rules()
    if args.format == "json":
        import json

        print(json.dumps([_rule_data(r) for r in rules], ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(_rules_markdown(rules), end="")
    else:
        for item in rules:
            fix = " (fixable)" if item.fixable else ""
            print(f"{item.code}  {item.name:<40} {item.severity:<8} {item.doc.summary}{fix}")
    return EXIT_OK


def _run_rule(args: argparse.Namespace) -> int:
    from target_lint.engine.registry import all_rules, find_rule

    item = find_rule(args.rule, all_rules())
    if item is None:
        print(f"target-lint: unknown rule {args.rule!r}", file=sys.stderr)
        return EXIT_ERROR
    data = _rule_data(item)
    if args.format == "json":
        import json

        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{item.code} {item.name}  ({item.kind}, default severity {item.severity})\n")
    print(f"{item.doc.summary}\n")
    print(f"Why: {item.doc.why}\n")
    print(f"Example:   {item.doc.example}")
    print(f"Instead:   {item.doc.fixed}\n")
    print(f"Message (zh): {item.message['zh']}")
    return EXIT_OK


def _rules_markdown(rules: Sequence[Rule]) -> str:
    """docs/rules.md: generated from the rules' own metadata (``target-lint rules --format
    markdown``), so the reference never drifts from the code."""
    lines = [
        "# Rules",
        "",
        "Generated by `target-lint rules --format markdown`; do not edit by hand.",
        "Explain one rule in the terminal with `target-lint rule CODE`.",
        "",
        "| code | name | kind | severity | summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.kind} | {r.severity} | "
        f"{r.doc.summary} |"
        for r in rules
    ]
    for item in rules:
        fixable = " Fixable." if item.fixable else ""
        lines += [
            "",
            f"## {item.code}",
            "",
            f"`{item.name}` · {item.kind} · default severity {item.severity} · "
            f"scope {item.scope}.{fixable}",
            "",
            item.doc.summary,
            "",
            f"**Why.** {item.doc.why}",
            "",
            f"**Example.** `{item.doc.example}`  ",
            f"**Instead.** `{item.doc.fixed}`",
            "",
            f"**Message.** {item.message['zh']}",
        ]
    return "\n".join(lines) + "\n"


def _rule_data(item: Rule) -> dict[str, Any]:
    return {
        "code": item.code,
        "name": item.name,
        "kind": item.kind,
        "severity": item.severity,
        "scope": item.scope,
        "fixable": item.fixable,
        "summary": item.doc.summary,
        "why": item.doc.why,
        "example": item.doc.example,
        "fixed": item.doc.fixed,
        "message": item.message,
    }


def _files(paths: Sequence[str], suffixes: set[str]) -> Iterator[str]:
    """The files named, and the readable files inside the folders named, in sorted order.

    A name that does not exist is passed on, so that reading it reports the error in turn.
    """
    from pathlib import Path

    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
            )
            yield from (str(p) for p in found)
        else:
            yield name
