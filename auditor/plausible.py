"""Figures read by OCR checked for plausibility before a finding rests on them.

The check is the rules' own arithmetic: a table figure OCR read with confidence that a rule finds in
contradiction with its row or column (capaian against realisasi ÷ target, penyerapan against the Rp
ratio, a JUMLAH row against the sum of its column, …) is read again from its cell's pixels, otherwise
than at first (ingest/pdf/scan.py: reread_figures). A figure stated in a sentence is read again the same
way from its word's pixels, kept with the sentence line it was printed on: a fact points to its sentence's
lines, not to one word, so every figure word of those lines is read again, and each that reads otherwise
joins the sentence's doubtful figures (TextBlock.doubtful), which make doubtful the facts stating that
figure only. A re-read never changes the figure: the report may
itself be inconsistent. When both re-readings, and every reading the figure had at first (the majority of
which it is), give what the cell holds, the figure keeps its confidence and the finding stays an error;
when any differs, the figure's confidence drops to DOUBTFUL_CONFIDENCE and the finding becomes a warning
to look at the cell. The column's format is
checked at reading time already (scan.py: _check_formats)."""
from __future__ import annotations

import re
import tempfile

from auditor.config import Config
from auditor.document import Document, refresh_facts
from auditor.model import DOUBTFUL_CONFIDENCE
from auditor.ruleapi import Finding, Location
from auditor.values import plain_text


def recheck(document: Document, findings: list[Finding], config: Config) -> bool:
    """Re-reads the confident OCR'd figures the error `findings` rest on, table cells and the figures of
    sentence lines; lowers the confidence of the cells, and of the sentences' figures, read otherwise and
    rebuilds the facts. Returns whether any confidence was lowered."""
    crops, words = document.raw.ocr_crops, document.raw.ocr_words
    suspects: dict[tuple, Location] = {}
    lines: set[tuple] = set()
    for finding in findings:
        if finding.severity != "error":
            continue
        for location in finding.locations:
            if not DOUBTFUL_CONFIDENCE < location.confidence < 1:
                continue
            key = (location.page, location.box)
            if (key in crops and location.table_index is not None and location.row_index is not None
                    and location.column_index is not None):
                suspects.setdefault(key, location)
            elif location.table_index is None:
                # a sentence's figure: each figure of the lines it was printed on (its own is among them)
                lines.update(box for box in location.text_boxes if box in words)
    if not suspects and not lines:
        return False
    from auditor.ingest.pdf.scan import reread_figures

    line_figures = [(line, figure) for line in sorted(lines) for figure in words[line]]
    with tempfile.TemporaryDirectory(prefix="lkjip-ocr-") as workdir:
        readings = reread_figures([crops[key][:2] for key in suspects] + [figure[:2] for _, figure in line_figures],
                                  workdir)
    lowered = False
    for (key, location), again in zip(suspects.items(), readings):
        table = document.table(location.table_index)
        printed = table.rows[location.row_index][location.column_index]
        if _differs(printed, (*crops[key][2], *again)):
            table.confidences[location.row_index][location.column_index] = DOUBTFUL_CONFIDENCE
            lowered = True
    doubtful: dict[tuple, list[str]] = {}
    for (line, (_, _, seen, printed)), again in zip(line_figures, readings[len(suspects):]):
        if _differs(printed, (*seen, *again)):
            doubtful.setdefault(line, []).append(printed)
    for block in document.text:
        figures = [figure for box in block.boxes for figure in doubtful.get(box, ())]
        if figures:
            block.doubtful = (*block.doubtful, *figures)
            lowered = True
    if lowered:
        refresh_facts(document, config)
    return lowered


def _differs(printed: str, readings: tuple[str, ...]) -> bool:
    return any(_key(reading) != _key(printed) for reading in readings)


def _key(text: str) -> str:
    """A figure without spaces, nor a separator at either end (a speck beside it read as a comma)."""
    return re.sub(r"\s+", "", plain_text(text)).strip(".,")
