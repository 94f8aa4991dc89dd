"""OCR'd figures: a finding resting on a doubtful reading is a warning that names the page; captions and
column-number rows misread by OCR are still recognised; a scanned report audited end to end."""
from __future__ import annotations

import random
import shutil
import subprocess
from dataclasses import replace

import numpy
import pytest

from auditor.config import Config
from auditor.document import normalise
from auditor.engine import run_rules
from auditor.ingest.pdf import numbering, scan
from auditor.ingest.pdf.numbering import arabic_column, glyphs, row_number
from auditor.ingest.markdown import read_markdown
from auditor.model import DOUBTFUL_CONFIDENCE, OCR_CONFIDENCE, RawTable, Source, TextBlock
from auditor.captions import in_sequence, ocr_caption
from auditor.headers import is_number_row

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


def with_crops(raw, first_capaian_readings: tuple[str, ...]):
    """The scanned table with a box for every cell and the figure cells' pixels kept with their readings, as
    scan.py keeps them: target and realisasi read alike three times, the capaian as given."""
    items, crops = [], {}
    for item in raw.items:
        if isinstance(item, RawTable):
            boxes = [[(60.0 * c, 700.0 - 20 * r, 60.0 * c + 55, 715.0 - 20 * r) for c in range(len(row))]
                     for r, row in enumerate(item.rows)]
            item = replace(item, boxes=boxes)
            row = item.rows[-1]
            # the "ink height" tells the fake re-read below which cell it reads: the column's position
            crops = {(3, boxes[-1][c]): (numpy.full((20, 40), 255, numpy.uint8), c,
                                         first_capaian_readings if c == 6 else (row[c],) * 3) for c in (4, 5, 6)}
        items.append(item)
    return replace(raw, items=items, ocr_crops=crops)


@pytest.mark.parametrize("first, again, severity", [
    # printed so: read alike at first and again, the error stands
    (("90", "90"), {"80": ["80", "80"], "90": ["90", "90"]}, "error"),
    (("90", "90"), {"80": ["80", "80"], "90": ["90", "98"]}, "warning"),  # the capaian read otherwise once
    (("90", "90"), {"80": ["30", "80"], "90": ["90", "90"]}, "warning"),  # a target or realisasi so
    (("90", "98", "90"), {"80": ["80", "80"], "90": ["90", "90"]}, "warning"),  # 90 a majority at first only
])
def test_an_implausible_ocr_figure_is_read_again_and_never_corrected(monkeypatch, first, again, severity):
    """LKJ101 finds capaian 90 against realisasi ÷ target = 100 on figures OCR read with confidence: the three
    figures are read again; the finding stays an error only if every reading gives the cell's text, and
    the printed figures are never replaced by a reading."""
    asked = []

    def reread(crops, workdir):
        asked.append(len(crops))
        return [again[{4: "80", 5: "80", 6: "90"}[column]] for _, column in crops]

    monkeypatch.setattr(scan, "reread_figures", reread)
    config = Config()
    document = normalise(with_crops(as_scanned(OCR_CONFIDENCE), first), config)
    found = [(f.rule, f.severity, f.subject, f.values) for f in run_rules(document, config).findings
             if f.rule != "LKJ902"]
    assert found == [("LKJ101", severity, "Persentase Y", (90, 100))]
    assert asked == [3]
    assert document.tables[0].rows[-1][4:] == ["80", "80", "90"]


SENTENCE_LINE = (3, (72.0, 400.0, 520.0, 412.0))


def scanned_sentence(first_readings: tuple[str, ...]):
    """The table read right (capaian 100) and, on a scanned line of page 3, a sentence stating capaian 90%: its
    three figure words kept with the line as scan.py keeps them, the capaian read as given at first."""
    text = CAPAIAN.replace("| 90 |", "| 100 |") + (
        "\nDengan indikator Persentase Y, dan target 80%, terealisasi 80%, atau tercapai 90%.\n")
    raw = read_markdown("pindaian.md", text)
    items = [replace(item, source=Source(page=3, confidence=OCR_CONFIDENCE), boxes=(SENTENCE_LINE,))
             if isinstance(item, TextBlock) and "tercapai" in item.text else item for item in raw.items]
    blank = numpy.full((20, 40), 255, numpy.uint8)
    # the "ink height" tells the fake re-read below which word it reads
    words = {SENTENCE_LINE: ((blank, 0, ("80%",) * 3, "80%"), (blank, 1, ("80%",) * 3, "80%"),
                             (blank, 2, first_readings, "90%"))}
    return replace(raw, items=items, ocr_words=words)


@pytest.mark.parametrize("first, again, severity", [
    (("90%", "90%"), ["90%", "90%"], "error"),  # read alike at first and again: the error stands
    (("90%", "90%"), ["90%", "98%"], "warning"),  # read otherwise once
    (("90%", "96%", "90%"), ["90%", "90%"], "warning"),  # a majority at first only
])
def test_an_implausible_figure_in_an_ocr_sentence_is_read_again_from_its_line(monkeypatch, first, again, severity):
    """LKJ301 finds the sentence's capaian 90% against the table's 100: the figures of the sentence's line,
    found by the line the fact carries, are read again; a reading otherwise makes the sentence doubtful,
    and the sentence's figure is never replaced."""
    asked = []

    def reread(crops, workdir):
        asked.append([height for _, height in crops])
        return [again if height == 2 else ["80%", "80%"] for _, height in crops]

    monkeypatch.setattr(scan, "reread_figures", reread)
    config = Config()
    document = normalise(scanned_sentence(first), config)
    findings = run_rules(document, config).findings
    found = [(f.rule, f.severity, f.subject, f.values) for f in findings if f.rule != "LKJ902"]
    assert found == [("LKJ301", severity, "Persentase Y", (90, 100))]
    assert asked == [[0, 1, 2]]
    sentence = findings[0].locations[0]
    assert sentence.text_boxes == (SENTENCE_LINE,) and "tercapai 90%" in sentence.text
    assert findings[0].message("id").endswith("(periksa angka hasil OCR, hlm. 3)") == (severity == "warning")


def test_a_figure_read_otherwise_elsewhere_in_the_sentence_leaves_the_finding_an_error(monkeypatch):
    """The sentence's target re-read as 30%: the target is doubtful, the capaian LKJ301 rests on is not."""
    monkeypatch.setattr(scan, "reread_figures", lambda crops, workdir: [
        ["30%", "80%"] if height == 0 else ["80%", "80%"] if height == 1 else ["90%", "90%"] for _, height in crops])
    config = Config()
    document = normalise(scanned_sentence(("90%", "90%")), config)
    found = [(f.rule, f.severity, f.subject, f.values) for f in run_rules(document, config).findings
             if f.rule != "LKJ902"]
    assert found == [("LKJ301", "error", "Persentase Y", (90, 100))]
    [block] = [block for block in document.text if "tercapai" in block.text]
    assert block.doubtful == ("80%",)


@pytest.mark.parametrize("doubtful, severity", [
    (("90%",), "warning"),  # the capaian LKJ301 rests on read doubtfully
    (("80%",), "error"),  # the target and realisasi so: the capaian stands
    ((), "error"),
])
def test_a_sentence_figure_is_doubtful_only_when_its_own_word_was_read_doubtfully(doubtful, severity):
    raw = scanned_sentence(("90%", "90%"))
    items = [replace(item, doubtful=doubtful) if isinstance(item, TextBlock) and "tercapai" in item.text else item
             for item in raw.items]
    config = Config()
    document = normalise(replace(raw, items=items, ocr_words={}), config)
    confidences = {f.attribute: f.confidence for f in document.fact_rows if f.table_index is None}
    assert confidences == {"target": DOUBTFUL_CONFIDENCE if "80%" in doubtful else OCR_CONFIDENCE,
                           "realisasi": DOUBTFUL_CONFIDENCE if "80%" in doubtful else OCR_CONFIDENCE,
                           "capaian": DOUBTFUL_CONFIDENCE if "90%" in doubtful else OCR_CONFIDENCE}
    assert [(f.rule, f.severity) for f in run_rules(document, config).findings if f.rule != "LKJ902"] == [
        ("LKJ301", severity)]


def test_a_doubtful_word_marks_its_figure_in_the_line_and_the_block():
    from auditor.ingest.pdf.blocks import block_item
    from auditor.ingest.pdf.layout import Block, Word, group_lines

    words = [Word(text, 10.0 * i, 0, 10.0 * i + 8, 10, 10, False, True, doubtful=text == "90%.")
             for i, text in enumerate(["target", "80%,", "tercapai", "90%."])]
    [line] = group_lines(words)
    assert line.doubtful == ("90%",)
    line.page, line.pdf_box = 3, (0.0, 0.0, 40.0, 10.0)
    item = block_item(Block(3, 0.0, [line]), 10, OCR_CONFIDENCE)
    assert (item.text, item.doubtful, item.source.confidence) == ("target 80%, tercapai 90%.", ("90%",),
                                                                   OCR_CONFIDENCE)


def test_figures_read_without_ocr_are_not_read_again(monkeypatch):
    monkeypatch.setattr(scan, "reread_figures", lambda crops, workdir: pytest.fail("a re-read"))
    config = Config()
    document = normalise(read_markdown("laporan.md", CAPAIAN), config)
    assert [(f.rule, f.severity) for f in run_rules(document, config).findings] == [("LKJ101", "error")]


@pytest.mark.parametrize("read, printed", [
    ("Tabel IILF.L Realisasi Kinerja", "Tabel III.F.1 Realisasi Kinerja"),
    ("Tabe] III.A.1 Capaian", "Tabel III.A.1 Capaian"),
    ("Tabel lI.C.l Perjanjian", "Tabel II.C.1 Perjanjian"),
    ("Tabel 3.1 Anggaran", "Tabel 3.1 Anggaran"),  # no Roman numeral: nothing to mend
    ("Tabungan desa", "Tabungan desa"),
])
def test_captions_misread_by_ocr_are_mended(read, printed):
    assert ocr_caption(read) == printed


@pytest.mark.parametrize("read, previous, printed", [
    ("Tabel 37", "Tabel 3.6", "Tabel 3.7"),
    ("Tabel 41", "Tabel 3.6", "Tabel 4.1"),  # the next chapter's first table
    ("Tabel 38", "Tabel 3.6", "Tabel 38"),  # not the table that follows: kept as read
    ("Tabel 7", "Tabel 6", "Tabel 7"),  # numbered 1, 2, …: nothing lost
    ("Tabel 3.7", "Tabel 3.6", "Tabel 3.7"),
    ("Tabel II.G.1", "Tabel III.F.1", "Tabel III.G.1"),  # a Roman I lost
    ("Tabel III.F2", "Tabel III.F.1", "Tabel III.F.2"),
    ("Tabel II.A.1", "Tabel I.C.2", "Tabel II.A.1"),  # the next chapter, read right
    ("Tabel II.F.1", "Tabel III.F.1", "Tabel II.F.1"),  # no table that follows: kept as read
])
def test_a_label_that_lost_a_dot_or_an_i_to_ocr_is_the_one_that_follows(read, previous, printed):
    assert in_sequence(read, previous) == printed


@pytest.mark.parametrize("confidence, second", [(OCR_CONFIDENCE, "Tabel 3.7"), (1.0, "Tabel 37")])
def test_a_caption_read_by_ocr_takes_its_lost_dot_from_the_table_before(confidence, second):
    raw = read_markdown("laporan.md", CAPAIAN.replace("III.A.1", "3.6") + "\n" + CAPAIAN.replace("III.A.1", "37"))
    items = [replace(item, source=Source(page=3, confidence=confidence)) if isinstance(item, TextBlock) else item
             for item in raw.items]
    document = normalise(replace(raw, items=items), Config())
    assert [t.label for t in document.tables] == ["Tabel 3.6", second]


@pytest.mark.parametrize("read", ["Tabel IILA.L Capaian Kinerja Sasaran", "Tabel IIL.A.1 Capaian Kinerja Sasaran"])
def test_a_misread_caption_still_names_the_table(read):
    """Also when the misread label still reads as one: an L is a Roman numeral."""
    raw = as_scanned(OCR_CONFIDENCE)
    caption = replace(raw.items[0], text=read, source=Source(page=3, confidence=OCR_CONFIDENCE))
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


@pytest.mark.slow
@pytest.mark.skipif(not tesseract_ready(), reason="needs tesseract with tesseract-ocr-ind")
def test_a_confident_misread_is_read_again_from_the_scan_and_becomes_a_warning(tmp_path):
    """A capaian OCR read with confidence, then changed as a misread would change it (other digits): LKJ101
    finds it against realisasi ÷ target, the cell is read again from the scan's pixels, which give the
    printed figure, so the finding is a warning naming the page; no finding on it (LKJ105 compares the same
    capaian in another table) is an error."""
    from scan_render import scan_report, small_report

    from auditor.document import read_raw

    scan_report(small_report(100), tmp_path / "pindaian.pdf", seed=100)
    raw = read_raw(str(tmp_path / "pindaian.pdf"), ocr=True)
    config = Config()
    [fact, *_] = [f for f in normalise(raw, config).fact_rows if f.attribute == "capaian" and f.kind == "indikator"
                  and f.confidence == OCR_CONFIDENCE and f.number and (f.page, f.box) in raw.ocr_crops]
    misread = fact.text.replace(fact.text.rstrip("% ")[-1], "7" if fact.text.rstrip("% ")[-1] != "7" else "1")
    for item in raw.items:
        for r, row in enumerate(item.rows if isinstance(item, RawTable) else []):
            for c, _ in enumerate(row):
                if item.boxes[r][c] == fact.box:
                    row[c] = misread
    found = [(f.rule, f.severity, f.subject, f.message("id").endswith(f"(periksa angka hasil OCR, hlm. {fact.page})"))
             for f in run_rules(normalise(raw, config), config).findings if f.severity != "info"]
    assert ("LKJ101", "warning", fact.entity, True) in found
    assert [finding for finding in found if finding[1] == "error"] == []


@pytest.mark.parametrize("firsts, arabic", [
    (["NO", "I", "2", "3"], True),  # a serif 1 read as a bar among 2 and 3
    (["NO", "1", "I", "I", "II"], False),  # Roman: II
    (["NO", "1", "I", "2"], False),  # a 1 read as a digit: this font's bar is an I
    (["NO", "I", "I", "I"], False),  # nothing says Arabic
    (["NO", "I", "IV", "2"], False),
])
def test_a_column_counting_1_2_3_is_told_from_one_counting_i_ii_iii(firsts, arabic):
    assert arabic_column(firsts) is arabic


@pytest.mark.parametrize("glyph_text, arabic, number", [
    ("I", True, "1"), ("I", False, "I"), ("I0", True, "10"), ("I0", False, None),
    ("II.I", False, "II.1"), ("I.I.2", False, "I.1.2"), ("I.2", True, "1.2"),
])
def test_row_number_glyphs_in_their_column(glyph_text, arabic, number):
    assert row_number(glyph_text, arabic) == number


def serif_glyph(stems: list[int], flag_only: bool = False, bar: bool = False) -> numpy.ndarray:
    """A 24-px-high glyph (ink True) with upright 3-px stems at `stems`, serifs along the top and the foot
    (along the top a 1's flag, left of its stem only), or a cross bar between the stems (an H)."""
    ink = numpy.zeros((24, max(stems) + 7), bool)
    for x in stems:
        ink[:, x:x + 3] = True
        ink[:2, x - 3:x] = True
        if not flag_only:
            ink[:2, x + 3:x + 6] = True
        ink[-2:, x - 3:x + 6] = True
    if bar:
        ink[11:13, min(stems):max(stems)] = True
    return ink


@pytest.mark.parametrize("ink, kinds", [
    (serif_glyph([3]), ["I"]),  # a serif I
    (serif_glyph([3, 10]), ["I", "I"]),  # II, their serifs touching
    (serif_glyph([3], flag_only=True), None),  # a 1: its flag on the left only; no I, nothing to read apart
    (serif_glyph([3, 10], bar=True), None),  # an H
])
def test_roman_is_of_a_serif_font_are_told_by_their_stems(ink, kinds):
    found = glyphs(numpy.where(numpy.pad(ink, 3), 0, 255).astype(numpy.uint8), 24)
    assert (found and [kind for kind, _ in found]) == kinds


def grey_serifs(ink: numpy.ndarray, grey: numpy.ndarray) -> numpy.ndarray:
    """The glyph scanned: its stems black, the strokes in `grey` (serifs, a flag) at 160, lighter than INK."""
    pixels = numpy.where(ink, 0, 250).astype(numpy.uint8)
    pixels[grey & ink] = 160
    return numpy.pad(pixels, 3, constant_values=250)


def test_a_serif_i_whose_serif_scanned_grey_is_an_i_and_a_1_whose_flag_did_is_no_bar():
    i = serif_glyph([3])
    right_serif = numpy.zeros_like(i)
    right_serif[:2, 6:] = True  # the top serif right of the stem
    assert [kind for kind, _ in glyphs(grey_serifs(i, right_serif), 24)] == ["I"]
    one = serif_glyph([3], flag_only=True)
    flag_and_foot = numpy.ones_like(one)
    flag_and_foot[2:, 3:6] = False  # all but the stem below the top
    assert glyphs(grey_serifs(one, flag_and_foot), 24) is None  # a 1, to be read by Tesseract


def test_a_dot_that_scanned_mostly_grey_still_parts_the_row_numbers_glyphs():
    pixels = numpy.full((30, 60), 250, numpy.uint8)
    pixels[3:27, 5:8] = 0  # I
    pixels[23:27, 14:18] = 160  # the dot: 4 px black, the rest grey
    pixels[24:26, 15:17] = 0
    pixels[3:27, 25:28] = 0  # I
    assert [kind for kind, _ in glyphs(pixels, 24)] == ["I", ".", "I"]


@pytest.mark.parametrize("readings, character", [
    (["", "2", "5", ""], "2"), (["3", "", "", ""], "3"), (["5", "2", "", ""], "5"), (["", "", "", ""], ""),
])
def test_a_row_number_glyph_takes_what_most_of_its_readings_give(readings, character):
    assert numbering._vote(readings) == character


@pytest.mark.parametrize("read, character", [("3", "3"), ("33", "3"), ("30", ""), ("330", ""), ("", "")])
def test_a_glyph_reading_counts_as_one_character_or_the_same_twice(read, character):
    assert numbering._once(read) == character


def test_a_sans_1_whose_flag_reaches_far_left_is_no_serif_i():
    """DejaVu Sans's 1 at 7.5 pt: a flag five pixels left of the stem, the stem's grey edge one pixel right."""
    ink = numpy.zeros((24, 12), bool)
    ink[:, 6:9] = True  # the stem
    ink[:4, 1:6] = True  # the flag
    ink[:2, 9] = True  # the grey edge of the stem's top
    ink[-2:, 1:12] = True  # the foot
    assert glyphs(numpy.where(numpy.pad(ink, 3), 0, 255).astype(numpy.uint8), 24) is None
