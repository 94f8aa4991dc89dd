"""PDF lines put back together as the markdown has them: wrapped lines joined, the header lines a
producer repeats on the next page found."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from auditor.ingest.pdf.layout import Block, Cell, Fragment, Line, Word, group_lines
from auditor.ingest.pdf.page import Frame
from auditor.ingest.pdf.tagged import repeated_header


def _lines(*texts: str) -> list[Line]:
    """A text ending in a space is a line printed with the space of its wrap (LibreOffice, Word)."""
    return [Line(text.rstrip(), 50, 100 + 12 * i, 200, 110 + 12 * i, 10, False, text.endswith(" "), 30)
            for i, text in enumerate(texts)]


@pytest.mark.parametrize("texts, joined", [
    # a browser breaks after a slash glued to its words; no space was printed there
    (("Pemeliharaan rutin/berkala gedung kantor/", "rumah dinas"),
     "Pemeliharaan rutin/berkala gedung kantor/rumah dinas"),
    (("Pengadaan peralatan anti-", "korupsi"), "Pengadaan peralatan anti-korupsi"),
    # a slash printed with spaces around it keeps them, as does one whose wrap printed its space
    (("TUJUAN/ ", "SASARAN/ ", "PROGRAM"), "TUJUAN/ SASARAN/ PROGRAM"),
    (("Pemeliharaan Rutin /", "Berkala Gedung Kantor"), "Pemeliharaan Rutin / Berkala Gedung Kantor"),
    (("Rutin", "/ Berkala"), "Rutin / Berkala"),
    # an amount's ",-" broken after its comma (LibreOffice, in a narrow cell)
    (("Rp.499.600.000,", "-"), "Rp.499.600.000,-"),
    (("Rp 12.500,", "- dan Rp 3.000,-"), "Rp 12.500,- dan Rp 3.000,-"),
    # a numbering code broken after its dot, and an ordinary break
    (("I.", "1.1.2 Program"), "I.1.1.2 Program"),
    (("jumlah pegawai", "17 orang"), "jumlah pegawai 17 orang"),
])
def test_wrapped_lines_join_as_printed_in_text_and_cells(texts, joined):
    lines = _lines(*texts)
    assert Block(1, 100, lines).text == joined
    assert Cell(lines, 200, (50, 100, 200, 140), (50, 700, 200, 660)).text == joined


def _words(line: list[str], xs: list[float], top: float) -> list[Word]:
    """Words as LibreOffice prints them: each with its space, the last of a wrapped line too."""
    return [Word(text, x, top, x + 6 * len(text), top + 11.1, 9, True, True) for text, x in zip(line, xs)]


def test_repeated_header_lines_are_found_when_their_glyph_boxes_overlap_the_body():
    """A tagged table's header, repeated untagged on the next page with tight line spacing: its
    second line's glyph boxes (9.6 pt apart, 11.1 pt high) reach into the first body row's."""
    frame = Frame(pdfium.PdfDocument.new().new_page(595, 842))
    first = (_words(["NO", "TUJUAN/", "SASARAN/"], [71, 114, 161], 160)
             + _words(["PROGRAM/", "KEGIATAN"], [114, 170], 169.6))
    above = Fragment(8, 160, 400, [[Cell(group_lines(first[:1]), 98, (71, 160, 98, 181), (71, 682, 98, 661)),
                                    Cell(group_lines(first[1:]), 217, (114, 160, 217, 181), (114, 682, 217, 661))]],
                     False, False, head=1, table_key=7)
    body = Fragment(9, 88.7, 300, [[None, Cell(group_lines(_words(["Perkantoran"], [114], 88.7)), 217,
                                               (114, 88.7, 217, 99.8), (114, 753, 217, 742))]],
                    False, False, table_key=7)
    running = _words(["LKjIP", "2022"], [71, 101], 34)
    repeated = _words(["NO", "TUJUAN/", "SASARAN/"], [71, 114, 161], 69.5) + _words(["PROGRAM/", "KEGIATAN"],
                                                                                      [114, 170], 79.1)
    left = repeated_header(above, body, running + repeated, frame)
    assert left == running
    assert body.texts() == [["NO", "TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN"], ["", "Perkantoran"]]
    assert body.head == 1 and body.top == 69.5


def test_tables_one_above_the_other_keep_their_own_column_rulings():
    """Three ruled tables on one page, the ruling between their columns at x = 100, 102.5 and 105
    (a browser sizes each table's columns to its own text): snapped page-wide they chained into one
    ruling at 102.5, and the "5" printed just right of the first table's ruling fell into the column
    to its left, beside the "4" (a column-number row read "4 5" | "")."""
    from auditor.ingest.pdf.grid import find_grids
    from auditor.ingest.pdf.page import _edge

    edges = []
    for top, middle in ((0, 100.0), (60, 102.5), (120, 105.0)):
        edges += [_edge((0, y), (200, y)) for y in (top, top + 20, top + 40)]
        edges += [_edge((x, top), (x, top + 40)) for x in (0, middle, 200)]
    four, five = Word("4", 40, 5, 46, 15, 9, False), Word("5", 100.5, 5, 102.5, 15, 9, False)
    grids = find_grids(edges, [four, five])
    assert [[round(x, 1) for x in grid.xs] for grid in grids] == [[0, 100.0, 200], [0, 102.5, 200], [0, 105.0, 200]]
    first = grids[0]
    assert first.locate(43, 10) != first.locate(101.5, 10)
