"""Borderless tables in PDFs: read from the structure tree of a tagged PDF, or from the alignment of
their text when untagged. A generated report printed without ruling lines gives the findings of its
markdown, an injected inconsistency is reported at the cell it was printed in."""
from __future__ import annotations

import random
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import generator
import pdf_render
from injections import INJECTIONS
from test_pdf_ingest import stitched_tables
from auditor.config import Config
from auditor.document import normalise as build
from auditor.engine import run_rules
from auditor.ingest.markdown import read_markdown
from auditor.ingest.pdf import read_pdf
from auditor.model import RawTable

pytestmark = pytest.mark.slow  # renders with reportlab and LibreOffice, reads PDFs

# (template, seed, injected inconsistency or None): clean and broken reports of every layout.
CASES = [("sumenep", 0, None), ("alt", 1, None), ("kota", 2, None),
         ("sumenep", 3, "jumlah_total"), ("alt", 5, "efficiency_capaian"), ("kota", 1, "penyerapan")]
ROUTES = [route for route in pdf_render.ROUTES if route in pdf_render.BORDERLESS]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict:
    """Per route: each case's report, expected finding, markdown and PDF (one LibreOffice run per route)."""
    reports, expected = {}, {}
    for template, seed, kind in CASES:
        name = f"{template}-{seed}"
        reports[name] = generator.generate(seed, template=template)
        expected[name] = INJECTIONS[kind](reports[name], random.Random(seed)) if kind else None
    out: dict = {}
    for route in ROUTES:
        if pdf_render.route_missing(route):
            continue
        paths = pdf_render.render(reports, route, tmp_path_factory.mktemp(route))
        out[route] = {name: (reports[name], expected[name], paths[name]) for name in reports}
    return out


def audit(raw) -> list:
    config = Config()
    return run_rules(build(raw, config), config).findings


def key(finding) -> tuple:
    return finding.rule, finding.subject.lower(), finding.severity, finding.values


def text_in(path: Path, page: int, box) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        textpage = document[page - 1].get_textpage()
        return textpage.get_text_bounded(*box)
    finally:
        document.close()


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("case", [f"{template}-{seed}" for template, seed, _ in CASES])
def test_borderless_report_finds_what_its_markdown_finds(rendered, route, case):
    if route not in rendered:
        pytest.skip(pdf_render.route_missing(route))
    report, expected, path = rendered[route][case]
    from_markdown = audit(read_markdown(f"{case}.md", generator.to_markdown(report)))
    from_pdf = audit(read_pdf(str(path)))
    assert sorted(map(key, from_pdf)) == sorted(map(key, from_markdown))
    errors = [f for f in from_pdf if f.severity == "error"]
    assert [(f.rule, f.subject.lower()) for f in errors] == (
        [(expected.rule, expected.subject.lower())] if expected else [])
    if expected is None:
        return
    # at the right place: the markdown's table, row and column, on a page, in a box that holds the figure
    found = next(f for f in from_markdown if (f.rule, f.subject.lower()) == (expected.rule, expected.subject.lower()))
    where = [(loc.table, loc.row, loc.column, loc.text) for loc in errors[0].locations]
    assert where == [(loc.table, loc.row, loc.column, loc.text) for loc in found.locations]
    for location in errors[0].locations:
        if location.table:
            assert location.page is not None and location.box is not None
            assert location.text.split()[0] in text_in(path, location.page, location.box)


@pytest.mark.parametrize("case", [f"{template}-{seed}" for template, seed, _ in CASES])
def test_tagged_tables_match_markdown_cell_for_cell(rendered, case):
    """The structure tree gives every cell exactly, merged header cells and the header rows a page
    repeats included (the rows the markdown leaves empty are not printed)."""
    route = "libreoffice-borderless-tagged"
    if route not in rendered:
        pytest.skip(pdf_render.route_missing(route))
    report, _, path = rendered[route][case]

    def tables(items):
        return [[row for row in table if any(row)] for table in stitched_tables(items)]

    markdown = read_markdown(f"{case}.md", generator.to_markdown(report))
    assert tables(read_pdf(str(path)).items) == tables(markdown.items)


def test_paragraphs_lists_and_aligned_text_are_not_tables(tmp_path):
    """Justified paragraphs, a numbered list with a wide indent (two columns) and a letter head set
    in three aligned columns without figures line up words too, but are no tables."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, alignment=4, spaceAfter=6)
    item = ParagraphStyle("item", parent=body, leftIndent=36, bulletIndent=6)
    sentence = ("Capaian kinerja sasaran pada tahun 2022 sebesar 89% dari target 84%, realisasi anggaran "
                "Rp 447.369.600 atau 86,62% dari pagu Rp 516.450.500, dengan 11 kegiatan dan 3 program. ")
    story = [Paragraph(sentence * 3, body), Spacer(1, 30)]
    story += [Paragraph(f"Kegiatan {n} terealisasi {n * 7} kali dari target {n * 8} kali ({n * 11}%).", item,
                        bulletText=f"{n}.") for n in range(1, 6)]
    story += [Spacer(1, 30), Table([["Nomor", ":", "067/ /435.311/2023"], ["Lampiran", ":", "satu berkas"],
                                    ["Perihal", ":", "LKjIP Tahun Anggaran 2022"]], hAlign="LEFT")]
    story += [Spacer(1, 30), Paragraph(sentence * 2, body)]
    path = tmp_path / "teks.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    assert not [item for item in read_pdf(str(path)).items if isinstance(item, RawTable)]


COLUMNS = [60, 100, 250, 400, 460, 520]
HEADER = ["No", "Kegiatan", "Indikator", "Target", "Realisasi", "Capaian"]
ROWS = [["1.1", "Rapat koordinasi dan konsultasi kecamatan", "Jumlah rapat yang dilaksanakan", "12 kali", "7 kali", "58"],
        ["1.2", "Pemeliharaan rutin berkala gedung kantor", "Jumlah gedung kantor yang dipelihara", "3 unit", "3 unit",
         "100"],
        ["1.3", "Penyediaan jasa surat menyurat", "Jumlah surat menyurat yang diadministrasikan", "500 surat",
         "520 surat", "104"]]


def cut_table_pdf(path: Path, last: list[str], rest: list[str], after: list[list[str]],
                  head: tuple[list[str], ...] = (HEADER,)) -> None:
    """An untagged table without rulings over two pages (Helvetica 9, as LibreOffice sets one: the
    space of a wrap printed): `head` (the header, and a column-number row), ROWS and `last` (its
    first line) on the first page; the next page repeats `head`, then prints `rest` (lines of text
    cells) and the rows `after`."""
    page = canvas.Canvas(str(path), pagesize=A4)

    def lines(y: float, printed: list[list[str]]) -> float:
        for line in printed:
            for x, text in zip(COLUMNS, line):
                if text:
                    page.drawString(x, y, text)
            y -= 11
        return y - 6

    def wrapped(row: list[str]) -> list[list[str]]:
        """Two lines: each text cell's last two words on the second, the first's words with the wrap's space."""
        first = [" ".join(text.split()[:-2]) + " " if len(text.split()) > 3 else text for text in row]
        return [first, ["", *(" ".join(text.split()[-2:]) if len(text.split()) > 3 else "" for text in row[1:])]]

    page.setFont("Helvetica", 9)
    page.drawString(60, 770, "Tabel 3.1 Realisasi kinerja kegiatan tahun 2022")
    y = lines(740, list(head))
    for row in ROWS:
        y = lines(y, wrapped(row))
    lines(y, [last])
    page.showPage()
    page.setFont("Helvetica", 9)
    y = lines(780, [*head, rest])
    for row in after:
        y = lines(y, wrapped(row))
    page.drawString(60, y - 30, "Dari tabel di atas terlihat capaian kegiatan yang beragam pada tahun ini.")
    page.save()


AFTER = ["1.4", "Penyediaan alat tulis kantor", "Jumlah jenis alat tulis yang disediakan", "12 jenis", "16 jenis", "133"]


@pytest.mark.parametrize("after", [[], [AFTER]])
def test_row_cut_by_page_break_in_aligned_table_is_rejoined(tmp_path, after):
    """The rest of a row the page break cut, under the header the next page repeats, fills some of
    the row's text cells only: it is that row's, whether more rows follow it or none."""
    path = tmp_path / "cut.pdf"
    cut_table_pdf(path, ["1.4", "Penyediaan jasa layanan ", "Jumlah personel layanan ", "4 orang", "2 orang", "50"],
                  ["", "perkantoran", "perkantoran yang ditugaskan"], after)
    tables = [item for item in read_pdf(str(path)).items if isinstance(item, RawTable)]
    cut = ["1.4", "Penyediaan jasa layanan perkantoran", "Jumlah personel layanan perkantoran yang ditugaskan",
           "4 orang", "2 orang", "50"]
    assert [table.rows for table in tables] == [[HEADER, *ROWS, cut]] + ([[HEADER, *after]] if after else [])
    assert [source.page for source in tables[0].sources] == [1] * 5


def test_row_cut_inside_a_hyphenated_word_under_repeated_column_numbers_is_rejoined(tmp_path):
    """A LibreOffice print breaks "perundang-undangan" after its hyphen, without a space: a line
    ending so, with no room for the word that goes on at the next page's top (under the repeated
    header and column-number rows), is the row's text going on (it was read as a row of its own:
    LKJ502 'undangan' has no number)."""
    path = tmp_path / "hyphen.pdf"
    numbers = [str(n) for n in range(1, 7)]
    cut_table_pdf(path, ["1.4", "Penyediaan perundang-", "Jumlah peraturan", "19 buku", "19 buku", "100"],
                  ["", "undangan"], [AFTER], head=(HEADER, numbers))
    tables = [item for item in read_pdf(str(path)).items if isinstance(item, RawTable)]
    cut = ["1.4", "Penyediaan perundang-undangan", "Jumlah peraturan", "19 buku", "19 buku", "100"]
    assert [table.rows for table in tables] == [[HEADER, numbers, *ROWS, cut], [HEADER, numbers, AFTER]]


def test_row_that_ended_on_its_page_is_not_joined_to_the_next(tmp_path):
    """A first row on the next page is a row of its own when the last row above had room on its
    lines for its words: the page break cut nothing."""
    path = tmp_path / "whole.pdf"
    last = ["1.4", "Penyediaan jasa", "Jumlah personel", "4 orang", "2 orang", "50"]
    cut_table_pdf(path, last, ["", "Honorarium", "Jumlah honor yang dibayar"], [AFTER])
    tables = [item for item in read_pdf(str(path)).items if isinstance(item, RawTable)]
    assert [table.rows for table in tables] == [
        [HEADER, *ROWS, last], [HEADER, ["", "Honorarium", "Jumlah honor yang dibayar", "", "", ""], AFTER]]


@pytest.mark.parametrize("seed", [1008, 1024])
def test_untagged_borderless_table_keeps_its_own_columns(tmp_path, seed):
    """Kota layout, untagged borderless print: a one-row table on a portrait page under a wide landscape
    table (its caption in the page head) is not taken for that table's continuation (it read a
    realisasi from another column: LKJ201 96 vs 78), and a cell crossing a column start in one row
    (a long Indikator) does not hide that column (JUMLAH then lost the rows: LKJ401)."""
    if pdf_render.route_missing("reportlab-borderless"):
        pytest.skip(pdf_render.route_missing("reportlab-borderless"))
    report = generator.generate(seed, template="kota")
    path = pdf_render.render({"r": report}, "reportlab-borderless", tmp_path)["r"]
    from_markdown = audit(read_markdown("r.md", generator.to_markdown(report)))
    from_pdf = audit(read_pdf(str(path)))
    assert [f for f in from_pdf if f.severity == "error"] == []
    assert sorted(map(key, from_pdf)) == sorted(map(key, from_markdown))


@pytest.mark.parametrize("route", ["libreoffice-borderless", "libreoffice-borderless-tagged"])
def test_a_row_with_its_own_code_after_a_page_break_is_not_the_rest_of_the_cut_row(route, tmp_path):
    """A text-only row that opens the next page ("I.4 | SASARAN 4") under a row whose cells end full
    looks like the rest of a row the break cut; its own row code says it is a row of its own."""
    if pdf_render.route_missing(route):
        pytest.skip(pdf_render.route_missing(route))
    reports = {}
    for template, seed, kind in (("alt", 1021, "program_list"), ("sumenep", 1013, "kegiatan_without_budget")):
        reports[f"{template}-{seed}"] = generator.generate(seed, template=template)
        INJECTIONS[kind](reports[f"{template}-{seed}"], random.Random(seed))
    paths = pdf_render.render(reports, route, tmp_path)
    for name, report in reports.items():
        from_markdown = audit(read_markdown(f"{name}.md", generator.to_markdown(report)))
        assert sorted(map(key, audit(read_pdf(str(paths[name]))))) == sorted(map(key, from_markdown)), name


def draw_table(page: canvas.Canvas, y: float, columns: list[float], header: list[str], lines: list[list[str]],
               pieces: tuple[tuple[int, float, str], ...] = ()) -> float:
    """An untagged table without rulings from `y` down (Helvetica 9): the header words centred over
    their columns, as LibreOffice and reportlab set a header, then the body's printed lines (a row's
    wrapped lines one after the other, an empty line between rows) and `pieces` of text drawn on a
    line at an x of their own (line index, x, text). Returns the y under it."""
    page.setFont("Helvetica", 9)
    for x, end, text in zip(columns, [*columns[1:], 560], header):
        page.drawCentredString((x + end) / 2, y, text)
    y -= 20
    for index, line in enumerate(lines):
        if not line:
            y -= 6
            continue
        for x, text in [*zip(columns, line), *((x, text) for at, x, text in pieces if at == index)]:
            if text:
                page.drawString(x + 2, y, text)
        y -= 11
    return y


def table_pdf(path: Path, columns: list[float], header: list[str], lines: list[list[str]],
              pieces: tuple[tuple[int, float, str], ...] = ()) -> None:
    """One page: a caption, the table (draw_table) and a sentence under it."""
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 9)
    page.drawString(columns[0], 780, "Tabel 3.5 Efisiensi penggunaan sumber daya")
    y = draw_table(page, 750, columns, header, lines, pieces)
    page.drawString(columns[0], y - 30, "Dari tabel di atas terlihat efisiensi penggunaan sumber daya.")
    page.save()


def test_a_column_with_one_cell_in_the_body_is_shown_by_the_header(tmp_path):
    """The only row with a No and a sasaran opens the table: the body alone shows the No column on
    one line and the Indikator column starting on one line; the header's `No | Sasaran | Indikator`
    over them shows them too (the No and the sasaran were read as one cell, the Indikator column
    joined the Sasaran one, and the continuation on the next page was not joined: LKJ401 on JUMLAH)."""
    path = tmp_path / "one-sasaran.pdf"
    header = ["No", "Sasaran", "Indikator", "Kegiatan", "Target", "Realisasi", "Capaian"]
    table_pdf(path, [60, 85, 180, 270, 390, 440, 500], header, [
        ["1", "Meningkatnya", "Nilai SAKIP", "-", "B", "Belum ada", "-"],
        ["", "akuntabilitas kinerja", "", "", "", "penilaian"],
        ["", "kecamatan"], [],
        ["", "", "", "Penyediaan makanan dan", "100", "60", "60"],
        ["", "", "", "minuman"], [],
        ["", "", "", "Penyediaan alat tulis", "100", "58", "58"],
        ["", "", "", "kantor"], [],
        ["", "", "", "Rapat koordinasi", "100", "100", "100"]])
    tables = [item.rows for item in read_pdf(str(path)).items if isinstance(item, RawTable)]
    assert tables == [[header,
                       ["1", "Meningkatnya akuntabilitas kinerja kecamatan", "Nilai SAKIP", "-", "B",
                        "Belum ada penilaian", "-"],
                       ["", "", "", "Penyediaan makanan dan minuman", "100", "60", "60"],
                       ["", "", "", "Penyediaan alat tulis kantor", "100", "58", "58"],
                       ["", "", "", "Rapat koordinasi", "100", "100", "100"]]]


def test_two_pieces_of_text_in_one_column_are_one_cell(tmp_path):
    """A cell printed with a wide gap inside, where the other rows' text crosses that gap, is one
    cell: both pieces are kept (the second replaced the first)."""
    path = tmp_path / "gap.pdf"
    header = ["No", "Kegiatan", "Target", "Realisasi", "Capaian"]
    table_pdf(path, [60, 100, 330, 400, 470], header, [
        ["1.1", "Rapat koordinasi dan konsultasi kecamatan", "12", "7", "58"], [],
        ["1.2", "Penyediaan jasa", "3", "3", "100"], [],
        ["1.3", "Pemeliharaan rutin berkala gedung kantor", "4", "4", "100"]], pieces=((2, 200, "(rutin)"),))
    tables = [item.rows for item in read_pdf(str(path)).items if isinstance(item, RawTable)]
    assert tables == [[header, ["1.1", "Rapat koordinasi dan konsultasi kecamatan", "12", "7", "58"],
                       ["1.2", "Penyediaan jasa (rutin)", "3", "3", "100"],
                       ["1.3", "Pemeliharaan rutin berkala gedung kantor", "4", "4", "100"]]]


def test_a_table_under_its_caption_at_the_page_foot_has_its_own_columns(tmp_path):
    """A table at the top of a page, whose caption ends the page before under a paragraph, is a table
    of its own, not the continuation of the table above that paragraph, though its columns would fit
    in that table's (its `Kode` and `Program` headers were read as one cell of the other's columns)."""
    path = tmp_path / "two-tables.pdf"
    first = ["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)"]
    first_rows = [["1", "Meningkatnya derajat", "Angka Kematian Bayi", "per 1.000", "9,3", "10,3", "89,25"],
                  ["", "kesehatan masyarakat"], [],
                  ["", "", "Prevalensi stunting", "%", "17,64", "16,57", "106,07"]]
    second = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Daya Serap (%)"]
    second_rows = [["1.02.01", "Program Penunjang Urusan", "771.387.500", "729.169.700", "94,53"], [],
                   ["1.02.01.2.01", "Perencanaan dan Evaluasi", "334.986.300", "315.659.600", "94,23"], [],
                   ["1.02.02", "Program Pemenuhan Upaya", "202.888.600", "202.888.600", "100,00"]]
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 9)
    page.drawString(60, 780, "Tabel 3.2 Capaian kinerja sasaran")
    y = draw_table(page, 750, [60, 90, 190, 300, 370, 420, 490], first, first_rows)
    page.drawString(60, y - 30, "Realisasi anggaran per program dan kegiatan adalah sebagai berikut:")
    page.drawString(60, 130, "Tabel 3.3 Realisasi Anggaran")
    page.showPage()
    draw_table(page, 780, [60, 155, 325, 400, 470], second, second_rows)
    page.save()
    tables = [item.rows for item in read_pdf(str(path)).items if isinstance(item, RawTable)]
    assert tables == [[first, ["1", "Meningkatnya derajat kesehatan masyarakat", "Angka Kematian Bayi", "per 1.000",
                               "9,3", "10,3", "89,25"],
                       ["", "", "Prevalensi stunting", "%", "17,64", "16,57", "106,07"]],
                      [second, *([text for text in line] for line in second_rows if line)]]


def test_a_wrapped_line_starting_a_hair_left_of_its_column_stays_in_the_table(tmp_path):
    """A cell's wrapped line alone on its line, whose first glyph's box reaches half a point left of
    the column's other text (LibreOffice's `j` of "jasa"), is the cell's text going on: it was taken
    for a line crossing the column start, left the table as free text and cut the table in two."""
    path = tmp_path / "overhang.pdf"
    header = ["No", "Kegiatan", "Target", "Realisasi", "Capaian"]
    table_pdf(path, [60, 100, 330, 400, 470], header, [
        ["1.1", "Rapat koordinasi dan konsultasi", "12", "7", "58"], [],
        ["1.2", "Penyediaan bahan dan", "3", "3", "100"], [""], [],
        ["1.3", "Pemeliharaan gedung kantor", "4", "4", "100"], [],
        ["1.4", "Penyediaan alat tulis kantor", "6", "5", "83"]], pieces=((3, 99.4, "jasa kebersihan kantor"),))
    tables = [item.rows for item in read_pdf(str(path)).items if isinstance(item, RawTable)]
    assert tables == [[header, ["1.1", "Rapat koordinasi dan konsultasi", "12", "7", "58"],
                       ["1.2", "Penyediaan bahan dan jasa kebersihan kantor", "3", "3", "100"],
                       ["1.3", "Pemeliharaan gedung kantor", "4", "4", "100"],
                       ["1.4", "Penyediaan alat tulis kantor", "6", "5", "83"]]]
