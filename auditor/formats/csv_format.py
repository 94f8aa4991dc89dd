"""CSV output: one row per finding (located at its first location), one row per document that could not be audited."""
from __future__ import annotations

import csv
import io

from auditor.ruleapi import plain

EXTENSION = "csv"
FILE_NAME = "findings.csv"
COLUMNS = ("path", "instansi", "kabupaten", "tahun", "rule", "severity", "subject", "attribute", "values",
           "expected", "message", "page", "table", "row", "column", "text", "locations")
UNUSABLE = "unusable"  # the severity column of a document that could not be audited


def render(reports, lang: str = "id") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for report in reports:
        for row in rows(report, lang):
            writer.writerow(row)
    return buffer.getvalue().rstrip("\n")


def rows(report, lang: str) -> list[tuple]:
    """The CSV rows of one document, also used by the Excel findings sheet."""
    meta = report.meta
    document = (report.path, meta.get("instansi"), meta.get("kabupaten"), meta.get("tahun"))
    if report.status == "error":
        return [document + ("", UNUSABLE, "", "", "", "", report.error.message(lang)) + ("",) * 6]
    result = []
    for finding in report.findings:
        first = finding.locations[0] if finding.locations else None
        where = (first.page, first.table, first.row, first.column, first.text) if first else ("",) * 5
        result.append(document + (
            finding.rule, finding.severity, finding.subject, finding.attribute or "",
            "; ".join(_plain(v) for v in finding.values), _plain(finding.expected), finding.message(lang),
        ) + where + (" | ".join(loc.describe(lang) for loc in finding.locations),))
    return result


def _plain(value) -> str:
    value = plain(value)
    return "" if value is None else str(value)
