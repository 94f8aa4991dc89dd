"""Annotated copy of an audited PDF: each located finding's cells, rows and sentences highlighted, with a comment carrying
the message."""
from __future__ import annotations

import os
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Text
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from auditor.audit import DocumentReport
from auditor.crops import ocr_note, ocr_places, place_key
from auditor.errors import InputError
from auditor.model import Box
from auditor.outputs import replacing
from auditor.ruleapi import Finding, Location

_PAD = 1.5
_COLOURS = {"error": "ff8080", "warning": "ffd966", "info": "9dc3e6"}


@dataclass
class AnnotationSummary:
    cells: int  # highlighted cells and rows
    sentences: int  # highlighted sentences (on each page they are printed on)
    page_notes: int  # findings noted at the top of a page because none of their locations has a box there


def annotate_file(pdf_path: str, report: DocumentReport, out_path: str, lang: str = "id", *,
                  password: str | None = None) -> AnnotationSummary:
    """annotate with the PDF first, as run_limited names its input (the CLI runs it under the limits)."""
    return annotate(report, pdf_path, out_path, lang, password=password)


def annotate(report: DocumentReport, pdf_path: str, out_path: str, lang: str = "id", *,
             password: str | None = None) -> AnnotationSummary:
    """Writes to `out_path` a copy of `pdf_path` with the report's located findings annotated, without the
    input's JavaScript, actions and embedded files; an encrypted input gives a copy under the same password.
    A PDF the annotator cannot handle raises InputError."""
    if os.path.exists(out_path) and os.path.samefile(pdf_path, out_path):
        raise InputError(out_path, "berkas keluaran sama dengan PDF yang diperiksa; pilih nama lain agar aslinya "
                                   "tidak berubah.",
                         "the output file is the audited PDF itself; choose another name so the original stays intact.")
    try:
        return _annotate(report, pdf_path, out_path, lang, password)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        raise InputError(pdf_path, f"salinan bertanda tidak dapat dibuat karena struktur PDF ini tidak biasa "
                                   f"({type(error).__name__}); laporan temuan tetap berlaku.",
                         f"could not make the annotated copy: this PDF's structure is unusual "
                         f"({type(error).__name__}); the findings report stands.") from None


def _annotate(report: DocumentReport, pdf_path: str, out_path: str, lang: str, password: str | None) -> AnnotationSummary:
    reader = PdfReader(pdf_path)
    if reader.is_encrypted:
        reader.decrypt(password or "")
    defang(reader.trailer["/Root"].get_object(), reader.pages)  # before cloning, which copies what is reachable
    writer = PdfWriter(clone_from=reader)
    summary = AnnotationSummary(0, 0, 0)
    for finding in report.findings:
        message = f"{finding.rule} ({finding.severity}): {finding.message(lang)}"
        # on a scanned page the highlight lies over the image OCR read: each note says what was read there
        read = {(page, box): ocr_note(location, page, lang) for (page, box), location in ocr_places(finding).items()}
        for page, marks in _marks(finding, len(writer.pages)).items():
            readings = [read.get(place_key(page, boxes)) for _, boxes in marks]
            for (location, boxes), reading in zip(marks, readings):
                writer.add_annotation(page - 1, _highlight(boxes, message + (f"\n{reading}" if reading else ""),
                                                           finding.severity))
                if location.text_boxes:
                    summary.sentences += 1
                else:
                    summary.cells += 1
            if marks:
                right, top = marks[0][1][0][2], marks[0][1][0][3]
                anchor = (right + 2, top - 18, right + 20, top)
                note = "\n".join([message, *filter(None, readings)])
            else:
                summary.page_notes += 1
                visible = writer.pages[page - 1].cropbox
                left, top = float(visible.left), float(visible.top)
                anchor = (left + 20, top - 40, left + 38, top - 22)
                where = "; ".join(loc.describe(lang) for loc in finding.locations if loc.page == page)
                note = f"{message}\n[{where}]"
            writer.add_annotation(page - 1, Text(rect=anchor, text=note))
    if reader.is_encrypted and password:
        writer.encrypt(password, algorithm="AES-256")
    with replacing(out_path) as temporary:
        with open(temporary, "wb") as handle:
            writer.write(handle)
    return summary


_ACTIVE_NAMES = ("/JavaScript", "/EmbeddedFiles")
_ACTIVE_KEYS = ("/OpenAction", "/AA", "/JavaScript")
_ACTIVE_ANNOTATIONS = ("/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D")


def defang(root: DictionaryObject, pages) -> None:
    """Drops what could run or hide inside the copy: document JavaScript and open actions, embedded
    files, page and field actions, and annotations that launch, play or attach something."""
    for key in _ACTIVE_KEYS:
        root.pop(NameObject(key), None)
    names = root.get("/Names")
    if names is not None:
        names = names.get_object()
        for key in _ACTIVE_NAMES:
            names.pop(NameObject(key), None)
    form = root.get("/AcroForm")
    if form is not None:
        form = form.get_object()
        form.pop(NameObject("/XFA"), None)
        for field in form.get("/Fields", []) or []:
            _drop_actions(field.get_object())
    for page in pages:
        # reader.pages hands out copies; cloning follows the objects they were copied from
        page = page.indirect_reference.get_object() if page.indirect_reference else page
        page.pop(NameObject("/AA"), None)
        annotations = page.get("/Annots")
        if annotations is None:
            continue
        kept = ArrayObject()
        for reference in annotations.get_object():
            annotation = reference.get_object()
            if not isinstance(annotation, DictionaryObject) or annotation.get("/Subtype") in _ACTIVE_ANNOTATIONS:
                continue
            _drop_actions(annotation)
            kept.append(reference)
        page[NameObject("/Annots")] = kept


def _drop_actions(node: DictionaryObject) -> None:
    """A link keeps its destination; any action (JavaScript, Launch, SubmitForm, URI…) goes."""
    if isinstance(node, DictionaryObject):
        node.pop(NameObject("/A"), None)
        node.pop(NameObject("/AA"), None)



def _marks(finding: Finding, pages: int) -> dict[int, list[tuple[Location, list[Box]]]]:
    """Per page the finding is on, each location printed there with its boxes: a cell or row, or the lines of a
    sentence on that page (a sentence over a page break is marked on both). A page with a location but no box
    gets an empty list, so the finding is still noted there."""
    marks: dict[int, list[tuple[Location, list[Box]]]] = {}
    for location in finding.locations:
        if location.page and location.page <= pages:
            marks.setdefault(location.page, [])
        on_pages: dict[int, list[Box]] = {}
        for page, box in location.marks:
            if page <= pages:
                on_pages.setdefault(page, []).append(box)
        for page, boxes in on_pages.items():
            if all(boxes != seen for _, seen in marks.get(page, ())):  # the same cell named twice is marked once
                marks.setdefault(page, []).append((location, boxes))
    return marks


def _highlight(boxes: list[Box], message: str, severity: str) -> Highlight:
    """One highlight over one or more boxes (a sentence's lines), each its own quadrilateral."""
    padded = [(b[0] - _PAD, b[1] - _PAD, b[2] + _PAD, b[3] + _PAD) for b in boxes]
    quads = ArrayObject([FloatObject(v) for x0, y0, x1, y1 in padded for v in (x0, y1, x1, y1, x0, y0, x1, y0)])
    rect = (min(b[0] for b in padded), min(b[1] for b in padded), max(b[2] for b in padded), max(b[3] for b in padded))
    annotation = Highlight(rect=rect, quad_points=quads, highlight_color=_COLOURS[severity], printing=True)
    annotation[NameObject("/Contents")] = TextStringObject(message)
    return annotation
