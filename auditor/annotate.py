"""Annotated copy of an audited PDF: each located finding's cells highlighted, with a comment carrying the message."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pdfplumber
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Text
from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

from auditor.audit import DocumentReport
from auditor.ruleapi import Finding, Location
from auditor.errors import InputError

_NUMBERING = re.compile(r"^(?:[0-9IVXLC]+[.)]?)+$")  # "3", "I.3.1", "1.2." printed in the NO column
_ROW_BAND = 60.0  # points: how far a value may sit from its row label's first line (wrapped labels, centred cells)
_SAME_LINE = 3.0
_PAD = 1.5
_COLOURS = {"error": "ff8080", "warning": "ffd966", "info": "9dc3e6"}


@dataclass
class AnnotationSummary:
    cells: int  # highlighted cells
    page_notes: int  # findings noted at the top of a page because none of their cells could be found there


def annotate(report: DocumentReport, pdf_path: str, out_path: str, lang: str = "id") -> AnnotationSummary:
    """Writes to `out_path` a copy of `pdf_path` with the report's located findings annotated."""
    if os.path.exists(out_path) and os.path.samefile(pdf_path, out_path):
        raise InputError(out_path, "berkas keluaran sama dengan PDF yang diperiksa; pilih nama lain agar aslinya "
                                   "tidak berubah.",
                         "the output file is the audited PDF itself; choose another name so the original stays intact.")
    writer = PdfWriter(clone_from=PdfReader(pdf_path))
    summary = AnnotationSummary(0, 0)
    with pdfplumber.open(pdf_path) as pdf:
        words: dict[int, list[dict]] = {}
        for finding in report.findings:
            message = f"{finding.rule} ({finding.severity}): {finding.message(lang)}"
            for page, boxes in _cells(finding, report.excerpts, pdf, words).items():
                box = writer.pages[page - 1].mediabox
                origin = (float(box.left), float(box.top))  # pdfplumber measures from the top-left corner
                for cell in boxes:
                    writer.add_annotation(page - 1, _highlight(cell, origin, message, finding.severity))
                summary.cells += len(boxes)
                if boxes:
                    x1, top = boxes[0][2], boxes[0][1]
                    anchor = (origin[0] + x1 + 2, origin[1] - top - 18, origin[0] + x1 + 20, origin[1] - top)
                    note = message
                else:
                    summary.page_notes += 1
                    anchor = (origin[0] + 20, origin[1] - 40, origin[0] + 38, origin[1] - 22)
                    where = "; ".join(loc.describe(lang) for loc in finding.locations if loc.page == page)
                    note = f"{message}\n[{where}]"
                writer.add_annotation(page - 1, Text(rect=anchor, text=note))
    with open(out_path, "wb") as handle:
        writer.write(handle)
    return summary


def _cells(finding: Finding, excerpts: dict, pdf, words: dict[int, list[dict]]) -> dict[int, list[tuple]]:
    """Per page the finding's locations are on, the boxes of the cells that could be found there."""
    cells: dict[int, list[tuple]] = {}
    for location in finding.locations:
        if not location.page or location.page > len(pdf.pages):
            continue
        if location.page not in words:
            words[location.page] = pdf.pages[location.page - 1].extract_words()
        found = cells.setdefault(location.page, [])
        box = find_cell(words[location.page], location, _occurrence(location, excerpts)) if location.table else None
        if box and box not in found:
            found.append(box)
    return cells


def _occurrence(location: Location, excerpts: dict) -> int | None:
    """How many cells left of this one in its row print the same text: tells apart 67 | 67 | 67."""
    excerpt = excerpts.get(location.table or "")
    if not excerpt:
        return None
    for mark in excerpt["marks"]:
        if (mark["row"], mark["column"], mark["text"]) == (location.row, location.column, location.text):
            row_index, column = mark["at"]
            cells = next((r["cells"] for r in excerpt["rows"] if r["index"] == row_index), None)
            if cells is None:
                return None
            printed = _squash(location.text)
            return sum(1 for cell in cells[:column] if _squash(cell) == printed)
    return None


def find_cell(words: list[dict], location: Location, occurrence: int | None = None) -> tuple | None:
    """The box of the printed figure: on the row label's line (or nearest below it), the occurrence-th match
    from the left; None when the figure or its row cannot be found on the page."""
    candidates = _matches(words, _squash(location.text))
    if not candidates:
        return None
    labels = _label_tops(words, location.row or "")
    if labels:
        scored = [(min(abs(c[1] - top) for top in labels), c) for c in candidates]
        distance, best = min(scored, key=lambda s: (s[0], s[1][0]))
        if distance > _ROW_BAND:
            return None
    elif len(candidates) == 1:
        best = candidates[0]
    else:
        return None
    line = sorted((c for c in candidates if abs(c[1] - best[1]) <= _SAME_LINE), key=lambda c: c[0])
    if occurrence is not None and occurrence < len(line) and labels:
        return line[occurrence]
    return best


def _matches(words: list[dict], printed: str) -> list[tuple]:
    """Runs of up to four words on one line that spell the printed text ("72 %" may be two words)."""
    if not printed:
        return []
    found = []
    for i, first in enumerate(words):
        text = ""
        for word in words[i:i + 4]:
            if abs(word["top"] - first["top"]) > _SAME_LINE:
                break
            text += _squash(word["text"])
            if text == printed:
                found.append((first["x0"], first["top"], word["x1"], max(first["bottom"], word["bottom"])))
                break
            if not printed.startswith(text):
                break
    return found


def _label_tops(words: list[dict], row: str) -> list[float]:
    """Tops of the lines where the row label starts: its first word followed closely by its next ones."""
    tokens = [t.lower() for t in row.split()]
    while tokens and _NUMBERING.match(tokens[0].upper()):
        tokens.pop(0)
    tokens = tokens[:4]
    if not tokens:
        return []
    texts = [w["text"].lower() for w in words]
    best, tops = 0, []
    for i, text in enumerate(texts):
        if text != tokens[0]:
            continue
        # other columns' words interleave line by line, so later tokens are looked for in a window
        window, matched, position = texts[i + 1:i + 40], 1, 0
        for token in tokens[1:]:
            if token in window[position:]:
                position = window.index(token, position) + 1
                matched += 1
            else:
                break
        if matched > best:
            best, tops = matched, [words[i]["top"]]
        elif matched == best:
            tops.append(words[i]["top"])
    return tops if best >= min(2, len(tokens)) else []


def _squash(text: str) -> str:
    return "".join(text.split())


def _highlight(box: tuple, origin: tuple[float, float], message: str, severity: str) -> Highlight:
    left, top_edge = origin
    x0, x1 = left + box[0] - _PAD, left + box[2] + _PAD
    y0, y1 = top_edge - box[3] - _PAD, top_edge - box[1] + _PAD
    quad = ArrayObject([FloatObject(v) for v in (x0, y1, x1, y1, x0, y0, x1, y0)])
    annotation = Highlight(rect=(x0, y0, x1, y1), quad_points=quad, highlight_color=_COLOURS[severity], printing=True)
    annotation[NameObject("/Contents")] = TextStringObject(message)
    return annotation
