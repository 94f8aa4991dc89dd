"""The document model every ingester produces: text blocks and raw table fragments, each with its source."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in the PDF page's user space: points, y upwards
PageBox = tuple[int, Box]  # a box on a 1-based page
OCR_CONFIDENCE = 0.9  # text read by OCR, and a figure two OCR readings agree on
DOUBTFUL_CONFIDENCE = 0.5  # an OCR'd figure whose readings disagree or that does not fit its column:
#                            a finding resting on it is a warning to look at the cell, never an error


@dataclass(frozen=True)
class Source:
    """Where something was read: a markdown line and/or a PDF page (1-based)."""

    line: int | None = None
    page: int | None = None
    confidence: float = 1.0  # below 1 for text that came from OCR


@dataclass
class TextBlock:
    """A heading, paragraph or list item, as one string of text in reading order."""

    kind: str  # "heading" | "paragraph" | "list_item"
    text: str
    source: Source
    # each printed line of the block where a PDF printed it (a block may run on over a page break), so that a
    # finding about its sentence marks the sentence itself; () from markdown and Word
    boxes: tuple[PageBox, ...] = ()
    # the figures OCR read in it whose readings disagree, as printed: a figure the text states is doubtful when it
    # is one of them (facts.stated_confidence), so that a doubtful word elsewhere leaves a well-read figure alone
    doubtful: tuple[str, ...] = ()


@dataclass
class RawTable:
    """One table fragment as printed: every row, header rows included.

    Cells hold the printed text with inner line breaks joined by a space. A cell covered by a
    merged cell to its left or above holds "" (the merged text sits in its first cell), exactly as
    a markdown pipe table prints it. A table split over pages arrives as several fragments; the
    structure stage stitches them.
    """

    rows: list[list[str]]
    sources: list[Source]
    boxes: list[list[Box | None]] | None = None  # per cell where a PDF printed it; None from markdown and Word
    confidences: list[list[float]] | None = None  # per cell, below 1 where OCR read it; None: all 1


@dataclass
class RawDocument:
    """What an ingester read from one file, before any interpretation."""

    path: str
    kind: str  # "markdown" | "pdf" | "docx"
    items: list[TextBlock | RawTable]
    pages: int | None = None
    notices: list = field(default_factory=list)  # bilingual.Text each, about reading the file
    scanned_pages: list[int] = field(default_factory=list)
    # the pixels, ink height and readings of every figure cell OCR read, by page and box: a figure a rule
    # finds implausible is read again from them (auditor/plausible.py)
    ocr_crops: dict[PageBox, tuple] = field(default_factory=dict)
    # the same for the figures of each OCR'd sentence line, by page and line box: (pixels, ink height, readings,
    # the figure as kept) per figure word in the line
    ocr_words: dict[PageBox, tuple] = field(default_factory=dict)

    def texts(self) -> Iterator[str]:
        """Every text block and table cell, as printed."""
        for item in self.items:
            if isinstance(item, TextBlock):
                yield item.text
            else:
                yield from (cell for row in item.rows for cell in row)
