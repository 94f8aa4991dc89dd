"""PDF ingestion: parity with the markdown ingester on the Raas sample, layout cases, bad input, limits."""
from __future__ import annotations

import io
import random
import re
import shutil
import struct
import subprocess
import time
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from auditor.audit import audit_file
from auditor.config import Config
from auditor.errors import InputError
from auditor.guard import WorkerError, run_limited
from auditor.ingest.markdown import read_markdown
from auditor.ingest.pdf import read_pdf
from auditor.model import RawTable, TextBlock
from auditor.structure import build_layout, split_glued

pytestmark = pytest.mark.slow  # reads, renders or OCRs PDFs
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_PDF = SAMPLES / "lkjip-raas-2020.pdf"
SAMPLE_MD = SAMPLES / "lkjip-raas-2020.md"


@pytest.fixture(scope="module")
def pdf_doc():
    return read_pdf(str(SAMPLE_PDF))


@pytest.fixture(scope="module")
def md_doc():
    return read_markdown(str(SAMPLE_MD), SAMPLE_MD.read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    # A line wrap right after "/" cannot tell whether a space followed it in the source.
    return re.sub(r"/ ", "/", re.sub(r"\s+", " ", text)).strip()


def stitched_tables(items) -> list[list[list[str]]]:
    """Consecutive fragments whose first row repeats are one table; repeated header rows dropped; tables
    printed as one grid taken apart as the structure stage does."""
    tables: list[list[list[str]]] = []
    current = None
    for item in (part for whole in items for part in split_glued(whole)):
        if not isinstance(item, RawTable):
            current = None
            continue
        rows = [[normalise(cell) for cell in row] for row in item.rows]
        if current is not None and rows[0] == current[0]:
            repeated = 0
            while repeated < min(len(rows), len(current)) and rows[repeated] == current[repeated]:
                repeated += 1
            current.extend(rows[repeated:])
        else:
            current = rows
            tables.append(current)
    return tables


def error_of(path, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        read_pdf(str(path), **kwargs)
    return caught.value


# -- parity with the markdown ingester -------------------------------------------------------


def test_tables_match_markdown_cell_for_cell(pdf_doc, md_doc):
    pdf_tables, md_tables = stitched_tables(pdf_doc.items), stitched_tables(md_doc.items)
    assert len(pdf_tables) == len(md_tables) == 18
    for pdf_table, md_table in zip(pdf_tables, md_tables):
        assert pdf_table == md_table


def test_one_fragment_per_table_per_page(pdf_doc):
    fragments = [item for item in pdf_doc.items if isinstance(item, RawTable)]
    pages = [fragment.sources[0].page for fragment in fragments]
    assert len(fragments) == 40
    # Tabel III.G.1 runs over pages 43-47, one fragment on each, header repeated by the renderer.
    budget = [f for f in fragments if f.rows[0][:2] == ["NO", "PROGRAM/ KEGIATAN"] and len(f.rows[0]) == 5]
    assert [f.sources[0].page for f in budget] == [43, 44, 45, 46, 47]
    assert pages == sorted(pages)


def test_merged_header_cells_match_markdown_layout(pdf_doc):
    tables = [item for item in pdf_doc.items if isinstance(item, RawTable)]
    staff = next(t for t in tables if t.rows[0][0] == "GOLONGAN")
    assert staff.rows[:3] == [["GOLONGAN", "PENDIDIKAN", "", "", "", "", "JUMLAH"],
                              ["", "S2", "S1", "SM/D3", "SLTA", "SLTP", ""],
                              ["1", "2", "3", "4", "5", "6", "7"]]
    efficiency = next(t for t in tables if "TINGKAT EFISIENSI" in t.rows[0])
    assert efficiency.rows[0] == ["No", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "KEGIATAN", "KINERJA", "", "",
                                  "ANGGARAN", "", "", "TINGKAT EFISIENSI"]
    assert efficiency.rows[1][4:10] == ["TARGET", "REALISASI", "CAPAIAN", "ALOKASI (Rp)", "REALISASI (Rp)",
                                        "PENYERAPAN ANGGARAN"]
    assert efficiency.rows[2][-1] == "11=7-10"


@pytest.mark.slow
def test_stitched_rows_keep_the_boxes_of_their_cells(pdf_doc):
    """Every body cell of a table stitched from five pages keeps the box it was printed in, in the page's user
    space: a printed cell has one and PDFium reads its text inside it; a cell covered or left blank has none."""
    efficiency = next(t for t in build_layout(pdf_doc).tables if t.label == "Tabel III.E.1")
    assert efficiency.fragments == 5 and len(efficiency.boxes) == len(efficiency.rows)
    document = pdfium.PdfDocument(str(SAMPLE_PDF))
    for row, boxes, source in zip(efficiency.rows, efficiency.boxes, efficiency.sources):
        assert [bool(text) for text in row] == [box is not None for box in boxes]
        textpage = document[source.page - 1].get_textpage()
        for text, box in zip(row[4:], boxes[4:]):  # figures, printed on one line
            if box:
                assert "".join(textpage.get_text_bounded(*box).split()) == "".join(text.split())


def test_pages_present_and_increasing(pdf_doc):
    pages = [item.source.page if isinstance(item, TextBlock) else item.sources[0].page for item in pdf_doc.items]
    assert pdf_doc.kind == "pdf" and pdf_doc.pages == 49
    assert all(isinstance(page, int) and 1 <= page <= 49 for page in pages)
    assert pages == sorted(pages)
    assert set(pages) == set(range(1, 50))
    for item in pdf_doc.items:
        sources = [item.source] if isinstance(item, TextBlock) else item.sources
        assert all(source.line is None and source.confidence == 1.0 for source in sources)


def test_text_outside_tables_matches_markdown_word_for_word(pdf_doc, md_doc):
    pdf_text = [normalise(item.text) for item in pdf_doc.items if isinstance(item, TextBlock)]
    md_text = [normalise(item.text) for item in md_doc.items if isinstance(item, TextBlock)]
    assert " ".join(pdf_text).split() == " ".join(md_text).split()
    # Block boundaries differ only where the PDF cannot show them (lines the renderer set as
    # separate paragraphs, e.g. on the cover page).
    assert sum(text in set(pdf_text) for text in md_text) / len(md_text) > 0.75


def test_list_item_lines_end_in_one_block(pdf_doc):
    texts = [item.text for item in pdf_doc.items if isinstance(item, TextBlock)]
    assert ("- Menyediakan makanan dan minuman rapat-rapat serta minuman harian pegawai, "
            "Terealisasi 07 kali rapat Atas target 12 kali rapat.") in texts
    # Cut by the page break between pages 41 and 42.
    assert ("- Administrasi Penunjang Bantuan Dana ADD dan TPAPD Terealisasi 4 kali pelaksanaan "
            "Atas target 4 kali pelaksanaan") in texts


def test_page_numbers_dropped_and_table_text_not_repeated(pdf_doc):
    blocks = [item for item in pdf_doc.items if isinstance(item, TextBlock)]
    assert not [b for b in blocks if b.text == str(b.source.page)]
    assert not [b for b in blocks if "7.111.000" in b.text or "Penyediaan jasa surat menyurat 7.111.000" in b.text]
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert "BAB III AKUNTABILITAS KINERJA" in headings and "KATA PENGANTAR" in headings


# -- layout cases drawn with reportlab -------------------------------------------------------


def draw_table(page: canvas.Canvas, xs: list[float], top: float, rows: list[list[str]], *,
               row_height: float = 20, open_bottom: bool = False) -> float:
    """Ruled table; with open_bottom the last row has no closing rule and the verticals run on."""
    for index, row in enumerate(rows):
        for col, text in enumerate(row):
            page.drawString(xs[col] + 3, top - index * row_height - 14, text)
    rules = len(rows) if open_bottom else len(rows) + 1
    for index in range(rules):
        page.line(xs[0], top - index * row_height, xs[-1], top - index * row_height)
    bottom = top - len(rows) * row_height
    for x in xs:
        page.line(x, top, x, bottom)
    return bottom


HEADER = [["No", "Kegiatan", "Target", "Realisasi"], ["1", "2", "3", "4"]]
XS = [60, 90, 330, 430, 530]


def broken_row_pdf(path: Path, *, closed: bool) -> None:
    width, height = A4
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 10)
    page.drawString(60, height - 60, "Tabel III.F.1 Realisasi Kinerja Tahun 2020")
    body = HEADER + [["1", "Rapat koordinasi", "12 kali", "7 kali"], ["2", "Penyediaan jasa", "100%", ""]]
    draw_table(page, XS, 120, body, open_bottom=not closed)
    page.showPage()
    page.setFont("Helvetica", 10)
    rows = HEADER + [["", "surat menyurat", "", "95%"], ["3", "Pembinaan administrasi desa", "4 kali", "4 kali"]]
    draw_table(page, XS, height - 60, rows)
    page.drawString(60, height - 60 - 20 * len(rows) - 30, "Dari tabel di atas terlihat capaian kegiatan.")
    page.save()


def test_row_cut_by_page_break_is_rejoined(tmp_path):
    path = tmp_path / "broken.pdf"
    broken_row_pdf(path, closed=False)
    first, second = [item for item in read_pdf(str(path)).items if isinstance(item, RawTable)]
    assert first.rows[-1] == ["2", "Penyediaan jasa surat menyurat", "100%", "95%"]
    assert second.rows == HEADER + [["3", "Pembinaan administrasi desa", "4 kali", "4 kali"]]
    assert [s.page for s in first.sources] == [1] * 4 and [s.page for s in second.sources] == [2] * 3


def test_real_first_row_is_never_merged(tmp_path):
    path = tmp_path / "closed.pdf"
    broken_row_pdf(path, closed=True)
    first, second = [item for item in read_pdf(str(path)).items if isinstance(item, RawTable)]
    assert first.rows[-1] == ["2", "Penyediaan jasa", "100%", ""]
    assert second.rows[2] == ["", "surat menyurat", "", "95%"]


def test_rulings_that_stop_short_of_each_other_still_make_a_grid(tmp_path):
    path = tmp_path / "gapped.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 10)
    rows = HEADER + [["1", "Rapat koordinasi", "12 kali", "7 kali"]]
    top, height = 700, 20
    for index, row in enumerate(rows):
        for col, text in enumerate(row):
            page.drawString(XS[col] + 6, top - index * height - 14, text)
    for x in XS:
        page.line(x, top, x, top - len(rows) * height)
    # Each cell's rules stop 4.5 pt short of the verticals, beyond pdfplumber's default tolerance.
    for index in range(len(rows) + 1):
        for left, right in zip(XS, XS[1:]):
            page.line(left + 4.5, top - index * height, right - 4.5, top - index * height)
    page.save()
    assert [item.rows for item in read_pdf(str(path)).items if isinstance(item, RawTable)] == [rows]


def test_rotated_pages_read_upright(tmp_path):
    width, height = landscape(A4)
    rows = HEADER + [["I", "Program Peningkatan Manajemen", "310.928.700", "296.313.700"]]
    captions = {90: "Tabel III.G.1 Realisasi Anggaran", 180: "Tabel III.E.1 Efisiensi", 270: "Tabel III.A.1 Capaian"}
    originals = []
    for rotation in (90, 180, 270):
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=(width, height))
        page.setFont("Helvetica", 10)
        page.drawString(60, height - 50, captions[rotation])
        bottom = draw_table(page, XS, height - 70, rows)
        page.drawString(60, bottom - 30, f"Penyerapan anggaran {rotation} persen.")
        page.save()
        originals.append(PdfReader(buffer).pages[0])
    writer = PdfWriter()
    # Content drawn turned so that /Rotate shows it upright, as scanners and Word's landscape export do.
    for rotation, original in zip((90, 180, 270), originals):
        portrait = rotation in (90, 270)
        blank = PageObject.create_blank_page(width=height if portrait else width, height=width if portrait else height)
        turn = {90: Transformation().rotate(90).translate(height, 0),
                180: Transformation().rotate(180).translate(width, height),
                270: Transformation().rotate(-90).translate(0, width)}[rotation]
        blank.merge_transformed_page(original, turn)
        blank.rotation = rotation
        writer.add_page(blank)
    path = tmp_path / "rotated.pdf"
    writer.write(str(path))
    items = read_pdf(str(path)).items
    for page, rotation in enumerate((90, 180, 270), start=1):
        on_page = [i for i in items if (i.source.page if isinstance(i, TextBlock) else i.sources[0].page) == page]
        assert [i.text for i in on_page if isinstance(i, TextBlock)] == [
            captions[rotation], f"Penyerapan anggaran {rotation} persen."]
        assert [i.rows for i in on_page if isinstance(i, RawTable)] == [rows]


def test_running_header_and_page_numbers_dropped(tmp_path):
    path = tmp_path / "header.pdf"
    width, height = A4
    page = canvas.Canvas(str(path), pagesize=A4)
    body = ["BAB I PENDAHULUAN", "Latar belakang penyusunan laporan kinerja.", "BAB II PERENCANAAN KINERJA",
            "Sasaran strategis dan indikator kinerja utama."]
    for number, text in enumerate(body, start=1):
        page.setFont("Helvetica", 9)
        page.drawString(60, height - 30, "LKjIP Kecamatan Raas Tahun 2020")
        page.drawString(width / 2, 30, f"Halaman {number} dari 4")
        page.setFont("Helvetica", 11)
        page.drawString(60, height - 90, text)
        page.showPage()
    page.save()
    assert [item.text for item in read_pdf(str(path)).items] == body


@pytest.mark.parametrize("item_lines", [
    ["• Forum Pimpinan Kecamatan, Terealisasi 6 kali rapat Atas target 4 kali rapat"],
    ["• Forum Pimpinan Kecamatan, Terealisasi 6 kali rapat Atas target 4 kali", "rapat"],  # wrapped
])
def test_paragraph_after_a_closed_aksi_item_is_its_own(tmp_path, item_lines):
    """An aksi item closed by its target ("… Atas target 4 kali rapat") is not continued by the paragraph
    after it (which held the next sasaran's figures)."""
    path = tmp_path / "list.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 10)
    top = A4[1] - 80
    wrapped = "Keberhasilan sasaran tersebut ditunjang dengan keberhasilan program dan kegiatan berikut"
    for n in range(4):  # a wrapped paragraph sets the usual gap between the lines of one block
        page.drawString(62.7, top + 12 * (4 - n), wrapped)
    for n, line in enumerate(item_lines):
        page.drawString(68.7 if n == 0 else 80.7, top - 12 * n, line)
    top -= 12 * (len(item_lines) - 1)
    page.drawString(62.7, top - 20, "Meningkatnya rencana pembangunan berbasis masyarakat,")
    page.drawString(62.7, top - 50, "Capaian sebesar 79% dengan indikator Persentase usulan desa, terealisasi 65%.")
    page.save()
    assert [(item.kind, item.text) for item in read_pdf(str(path)).items][1:] == [
        ("list_item", "- Forum Pimpinan Kecamatan, Terealisasi 6 kali rapat Atas target 4 kali rapat"),
        ("paragraph", "Meningkatnya rencana pembangunan berbasis masyarakat,"),
        ("paragraph", "Capaian sebesar 79% dengan indikator Persentase usulan desa, terealisasi 65%."),
    ]


WRAPPED = "Keberhasilan sasaran tersebut ditunjang dengan keberhasilan program dan kegiatan berikut ini"


def lines_pdf(path: Path, pages: list[list[tuple[float, str]]], wrapped: tuple[int, ...] = (0,)) -> None:
    """Pages of single lines (x, text), each a paragraph gap below the one before (pitch 22 at 10 pt,
    as a word processor with one paragraph per line sets them); on the `wrapped` pages under a
    paragraph of four lines (pitch 12), which sets the usual gap between the lines of one block."""
    page = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages):
        page.setFont("Helvetica", 10)
        top = A4[1] - 120
        for n in range(4 if number in wrapped else 0):
            page.drawString(62.7, top - 12 * n, WRAPPED)
        for n, (x, text) in enumerate(lines):
            page.drawString(x, top - (58 if number in wrapped else 0) - 22 * n, text)
        page.showPage()
    page.save()


def test_item_that_stated_its_figures_is_closed_whatever_its_wording(tmp_path):
    """An aksi item that already states its figures, in words other than the Sumenep "Atas target",
    is not continued by the one-line paragraph under it, on its page or over a page break."""
    path = tmp_path / "closed.pdf"
    item = "• Rapat koordinasi kecamatan, tercapai 6 kali rapat dari rencana 4 kali rapat"
    lines_pdf(path, [[(68.7, item), (62.7, "Meningkatnya rencana pembangunan berbasis masyarakat,"),
                      (62.7, "Capaian sebesar 79% dengan indikator Persentase usulan desa."), (68.7, item)],
                     [(62.7, "Terciptanya keamanan dan ketertiban masyarakat,")]])
    texts = [(item.kind, item.text) for item in read_pdf(str(path)).items if "Keberhasilan" not in item.text]
    assert texts == [
        ("list_item", "- Rapat koordinasi kecamatan, tercapai 6 kali rapat dari rencana 4 kali rapat"),
        ("paragraph", "Meningkatnya rencana pembangunan berbasis masyarakat,"),
        ("paragraph", "Capaian sebesar 79% dengan indikator Persentase usulan desa."),
        ("list_item", "- Rapat koordinasi kecamatan, tercapai 6 kali rapat dari rencana 4 kali rapat"),
        ("paragraph", "Terciptanya keamanan dan ketertiban masyarakat,"),
    ]


def test_bare_lines_under_an_item_carry_its_figures(tmp_path):
    """With one paragraph per line, the lines at the margin under an item that names an aksi (a year
    in its name is no figure) carry its figures and are the item's, on its page and over a break."""
    path = tmp_path / "lazy.pdf"
    lines_pdf(path, [[(80, "• Pelaksanaan Musrenbangcam Tahun 2020"), (62.7, "Terealisasi 1 kali pertemuan"),
                      (62.7, "Atas target 1 kali pertemuan"), (80, "• Sosialisasi Pembinaan Wira Usaha Muda"),
                      (62.7, "Terealisasi 2 kali sosialisasi")],
                     [(62.7, "Atas target 2 kali sosialisasi"), (80, "• Pembinaan Administrasi Desa,"),
                      (62.7, "Terlaksana 3 kali pembinaan dari 3 kali")]])
    texts = [(item.kind, item.text) for item in read_pdf(str(path)).items if "Keberhasilan" not in item.text]
    assert texts == [
        ("list_item", "- Pelaksanaan Musrenbangcam Tahun 2020 Terealisasi 1 kali pertemuan Atas target 1 kali pertemuan"),
        ("list_item", "- Sosialisasi Pembinaan Wira Usaha Muda Terealisasi 2 kali sosialisasi Atas target 2 kali sosialisasi"),
        ("list_item", "- Pembinaan Administrasi Desa, Terlaksana 3 kali pembinaan dari 3 kali"),
    ]


@pytest.mark.parametrize("x, kegiatan", [
    (80, "Pembinaan Administrasi Desa"),
    # its line as long as the page's lines, so that it looks cut by the break; its bullet indented or at the margin
    (80, "Pemberdayaan dan pembinaan masyarakat desa (Forum Komunikasi Ulama dan Umaro)"),
    (62.7, "Pemberdayaan dan pembinaan masyarakat desa (Forum Komunikasi Ulama dan Umaro Kecamatan)")])
def test_paragraph_of_several_lines_after_a_page_break_is_its_own(tmp_path, x, kegiatan):
    """A paragraph of several lines on top of the next page is not the rest of the item that ended
    the page before, even an item without figures, even one whose line is full: the paragraph starts
    at the item's bullet or left of it, not under its text (its capaian was read as the kegiatan's: LKJ301)."""
    path = tmp_path / "next.pdf"
    lines_pdf(path, [[(x, f"• {kegiatan}")], []], wrapped=(0, 1))
    assert [(item.kind, item.text) for item in read_pdf(str(path)).items] == [
        ("paragraph", " ".join([WRAPPED] * 4)), ("list_item", f"- {kegiatan}"),
        ("paragraph", " ".join([WRAPPED] * 4))]


# -- bad input -------------------------------------------------------------------------------


def test_text_file_named_pdf(tmp_path):
    path = tmp_path / "laporan.pdf"
    path.write_text("Ini laporan, bukan PDF.\n", encoding="utf-8")
    error = error_of(path)
    assert "bukan PDF" in error.message("id") and "not a PDF" in error.message("en")
    assert error.message("en").startswith(str(path))


def test_empty_file(tmp_path):
    path = tmp_path / "kosong.pdf"
    path.write_bytes(b"")
    error = error_of(path)
    assert "kosong" in error.message("id") and "empty" in error.message("en")


def test_truncated_file(tmp_path):
    path = tmp_path / "terpotong.pdf"
    data = SAMPLE_PDF.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    error = error_of(path)
    assert "terpotong" in error.message("id") and "truncated" in error.message("en")


@pytest.fixture(scope="module")
def encrypted_pdf(tmp_path_factory) -> Path:
    reader = PdfReader(str(SAMPLE_PDF))
    writer = PdfWriter()
    for page in reader.pages[:5]:
        writer.add_page(page)
    writer.encrypt(user_password="rahasia", owner_password="pemilik", algorithm="AES-128")
    path = tmp_path_factory.mktemp("encrypted") / "terkunci.pdf"
    writer.write(str(path))
    return path


def test_encrypted_without_password(encrypted_pdf):
    error = error_of(encrypted_pdf)
    assert "--password" in error.message("id") and "password-protected" in error.message("en")


def test_encrypted_with_wrong_password(encrypted_pdf):
    error = error_of(encrypted_pdf, password="salah")
    assert "salah" in error.message("id") and "wrong PDF password" in error.message("en")


def test_encrypted_with_password(encrypted_pdf):
    document = read_pdf(str(encrypted_pdf), password="rahasia")
    assert any(isinstance(i, RawTable) and i.rows[0][0] == "GOLONGAN" for i in document.items)


def scan_image(page_number: int = 47, dpi: int = 100):
    document = pdfium.PdfDocument(str(SAMPLE_PDF))
    image = document[page_number - 1].render(scale=dpi / 72, grayscale=True).to_pil()
    document.close()
    return image


def image_page(path: Path, image, *, dpi: int = 100) -> None:
    width, height = image.size[0] * 72 / dpi, image.size[1] * 72 / dpi
    page = canvas.Canvas(str(path), pagesize=(width, height))
    page.drawImage(ImageReader(image), 0, 0, width, height)
    page.save()


def test_image_only_pdf_asks_for_ocr(tmp_path):
    path = tmp_path / "pindaian.pdf"
    image_page(path, scan_image())
    error = error_of(path)
    assert "--ocr" in error.message("id") and "no text layer" in error.message("en")


def sample_pages_then(tmp_path, image, **image_options):
    """The sample's first two pages, then a scanned page of the image: a mixed document."""
    scan = tmp_path / "scan.pdf"
    image_page(scan, image, **image_options)
    writer = PdfWriter()
    for page in PdfReader(str(SAMPLE_PDF)).pages[:2]:
        writer.add_page(page)
    writer.add_page(PdfReader(str(scan)).pages[0])
    path = tmp_path / "campuran.pdf"
    writer.write(str(path))
    return path


def test_a_few_scanned_pages_are_reported(tmp_path):
    path = sample_pages_then(tmp_path, scan_image())
    document = read_pdf(str(path))
    assert document.scanned_pages == [3]
    assert any(isinstance(i, RawTable) for i in document.items)


def test_check_warns_about_the_scanned_page_and_audits_the_rest(tmp_path):
    scan = tmp_path / "scan.pdf"
    image_page(scan, scan_image())
    writer = PdfWriter()
    for page in PdfReader(str(SAMPLE_PDF)).pages:
        writer.add_page(page)
    writer.add_page(PdfReader(str(scan)).pages[0])
    path = tmp_path / "dengan-pk-pindaian.pdf"
    writer.write(str(path))
    report = audit_file(str(path), Config())
    scanned = [f for f in report.findings if f.rule == "LKJ901"]
    assert report.status == "ok" and len(scanned) == 1 and scanned[0].severity == "warning"
    assert scanned[0].values == (50,) and "50" in scanned[0].message("id") and "--ocr" in scanned[0].message("en")
    assert {f.rule for f in report.findings if f.severity == "error"} >= {"LKJ201", "LKJ202"}


def bomb_pdf(path: Path, gigabytes: int = 1) -> None:
    """A one-page PDF whose content stream is ~1 MB of Flate data inflating to `gigabytes` of zeros."""
    chunk = bytes(16 << 20)
    deflate = zlib.compressobj(9)
    first = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the compressor forgets its history, so every later chunk compresses to the
    # same bytes and can be repeated instead of compressed again.
    repeat = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    count = (gigabytes << 30) // len(chunk)
    adler = ((count * len(chunk)) % 65521) << 16 | 1  # Adler-32 of that many zero bytes
    stream = first + repeat * (count - 1) + deflate.flush()[:-4] + struct.pack(">I", adler)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def test_decompression_bomb_is_refused(tmp_path):
    path = tmp_path / "bom.pdf"
    bomb_pdf(path)
    assert path.stat().st_size < 2 << 20
    started = time.perf_counter()
    error = error_of(path)
    assert "bom dekompresi" in error.message("id") and "decompression bomb" in error.message("en")
    assert time.perf_counter() - started < 5


def test_too_many_pages(tmp_path):
    error = error_of(SAMPLE_PDF, max_pages=40)
    assert "49 halaman" in error.message("id") and "split the report" in error.message("en")


# -- OCR -------------------------------------------------------------------------------------


def tesseract_has(language: str) -> bool:
    if shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    return language in listed


@pytest.mark.skipif(not tesseract_has("ind"), reason="needs tesseract-ocr-ind")
def test_ocr_reads_scanned_table_with_lower_confidence(tmp_path):
    path = tmp_path / "pindaian.pdf"
    image_page(path, scan_image(47, dpi=200), dpi=200)
    document = read_pdf(str(path), ocr=True)
    assert document.scanned_pages == []
    table = next(item for item in document.items if isinstance(item, RawTable))
    assert table.rows[-1] == ["", "JUMLAH", "455.365.200", "437.030.200", "95,97%"]
    assert all(source.confidence < 1 for source in table.sources)


@pytest.mark.skipif(not tesseract_has("ind"), reason="needs tesseract-ocr-ind")
def test_ocr_of_a_mixed_document_reads_only_the_scanned_page(tmp_path):
    """Text pages stay as their text layer gives them; the scanned page (a budget table) is OCR'd."""
    path = sample_pages_then(tmp_path, scan_image(47, dpi=200), dpi=200)
    plain, document = read_pdf(str(path)), read_pdf(str(path), ocr=True)
    assert document.scanned_pages == [] and plain.scanned_pages == [3]
    text_pages = [i for i in document.items if (i.source if isinstance(i, TextBlock) else i.sources[0]).page < 3]
    assert text_pages == plain.items
    [table] = [i for i in document.items if isinstance(i, RawTable) and i.sources[0].page == 3]
    assert table.rows[-1] == ["", "JUMLAH", "455.365.200", "437.030.200", "95,97%"]


# -- generated reports printed to PDF -------------------------------------------------------

# (template, seed, injected inconsistency or None): clean and broken reports of both templates.
GENERATED = [("sumenep", 0, None), ("alt", 1, "efficiency_capaian"), ("sumenep", 3, "jumlah_total")]
RENDERERS = ["reportlab", "libreoffice"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict:
    """Markdown and PDF (per renderer) of each generated report, plus the reasons a renderer is missing."""
    import generator
    from injections import INJECTIONS
    import pdf_render

    folder = tmp_path_factory.mktemp("generated")
    cases: dict = {"missing": {}}
    documents = []
    for template, seed, injection in GENERATED:
        report = generator.generate(seed, template=template)
        if injection:
            INJECTIONS[injection](report, random.Random(seed))
        name = f"{template}-{seed}"
        cases[name] = {"markdown": generator.to_markdown(report)}
        if pdf_render.reportlab_available():
            pdf_render.to_pdf_reportlab(report, folder / f"{name}.pdf")
            cases[name]["reportlab"] = folder / f"{name}.pdf"
        documents.append(folder / f"{name}.docx")
        pdf_render.to_docx(report, documents[-1])
    if not pdf_render.reportlab_available():
        cases["missing"]["reportlab"] = "needs DejaVu Sans (fonts-dejavu-core) for the tick mark"
    if pdf_render.libreoffice() is None:
        cases["missing"]["libreoffice"] = "needs LibreOffice (libreoffice-writer-nogui)"
    else:
        for path in pdf_render.docx_to_pdf(documents, folder / "lo"):
            cases[path.stem]["libreoffice"] = path
    return cases


def audited(raw) -> list[tuple[str, str, str]]:
    from auditor.config import Config
    from auditor.document import normalise as build
    from auditor.engine import run_rules

    config = Config()
    document = build(raw, config)
    result = run_rules(document, config)
    return sorted((f.rule, f.subject.lower(), f.severity) for f in result.findings)


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", [f"{template}-{seed}" for template, seed, _ in GENERATED])
def test_generated_report_reads_like_its_markdown(generated, renderer, name):
    """Tables cell for cell, text word for word and the audit's findings, whatever the page breaks
    (repeated headers, rows cut by a page break, header rows left at a page foot)."""
    if renderer in generated["missing"]:
        pytest.skip(generated["missing"][renderer])
    markdown = read_markdown(f"{name}.md", generated[name]["markdown"])
    document = read_pdf(str(generated[name][renderer]))
    assert stitched_tables(document.items) == stitched_tables(markdown.items)
    words = [normalise(i.text) for i in document.items if isinstance(i, TextBlock)]
    assert " ".join(words).split() == " ".join(normalise(i.text) for i in markdown.items
                                               if isinstance(i, TextBlock)).split()
    assert audited(document) == audited(markdown)


def test_word_export_glues_the_pk_tables_and_both_are_read(generated):
    """Sumenep types the PK budget table right under the PK target table: LibreOffice prints one grid
    (one fragment), which comes apart into the target table and the budget table with its pagu facts,
    and no row-numbering warning follows."""
    if "libreoffice" in generated["missing"]:
        pytest.skip(generated["missing"]["libreoffice"])
    import generator

    report = generator.generate(0, template="sumenep")
    raw = read_pdf(str(generated["sumenep-0"]["libreoffice"]))
    fragments = [i for i in raw.items if isinstance(i, RawTable)]
    glued = next(f for f in fragments if any("Sebelum Perubahan Anggaran" in c for r in f.rows for c in r))
    assert any("INDIKATOR KINERJA" in c for r in glued.rows for c in r)  # one grid holds both tables
    from auditor.document import normalise as build

    document = build(raw, Config())
    pk_target = next(t for t in document.tables if t.role == "pk_target")
    assert [c.meaning for c in pk_target.columns] == ["no", "sasaran", "indikator", "target"]
    pagu = document.facts[document.facts.attribute == "pagu"]
    programs = report.truth["programs"]
    assert sorted(zip(pagu.entity, pagu.number)) == sorted(
        [(p["name"], p["alokasi"]) for p in programs] + [("JUMLAH", sum(p["alokasi"] for p in programs))])
    assert not [f for f in audited(raw) if f[0] == "LKJ502"]


# -- limits ----------------------------------------------------------------------------------


def test_run_limited_returns_the_document():
    document = run_limited(read_pdf, str(SAMPLE_PDF), timeout_s=60, memory_mb=1024)
    assert len([i for i in document.items if isinstance(i, RawTable)]) == 40


def test_run_limited_passes_input_errors_through(tmp_path):
    path = tmp_path / "kosong.pdf"
    path.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        run_limited(read_pdf, str(path), timeout_s=30, memory_mb=512)
    assert "kosong" in caught.value.message("id")


def hold_memory(path: str) -> int:
    return len([bytearray(64 << 20) for _ in range(64)])


def sleep_long(path: str) -> None:
    time.sleep(30)


def fail_badly(path: str) -> None:
    raise ValueError("rusak di dalam")


def test_run_limited_memory_limit():
    with pytest.raises(InputError) as caught:
        run_limited(hold_memory, "besar.pdf", timeout_s=30, memory_mb=256)
    assert "--max-memory" in caught.value.message("id") and "256 MB" in caught.value.message("en")
    assert caught.value.path == "besar.pdf"


def test_run_limited_time_limit():
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        run_limited(sleep_long, "lambat.pdf", timeout_s=1, memory_mb=256)
    assert time.perf_counter() - started < 5
    assert "--timeout" in caught.value.message("id") and "time limit of 1 s" in caught.value.message("en")


def test_run_limited_other_errors_keep_their_traceback():
    with pytest.raises(WorkerError, match="rusak di dalam"):
        run_limited(fail_badly, "x.pdf", timeout_s=30, memory_mb=256)


@pytest.mark.slow
def test_a_bullet_drawn_as_a_dot_starts_a_list_item(tmp_path):
    """Browsers draw list bullets as filled shapes, not as a "•" in the text: the line beside such a dot is a
    list item as its markdown is; a dot between two words (a decimal point drawn large, a separator) is not."""
    path = tmp_path / "dots.pdf"
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.setFont("Helvetica", 10)
    sheet.drawString(72, 760, "Kegiatan berikut dilaksanakan pada tahun ini sesuai dengan rencana kerja kecamatan.")
    sheet.circle(84, 743.5, 1.5, stroke=0, fill=1)
    sheet.drawString(93, 740, "Patroli Ketentraman dan Ketertiban Umum, Terealisasi 7 kali patroli")
    sheet.circle(84, 725.5, 1.5, stroke=0, fill=1)
    sheet.drawString(93, 722, "Rapat koordinasi, Terealisasi 12 kali rapat")
    sheet.drawString(72, 690, "Jumlah kegiatan")
    sheet.circle(152, 693.5, 1.5, stroke=0, fill=1)
    sheet.drawString(160, 690, "dua kegiatan yang berjalan baik selama tahun anggaran.")
    sheet.save()
    blocks = [item for item in read_pdf(str(path)).items if isinstance(item, TextBlock)]
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Kegiatan berikut dilaksanakan pada tahun ini sesuai dengan rencana kerja kecamatan."),
        ("list_item", "- Patroli Ketentraman dan Ketertiban Umum, Terealisasi 7 kali patroli"),
        ("list_item", "- Rapat koordinasi, Terealisasi 12 kali rapat"),
        ("paragraph", "Jumlah kegiatan dua kegiatan yang berjalan baik selama tahun anggaran."),
    ]
