"""JUnit XML (``--format junit``) for CI test dashboards.

One ``<testsuite>`` per file and one ``<testcase>`` per sheet, so that clean sheets show as
passed tests and a sheet's findings stay together: a sheet with a finding at or above the
``fail-on`` severity has a ``<failure>`` listing all its findings (one line each); a sheet
whose findings are all below it passes, with them in ``<system-out>``. A file that could not be
read is a suite with one ``<testcase name="read">`` holding an ``<error>``.

Built with ``xml.etree``; characters XML 1.0 cannot hold (control characters from a cell) are
written as ``\\xNN``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from target_lint.engine.finding import severity_rank
from target_lint.report import Run, SheetReport
from target_lint.report.text import one_line, severity_counts

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(run: Run) -> str:
    root = ET.Element("testsuites", name="target-lint")
    suites: dict[str, ET.Element] = {}
    for report in run.reports:
        if report.file not in suites:
            suites[report.file] = ET.SubElement(root, "testsuite", name=_safe(report.file))
        _testcase(suites[report.file], run, report)
    for error in run.errors:
        suite = ET.SubElement(root, "testsuite", name=_safe(error["file"]))
        case = ET.SubElement(suite, "testcase", classname=_safe(error["file"]), name="read")
        ET.SubElement(case, "error", message=_safe(error["message"]), type="InputError")
    for suite in [*root, root]:
        _count(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _testcase(suite: ET.Element, run: Run, report: SheetReport) -> None:
    case = ET.SubElement(suite, "testcase", classname=_safe(report.file), name=_safe(report.name))
    if not report.findings:
        return
    listing = _safe("\n".join(one_line(f) for f in report.findings))
    if run.failing(report):
        worst = min((f.severity for f in report.findings), key=severity_rank)
        counts = severity_counts(report.findings)
        failure = ET.SubElement(case, "failure", message=counts, type=worst)
        failure.text = listing
    else:
        ET.SubElement(case, "system-out").text = listing


def _count(suite: ET.Element) -> None:
    """The tests / failures / errors attributes of a suite (or of the root) from its cases."""
    cases = list(suite.iter("testcase"))
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    if suite.tag == "testsuite":
        suite.set("skipped", "0")


def _safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m[0]):02x}", text)
