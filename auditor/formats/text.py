"""Terminal output: per document, findings grouped by severity in a table, then the coverage line."""
from __future__ import annotations

import shutil

import click
from tabulate import tabulate

from auditor.formats.common import DEFAULT, Options

WORDS = {
    "id": {"error": "KESALAHAN", "warning": "PERINGATAN", "info": "INFO", "rule": "Aturan", "message": "Temuan",
           "none": "Tidak ada temuan.", "failed": "TIDAK DAPAT DIPERIKSA",
           "coverage": "Cakupan: {facts} angka terbaca dari {tables} tabel; {compared} dibandingkan — {consistent} "
                       "konsisten, {inconsistent} tidak konsisten; {not_checkable} tidak dapat diperiksa{reasons}.",
           "summary": "{errors} kesalahan, {warnings} peringatan, {infos} info.",
           "notice": "Catatan", "waived": "DIKECUALIKAN (waiver)"},
    "en": {"error": "ERRORS", "warning": "WARNINGS", "info": "INFO", "rule": "Rule", "message": "Finding",
           "none": "No findings.", "failed": "COULD NOT BE AUDITED",
           "coverage": "Coverage: {facts} figures read from {tables} tables; {compared} compared — {consistent} "
                       "consistent, {inconsistent} inconsistent; {not_checkable} not checkable{reasons}.",
           "summary": "{errors} errors, {warnings} warnings, {infos} info.",
           "notice": "Note", "waived": "WAIVED"},
}


_COLOURS = {"error": "red", "warning": "yellow", "info": "blue", "failed": "red", "waived": "green"}


def render(reports, lang: str = "id", options: Options = DEFAULT) -> str:
    shown = [r for r in reports if not options.quiet or r.findings or r.status == "error"]
    return "\n\n".join(_document(report, lang, options) for report in shown)


def _style(text: str, key: str, options: Options) -> str:
    return click.style(text, fg=_COLOURS[key], bold=True) if options.color else text


def _document(report, lang: str, options: Options = DEFAULT) -> str:
    words = WORDS[lang]
    if report.status == "error":
        return f"{report.path}: {_style(words['failed'], 'failed', options)}\n  {report.error.message(lang)}"
    meta = report.meta
    title = " — ".join(str(p) for p in (meta.get("instansi"), meta.get("kabupaten"), meta.get("tahun")) if p)
    lines = [f"{report.path}" + (f"  ({title})" if title else "")]
    if not options.quiet:
        lines += [f"  {words['notice']}: {n[lang]}" for n in report.notices]
    width = max(60, min(shutil.get_terminal_size((120, 20)).columns, 160) - 20)
    for severity in ("error", "warning", "info"):
        found = [f for f in report.findings if f.severity == severity]
        if not found:
            continue
        lines.append("\n" + _style(f"{words[severity]} ({len(found)})", severity, options))
        rows = [(i, f.rule, f.message(lang)) for i, f in enumerate(found, start=1)]
        lines.append(tabulate(rows, headers=["#", words["rule"], words["message"]], tablefmt="simple",
                              maxcolwidths=[None, None, width]))
    if report.waived:
        lines.append("\n" + _style(f"{words['waived']} ({len(report.waived)})", "waived", options))
        rows = [(w.finding.rule, w.finding.subject, w.waiver.reason) for w in report.waived]
        lines.append(tabulate(rows, tablefmt="plain", maxcolwidths=[None, 50, width - 50]))
    if options.quiet:
        return "\n".join(lines)
    if not report.findings:
        lines.append(words["none"])
    lines.append("")
    lines.append(words["summary"].format(errors=report.count("error"), warnings=report.count("warning"),
                                         infos=report.count("info")))
    stats = report.coverage.to_dict()
    del stats["not_checkable_reasons"]
    reasons = report.coverage.not_checkable
    reason_text = f" ({'; '.join(f'{reason[lang]}: {count}' for reason, count in reasons.items())})" if reasons else ""
    lines.append(words["coverage"].format(reasons=reason_text, **stats))
    return "\n".join(lines)
