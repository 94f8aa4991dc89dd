"""Page pictures for the web page: where each finding's cells sit on the PDF page, and the page as a PNG.

Both read the untrusted PDF, so the web process calls them only through auditor.guard.run_limited.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from auditor.audit import DocumentReport
from auditor.ruleapi import Finding

_NUMBER = re.compile(r"-?\d[\d.]*(?:,\d+)?")


def locate_cells(report: DocumentReport, pdf_path: str) -> dict:
    """{"sizes": {page: [width, height]}, "boxes": per finding, per location, a list of [page, x0, top, x1, bottom]
    with the box as fractions of the displayed page (top-left origin), empty for a location without a box}: each
    located cell's or row's recorded box, or each printed line of a sentence, turned the way the page is shown;
    the same boxes annotate highlights."""
    import pypdfium2 as pdfium

    from auditor.ingest.pdf.page import Frame

    sizes: dict[int, list[float]] = {}
    boxes: list[list[list[list[float]]]] = []
    document = pdfium.PdfDocument(pdf_path)
    try:
        frames: dict[int, Frame] = {}

        def frame_of(page: int) -> Frame:
            if page not in frames:
                frames[page] = Frame(document[page - 1])
                sizes[page] = [frames[page].width, frames[page].height]
            return frames[page]

        for finding in report.findings:
            found: list[list[list[float]]] = []
            for location in finding.locations:
                if location.page and location.page <= len(document):
                    frame_of(location.page)
                placed: list[list[float]] = []
                for page, box in location.marks:
                    if page <= len(document):
                        frame = frame_of(page)
                        x0, top, x1, bottom = frame.box(*box)
                        placed.append([page, x0 / frame.width, top / frame.height, x1 / frame.width,
                                       bottom / frame.height])
                found.append(placed)
            boxes.append(found)
    finally:
        document.close()
    return {"sizes": sizes, "boxes": boxes}


def render_page(pdf_path: str, page: int, out_path: str, width_px: int = 1200) -> None:
    """Writes page `page` (1-based) of the PDF as a PNG `width_px` wide."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_path)
    try:
        sheet = document[page - 1]
        scale = width_px / sheet.get_width()
        sheet.render(scale=scale).to_pil().save(out_path, format="PNG", optimize=True)
    finally:
        document.close()


def odd_locations(finding: Finding) -> set[int]:
    """Indexes of the locations that print the odd value: the one that differs from the expected figure, else the
    rarest printed figure when the figures are not equally common; empty when the finding cannot tell."""
    numbers = [_number(loc.text) if loc.table else None for loc in finding.locations]
    printed = [n for n in numbers if n is not None]
    if len(set(printed)) < 2:
        return set()
    expected = _number(str(finding.expected)) if finding.expected is not None else None
    if expected is not None and expected in printed:
        return {i for i, n in enumerate(numbers) if n is not None and n != expected}
    counts = Counter(printed)
    rarest = min(counts.values())
    if rarest == max(counts.values()):
        return set()
    return {i for i, n in enumerate(numbers) if n is not None and counts[n] == rarest}


def _number(text: str) -> Decimal | None:
    match = _NUMBER.search(text.replace(" ", ""))
    if not match:
        return None
    token = match.group()
    if "," in token or token.count(".") > 1 or re.search(r"\.\d{3}$", token):
        token = token.replace(".", "").replace(",", ".")  # Indonesian: 1.287 and 95,97
    try:
        return Decimal(token)
    except InvalidOperation:
        return None
