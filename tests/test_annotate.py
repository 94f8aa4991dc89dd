"""Annotated PDF: every located finding has a highlight or note on its page, over the printed figure; the original stays."""
from __future__ import annotations

import hashlib
import itertools
import random
import shutil
import sys
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import RectangleObject

from auditor.annotate import annotate
from auditor.audit import audit_file
from auditor.cli import main
from auditor.config import Config
from auditor.document import load
from auditor.errors import InputError
from generator import generate, inject_same_fact

pytestmark = pytest.mark.slow  # renders and annotates PDFs
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "lkjip-raas-2020.pdf"
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_batch import render_pdf  # noqa: E402 - the benchmark's generated-report printer


def annotations(path: Path) -> dict[int, list[dict]]:
    """Per 1-based page: subtype, rectangle and contents of each annotation."""
    found: dict[int, list[dict]] = {}
    for number, page in enumerate(PdfReader(path).pages, start=1):
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            points = [float(v) for v in annotation.get("/QuadPoints", [])]
            found.setdefault(number, []).append({"subtype": annotation["/Subtype"],
                                                 "rect": [float(v) for v in annotation["/Rect"]],
                                                 "quads": [(min(points[i:i + 8:2]), min(points[i + 1:i + 8:2]),
                                                            max(points[i:i + 8:2]), max(points[i + 1:i + 8:2]))
                                                           for i in range(0, len(points), 8)],
                                                 "contents": str(annotation.get("/Contents", ""))})
    return found


def words_inside(pdf_path: Path, page: int, rect: list[float]) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        height = float(pdf.pages[page - 1].height)
        x0, y0, x1, y1 = rect
        inside = [w for w in pdf.pages[page - 1].extract_words()
                  if w["x0"] >= x0 - 1 and w["x1"] <= x1 + 1 and height - w["bottom"] >= y0 - 1 and height - w["top"] <= y1 + 1]
        return "".join(w["text"] for w in inside)


def words_in_quads(pdf_path: Path, page: int, quads: list[tuple]) -> str:
    """The letters and digits of the words pdfplumber finds wholly inside one of the quadrilaterals."""
    with pdfplumber.open(pdf_path) as pdf:
        height = float(pdf.pages[page - 1].height)
        inside = [w for w in pdf.pages[page - 1].extract_words()
                  if any(w["x0"] >= x0 - 1 and w["x1"] <= x1 + 1 and height - w["bottom"] >= y0 - 1
                         and height - w["top"] <= y1 + 1 for x0, y0, x1, y1 in quads)]
        return letters("".join(w["text"] for w in inside))


def letters(text: str) -> str:
    """The letters and digits, sorted: the same words whatever order a table cell's lines are read in."""
    return "".join(sorted(c for c in text if c.isalnum()))


def assert_every_located_finding_annotated(report, annotated: Path, lang: str) -> None:
    found = annotations(annotated)
    assert report.findings
    for finding in report.findings:
        for page in {loc.page for loc in finding.locations if loc.page}:
            contents = [a["contents"] for a in found.get(page, [])]
            assert any(finding.message(lang) in c for c in contents), (finding.rule, page)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    copy = tmp_path_factory.mktemp("sample") / "raas.pdf"
    shutil.copy(SAMPLE, copy)
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    out = copy.with_name("raas-annotated.pdf")
    result = CliRunner().invoke(main, ["check", str(copy), "--annotate", str(out), "--lang", "en", "--format", "json"])
    assert result.exit_code == 1, result.output
    return audit_file(str(copy), Config()), copy, out, digest


def test_every_located_sample_finding_annotated_on_its_page(sample):
    report, _, out, _ = sample
    assert_every_located_finding_annotated(report, out, "en")


def test_highlights_cover_the_printed_figures(sample):
    report, _, out, _ = sample
    highlights = [(page, a) for page, items in annotations(out).items() for a in items if a["subtype"] == "/Highlight"]
    assert len(highlights) >= len(report.findings)
    # the cells of LKJ201's realisasi clash: 67 on p. 17, 72 % on p. 33
    clash = next(f for f in report.findings if f.rule == "LKJ201" and f.attribute == "realisasi")
    for location in clash.locations:
        on_page = [a for page, a in highlights if page == location.page and clash.message("en") in a["contents"]]
        assert any(words_inside(out, location.page, a["rect"]) == location.text.replace(" ", "") for a in on_page)


@pytest.mark.slow
@pytest.mark.parametrize("rotation", [0, 90])
def test_highlights_land_on_the_cell_of_a_page_that_does_not_start_at_0_0(tmp_path, rotation):
    """Every page's MediaBox moved to start at (100, 200), its content with it; with /Rotate 90 the content
    is drawn turned the other way so the page still shows upright. A highlight is drawn in the page's user
    space, so it covers the printed figure either way."""
    shifted = tmp_path / "shifted.pdf"
    writer = PdfWriter(clone_from=PdfReader(SAMPLE))
    for page in writer.pages:
        left, bottom, right, top = (float(v) for v in page.mediabox)
        width, height = right - left, top - bottom
        turned = Transformation().translate(-left, -bottom).rotate(rotation)
        page.add_transformation(turned.translate(100 + (height if rotation else 0), 200))
        page.mediabox = RectangleObject([100, 200, 100 + (height if rotation else width),
                                         200 + (width if rotation else height)])
        page.cropbox = page.mediabox
        page.rotate(rotation)
    writer.write(shifted)
    report = audit_file(str(shifted), Config())
    out = tmp_path / "annotated.pdf"
    annotate(report, str(shifted), str(out), "en")
    clash = next(f for f in report.findings if f.rule == "LKJ201" and f.attribute == "realisasi")
    found = annotations(out)
    document = pdfium.PdfDocument(str(out))
    for location in clash.locations:
        rects = [a["rect"] for a in found[location.page]
                 if a["subtype"] == "/Highlight" and clash.message("en") in a["contents"]]
        textpage = document[location.page - 1].get_textpage()
        covered = ["".join(textpage.get_text_bounded(*rect).split()) for rect in rects]
        assert location.text.replace(" ", "") in covered, (location, covered)


def test_sentences_and_rows_highlighted_themselves_no_page_corner_notes(sample, tmp_path):
    """Every location on a page is highlighted over exactly its own printed words, as pdfplumber places them: a cell
    its figure, a row (LKJ502's numbering) all its cells, a sentence (LKJ301, LKJ304, LKJ305) its words on each page
    it runs over; no finding is left as a note in the page corner."""
    report, copy, out, _ = sample
    found = annotations(out)
    document = load(str(copy), Config())
    kinds = {"cell": 0, "row": 0, "sentence": 0}
    for finding in report.findings:
        for location in finding.locations:
            if location.text_boxes:
                kind, expected = "sentence", letters(location.text)
                pages = sorted({page for page, _ in location.text_boxes})
            elif location.table and not location.column:
                kind, pages = "row", [location.page]
                expected = letters("".join(document.table(location.table_index).rows[location.row_index]))
            else:
                kind, expected, pages = "cell", letters(location.text), [location.page]
            per_page = [[words_in_quads(copy, page, a["quads"]) for a in found[page]
                         if a["subtype"] == "/Highlight" and finding.message("en") in a["contents"]] for page in pages]
            assert expected in {letters("".join(parts)) for parts in itertools.product(*per_page)}, (finding.rule, location)
            kinds[kind] += 1
    assert kinds["row"] >= 2 and kinds["sentence"] >= 5 and kinds["cell"] >= 30, kinds
    assert any(len({page for page, _ in loc.text_boxes}) == 2 for f in report.findings for loc in f.locations)
    notes = [a for items in found.values() for a in items if a["subtype"] == "/Text"]
    assert len(notes) >= len(report.findings) and not [a for a in notes if "\n[" in a["contents"]]
    placed = annotate(report, str(copy), str(tmp_path / "again.pdf"), "id")
    assert (placed.page_notes, placed.sentences) == (0, kinds["sentence"] + 1)  # + the second page of one sentence


def test_original_left_untouched_and_not_overwritten(sample):
    report, copy, _, digest = sample
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == digest
    with pytest.raises(InputError):
        annotate(report, str(copy), str(copy))
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == digest


def test_generated_pdf_with_injected_error(tmp_path):
    report = generate(31)
    inject_same_fact(report, random.Random(5))
    pdf = tmp_path / "generated.pdf"
    render_pdf(report, str(pdf))
    audited = audit_file(str(pdf), Config())
    assert any(f.rule == "LKJ201" for f in audited.findings)
    out = tmp_path / "generated-annotated.pdf"
    placed = annotate(audited, str(pdf), str(out), "id")
    assert placed.cells >= 2
    assert_every_located_finding_annotated(audited, out, "id")


def test_annotate_needs_one_pdf():
    result = CliRunner().invoke(main, ["check", "samples/lkjip-raas-2020.md", "--annotate", "x.pdf"])
    assert result.exit_code == 2
