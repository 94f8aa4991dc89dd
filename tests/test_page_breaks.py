"""Tables as LibreOffice lays them out, on constructed pages: the last lines of a row cut at a page
foot put back into that row, and words a narrow cell cut without a hyphen put back together."""
from __future__ import annotations

from auditor.ingest.pdf.layout import Block, Cell, Fragment, Line, Page
from auditor.ingest.pdf.page_breaks import mend_cut_words, rejoin_broken_rows

LETTER = 5.0  # every letter of these lines is 5 pt wide (9 pt type)
# where each column's text starts, how wide it may run
COLUMNS = [(80.0, 40.0), (130.0, 60.0), (200.0, 45.0), (260.0, 40.0)]


def _cell(column: int, top: float, *texts: str) -> Cell:
    """A cell's lines, one under the other; a text ending in a space is a line printed with the space
    of its wrap (LibreOffice keeps it)."""
    x0, width = COLUMNS[column]
    lines = [Line(text.rstrip(), x0, top + 11 * i, x0 + LETTER * len(text.rstrip()), top + 11 * i + 9, 9, False,
                  text.endswith(" "), LETTER * len(text.split(" ", 1)[0])) for i, text in enumerate(texts)]
    box = (x0 - 5, top - 2, x0 + width + 5, top + 11 * len(texts))
    return Cell(lines, x0 + width, box, box)


def _row(top: float, *cells: tuple[str, ...] | None) -> list[Cell | None]:
    return [_cell(column, top, *texts) if texts else None for column, texts in enumerate(cells)]


HEADER = ("NO",), ("INDIKATOR",), ("TARGET",)


def _table_foot() -> Page:
    """A table at a landscape page's foot whose last row's INDIKATOR cell was cut after "diadministr"."""
    rows = [_row(72, *HEADER), _row(90, ("1",), ("Jumlah rapat",), ("4 Kali",)),
            _row(500, ("2",), ("Jumlah ", "surat yang ", "diadministr"), ("4 Surat",))]
    return Page(9, 792, 612, fragments=[Fragment(9, 72, 540, rows, False, False)])


def _page(number: int, *rows: list[Cell | None]) -> Page:
    return Page(number, 792, 612, fragments=[Fragment(number, 72, 72 + 20 * len(rows), list(rows), False, False)])


def _texts(page: Page) -> list[list[str]]:
    return [row for fragment in page.fragments for row in fragment.texts()]


def test_last_line_of_a_cut_row_alone_on_its_page_goes_back_into_the_row_over_an_empty_page():
    # a producer without the wrap's space gives no text evidence: a page holding nothing but the rest of
    # the row's cells is the evidence
    pages = [_table_foot(), _page(10, _row(72, None, ("asikan",), None)), Page(11, 612, 792),
             _page(12, _row(72, *HEADER), _row(90, ("3",), ("Jumlah gedung",), ("4 Gedung",)))]
    rejoin_broken_rows(pages, trailing_spaces=False)
    assert _texts(pages[0])[-1] == ["2", "Jumlah surat yang diadministr asikan", "4 Surat"]
    assert pages[1].fragments == []
    assert _texts(pages[3]) == [["NO", "INDIKATOR", "TARGET"], ["3", "Jumlah gedung", "4 Gedung"]]


def test_a_row_of_its_own_alone_on_a_page_stays_a_row():
    for alone in (_row(72, None, ("lainnya",), ("85%",)),  # a figure
                  _row(72, ("3",), ("Jumlah",), None),  # a row code
                  _row(72, None, ("Jumlah desa", "yang dibina"), ("12 Desa",)),  # an amount
                  _row(72, ("3",), ("lainnya",), ("dan",))):  # text in every cell the row above has
        pages = [_table_foot(), _page(10, alone)]
        rejoin_broken_rows(pages, trailing_spaces=False)
        assert len(_texts(pages[0])) == 3 and len(_texts(pages[1])) == 1


def test_a_word_cut_at_the_page_foot_goes_on_at_the_top_of_the_next_page():
    # "diadministr" fills its cell and not even the "a" of "asikan" would have fitted after it
    following = _page(10, _row(72, None, ("asikan",), None), _row(90, ("3",), ("Jumlah gedung",), ("4 Gedung",)))
    pages = [_table_foot(), following]
    rejoin_broken_rows(pages, trailing_spaces=True)
    assert _texts(pages[0])[-1] == ["2", "Jumlah surat yang diadministr asikan", "4 Surat"]
    assert _texts(following) == [["3", "Jumlah gedung", "4 Gedung"]]


def test_a_row_whose_cell_ended_with_room_to_spare_is_not_continued():
    foot = _table_foot()
    foot.fragments[0].cells[-1] = _row(500, ("2",), ("Jumlah ", "surat"), ("4 Surat",))
    following = _page(10, _row(72, None, ("asikan",), None), _row(90, ("3",), ("Jumlah gedung",), ("4 Gedung",)))
    rejoin_broken_rows([foot, following], trailing_spaces=True)
    assert _texts(foot)[-1] == ["2", "Jumlah surat", "4 Surat"]
    assert _texts(following)[0] == ["", "asikan", ""]


def test_a_row_cut_after_its_first_line_goes_on_though_its_code_and_amount_were_cut_too():
    # "1.2.3.4" / "1" fills its cell (a row code cut, not the next row's number), "Rp" / "28.000.000"
    following = _page(10, _row(72, ("1",), ("dokumen",), ("28.000.000",), None),
                      _row(90, ("1.2.3.5",), ("Pengadaan",), ("Rp 5.000",), ("90%",)))
    pages = [_page(9, _row(72, ("NO",), ("KEGIATAN",), ("ANGGARAN",), ("CAPAIAN",)),
                   _row(500, ("1.2.3.4",), ("Penyusunan ",), ("Rp ",), ("61%",))), following]
    rejoin_broken_rows(pages, trailing_spaces=True)
    assert _texts(pages[0])[-1] == ["1.2.3.4 1", "Penyusunan dokumen", "Rp 28.000.000", "61%"]
    assert _texts(following) == [["1.2.3.5", "Pengadaan", "Rp 5.000", "90%"]]
    # a row code with room to spare ended there: the code under it numbers a row of its own
    following = _page(10, _row(72, ("3",), ("dokumen",), ("28.000.000",), None))
    pages = [_page(9, _row(500, ("1.2",), ("Penyusunan ",), ("Rp ",), ("61%",))), following]
    rejoin_broken_rows(pages, trailing_spaces=True)
    assert _texts(following) == [["3", "dokumen", "28.000.000", ""]]


def test_a_row_code_cut_after_its_dot_goes_on():
    following = _page(10, _row(72, ("05",), ("Fasilitasi",), None, None),
                      _row(90, ("1.2.3.5",), ("Pengadaan",), ("Rp 5.000",), ("90%",)))
    pages = [_page(9, _row(500, ("1.2.3.4.",), ("Sub Kegiatan ",), ("Rp 17.740",), ("61%",))), following]
    rejoin_broken_rows(pages, trailing_spaces=True)
    assert _texts(pages[0]) == [["1.2.3.4.05", "Sub Kegiatan Fasilitasi", "Rp 17.740", "61%"]]


def test_an_amount_cut_at_the_cell_edge_goes_on_in_a_row_alone_on_its_page():
    foot = _page(9, _row(72, *HEADER), _row(500, ("2",), ("Program ",), ("114.162.5",)))
    pages = [foot, _page(10, _row(72, None, ("Peningkatan",), ("0",)))]
    rejoin_broken_rows(pages, trailing_spaces=False)
    assert _texts(foot)[-1] == ["2", "Program Peningkatan", "114.162.5 0"]
    assert pages[1].fragments == []


def test_a_row_of_two_tables_printed_as_one_grid_goes_on_in_the_grid_of_the_one_that_goes_on():
    # a PK target table typed right above the PK budget table: one grid with the columns of both (the
    # budget table's Program cell spans two of them); on the next page the budget table alone goes on
    rows = [_cell(0, 500, "3"), _cell(1, 500, "Program ", "Peningkatan ", "Sarana dan "), None,
            _cell(2, 500, "Rp 119.750.000"), _cell(3, 500, "-")]
    foot = Page(2, 612, 792, fragments=[Fragment(2, 300, 540, [rows], False, False)])
    following = _page(3, _row(72, None, ("Prasarana Aparatur",), None, None),
                      _row(90, None, ("JUMLAH",), ("Rp 376.512.500",), None))
    rejoin_broken_rows([foot, following], trailing_spaces=True)
    assert _texts(foot) == [["3", "Program Peningkatan Sarana dan Prasarana Aparatur", "", "Rp 119.750.000", "-"]]
    assert _texts(following) == [["", "JUMLAH", "Rp 376.512.500", ""]]
    # a cell as wide as no cell of the row above: another table
    following = _page(3, _row(72, None, ("Prasarana Aparatur",), None, None), _row(90, ("1",), ("JUMLAH",), None, None))
    following.fragments[0].cells[0][1].box = (125, 70, 250, 83)
    rejoin_broken_rows([foot, following], trailing_spaces=True)
    assert _texts(following)[0] == ["", "Prasarana Aparatur", "", ""]


def _mended(*cells: tuple[int, tuple[str, ...]], text: str = "") -> list[str]:
    """The text of the cells (column, lines) once cut words are mended, in a document that prints
    `text` as a paragraph."""
    page = _page(1, *(_row(100 + 60 * i, *(lines if j == column else None for j in range(3)))
                      for i, (column, lines) in enumerate(cells)))
    page.blocks = [Block(1, 500, [Line(text, 72, 500, 400, 509, 9, False, False, 30)])]
    mend_cut_words([page])
    return [" | ".join(cell for cell in row if cell) for row in _texts(page)]


def test_a_word_too_long_for_its_cell_is_whole_again_where_the_document_knows_it():
    # "kemasyaraka" runs to the cell's edge: the "t" going on did not fit
    cut = (1, ("Pembinaan ", "lembaga ", "kemasyaraka", "tan desa"))
    assert _mended(cut, text="Lembaga kemasyarakatan desa dibina.") == ["Pembinaan lembaga kemasyarakatan desa"]
    assert _mended(cut) == ["Pembinaan lembaga kemasyaraka tan desa"]
    # cut at two different letters in two columns: one word, though never printed whole
    assert _mended((1, ("diadministr", "asikan")), (2, ("diadminis", "trasikan"))) == ["diadministrasikan"] * 2
    # two words that meet at a full line stay two, however well the line fills the cell
    assert _mended((1, ("Pelaksanaan", "rapat")), text="pelaksanaan rapat") == ["Pelaksanaan rapat"]
    # a short line ends where its word ended
    assert _mended((1, ("Jumlah", "an")), text="jumlahan") == ["Jumlah an"]
    # capitals after capitals: a header cut the same way
    assert _mended((2, ("PENYERAP", "AN (%)")), text="Penyerapan anggaran") == ["PENYERAPAN (%)"]
