"""Catatan Hasil Reviu: a Word document per report with numbered findings by chapter and table, for the reviewer
to finish and send back to the unit."""
from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from auditor.ruleapi import plain
from auditor.formats.common import SEVERITY_WORDS, recommendation
from auditor.values import format_number

EXTENSION = "docx"
WORDS = {
    "id": {"title": "CATATAN HASIL REVIU", "subtitle": "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun {tahun}",
           "instansi": "Instansi", "kabupaten": "Kabupaten", "tahun": "Tahun", "reviewer": "Reviewer",
           "tanggal": "Tanggal reviu", "berkas": "Berkas", "blank": "……………………",
           "intro": "Reviu konsistensi angka dalam LKjIP ini menemukan {errors} kesalahan, {warnings} peringatan dan "
                    "{infos} catatan. Setiap temuan di bawah menyebut letaknya, angka yang tercetak, angka yang "
                    "seharusnya dan rekomendasi perbaikan; mohon isi kolom Tanggapan / Tindak lanjut.",
           "findings": "A. Temuan", "none": "Tidak ada temuan.", "narrative": "Narasi (kalimat)",
           "chapter": "BAB {chapter}", "other": "Bagian lain",
           "columns": ("No", "Lokasi", "Uraian temuan", "Tercetak", "Seharusnya", "Rekomendasi",
                       "Tanggapan / Tindak lanjut"),
           "coverage_title": "B. Cakupan pemeriksaan",
           "coverage": "{facts} angka terbaca dari {tables} tabel; {compared} dibandingkan — {consistent} konsisten, "
                       "{inconsistent} tidak konsisten; {not_checkable} tidak dapat diperiksa.",
           "unchecked_title": "C. Yang tidak dapat diperiksa", "unchecked_none": "Semua perbandingan dapat dilakukan.",
           "waived_title": "D. Temuan yang dikecualikan", "waived_reason": "alasan",
           "notices": "Catatan pembacaan berkas", "sign": "{place}, {date}\nReviewer,\n\n\n\n{reviewer}",
           "comparisons": "{count} perbandingan",
           "unusable": "Berkas ini tidak dapat diperiksa: {reason} Mohon kirim ulang berkas yang dapat dibaca."},
    "en": {"title": "REVIEW NOTES (CATATAN HASIL REVIU)",
           "subtitle": "Government performance report (LKjIP), year {tahun}",
           "instansi": "Unit", "kabupaten": "Kabupaten", "tahun": "Year", "reviewer": "Reviewer",
           "tanggal": "Review date", "berkas": "File", "blank": "……………………",
           "intro": "The consistency review of this LKjIP found {errors} errors, {warnings} warnings and {infos} "
                    "notes. Each finding below gives its place, the printed and the expected figure and a "
                    "recommendation; please fill in the Response / Follow-up column.",
           "findings": "A. Findings", "none": "No findings.", "narrative": "Narrative (sentences)",
           "chapter": "CHAPTER {chapter}", "other": "Other parts",
           "columns": ("No", "Location", "Finding", "Printed", "Expected", "Recommendation", "Response / Follow-up"),
           "coverage_title": "B. Coverage",
           "coverage": "{facts} figures read from {tables} tables; {compared} compared — {consistent} consistent, "
                       "{inconsistent} inconsistent; {not_checkable} not checkable.",
           "unchecked_title": "C. What could not be checked", "unchecked_none": "Every comparison could be made.",
           "waived_title": "D. Waived findings", "waived_reason": "reason",
           "notices": "Notes from reading the file", "sign": "{place}, {date}\nReviewer,\n\n\n\n{reviewer}",
           "comparisons": "{count} comparisons",
           "unusable": "This file could not be audited: {reason} Please send a readable file."},
}
_CHAPTER = re.compile(r"\b(?:tabel|table)\s+([IVX]+|\d+)\b", re.IGNORECASE)
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}
_WIDTHS = (1.1, 3.8, 7.5, 2.2, 2.4, 4.2, 5.5)  # cm, landscape A4 with 1.5 cm margins
_SEVERITY_COLOURS = {"error": RGBColor(0xC0, 0x00, 0x00), "warning": RGBColor(0xBF, 0x8F, 0x00),
                     "info": RGBColor(0x2F, 0x75, 0xB5)}


def chapter_of(table: str | None) -> str | None:
    """The chapter a table belongs to from its number: Tabel III.A.1 and Tabel 3.1 are BAB III."""
    match = _CHAPTER.search(table or "")
    if not match:
        return None
    number = match.group(1)
    return _ROMAN.get(int(number), number) if number.isdigit() else number.upper()


def grouped(findings) -> dict[str, dict[str, list]]:
    """Findings by chapter, then by table (the narrative apart), in order of first appearance."""
    groups: dict[str, dict[str, list]] = {}
    for finding in findings:
        table = next((loc.table for loc in finding.locations if loc.table), None)
        chapter = chapter_of(table) or ("" if table else "~narrative")
        groups.setdefault(chapter, {}).setdefault(table or "", []).append(finding)
    return dict(sorted(groups.items(), key=lambda item: _chapter_order(item[0])))


def _chapter_order(chapter: str) -> tuple:
    romans = list(_ROMAN.values())
    if chapter in romans:
        return (0, romans.index(chapter), "")
    return (1 if chapter else 2, 0, chapter)


def render(report, lang: str = "id", *, reviewer: str = "", date: dt.date | None = None, place: str = "") -> bytes:
    words = WORDS[lang]
    meta = report.meta
    document = Document()
    _page(document)
    title = document.add_paragraph()
    title.alignment = 1
    run = title.add_run(words["title"])
    run.bold, run.font.size = True, Pt(14)
    subtitle = document.add_paragraph(words["subtitle"].format(tahun=meta.get("tahun") or words["blank"]))
    subtitle.alignment = 1
    date = date or dt.date.today()
    header = [(words["instansi"], meta.get("instansi")), (words["kabupaten"], meta.get("kabupaten")),
              (words["tahun"], meta.get("tahun")), (words["reviewer"], reviewer),
              (words["tanggal"], _date(date, lang)), (words["berkas"], report.path)]
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(4), Cm(16)
    for label, value in header:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, str(value) if value not in (None, "") else words["blank"]
        cells[0].paragraphs[0].runs[0].bold = True
        cells[0].width, cells[1].width = Cm(4), Cm(16)
    document.add_paragraph()
    if report.status == "error":
        document.add_paragraph(words["unusable"].format(reason=report.error.message(lang)))
        return _saved(document)
    document.add_paragraph(words["intro"].format(errors=report.count("error"), warnings=report.count("warning"),
                                                 infos=report.count("info")))

    document.add_heading(words["findings"], level=1)
    if not report.findings:
        document.add_paragraph(words["none"])
    number = 0
    for chapter, tables in grouped(report.findings).items():
        heading = (words["narrative"] if chapter == "~narrative" else
                   words["chapter"].format(chapter=chapter) if chapter else words["other"])
        document.add_heading(heading, level=2)
        for table_label, findings in tables.items():
            if table_label:
                document.add_heading(table_label, level=3)
            grid = _findings_table(document, words)
            for finding in findings:
                number += 1
                _finding_row(grid, number, finding, lang)

    document.add_heading(words["coverage_title"], level=1)
    stats = report.coverage.to_dict() if report.coverage else {}
    if stats:
        document.add_paragraph(words["coverage"].format(**stats))
    document.add_heading(words["unchecked_title"], level=1)
    reasons = Counter(report.coverage.not_checkable) if report.coverage else Counter()
    for reason, count in reasons.most_common():
        document.add_paragraph(f"{reason[lang]} — {words['comparisons'].format(count=count)}", style="List Bullet")
    for notice in report.notices:
        document.add_paragraph(f"{words['notices']}: {notice[lang]}", style="List Bullet")
    if not reasons and not report.notices:
        document.add_paragraph(words["unchecked_none"])
    if report.waived:
        document.add_heading(words["waived_title"], level=1)
        for waived in report.waived:
            finding = waived.finding
            document.add_paragraph(f"{finding.rule} {finding.message(lang)} ({words['waived_reason']}: "
                                   f"{waived.waiver.reason})", style="List Bullet")
    document.add_paragraph()
    sign = document.add_paragraph(words["sign"].format(place=place or meta.get("kabupaten") or words["blank"],
                                                       date=_date(date, lang), reviewer=reviewer or words["blank"]))
    sign.paragraph_format.left_indent = Cm(17)
    return _saved(document)


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Calibri", Pt(10)


def _findings_table(document, words: dict):
    grid = document.add_table(rows=1, cols=len(words["columns"]))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, _WIDTHS):
        column.width = Cm(width)  # the grid widths, which LibreOffice and Word's layout follow
    for cell, text, width in zip(grid.rows[0].cells, words["columns"], _WIDTHS):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        cell.width = Cm(width)
        _shade(cell, "D9E2F3")
    _repeat_header(grid.rows[0])
    return grid


def _finding_row(grid, number: int, finding, lang: str) -> None:
    cells = grid.add_row().cells
    where = "; ".join(dict.fromkeys(place(loc, lang) for loc in finding.locations))
    printed = "; ".join(_figure(v, lang) for v in finding.values)
    expected = _figure(finding.expected, lang) if finding.expected is not None else "–"
    texts = (str(number), where, None, printed, expected, recommendation(finding, lang), "")
    for cell, text, width in zip(cells, texts, _WIDTHS):
        cell.width = Cm(width)
        if text is not None:
            cell.text = text
    paragraph = cells[2].paragraphs[0]
    badge = paragraph.add_run(f"{finding.rule} · {SEVERITY_WORDS[lang].get(finding.severity, finding.severity)}\n")
    badge.bold = True
    badge.font.color.rgb = _SEVERITY_COLOURS.get(finding.severity, RGBColor(0, 0, 0))
    paragraph.add_run(finding.message(lang))


def place(location, lang: str) -> str:
    """A short place: the table (or "kalimat") with its page or source line; the row is named in the message."""
    words = {"id": ("kalimat", "hlm.", "baris"), "en": ("sentence", "p.", "line")}[lang]
    where = location.table or words[0]
    if location.page:
        return f"{where}, {words[1]} {location.page}"
    return f"{where}, {words[2]} {location.line}" if location.line else where


def _figure(value, lang: str) -> str:
    value = plain(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, lang)
    return "–" if value in (None, "") else str(value)


def _date(date: dt.date, lang: str) -> str:
    months = (("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
               "November", "Desember") if lang == "id" else
              ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"))
    return f"{date.day} {months[date.month - 1]} {date.year}"


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    """The column names repeat on every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)
