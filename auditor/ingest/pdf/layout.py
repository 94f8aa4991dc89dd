"""The PDF ingester's working types: words, lines, table cells and fragments, blocks and pages, in
display coordinates (origin top-left, y downwards, points)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.ingest.markdown import clean_text
from auditor.model import Box

PAGE_EDGE = 0.12  # share of the page height at its top and at its foot where running headers and footers stand
FIGURE = re.compile(r"^(?:Rp\.?\s*)?[-–(]?\d[\d.,\s]*%?\)?(?:,-)?$")  # 455.365.200, 95,97%, (4,03), 7996
ROW_CODE = re.compile(r"(?:[IVXL]+|\d+)(?:\.(?:[IVXL]+|\d+))*\.?")  # a row number or code: 1, I.4, 2.1.3.
HYPHEN_BREAK = re.compile(r"[^\W_]-$")
# a slash glued to the word before it, where browsers and word processors (UAX #14) break a line
# without a space ("kantor/" + "rumah dinas"); "A /" + "B" keeps its printed space
SLASH_BREAK = re.compile(r"[^\W_]/$")
_CODE_BREAK = re.compile(r"(?:^|\s)[IVXLC\d]+(?:\.[IVXLC\d]+)*\.$")
# an amount's ",-" (Rp 1.000,-) broken after its comma: LibreOffice breaks a narrow cell's line there
_AMOUNT_BREAK = re.compile(r"\d,$")


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    space_after: bool = False  # a space glyph was printed after it (not one PDFium made up)
    mcid: int = -1  # its marked content in a tagged PDF (read only on pages with tagged tables)
    doubtful: bool = False  # a figure OCR read, whose readings disagree


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    trailing: bool  # ends with a printed space: some producers (LibreOffice, Word) keep it at a wrap
    first_width: float  # width of its first word, to tell whether it would have fit on the line above
    page: int = 0  # set with pdf_box for the lines outside tables, which become text blocks
    pdf_box: Box | None = None  # the line in the page's user space
    doubtful: tuple[str, ...] = ()  # its figures OCR read doubtfully, as kept (without the sentence's punctuation)
    cut: bool = False  # its last word goes on at the start of the next line (page_breaks.mend_cut_words)


@dataclass
class Cell:
    """One table cell's printed lines and the x a full line of the cell reaches."""

    lines: list[Line]
    right: float
    box: tuple[float, float, float, float]  # displayed, like the lines
    pdf_box: Box  # the same box in the page's user space
    confidence: float = 1.0  # below 1 for a cell read by OCR, lowest for a doubtful figure

    @property
    def text(self) -> str:
        return clean_text(join_lines(self.lines))


@dataclass
class Fragment:
    """One table as printed on one page, with whether its first/last row runs over the page edge."""

    page: int
    top: float
    bottom: float
    cells: list[list[Cell | None]]  # None where a merged cell covers the position or nothing is printed
    open_top: bool
    open_bottom: bool
    row_pages: list[int] = field(default_factory=list)  # rows moved in from the page before keep theirs
    head: int = 0  # header rows a tagged table names (TH), which the producer repeats untagged on the next page
    # a tagged table's: its key in the structure tree, its rows' numbers there, its columns' printed extent
    table_key: int | None = None
    row_keys: list[int] = field(default_factory=list)
    columns: list[tuple[float, float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.row_pages = self.row_pages or [self.page] * len(self.cells)

    def texts(self) -> list[list[str]]:
        return [[cell.text if cell else "" for cell in row] for row in self.cells]

    def boxes(self) -> list[list[Box | None]]:
        return [[cell.pdf_box if cell else None for cell in row] for row in self.cells]

    def confidences(self) -> list[list[float]]:
        return [[cell.confidence if cell else 1.0 for cell in row] for row in self.cells]


@dataclass
class Block:
    page: int
    top: float
    lines: list[Line]

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    scanned: bool = False
    ocr: bool = False
    # an OCR'd page's figure cells (pixels, ink height, the readings they had) by their box in the page's user
    # space, for a re-read
    crops: dict = field(default_factory=dict)
    # its sentence lines' figures by the line's box (scan.py: _line_figures), for a re-read
    word_crops: dict = field(default_factory=dict)


def line_groups(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines by vertical overlap, each line's words left to right."""
    groups: list[list[Word]] = []
    band = (0.0, 0.0)
    for word in sorted(words, key=lambda w: (w.top + w.bottom, w.x0)):
        middle = (word.top + word.bottom) / 2
        if groups and band[0] <= middle <= band[1]:
            groups[-1].append(word)
            continue
        groups.append([word])
        band = (word.top, word.bottom)
    for group in groups:
        group.sort(key=lambda w: w.x0)
    return groups


def group_lines(words: list[Word]) -> list[Line]:
    """Words in reading order, grouped into lines by vertical overlap."""
    lines = []
    for group in line_groups(words):
        lines.append(Line(" ".join(w.text for w in group), group[0].x0, min(w.top for w in group),
                          max(w.x1 for w in group), max(w.bottom for w in group), max(w.size for w in group),
                          all(w.bold for w in group), group[-1].space_after, group[0].x1 - group[0].x0,
                          doubtful=tuple(w.text.rstrip(".,;:") for w in group if w.doubtful)))
    lines.sort(key=lambda line: line.top)
    return lines


def broken_word(line: Line, below: Line, right: float) -> bool:
    """Whether `line` ends inside a word that goes on at the start of `below`: a word or number too
    long for its cell, which LibreOffice and Word cut where the cell ends, without a hyphen
    ("kemasyarak" / "atan", "GOLONGA" / "N", "114.162.50" / "0", "7.01.03.2.0" / "1", "7.01.02.2.01." /
    "02"). The line ends in a letter or digit (or a code's dot) without the space of a wrap, the next
    goes on in lower case (capitals after capitals, a digit after a digit or a code's dot), and not
    even its first character (as wide as the next word's average one) would have fitted before `right`."""
    word, end = below.text.split(" ", 1)[0], line.text[-1:]
    goes_on = ((end.isalpha() and (word[:1].islower() or (end.isupper() and word.isupper())))
               or (word[:1].isdigit() and (end.isdigit() or (end == "." and line.text[-2:-1].isdigit()))))
    return not line.trailing and goes_on and line.x1 + below.first_width / len(word) > right


def join_lines(lines: list[Line]) -> str:
    """Lines of one paragraph or cell as one string: a word hyphenated, slashed ("kantor/" +
    "rumah") or cut for want of room (Line.cut), a numbering code ("I." + "1.1.2") or an amount
    ("Rp.499.600.000," + "-") broken at the line end is glued back, other breaks become a space. A
    slash line that ends with a printed space ("TUJUAN/ " + "SASARAN", LibreOffice and Word keep it)
    had the space in its source."""
    joined = ""
    for previous, line in zip([None, *lines], lines):
        text = line.text
        glued = previous is not None and (
            previous.cut
            or (text[:1].isalnum() and (HYPHEN_BREAK.search(joined)
                                        or (SLASH_BREAK.search(joined) and not previous.trailing)))
            or (_CODE_BREAK.search(joined) and text[:1].isdigit())
            or (_AMOUNT_BREAK.search(joined) and text[:1] == "-" and not previous.trailing))
        joined += text if glued or not joined else " " + text
    return joined
