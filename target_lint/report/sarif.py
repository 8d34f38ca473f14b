"""SARIF 2.1.0 (``--format sarif``), for GitHub code scanning and other SARIF viewers.

- ``tool.driver.rules``: the rules that ran, from their own metadata; results refer to them
  by ``ruleId`` and ``ruleIndex``. Severities map to levels error / warning / note.
- Locations: file URIs relative to the working directory (``uriBaseId`` ``%SRCROOT%``) when the
  file lies inside it. Markdown and text files get a text region (line, column in code points);
  a workbook cell gets ``startLine`` = row and ``startColumn`` = column (one column wide), and,
  like every ref that is not a text position, a logical location naming it (``Sheet1!D7``),
  repeated at the start of the message since viewers seldom show logical locations.
- ``partialFingerprints["targetLint/v1"]``: the finding's identity key (engine/identity.py:
  file name, sheet, table, goal, the indicator's 一级/二级/三级 labels and the rule code, the
  key baselines use too), with ``:n`` counting findings that share it, so inserting or deleting
  rows keeps a finding's fingerprint. Row numbers are not in it.
- ``fixes`` where a finding has one and the replaced cell is known exactly: the whole cell
  (workbook) or the cell's text as written (text files) is replaced.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from target_lint import __version__
from target_lint.engine.finding import Finding
from target_lint.engine.identity import finding_key
from target_lint.engine.rule import Rule
from target_lint.report import Run
from target_lint.report.location import Place, cell_texts, file_uri, place
from target_lint.schema import dump

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "targetLint/v1"
BASE_ID = "%SRCROOT%"


def render_sarif(run: Run, base: Path | None = None) -> str:
    """The SARIF log of ``run``; paths are made relative to ``base`` (the working directory)."""
    return json.dumps(sarif_log(run, base or Path.cwd()), ensure_ascii=False, indent=2) + "\n"


def sarif_log(run: Run, base: Path) -> dict[str, Any]:
    rules = [_descriptor(r) for r in run.rules]
    index = {r.code: i for i, r in enumerate(run.rules)}
    for finding in run.findings:  # a finding of a rule that is not listed: name it at least
        if finding.code not in index:
            index[finding.code] = len(rules)
            rules.append({"id": finding.code, "name": finding.name})
    texts = {
        (report.file, ref): text
        for report in run.reports
        for ref, text in cell_texts(report.sheet).items()
    }
    artifacts = {file: _artifact(file, base) for file in {f.file for f in run.findings}}
    seen: Counter[str] = Counter()
    results = []
    for finding in run.findings:
        key = finding_key(finding)
        seen[key] += 1
        cell = texts.get((finding.file, finding.ref or ""))
        result = _result(finding, index[finding.code], cell, artifacts[finding.file])
        result["partialFingerprints"] = {FINGERPRINT: f"{key}:{seen[key]}"}
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "target-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [_invocation(run, base)],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _descriptor(item: Rule) -> dict[str, Any]:
    doc = item.doc
    help_text = f"{doc.summary}\n\nWhy: {doc.why}\n\nExample: {doc.example}\nInstead: {doc.fixed}"
    help_markdown = (
        f"{doc.summary}\n\n**Why.** {doc.why}\n\n**Example.** `{doc.example}`  \n"
        f"**Instead.** `{doc.fixed}`"
    )
    return {
        "id": item.code,
        "name": item.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.why},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[item.severity]},
        "properties": {
            "kind": item.kind,
            "scope": item.scope,
            "fixable": item.fixable,
            "tags": [item.kind],
        },
    }


def _result(
    finding: Finding, rule_index: int, cell: str | None, artifact: dict[str, str]
) -> dict[str, Any]:
    where = place(finding, cell)
    physical: dict[str, Any] = {"artifactLocation": artifact}
    region = _region(where)
    if region:
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    message = finding.message
    if where.logical and finding.ref:
        location["logicalLocations"] = [
            {
                "name": finding.ref.rpartition("!")[2],
                "fullyQualifiedName": finding.ref,
                "kind": "element",
            }
        ]
        message = f"{finding.ref}: {message}"
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [location],
        "properties": _properties(finding),
    }
    fix = finding.fix
    if fix is not None and where.end_column is not None:  # the cell's extent is known
        kind = "safe" if fix.safe else "unsafe"
        result["fixes"] = [
            {
                "description": {"text": f"Replace the cell with “{fix.replacement}” ({kind})"},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact,
                        "replacements": [
                            {
                                "deletedRegion": region,
                                "insertedContent": {"text": fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def _region(where: Place) -> dict[str, int]:
    region: dict[str, int] = {}
    if where.line is not None:
        region["startLine"] = where.line
    if where.column is not None:
        region["startColumn"] = where.column
    if where.end_column is not None:
        region["endColumn"] = where.end_column
    return region


def _artifact(file: str, base: Path) -> dict[str, str]:
    uri, relative = file_uri(file, base)
    return {"uri": uri, "uriBaseId": BASE_ID} if relative else {"uri": uri}


def _properties(finding: Finding) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": finding.kind, "severity": finding.severity}
    for key in ("sheet", "table", "goal", "ref"):
        if getattr(finding, key):
            found[key] = getattr(finding, key)
    if finding.indicator is not None:
        found["indicator"] = dump(finding.indicator)
    if finding.fix is not None:
        found["fix"] = dump(finding.fix)
    return found


def _invocation(run: Run, base: Path) -> dict[str, Any]:
    notes = [
        {
            "level": "error",
            "message": {"text": error["message"]},
            "locations": [
                {"physicalLocation": {"artifactLocation": _artifact(error["file"], base)}}
            ],
        }
        for error in run.errors
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not run.errors}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation
