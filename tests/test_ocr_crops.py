"""The image of an OCR'd cell beside the finding that rests on it: the HTML report shows the cell cut from the scanned
page (from the page and box the cell carries from ingest), the annotated PDF's note on the cell says what OCR read
there and how sure it is; a finding on figures from a text layer gets neither, and a source file gone since the
audit leaves one line instead of the pictures."""
from __future__ import annotations

import base64
import io
import json
import re
import subprocess
from dataclasses import replace

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader

from auditor.annotate import _PAD, annotate
from auditor.audit import DocumentReport, excerpts
from auditor.config import Config
from auditor.crops import CROP_DPI, MARGIN, UNREADABLE, crops_guarded, ocr_note, ocr_places
from auditor.document import normalise
from auditor.engine import run_rules
from auditor.formats import FORMATS, Options
from auditor.history import fingerprint
from auditor.ingest.markdown import read_markdown
from auditor.ingest.pdf.page import Frame, Turned
from auditor.ingest.pdf.scan import straighten
from auditor.model import DOUBTFUL_CONFIDENCE, OCR_CONFIDENCE, RawTable, Source, TextBlock
from test_ocr import tesseract_ready

CAPAIAN = """Tabel III.A.1 Capaian Kinerja Sasaran

| NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
|---|---|---|---|---|---|---|
| 1 | Meningkatnya X | Persentase Y | % | 80 | 80 | 90 |
| 2 | Meningkatnya Z | Persentase W | % | 50 | 40 | 100 |

Indikator Persentase W, Capaian sebesar 90%, atas target 50.
"""
DPI = 200
XS = (40, 70, 170, 300, 340, 420, 490, 560)  # column rulings, points from the left
YS = (100, 130, 160, 190)  # row rulings, points from the top: header, row 1, row 2
SHADES = {4: 192, 5: 160, 6: 128}  # row 1's target, realisasi and capaian cells are filled with these greys
PAGE_HEIGHT = 2339 * 72 / DPI  # A4 at DPI, as Pillow sizes the PDF page
LINES = ((40, 220, 400, 234), (40, 236, 250, 250))  # the sentence's two printed lines, points from the top-left
LINE_SHADE = 96


def user_box(row: int, column: int) -> tuple[float, float, float, float]:
    """The cell in PDF user space (y upwards), as ingest records it."""
    return XS[column], PAGE_HEIGHT - YS[row + 1], XS[column + 1], PAGE_HEIGHT - YS[row]


def scanned_page(path) -> None:
    """An image-only PDF of one A4 page: the table's grid ruled, row 1's figure cells shaded, every figure printed,
    and the sentence's two lines below the table shaded."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    scale = DPI / 72
    for x in XS:
        draw.line([(x * scale, YS[0] * scale), (x * scale, YS[-1] * scale)], fill=0, width=2)
    for y in YS:
        draw.line([(XS[0] * scale, y * scale), (XS[-1] * scale, y * scale)], fill=0, width=2)
    for column, shade in SHADES.items():
        draw.rectangle([XS[column] * scale + 3, YS[1] * scale + 3, XS[column + 1] * scale - 3, YS[2] * scale - 3],
                       fill=shade)
    for x0, top, x1, bottom in LINES:
        draw.rectangle([x0 * scale, top * scale, x1 * scale, bottom * scale], fill=LINE_SHADE)
    font = ImageFont.load_default(size=24)
    for row, figures in enumerate((("80", "80", "90"), ("50", "40", "100")), start=1):
        for column, figure in enumerate(figures, start=4):
            draw.text((XS[column] * scale + 10, YS[row] * scale + 10), figure, fill=0, font=font)
    image.save(path, "PDF", resolution=DPI)


def audited(pdf_path) -> DocumentReport:
    """The table as ingest hands it over from that page: row 1 read by OCR (its capaian doubtful), row 2 from a
    text layer; the sentence below it read by OCR; audited as audit_file does."""
    raw = read_markdown("pindaian.md", CAPAIAN)
    items = []
    for item in raw.items:
        if isinstance(item, RawTable):
            item = replace(item, sources=[Source(page=1, confidence=c) for c in (1.0, OCR_CONFIDENCE, 1.0)],
                           boxes=[[user_box(r, c) for c in range(7)] for r in range(3)],
                           confidences=[[1.0] * 7, [OCR_CONFIDENCE] * 6 + [DOUBTFUL_CONFIDENCE], [1.0] * 7])
        elif isinstance(item, TextBlock) and item.text.startswith("Indikator"):
            item = replace(item, source=Source(page=1, confidence=OCR_CONFIDENCE),
                           boxes=tuple((1, (x0, PAGE_HEIGHT - bottom, x1, PAGE_HEIGHT - top))
                                       for x0, top, x1, bottom in LINES))
        items.append(item)
    document = normalise(replace(raw, path=str(pdf_path), kind="pdf", items=items, pages=1), Config())
    findings = run_rules(document, Config()).findings
    return DocumentReport(str(pdf_path), "ok", document.meta, findings, None, excerpts=excerpts(document, findings),
                          facts=document.facts, fingerprint=fingerprint(document))


# the pictures of the report, in its order: LKJ101 on row 1's OCR'd cells, then LKJ301 on the OCR'd sentence
ALTS = ["angka hasil OCR hlm. 1, dibaca “90”, keyakinan 50%", "angka hasil OCR hlm. 1, dibaca “80”, keyakinan 90%",
        "angka hasil OCR hlm. 1, dibaca “80”, keyakinan 90%", "kalimat hasil OCR hlm. 1, keyakinan 90%"]


@pytest.fixture()
def scan(tmp_path):  # the tests that draw, read and annotate its PDF are slow
    pdf = tmp_path / "pindaian.pdf"
    scanned_page(pdf)
    return pdf, audited(pdf)


def finding_blocks(html: str) -> dict[str, str]:
    """Each finding's HTML by its rule and the start of its message."""
    blocks = html.split('<div class="finding')[1:]
    return {re.search(r"<strong>(LKJ\d+)</strong> ([^(]{0,40})", block).group(0): block for block in blocks}


def images(block: str) -> list[tuple[str, Image.Image]]:
    return [(alt, Image.open(io.BytesIO(base64.b64decode(data))))
            for data, alt in re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"', block)]


def assert_cell_pictured(picture: Image.Image, column: int) -> None:
    """The picture is the cell with MARGIN around it at CROP_DPI: the cell's shade in the middle, the white of the
    header row above and row 2 below at its corners."""
    width, height = ((XS[column + 1] - XS[column] + 2 * MARGIN) * CROP_DPI / 72,
                     (YS[2] - YS[1] + 2 * MARGIN) * CROP_DPI / 72)
    assert abs(picture.width - width) <= 2 and abs(picture.height - height) <= 2, (picture.size, width, height)
    grey = picture.convert("L")
    assert abs(grey.getpixel((picture.width // 2, picture.height - 20)) - SHADES[column]) <= 10
    for corner in ((2, 2), (picture.width - 3, 2), (2, picture.height - 3), (picture.width - 3, picture.height - 3)):
        assert grey.getpixel(corner) >= 235, corner


@pytest.mark.slow
@pytest.mark.parametrize("lang, note", [
    ("id", "angka hasil OCR hlm. 1, dibaca “{}”, keyakinan {}%"),
    ("en", "figure read by OCR p. 1, read as “{}”, confidence {}%"),
])
def test_the_html_report_shows_each_ocr_cell_of_the_finding_and_nothing_for_text_layer_figures(scan, lang, note):
    pdf, report = scan
    assert [(f.rule, f.severity, f.subject, f.values) for f in report.findings if f.rule == "LKJ101"] == [
        ("LKJ101", "error", "Persentase W", (100, 80)), ("LKJ101", "warning", "Persentase Y", (90, 100))]
    [crops] = crops_guarded([report], timeout_s=60, memory_mb=1024)
    html = FORMATS["html"].render([report], lang, Options(crops={str(pdf): crops}))
    blocks = finding_blocks(html)
    doubtful = next(block for head, block in blocks.items() if "LKJ101" in head and "Persentase Y" in block)
    pictured = images(doubtful)
    assert [alt for alt, _ in pictured] == [note.format("90", 50), note.format("80", 90), note.format("80", 90)]
    for (_, picture), column in zip(pictured, (6, 5, 4)):  # the finding's cells: capaian, realisasi, target
        assert_cell_pictured(picture, column)
    assert all(f"<figcaption>{alt}</figcaption>" in doubtful for alt, _ in pictured)
    sentence = next(block for head, block in blocks.items() if "LKJ301" in head)
    [(alt, picture)] = images(sentence)  # the sentence read by OCR; the table cell it is compared with was not
    assert alt == {"id": "kalimat hasil OCR hlm. 1, keyakinan 90%", "en": "sentence read by OCR p. 1, confidence 90%"}[lang]
    assert abs(picture.width - (400 - 40 + 2 * MARGIN) * CROP_DPI / 72) <= 2
    assert abs(picture.height - (250 - 220 + 2 * MARGIN) * CROP_DPI / 72) <= 2
    inside = round((MARGIN + 2) * CROP_DPI / 72)
    assert abs(picture.convert("L").getpixel((inside, inside)) - LINE_SHADE) <= 10
    assert picture.convert("L").getpixel((picture.width - inside, picture.height - inside)) >= 235  # past line 2
    assert html.count("<img") == 4  # LKJ101 on row 2 and LKJ902 rest on nothing read by OCR
    assert UNREADABLE[lang] not in html


@pytest.mark.slow
def test_a_source_gone_since_the_audit_gives_one_line_and_no_picture(scan):
    pdf, report = scan
    pdf.unlink()
    assert crops_guarded([report], timeout_s=60, memory_mb=1024) == [None]
    html = FORMATS["html"].render([report], "id", Options(crops={str(pdf): None}))
    assert "<img" not in html and html.count(UNREADABLE["id"]) == 1


@pytest.mark.slow
def test_check_writes_the_crops_into_its_html_report(scan, tmp_path, monkeypatch):
    """`check --format html` cuts the crops from the audited file (the audit itself stands in: no OCR here)."""
    import auditor.audit
    from auditor.cli import main

    pdf, report = scan
    monkeypatch.setattr(auditor.audit, "audit_file_guarded", lambda *args, **kwargs: report)
    out = tmp_path / "laporan.html"
    result = CliRunner().invoke(main, ["check", str(pdf), "--format", "html", "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert [alt for alt, _ in images(out.read_text(encoding="utf-8"))] == ALTS


@pytest.mark.slow
def test_a_batch_shows_the_crops_of_findings_kept_in_results_jsonl(scan, tmp_path):
    """The cells' confidence survives results.jsonl (a resumed batch renders from it alone)."""
    from auditor.batch import RESULTS, config_key, content_hash, record_of, run_batch

    pdf, report = scan
    out = tmp_path / "hasil"
    out.mkdir()
    record = record_of(report, content_hash(str(pdf)), "id", 0.0, config_key(Config(), False))
    (out / RESULTS).write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    outcome = run_batch([str(pdf)], str(out), Config(), resume=True, formats=("html",), progress=False)
    assert outcome.audited == 0 and outcome.resumed == 1
    pictured = images((out / "report.html").read_text(encoding="utf-8"))
    assert [alt for alt, _ in pictured] == ALTS
    assert_cell_pictured(pictured[0][1], 6)


@pytest.mark.slow
def test_the_annotated_pdf_marks_the_ocr_cell_and_says_what_was_read(scan, tmp_path):
    pdf, report = scan
    out = tmp_path / "bertanda.pdf"
    annotate(report, str(pdf), str(out), "id")
    annotations = [a.get_object() for a in PdfReader(out).pages[0]["/Annots"]]
    doubtful = [a for a in annotations if "Persentase Y" in str(a["/Contents"])]
    highlights = sorted((str(a["/Contents"]).split("\n")[-1], [round(float(v), 2) for v in a["/Rect"]])
                        for a in doubtful if a["/Subtype"] == "/Highlight")
    note = "angka hasil OCR hlm. 1, dibaca “{}”, keyakinan {}%"
    assert highlights == sorted(
        (note.format(text, confidence), [round(v, 2) for v in (x0 - _PAD, y0 - _PAD, x1 + _PAD, y1 + _PAD)])
        for text, confidence, (x0, y0, x1, y1) in (("90", 50, user_box(1, 6)), ("80", 90, user_box(1, 5)),
                                                   ("80", 90, user_box(1, 4))))
    [comment] = [str(a["/Contents"]) for a in doubtful if a["/Subtype"] == "/Text"]
    assert comment.endswith("\n".join([note.format("90", 50), note.format("80", 90), note.format("80", 90)]))
    row_two = [str(a["/Contents"]) for a in annotations if str(a["/Contents"]).startswith("LKJ101 (error)")]
    assert row_two and not any("OCR" in contents for contents in row_two)
    [(contents, rect)] = [(str(a["/Contents"]), [round(float(v), 2) for v in a["/Rect"]]) for a in annotations
                          if a["/Subtype"] == "/Highlight" and str(a["/Contents"]).startswith("LKJ301")
                          and len(a["/QuadPoints"]) == 16]  # the sentence's two lines, not the table cell
    assert contents.endswith("\nkalimat hasil OCR hlm. 1, keyakinan 90%")
    assert rect == [round(v, 2) for v in (40 - _PAD, PAGE_HEIGHT - 250 - _PAD, 400 + _PAD, PAGE_HEIGHT - 220 + _PAD)]
    [page_note] = [str(a["/Contents"]) for a in annotations if str(a["/Contents"]).startswith("LKJ902")]
    assert page_note.endswith("\n[hlm. 1]")  # the page LKJ902 is about, no empty sentence


def test_a_cell_measured_on_the_straightened_scan_is_placed_where_the_askew_scan_prints_it():
    """A sheet fed 1.2° askew: OCR measures its table upright, the box recorded for it is around the table as the
    page image shows it (before, the upright box was recorded as is, several points off at the table's edges)."""
    import pypdfium2 as pdfium

    scale = 150 / 72
    printed = Image.new("L", (round(595 * scale), round(842 * scale)), 255)
    draw = ImageDraw.Draw(printed)
    for y in (560, 590, 620, 650):
        draw.line([(80 * scale, y * scale), (480 * scale, y * scale)], fill=0, width=3)
    for x in (80, 280, 480):
        draw.line([(x * scale, 560 * scale), (x * scale, 650 * scale)], fill=0, width=3)
    askew = printed.rotate(-1.2, fillcolor=255)

    def ink_box(image) -> tuple[float, ...]:
        return tuple(v / scale for v in Image.eval(image, lambda v: 255 - v).point(lambda v: 255 if v > 128 else 0)
                     .getbbox())

    upright, angle = straighten(askew)
    assert angle == pytest.approx(1.2, abs=0.1)
    frame = Frame(pdfium.PdfDocument.new().new_page(595, 842))
    on_the_scan = frame.user_box(ink_box(askew))
    assert Turned(frame, angle).user_box(ink_box(upright)) == pytest.approx(on_the_scan, abs=1.5)
    assert frame.user_box(ink_box(upright)) != pytest.approx(on_the_scan, abs=3)


@pytest.mark.slow
@pytest.mark.skipif(not tesseract_ready(), reason="needs tesseract with tesseract-ocr-ind")
def test_a_scanned_page_end_to_end_the_crops_show_the_figures_read(tmp_path):
    """The page of a generated report that holds a broken capaian, printed and scanned (askew, noised, JPEG) and
    audited with OCR: the HTML report shows each cell the error rests on, and Tesseract reads in each picture the
    figure the finding names; the annotated copy highlights those very boxes with the reading in the note."""
    import random

    import pdf_render
    from injections import INJECTIONS
    from pypdf import PdfWriter
    from scan_render import scan_pdf, small_report

    from auditor.audit import audit_file

    seed = 100
    report = small_report(seed)
    broken = INJECTIONS["capaian"](report, random.Random(seed))
    printed, page_only, scanned = tmp_path / "cetak.pdf", tmp_path / "halaman.pdf", tmp_path / "pindaian.pdf"
    pdf_render.to_pdf_reportlab(report, printed)
    page = next(loc.page for f in audit_file(str(printed), Config()).findings
                if (f.rule, f.subject) == (broken.rule, broken.subject) for loc in f.locations)
    writer = PdfWriter()
    writer.add_page(PdfReader(printed).pages[page - 1])
    writer.write(page_only)
    scan_pdf(page_only, scanned, seed=seed)  # one page: OCR'd in seconds
    audited = audit_file(str(scanned), Config(), ocr=True)
    [finding] = [f for f in audited.findings if (f.rule, f.subject) == (broken.rule, broken.subject)]
    places = ocr_places(finding)
    cells = list(places.values())
    assert len(cells) == len(finding.locations) and all(loc.page == 1 and loc.box for loc in cells)

    [crops] = crops_guarded([audited], timeout_s=60, memory_mb=1024)
    html = FORMATS["html"].render([audited], "id", Options(crops={str(scanned): crops}))
    block = next(b for head, b in finding_blocks(html).items() if broken.rule in head and broken.subject[:20] in b)
    pictured = images(block)
    assert [alt for alt, _ in pictured] == [ocr_note(loc, page, "id") for (page, _), loc in places.items()]
    inner = round((MARGIN + 3) * CROP_DPI / 72)  # inside the cell's rulings
    for (_, picture), location in zip(pictured, cells):
        x0, y0, x1, y1 = location.box
        assert abs(picture.width - (x1 - x0 + 2 * MARGIN) * CROP_DPI / 72) <= 2
        picture.crop((inner, inner, picture.width - inner, picture.height - inner)).save(tmp_path / "sel.png")
        read = subprocess.run(["tesseract", str(tmp_path / "sel.png"), "-", "--psm", "6", "-c",
                               "tessedit_char_whitelist=0123456789,.%"], capture_output=True, text=True).stdout
        assert re.sub(r"\D", "", read) == re.sub(r"\D", "", location.text), (location, read)

    out = tmp_path / "bertanda.pdf"
    annotate(audited, str(scanned), str(out), "id")
    marked = sorted([round(float(v), 1) for v in a.get_object()["/Rect"]] for a in PdfReader(out).pages[0]["/Annots"]
                    if a.get_object()["/Subtype"] == "/Highlight" and broken.subject in str(a.get_object()["/Contents"]))
    assert marked == sorted([round(v, 1) for v in (b[0] - _PAD, b[1] - _PAD, b[2] + _PAD, b[3] + _PAD)]
                            for b in (loc.box for loc in cells))
