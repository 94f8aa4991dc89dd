"""Annotated copy of an audited PDF: each located finding's cells highlighted, with a comment carrying the message."""
from __future__ import annotations

import os
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Text
from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

from auditor.audit import DocumentReport
from auditor.errors import InputError
from auditor.model import Box
from auditor.ruleapi import Finding

_PAD = 1.5
_COLOURS = {"error": "ff8080", "warning": "ffd966", "info": "9dc3e6"}


@dataclass
class AnnotationSummary:
    cells: int  # highlighted cells
    page_notes: int  # findings noted at the top of a page because none of their cells has a box there


def annotate(report: DocumentReport, pdf_path: str, out_path: str, lang: str = "id") -> AnnotationSummary:
    """Writes to `out_path` a copy of `pdf_path` with the report's located findings annotated."""
    if os.path.exists(out_path) and os.path.samefile(pdf_path, out_path):
        raise InputError(out_path, "berkas keluaran sama dengan PDF yang diperiksa; pilih nama lain agar aslinya "
                                   "tidak berubah.",
                         "the output file is the audited PDF itself; choose another name so the original stays intact.")
    writer = PdfWriter(clone_from=PdfReader(pdf_path))
    summary = AnnotationSummary(0, 0)
    for finding in report.findings:
        message = f"{finding.rule} ({finding.severity}): {finding.message(lang)}"
        for page, boxes in _cells(finding, len(writer.pages)).items():
            for box in boxes:
                writer.add_annotation(page - 1, _highlight(box, message, finding.severity))
            summary.cells += len(boxes)
            if boxes:
                right, top = boxes[0][2], boxes[0][3]
                anchor = (right + 2, top - 18, right + 20, top)
                note = message
            else:
                summary.page_notes += 1
                visible = writer.pages[page - 1].cropbox
                left, top = float(visible.left), float(visible.top)
                anchor = (left + 20, top - 40, left + 38, top - 22)
                where = "; ".join(loc.describe(lang) for loc in finding.locations if loc.page == page)
                note = f"{message}\n[{where}]"
            writer.add_annotation(page - 1, Text(rect=anchor, text=note))
    with open(out_path, "wb") as handle:
        writer.write(handle)
    return summary


def _cells(finding: Finding, pages: int) -> dict[int, list[Box]]:
    """Per page the finding's locations are on, the boxes of its cells printed there (none for a sentence)."""
    cells: dict[int, list[Box]] = {}
    for location in finding.locations:
        if not location.page or location.page > pages:
            continue
        found = cells.setdefault(location.page, [])
        if location.box and location.box not in found:
            found.append(location.box)
    return cells


def _highlight(box: Box, message: str, severity: str) -> Highlight:
    x0, y0, x1, y1 = box[0] - _PAD, box[1] - _PAD, box[2] + _PAD, box[3] + _PAD
    quad = ArrayObject([FloatObject(v) for v in (x0, y1, x1, y1, x0, y0, x1, y0)])
    annotation = Highlight(rect=(x0, y0, x1, y1), quad_points=quad, highlight_color=_COLOURS[severity], printing=True)
    annotation[NameObject("/Contents")] = TextStringObject(message)
    return annotation
