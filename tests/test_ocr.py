"""OCR'd figures: a finding resting on a doubtful reading is a warning that names the page; captions and
column-number rows misread by OCR are still recognised; a scanned report audited end to end."""
from __future__ import annotations

import random
import shutil
import subprocess
from dataclasses import replace

import pytest

from auditor.config import Config
from auditor.document import normalise
from auditor.engine import run_rules
from auditor.ingest.markdown import read_markdown
from auditor.model import DOUBTFUL_CONFIDENCE, OCR_CONFIDENCE, RawTable, Source
from auditor.structure import is_number_row, ocr_caption

CAPAIAN = """Tabel III.A.1 Capaian Kinerja Sasaran

| NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
|---|---|---|---|---|---|---|
| 1 | Meningkatnya X | Persentase Y | % | 80 | 80 | 90 |
"""


def as_scanned(capaian_confidence: float):
    """The table as OCR read it from page 3: every cell at OCR_CONFIDENCE, the capaian cell at its own."""
    raw = read_markdown("pindaian.md", CAPAIAN)
    items = []
    for item in raw.items:
        if isinstance(item, RawTable):
            confidences = [[OCR_CONFIDENCE] * len(row) for row in item.rows]
            confidences[-1][6] = capaian_confidence
            item = replace(item, sources=[Source(page=3, confidence=OCR_CONFIDENCE) for _ in item.rows],
                           confidences=confidences)
        items.append(item)
    return replace(raw, items=items)


def findings(raw):
    config = Config()
    return [(f.rule, f.severity, f.subject, f.values, f.message("id"), f.message("en"))
            for f in run_rules(normalise(raw, config), config).findings if f.rule != "LKJ902"]


def test_a_finding_on_a_doubtful_ocr_figure_is_a_warning_that_names_the_page():
    assert findings(as_scanned(DOUBTFUL_CONFIDENCE)) == [(
        "LKJ101", "warning", "Persentase Y", (90, 100),
        "Capaian “Persentase Y” tertulis 90%, padahal dengan target 80 dan realisasi 80, realisasi ÷ target = 100% "
        "(Tabel III.A.1, baris '1 Persentase Y', kolom 'CAPAIAN', hlm. 3). (periksa angka hasil OCR, hlm. 3)",
        "Capaian of “Persentase Y” is printed as 90%, but with target 80 and realisasi 80, realisasi ÷ target = 100% "
        "(Tabel III.A.1, row '1 Persentase Y', column 'CAPAIAN', p. 3). (check the figure read by OCR, p. 3)")]


def test_a_finding_on_figures_ocr_read_alike_twice_stays_an_error():
    [(rule, severity, subject, values, message, _)] = findings(as_scanned(OCR_CONFIDENCE))
    assert (rule, severity, subject, values) == ("LKJ101", "error", "Persentase Y", (90, 100))
    assert "OCR" not in message


@pytest.mark.parametrize("read, printed", [
    ("Tabel IILF.L Realisasi Kinerja", "Tabel III.F.1 Realisasi Kinerja"),
    ("Tabe] III.A.1 Capaian", "Tabel III.A.1 Capaian"),
    ("Tabel lI.C.l Perjanjian", "Tabel II.C.1 Perjanjian"),
    ("Tabel 3.1 Anggaran", "Tabel 3.1 Anggaran"),  # no Roman numeral: nothing to mend
    ("Tabungan desa", "Tabungan desa"),
])
def test_captions_misread_by_ocr_are_mended(read, printed):
    assert ocr_caption(read) == printed


def test_a_misread_caption_still_names_the_table():
    raw = as_scanned(OCR_CONFIDENCE)
    caption = replace(raw.items[0], text="Tabel IILA.L Capaian Kinerja Sasaran",
                      source=Source(page=3, confidence=OCR_CONFIDENCE))
    document = normalise(replace(raw, items=[caption, *raw.items[1:]]), Config())
    assert [(t.label, t.role) for t in document.tables] == [("Tabel III.A.1", "capaian_sasaran")]


def test_column_number_row_with_a_number_lost_to_ocr():
    assert is_number_row(["Ra", "2", "3", "4", "5", "6", "7"], ocr=True)
    assert not is_number_row(["Ra", "2", "3", "4", "5", "6", "7"])
    assert not is_number_row(["IV/d", "1", "1", "1", "0", "1", "4"], ocr=True)


# -- a scanned report end to end ---------------------------------------------------------------


def tesseract_ready() -> bool:
    if shutil.which("tesseract") is None:
        return False
    return "ind" in subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()


@pytest.mark.slow
@pytest.mark.skipif(not tesseract_ready(), reason="needs tesseract with tesseract-ocr-ind")
@pytest.mark.parametrize("injection", [None, "capaian"])
def test_scanned_report_end_to_end(tmp_path, injection):
    """A small generated report printed, scanned at 250 dpi (turned, noised, JPEG) and audited with --ocr:
    clean it gives no error; with a capaian broken, that capaian is the one error."""
    from injections import INJECTIONS
    from scan_render import scan_report, small_report

    from auditor.audit import audit_file

    seed = 100
    report = small_report(seed)
    expected = INJECTIONS[injection](report, random.Random(seed)) if injection else None
    scan_report(report, tmp_path / "pindaian.pdf", seed=seed)
    audited = audit_file(str(tmp_path / "pindaian.pdf"), Config(), ocr=True)
    errors = [(f.rule, f.subject) for f in audited.findings if f.severity == "error"]
    assert errors == ([(expected.rule, expected.subject)] if expected else [])
    assert [f.rule for f in audited.findings if f.severity == "info"] == ["LKJ902"]
