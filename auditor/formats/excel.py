"""Excel output: a summary sheet (one row per document, worst first, coloured) and a filterable findings sheet."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from auditor.formats import csv_format

EXTENSION = "xlsx"
FILE_NAME = "summary.xlsx"
WORDS = {
    "id": {"summary": "Ringkasan", "findings": "Temuan",
           "summary_columns": ("Berkas", "Instansi", "Kabupaten", "Tahun", "Halaman", "Kesalahan", "Peringatan",
                               "Penyerapan (%)", "Rata-rata capaian (%)", "Status", "Keterangan"),
           "finding_columns": ("Berkas", "Instansi", "Kabupaten", "Tahun", "Aturan", "Tingkat", "Subjek", "Atribut",
                               "Nilai", "Seharusnya", "Temuan", "Halaman", "Tabel", "Baris", "Kolom", "Teks tercetak",
                               "Semua lokasi"),
           "ok": "diperiksa", "error": "tidak dapat diperiksa"},
    "en": {"summary": "Summary", "findings": "Findings",
           "summary_columns": ("File", "Instansi", "Kabupaten", "Year", "Pages", "Errors", "Warnings",
                               "Penyerapan (%)", "Average capaian (%)", "Status", "Note"),
           "finding_columns": ("File", "Instansi", "Kabupaten", "Year", "Rule", "Severity", "Subject", "Attribute",
                               "Values", "Expected", "Finding", "Page", "Table", "Row", "Column", "Printed text",
                               "All locations"),
           "ok": "audited", "error": "could not be audited"},
}
_RED = PatternFill("solid", start_color="F8CBAD", end_color="F8CBAD")
_AMBER = PatternFill("solid", start_color="FFE699", end_color="FFE699")
_GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
_GREY = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
_HEADER = PatternFill("solid", start_color="1F4E78", end_color="1F4E78")


def render(reports, lang: str = "id") -> bytes:
    words = WORDS[lang]
    workbook = Workbook()
    summary = workbook.active
    summary.title = words["summary"]
    _header(summary, words["summary_columns"])
    ranked = sorted(reports, key=lambda r: (r.status != "error", -r.count("error"), -r.count("warning"), r.path))
    for report in ranked:
        meta = report.meta
        summary.append((report.path, meta.get("instansi"), meta.get("kabupaten"), meta.get("tahun"), meta.get("pages"),
                        report.count("error"), report.count("warning"), meta.get("penyerapan"),
                        meta.get("rata_rata_capaian"), words[report.status],
                        report.error.message(lang) if report.error else ""))
    last = summary.max_row
    if last > 1:
        body = f"A2:{get_column_letter(summary.max_column)}{last}"
        # Unusable documents grey, then rows with errors red, with warnings only amber, clean ones green.
        summary.conditional_formatting.add(body, FormulaRule(formula=[f'$J2="{words["error"]}"'], fill=_GREY,
                                                             stopIfTrue=True))
        summary.conditional_formatting.add(body, FormulaRule(formula=["$F2>0"], fill=_RED, stopIfTrue=True))
        summary.conditional_formatting.add(body, FormulaRule(formula=["$G2>0"], fill=_AMBER, stopIfTrue=True))
        summary.conditional_formatting.add(f"F2:F{last}", CellIsRule(operator="equal", formula=["0"], fill=_GREEN))
    _finish(summary, widths=(40, 28, 16, 8, 8, 10, 11, 14, 18, 20, 60))

    findings = workbook.create_sheet(words["findings"])
    _header(findings, words["finding_columns"])
    for report in ranked:
        for row in csv_format.rows(report, lang):
            findings.append(row)
    _finish(findings, widths=(36, 24, 14, 7, 9, 10, 40, 14, 14, 12, 80, 8, 16, 40, 28, 14, 60))
    for cell in findings["K"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet, columns: tuple[str, ...]) -> None:
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _finish(sheet, widths: tuple[int, ...]) -> None:
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
