"""Excel output: a summary sheet (one row per document, worst first, coloured), a filterable findings sheet with
columns for the reviewer's response, and charts across documents (capaian, penyerapan, rule families, heat map)."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from auditor.formats.cells import append_row, set_text
from auditor.formats.common import DEFAULT, Options, chart_data, ranking, records
from auditor.formats.csv_format import HEADERS, KEYS

WORDS = {
    "id": {"summary": "Ringkasan", "findings": "Temuan", "charts": "Grafik",
           "summary_columns": ("Peringkat", "Berkas", "Instansi", "Kabupaten", "Tahun", "Halaman", "Kesalahan", "Peringatan",
                               "Info", "Dikecualikan", "Penyerapan (%)", "Rata-rata capaian (%)", "Status",
                               "Keterangan"),
           "status_column": "Status", "errors_column": "Kesalahan", "warnings_column": "Peringatan",
           "response_columns": ("Tanggapan", "Tindak lanjut", "PDF beranotasi"),
           "ok": "diperiksa", "error": "tidak dapat diperiksa", "open": "buka hlm. {page}", "unit": "Instansi",
           "family": "Kelompok aturan", "count": "Jumlah temuan",
           "capaian": "Rata-rata capaian (%)", "penyerapan": "Penyerapan (%)"},
    "en": {"summary": "Summary", "findings": "Findings", "charts": "Charts",
           "summary_columns": ("Rank", "File", "Instansi", "Kabupaten", "Year", "Pages", "Errors", "Warnings", "Info",
                               "Waived", "Penyerapan (%)", "Average capaian (%)", "Status", "Note"),
           "status_column": "Status", "errors_column": "Errors", "warnings_column": "Warnings",
           "response_columns": ("Response (tanggapan)", "Follow-up (tindak lanjut)", "Annotated PDF"),
           "ok": "audited", "error": "could not be audited", "open": "open p. {page}", "unit": "Instansi",
           "family": "Rule family", "count": "Findings",
           "capaian": "Average capaian (%)", "penyerapan": "Penyerapan (%)"},
}
_RED = PatternFill("solid", start_color="F8CBAD", end_color="F8CBAD")
_AMBER = PatternFill("solid", start_color="FFE699", end_color="FFE699")
_GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
_GREY = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
_HEADER = PatternFill("solid", start_color="1F4E78", end_color="1F4E78")
_RESPONSE = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")


def ranked(reports) -> list:
    """Worst first: unusable documents, then by errors and warnings."""
    return sorted(reports, key=lambda r: (r.status != "error", -r.count("error"), -r.count("warning"), r.path))


def render(reports, lang: str = "id", options: Options = DEFAULT) -> bytes:
    words = WORDS[lang]
    workbook = Workbook()
    summary = workbook.active
    summary.title = words["summary"]
    reports = ranked(reports)
    _summary(summary, reports, words, lang)
    _findings(workbook.create_sheet(words["findings"]), reports, words, lang, options)
    _charts(workbook.create_sheet(words["charts"]), reports, words, lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary(sheet, reports, words: dict, lang: str) -> None:
    """One row per document, worst first, each with its place in the batch's ranking (fewest errors, highest
    average capaian, highest penyerapan; none for an unusable file or a PK)."""
    _header(sheet, words["summary_columns"])
    ranks = {place["path"]: place["rank"] for place in ranking(reports)}
    for report in reports:
        meta = report.meta
        if report.status == "error":  # counts left empty: an unreadable file has not "0 errors"
            counts = (None, None, None, None)
        else:
            counts = (report.count("error"), report.count("warning"), report.count("info"), len(report.waived))
        append_row(sheet, (ranks.get(report.path), report.path, meta.get("instansi"), meta.get("kabupaten"), meta.get("tahun"),
                           meta.get("pages"), *counts, meta.get("penyerapan"), meta.get("rata_rata_capaian"),
                           words[report.status], report.error.message(lang) if report.error else ""))
    last = sheet.max_row
    if last > 1:
        status, errors, warnings = (get_column_letter(words["summary_columns"].index(words[key]) + 1)
                                    for key in ("status_column", "errors_column", "warnings_column"))
        body = f"A2:{get_column_letter(sheet.max_column)}{last}"
        # Unusable documents grey, then rows with errors red, with warnings only amber, clean ones green.
        sheet.conditional_formatting.add(body, FormulaRule(formula=[f'${status}2="{words["error"]}"'], fill=_GREY,
                                                           stopIfTrue=True))
        sheet.conditional_formatting.add(body, FormulaRule(formula=[f"${errors}2>0"], fill=_RED, stopIfTrue=True))
        sheet.conditional_formatting.add(body, FormulaRule(formula=[f"${warnings}2>0"], fill=_AMBER, stopIfTrue=True))
        sheet.conditional_formatting.add(f"{errors}2:{errors}{last}", CellIsRule(operator="equal", formula=["0"],
                                                                               fill=_GREEN))
    _finish(sheet, widths=(10, 40, 28, 16, 8, 8, 10, 11, 8, 12, 14, 18, 20, 60))
    _one_page_wide(sheet)


def _findings(sheet, reports, words: dict, lang: str, options: Options) -> None:
    _header(sheet, HEADERS[lang] + words["response_columns"])
    responses = len(KEYS) + 1  # first response column
    for report in reports:
        pdf = options.pdf_links.get(report.path)
        for record in records(report, lang):
            append_row(sheet, [record.get(key) for key in KEYS] + ["", ""])
            row = sheet.max_row
            for column in (responses, responses + 1):
                sheet.cell(row, column).fill = _RESPONSE
            if pdf and record.get("rule"):
                page = record.get("page") or 1
                link = sheet.cell(row, responses + 2)
                set_text(link, words["open"].format(page=page))
                link.hyperlink = f"{pdf}#page={page}"
                link.font = Font(color="0563C1", underline="single")
    _finish(sheet, widths=(30, 22, 12, 7, 9, 11, 13, 40, 14, 9, 9, 10, 11, 70, 50, 8, 16, 36, 24, 14, 50, 30,
                           40, 40, 16))
    message = KEYS.index("message") + 1
    for row in sheet.iter_rows(min_row=2, min_col=message, max_col=message + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _charts(sheet, reports, words: dict, lang: str) -> None:
    """Data blocks on the left, each with its chart beside it; a colour scale makes the last block a heat map."""
    data = chart_data(reports, lang)
    row = 1
    headers = {"capaian": (words["unit"], words["capaian"]), "penyerapan": (words["unit"], words["penyerapan"]),
               "families": (words["family"], words["count"])}
    for chart in data["bars"]:
        values = [(r["label"], r["value"]) for r in chart["rows"]]
        row = _bar_block(sheet, row, headers[chart["kind"]], values, chart["title"])
    _heat_map(sheet, row, data["heat"], words)
    sheet.column_dimensions["A"].width = 34
    for column in "BCDEFGHI":
        sheet.column_dimensions[column].width = 14
    _one_page_wide(sheet)  # no chart cut at the page's edge


def _bar_block(sheet, row: int, header: tuple, values: list, title: str) -> int:
    """The values under their header, and beside them a bar chart of them with both axes titled (the header's
    words), its value axis from 0 so that bars compare by length."""
    sheet.cell(row, 1, title).font = Font(bold=True, size=12)
    for column, text in enumerate(header, start=1):
        cell = sheet.cell(row + 1, column, text)
        cell.font = Font(bold=True)
    for offset, (label, value) in enumerate(values, start=row + 2):
        set_text(sheet.cell(offset, 1), label)
        sheet.cell(offset, 2, value)
    last = row + 1 + len(values)
    if values:
        chart = BarChart()
        chart.type = "bar"
        chart.title = title
        chart.legend = None
        chart.add_data(Reference(sheet, min_col=2, min_row=row + 1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=row + 2, max_row=last))
        chart.x_axis.title, chart.y_axis.title = header  # x: the categories, y: the values (turned for "bar")
        chart.y_axis.scaling.min = 0
        # categories top-down in the table's order (the highest value first), the value axis kept at the bottom
        chart.x_axis.scaling.orientation = "maxMin"
        chart.y_axis.crosses = "max"
        chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl hides both axes in Excel otherwise
        chart.height = max(7.5, 0.6 * len(values) + 4)
        chart.width = 20
        sheet.add_chart(chart, f"D{row}")
        span = int(chart.height / 0.5) + 2  # rows the chart covers, about 0.5 cm each
        return max(last, row + span) + 2
    return last + 2


def _heat_map(sheet, row: int, heat: dict, words: dict) -> None:
    sheet.cell(row, 1, heat["title"]).font = Font(bold=True, size=12)
    set_text(sheet.cell(row + 1, 1), words["unit"])
    sheet.cell(row + 1, 1).font = Font(bold=True)
    for column, label in enumerate(heat["columns"], start=2):
        cell = sheet.cell(row + 1, column, label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    sheet.row_dimensions[row + 1].height = 48  # three lines of a wrapped family name, clear of the title above
    for offset, unit in enumerate(heat["rows"], start=row + 2):
        set_text(sheet.cell(offset, 1), unit["label"])
        for column, cell in enumerate(unit["cells"], start=2):
            sheet.cell(offset, column, cell["count"])
    if heat["rows"]:
        area = f"B{row + 2}:{get_column_letter(len(heat['columns']) + 1)}{row + 1 + len(heat['rows'])}"
        sheet.conditional_formatting.add(area, ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                                                              mid_type="percentile", mid_value=50, mid_color="FFE699",
                                                              end_type="max", end_color="C00000"))


def _header(sheet, columns: tuple[str, ...]) -> None:
    append_row(sheet, columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _finish(sheet, widths: tuple[int, ...]) -> None:
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width


def _one_page_wide(sheet) -> None:
    """Printed landscape and shrunk to the page's width, as many pages long as it takes."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
