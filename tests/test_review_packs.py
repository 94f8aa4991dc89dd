"""Review packs (issue 12.1): the Catatan Hasil Reviu read back with python-docx, the per-report folders of a batch."""
from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from auditor.audit import DocumentReport, audit_file
from auditor.cli import main
from auditor.config import Config
from auditor.errors import InputError
from auditor.review import catatan
from auditor.review.packs import FOLDER, pack_name

SAMPLE = "samples/lkjip-raas-2020.md"
SAMPLE_PDF = "samples/lkjip-raas-2020.pdf"


@pytest.fixture(scope="module")
def sample() -> DocumentReport:
    return audit_file(SAMPLE, Config())


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_catatan_header_numbered_findings_by_chapter_and_table(sample):
    data = catatan.render(sample, "id", reviewer="Siti Aminah", date=dt.date(2026, 12, 2))
    document = Document(io.BytesIO(data))
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert header["Instansi"] == "Kecamatan Raas" and header["Tahun"] == "2020"
    assert header["Reviewer"] == "Siti Aminah" and header["Tanggal reviu"] == "2 Desember 2026"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "A. Temuan" and "BAB III" in headings and "Narasi (kalimat)" in headings
    assert headings.index("BAB III") < headings.index("Tabel III.A.1") < headings.index("Narasi (kalimat)")
    rows = [row for table in document.tables[1:] for row in table.rows if row.cells[0].text != "No"]
    assert [int(r.cells[0].text) for r in rows] == list(range(1, len(sample.findings) + 1))
    assert document.tables[1].rows[0].cells[6].text == "Tanggapan / Tindak lanjut"
    musrenbang = next(r for r in rows if "LKJ201" in r.cells[2].text and "Musrembangcam" in r.cells[2].text)
    assert musrenbang.cells[3].text == "67; 72" and musrenbang.cells[4].text == "67"
    assert "Tabel III.F.1" in musrenbang.cells[1].text and "seharusnya 67" in musrenbang.cells[5].text
    assert all(r.cells[6].text == "" for r in rows)  # left for the unit to answer
    texts = _texts(document)
    coverage = texts[texts.index("B. Cakupan pemeriksaan") + 1]
    assert coverage.startswith("748 angka terbaca dari 18 tabel")
    unchecked = texts[texts.index("C. Yang tidak dapat diperiksa") + 1:]
    assert any("tidak ada angka pembanding di tabel" in t for t in unchecked)
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape for the wide table


def test_catatan_in_english_and_for_an_unusable_file(sample):
    english = Document(io.BytesIO(catatan.render(sample, "en")))
    assert "A. Findings" in _texts(english) and "C. What could not be checked" in _texts(english)
    failed = DocumentReport("rusak.pdf", "error", {}, [], None, InputError("rusak.pdf", "PDF rusak.", "broken PDF."))
    document = Document(io.BytesIO(catatan.render(failed, "id")))
    assert any("tidak dapat diperiksa: rusak.pdf: PDF rusak." in t for t in _texts(document))


def test_chapter_from_table_numbers():
    assert catatan.chapter_of("Tabel III.A.1") == "III" and catatan.chapter_of("Tabel 2.3") == "II"
    assert catatan.chapter_of(None) is None and catatan.chapter_of("Perjanjian Kinerja") is None


def test_pack_names_are_portable_and_unique():
    taken: set[str] = set()
    assert pack_name("a/Kec. Raas 2020.pdf", taken) == "Kec._Raas_2020"
    assert pack_name("b/kec. raas 2020.md", taken) == "kec._raas_2020-2"
    assert pack_name("=1+1 \udcff.pdf", taken) == "1_1"


@pytest.mark.slow
def test_batch_packs_folder_per_report_with_links(tmp_path):
    source = tmp_path / "masuk"
    source.mkdir()
    shutil.copy(SAMPLE_PDF, source / "raas.pdf")
    shutil.copy(SAMPLE, source / "raas-teks.md")
    (source / "rusak.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    out = tmp_path / "keluar"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--packs", "--reviewer", "Budi",
                                       "--jobs", "1"])
    assert result.exit_code == 2, result.output  # one file could not be audited
    packs = out / FOLDER
    assert sorted(p.name for p in packs.iterdir()) == ["raas", "raas-teks", "rusak"]
    assert sorted(p.name for p in (packs / "raas").iterdir()) == [
        "raas-anotasi.pdf", "raas-catatan-hasil-reviu.docx", "raas-temuan.xlsx"]
    assert not (packs / "raas-teks" / "raas-teks-anotasi.pdf").exists()  # markdown has no PDF to annotate
    assert (packs / "rusak" / "rusak-catatan-hasil-reviu.docx").exists()
    # the findings came back from results.jsonl with their boxes: every one highlighted, none a page-corner note
    annotations = [a.get_object() for page in PdfReader(packs / "raas" / "raas-anotasi.pdf").pages
                   for a in page.get("/Annots") or []]
    highlighted = {str(a["/Contents"]).split(" ")[0] for a in annotations if a["/Subtype"] == "/Highlight"}
    assert highlighted == {f.rule for f in audit_file(SAMPLE_PDF, Config()).findings}
    assert not [a for a in annotations if a["/Subtype"] == "/Text" and "\n[" in str(a["/Contents"])]
    header = Document(str(packs / "raas" / "raas-catatan-hasil-reviu.docx")).tables[0]
    assert {r.cells[0].text: r.cells[1].text for r in header.rows}["Reviewer"] == "Budi"
    own = load_workbook(packs / "raas" / "raas-temuan.xlsx")["Temuan"]
    column = [c.value for c in own[1]].index("PDF beranotasi") + 1
    assert own.cell(2, column).hyperlink.target.startswith("raas-anotasi.pdf#page=")
    summary = load_workbook(out / "summary.xlsx")["Temuan"]
    links = [cell.hyperlink.target for row in summary.iter_rows(min_row=2) for cell in row if cell.hyperlink]
    assert links and {Path(link.split("#")[0]) for link in links} == {Path(FOLDER, "raas", "raas-anotasi.pdf")}


@pytest.mark.slow
def test_batch_password_opens_encrypted_pdfs(tmp_path):
    from pypdf import PdfReader, PdfWriter

    source = tmp_path / "masuk"
    source.mkdir()
    writer = PdfWriter(clone_from=PdfReader(SAMPLE_PDF))
    writer.encrypt("RAHASIA")
    with open(source / "terkunci.pdf", "wb") as handle:
        writer.write(handle)
    locked = CliRunner().invoke(main, ["batch", str(source), "-o", str(tmp_path / "a"), "--jobs", "1"])
    assert "terkunci.pdf" in locked.output and "✗" in locked.output
    opened = CliRunner().invoke(main, ["batch", str(source), "-o", str(tmp_path / "b"), "--jobs", "1",
                                       "--password", "RAHASIA", "--select", "LKJ2"])
    assert "✗" not in opened.output, opened.output
    summary = load_workbook(tmp_path / "b" / "summary.xlsx")["Ringkasan"]
    assert summary["G2"].value == 4 and summary["M2"].value == "diperiksa" and summary["A2"].value == 1
