"""Pictures of what OCR read, cut from the source PDF page: each table cell, and each sentence, a finding rests on,
so that a reviewer can compare its figure with the image it was read from (the HTML report shows them; the
annotated PDF's notes name the reading).

A place is found by the page and box its Location carries from the scan; nothing is searched for again. Reading the
PDF is work on an untrusted file, so callers outside a guarded child go through `crops_guarded`.
"""
from __future__ import annotations

import io

from auditor.bilingual import Text
from auditor.errors import InputError
from auditor.guard import WorkerError, run_limited
from auditor.ruleapi import Box, Finding, Location

CROP_DPI = 200  # scans come at 200-300 dpi: finer shows no more of the printed figure
MARGIN = 4.0  # points around the place, so that a cell's rulings and its neighbours' edges show where it sits
CropKey = tuple[int, Box]  # a page and a box on it (rounded: the same after a JSON round trip)
UNREADABLE = Text("Gambar angka hasil OCR tidak ditampilkan: berkas sumber tidak dapat dibaca lagi.",
                  "The images of the figures read by OCR are not shown: the source file can no longer be read.")
_CELL = Text("angka hasil OCR hlm. {page}, dibaca “{text}”, keyakinan {confidence}%",
             "figure read by OCR p. {page}, read as “{text}”, confidence {confidence}%")
_SENTENCE = Text("kalimat hasil OCR hlm. {page}, keyakinan {confidence}%",
                 "sentence read by OCR p. {page}, confidence {confidence}%")


def ocr_places(finding: Finding) -> dict[CropKey, Location]:
    """Where the finding rests on text read by OCR (confidence below 1): each table cell or row by its page and box,
    each sentence by the box around its printed lines on each page it runs on; a place named twice once."""
    places: dict[CropKey, Location] = {}
    for location in finding.locations:
        if location.confidence >= 1:
            continue
        if location.box and location.page:
            places.setdefault(place_key(location.page, [location.box]), location)
            continue
        lines: dict[int, list[Box]] = {}
        for page, box in location.text_boxes:
            lines.setdefault(page, []).append(box)
        for page, boxes in lines.items():
            places.setdefault(place_key(page, boxes), location)
    return places


def place_key(page: int, boxes: list[Box]) -> CropKey:
    """The page and the box around `boxes` (a cell's one, or a sentence's lines on that page)."""
    around = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return page, tuple(round(float(v), 2) for v in around)


def ocr_note(location: Location, page: int, lang: str) -> str:
    """"angka hasil OCR hlm. 31, dibaca “71,43”, keyakinan 50%" (a sentence: without the reading, which is the
    sentence itself): what the reviewer compares with the image."""
    confidence = round(location.confidence * 100)
    if location.box:
        return _CELL[lang].format(page=page, text=location.text, confidence=confidence)
    return _SENTENCE[lang].format(page=page, confidence=confidence)


def wanted(report) -> list[CropKey]:
    """Every OCR'd place the report's findings (waived ones too) rest on."""
    findings = [*report.findings, *(w.finding for w in report.waived)]
    return list(dict.fromkeys(key for finding in findings for key in ocr_places(finding)))


def place_crops(pdf_path: str, places: list[CropKey], password: str | None = None) -> dict[CropKey, bytes]:
    """A PNG per place: the part of its page inside the box and MARGIN around it, turned as the page is shown, at
    CROP_DPI. A place whose page the PDF no longer has is left out."""
    import pypdfium2 as pdfium

    from auditor.ingest.pdf.opening import open_pdf
    from auditor.ingest.pdf.page import Frame

    crops: dict[CropKey, bytes] = {}
    document = open_pdf(pdf_path, password)
    try:
        for page, box in places:
            if page > len(document):
                continue
            sheet = document[page - 1]
            try:
                frame = Frame(sheet)
                x0, top, x1, bottom = frame.box(*box)
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
                crops[page, box] = buffer.getvalue()
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
    """Per report, the crops of the OCR'd places its findings rest on, cut in a child under the audit's limits;
    None for a report whose source file can no longer be read (moved, damaged), so that the report says so
    instead of showing the pictures."""
    crops: list[dict[CropKey, bytes] | None] = []
    for report in reports:
        places = wanted(report) if report.status == "ok" else []
        try:
            crops.append(run_limited(place_crops, report.path, places, password, timeout_s=timeout_s,
                                     memory_mb=memory_mb) if places else {})
        except (InputError, WorkerError, OSError):
            crops.append(None)
    return crops
