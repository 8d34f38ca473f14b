"""The JSON contract (``--format json``) and JSON Lines (``--format jsonl``, one finding a line).

``{"schema_version": 1, "findings": [...], "summary": {...}, "errors": [...],
"suppressions": [...], "stale_baseline": [...]}``, plus the sheet models under ``"sheets"``
with ``--verbose``. Findings are ``target_lint.schema.dump(finding)``; the summary counts what
directives and the baseline left out (``Accepted.summary()``).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from target_lint.engine.accept import Accepted
from target_lint.report import Run
from target_lint.schema import dump

SCHEMA_VERSION = 1


def render_json(run: Run, *, verbose: bool = False) -> str:
    payload: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "findings": [dump(f) for f in run.findings],
        "summary": summary(run),
        "errors": run.errors,
        **_accepted(run).as_json(),
    }
    if verbose:
        payload["sheets"] = [dump(r.sheet) for r in run.reports]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(run: Run) -> str:
    return "".join(json.dumps(dump(f), ensure_ascii=False) + "\n" for f in run.findings)


def summary(run: Run) -> dict[str, Any]:
    """Counts of the run; the ``by_*`` maps keep the order in which keys first occur."""
    findings = run.findings
    return {
        "files": run.files,
        "sheets": run.sheets,
        "indicators": run.indicators,
        "errors": len(run.errors),
        "findings": len(findings),
        "by_severity": dict(Counter(f.severity for f in findings)),
        "by_kind": dict(Counter(f.kind for f in findings)),
        "by_rule": dict(Counter(f.code for f in findings)),
        **_accepted(run).summary(),
    }


def _accepted(run: Run) -> Accepted:
    return run.accepted if run.accepted is not None else Accepted()
