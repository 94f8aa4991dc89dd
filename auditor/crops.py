"""Pictures of the table cells OCR read, cut from the source PDF page, so that a reviewer can compare a finding's
figure with the image it was read from (the HTML report shows them; the annotated PDF names the reading).

A cell is found by the page and box its Location carries from the scan; nothing is searched for again. Reading the
PDF is work on an untrusted file, so callers outside a guarded child go through `crops_guarded`.
"""
from __future__ import annotations

import io

from auditor.bilingual import Text
from auditor.errors import InputError
from auditor.guard import WorkerError, run_limited
from auditor.ruleapi import Box, Finding, Location

CROP_DPI = 200  # scans come at 200-300 dpi: finer shows no more of the printed figure
MARGIN = 4.0  # points around the cell, so that its rulings and the neighbours' edges show where it sits
CropKey = tuple[int, Box]  # the cell's page and box (rounded, the same after a JSON round trip)
UNREADABLE = Text("Gambar sel angka hasil OCR tidak ditampilkan: berkas sumber tidak dapat dibaca lagi.",
                  "The images of the cells read by OCR are not shown: the source file can no longer be read.")
_NOTE = Text("angka hasil OCR hlm. {page}, dibaca “{text}”, keyakinan {confidence}%",
             "figure read by OCR p. {page}, read as “{text}”, confidence {confidence}%")


def ocr_cells(finding: Finding) -> list[Location]:
    """The finding's locations that are table cells (or rows) read by OCR: a box on a page, confidence below 1;
    the same cell named twice once."""
    cells: dict[CropKey, Location] = {}
    for location in finding.locations:
        if location.box and location.page and location.confidence < 1:
            cells.setdefault(crop_key(location), location)
    return list(cells.values())


def crop_key(location: Location) -> CropKey:
    return location.page, tuple(round(float(v), 2) for v in location.box)


def ocr_note(location: Location, lang: str) -> str:
    """"angka hasil OCR hlm. 31, dibaca “71,43”, keyakinan 50%": what the reviewer compares with the image."""
    return _NOTE[lang].format(page=location.page, text=location.text, confidence=round(location.confidence * 100))


def wanted(report) -> list[Location]:
    """Every OCR'd cell the report's findings (waived ones too) rest on."""
    findings = [*report.findings, *(w.finding for w in report.waived)]
    return list({crop_key(loc): loc for finding in findings for loc in ocr_cells(finding)}.values())


def cell_crops(pdf_path: str, cells: list[Location], password: str | None = None) -> dict[CropKey, bytes]:
    """A PNG per cell: the part of its page inside the cell's box and MARGIN around it, turned as the page is
    shown, at CROP_DPI. A cell whose page the PDF no longer has is left out."""
    import pypdfium2 as pdfium

    from auditor.ingest.pdf.opening import open_pdf
    from auditor.ingest.pdf.page import Frame

    crops: dict[CropKey, bytes] = {}
    document = open_pdf(pdf_path, password)
    try:
        for location in cells:
            if location.page > len(document):
                continue
            sheet = document[location.page - 1]
            try:
                frame = Frame(sheet)
                x0, top, x1, bottom = frame.box(*location.box)
                x0, top = max(x0 - MARGIN, 0.0), max(top - MARGIN, 0.0)
                x1, bottom = min(x1 + MARGIN, frame.width), min(bottom + MARGIN, frame.height)
                if x1 <= x0 or bottom <= top:
                    continue  # a box off the page: nothing of it to show
                # pdfium crops the shown (turned) page by what to cut from its left, bottom, right and top
                bitmap = sheet.render(scale=CROP_DPI / 72, crop=(x0, frame.height - bottom, frame.width - x1, top))
                image = bitmap.to_pil()
                if _grey(image):
                    image = image.convert("L")  # a grey scan: a third of the bytes in the report
                buffer = io.BytesIO()
                image.save(buffer, format="PNG", optimize=True)
                crops[crop_key(location)] = buffer.getvalue()
            finally:
                sheet.close()
    except pdfium.PdfiumError:
        raise InputError(pdf_path, "halaman PDF tidak dapat digambar.", "a page of the PDF could not be drawn.") from None
    finally:
        document.close()
    return crops


def _grey(image) -> bool:
    from PIL import ImageChops

    red, green, blue = image.convert("RGB").split()
    return ImageChops.difference(red, green).getbbox() is None and ImageChops.difference(green, blue).getbbox() is None


def crops_guarded(reports: list, *, password: str | None = None, timeout_s: float,
                  memory_mb: int) -> list[dict[CropKey, bytes] | None]:
    """Per report, the crops of the OCR'd cells its findings rest on, cut in a child under the audit's limits;
    None for a report whose source file can no longer be read (moved, damaged), so that the report says so
    instead of showing the cells."""
    crops: list[dict[CropKey, bytes] | None] = []
    for report in reports:
        cells = wanted(report) if report.status == "ok" else []
        try:
            crops.append(run_limited(cell_crops, report.path, cells, password, timeout_s=timeout_s,
                                     memory_mb=memory_mb) if cells else {})
        except (InputError, WorkerError, OSError):
            crops.append(None)
    return crops
