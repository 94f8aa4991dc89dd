"""Word input: cells and merged cells as printed, captions, the same findings as the markdown, one-line errors."""
from __future__ import annotations

import random
import zipfile

import pytest

import generator
import pdf_render
from injections import INJECTIONS
from auditor.config import Config
from auditor.document import normalise, read_raw
from auditor.engine import run_rules
from auditor.errors import InputError
from auditor.ingest.docx import read_docx
from auditor.ingest.markdown import read_markdown
from auditor.model import RawTable, TextBlock
from test_pdf_ingest import stitched_tables

docx = pytest.importorskip("docx")

# (template, seed, injected inconsistency or None)
CASES = [("sumenep", 0, None), ("alt", 1, None), ("kota", 2, None), ("sumenep", 2, "capaian"),
         ("alt", 3, "program_total"), ("kota", 3, "penyerapan"), ("sumenep", 4, "jumlah_total"),
         ("alt", 5, "efisiensi"), ("kota", 4, "capaian"), ("sumenep", 5, "same_fact")]


def findings(raw) -> list[tuple]:
    """Rule, subject and values of each finding: what must not depend on the file type."""
    config = Config()
    document = normalise(raw, config)
    result = run_rules(document, config)
    return sorted((f.rule, f.subject.lower(), f.severity, tuple(str(v) for v in f.values)) for f in result.findings)


def written(tmp_path, template: str, seed: int, injection: str | None):
    report = generator.generate(seed, template=template)
    if injection:
        INJECTIONS[injection](report, random.Random(seed))
    path = tmp_path / f"{template}-{seed}.docx"
    pdf_render.to_docx(report, path)
    return report, path


@pytest.mark.parametrize("template, seed, injection", CASES)
def test_docx_reads_like_its_markdown(tmp_path, template, seed, injection):
    report, path = written(tmp_path, template, seed, injection)
    markdown = read_markdown("x.md", generator.to_markdown(report))
    document = read_docx(str(path))
    assert document.kind == "docx"
    assert stitched_tables(document.items) == stitched_tables(markdown.items)
    assert findings(document) == findings(markdown)
    if injection is None:
        assert not [f for f in findings(document) if f[2] == "error"]


def test_merged_cells_leave_covered_cells_empty(tmp_path):
    from docx import Document

    document = Document()
    grid = document.add_table(rows=4, cols=4)
    texts = [["NO", "INDIKATOR", "KINERJA", ""], ["", "", "TARGET", "REALISASI"],
             ["1", "Persentase A", "80", "75"], ["", "Persentase B", "90", "90"]]
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    grid.cell(0, 2).merge(grid.cell(0, 3)).text = "KINERJA"  # gridSpan
    grid.cell(0, 0).merge(grid.cell(1, 0)).text = "NO"  # vMerge
    grid.cell(2, 0).merge(grid.cell(3, 0)).text = "1"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    [table] = [i for i in read_docx(str(path)).items if isinstance(i, RawTable)]
    assert table.rows == [["NO", "INDIKATOR", "KINERJA", ""], ["", "", "TARGET", "REALISASI"],
                          ["1", "Persentase A", "80", "75"], ["", "Persentase B", "90", "90"]]


def test_caption_under_the_table_is_its_title(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("Capaian kinerja sasaran adalah sebagai berikut:")
    grid = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["Indikator", "Target", "Realisasi"]):
        grid.cell(0, c).text = text
    for c, text in enumerate(["Persentase A", "80", "75"]):
        grid.cell(1, c).text = text
    document.add_paragraph("Tabel 3.1 Capaian Kinerja Sasaran", style="Caption")
    document.add_paragraph("Tabel 3.2 Realisasi Anggaran")  # the title of the next table, above it
    grid = document.add_table(rows=1, cols=2)
    path = tmp_path / "caption.docx"
    document.save(str(path))
    items = read_docx(str(path)).items
    kinds = [("table" if isinstance(i, RawTable) else i.text) for i in items]
    assert kinds == ["Capaian kinerja sasaran adalah sebagai berikut:", "Tabel 3.1 Capaian Kinerja Sasaran", "table",
                     "Tabel 3.2 Realisasi Anggaran"]  # the empty second table has no rows
    assert all(i.kind == "paragraph" for i in items if isinstance(i, TextBlock))


def test_headings_and_list_items_keep_their_kind(tmp_path):
    from docx import Document

    document = Document()
    document.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    document.add_paragraph("Penyediaan jasa surat menyurat", style="List Bullet")
    document.add_paragraph("Tabel\tberikut")
    path = tmp_path / "kinds.docx"
    document.save(str(path))
    assert [(i.kind, i.text) for i in read_docx(str(path)).items] == [
        ("heading", "BAB III AKUNTABILITAS KINERJA"), ("list_item", "Penyediaan jasa surat menyurat"),
        ("paragraph", "Tabel berikut")]


def _encrypted(path) -> None:
    """What Word writes for a password-protected .docx: an OLE compound file holding an EncryptedPackage stream."""
    body = bytearray(4096)
    body[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    name = "EncryptedPackage".encode("utf-16-le")
    body[1024:1024 + len(name)] = name
    path.write_bytes(bytes(body))


@pytest.mark.parametrize("make, expected", [
    (lambda p: p.write_bytes(b""), "berkas kosong"),
    (lambda p: p.write_bytes(b"this is not a zip archive at all"), "bukan dokumen Word (.docx) yang utuh"),
    (lambda p: p.write_bytes(b"PK\x03\x04 truncated"), "bukan dokumen Word (.docx) yang utuh"),
    (_encrypted, "dilindungi kata sandi"),
    (lambda p: zipfile.ZipFile(p, "w").writestr("content.xml", "<x/>"), "bukan dokumen Word (.docx)"),
    (lambda p: _damaged(p), "rusak"),
])
def test_bad_docx_is_one_line_error(tmp_path, make, expected):
    path = tmp_path / "laporan.docx"
    make(path)
    with pytest.raises(InputError) as raised:
        read_raw(str(path))
    message = raised.value.message("id")
    assert expected in message and "\n" not in message
    assert raised.value.message("en") != message


def _damaged(path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<not-closed")


def test_cli_bad_docx_exits_two(tmp_path):
    from click.testing import CliRunner

    from auditor.cli import main

    path = tmp_path / "laporan.docx"
    _encrypted(path)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "dokumen Word ini dilindungi kata sandi" in result.output


@pytest.mark.slow
def test_docx_findings_match_its_libreoffice_pdf(tmp_path):
    """The same report as .docx and as the PDF LibreOffice prints from it: the same findings."""
    if pdf_render.libreoffice() is None:
        pytest.skip("needs LibreOffice (libreoffice-writer-nogui)")
    from auditor.ingest.pdf import read_pdf

    paths = [written(tmp_path, template, seed, injection)[1]
             for template, seed, injection in (("sumenep", 2, "capaian"), ("kota", 3, "program_total"))]
    for docx_path, pdf_path in zip(paths, pdf_render.docx_to_pdf(paths, tmp_path / "lo")):
        assert findings(read_docx(str(docx_path))) == findings(read_pdf(str(pdf_path)))


def test_batch_finds_docx_but_not_word_lock_files(tmp_path):
    from auditor.batch import discover

    for name in ("laporan.docx", "~$laporan.docx", "catatan.txt", "lkjip.md"):
        (tmp_path / name).write_bytes(b"")
    assert sorted(p.rsplit("/", 1)[-1] for p in discover([str(tmp_path)])) == ["laporan.docx", "lkjip.md"]
