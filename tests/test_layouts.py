"""Other districts' and unit types' layouts: clean reports give no error, each injected kind gives exactly its
finding, in markdown and as .docx; printed to PDF (slow) they give what their markdown gives."""
from __future__ import annotations

import random

import pytest

import generator
import opd_layouts
import pdf_render
from helpers import audit_markdown
from injections import INJECTIONS, for_layout
from auditor.config import Config
from auditor.document import normalise
from auditor.engine import run_rules
from auditor.ingest.markdown import read_markdown

LAYOUTS = sorted(opd_layouts.LAYOUTS)


def findings(raw) -> list[tuple]:
    config = Config()
    document = normalise(raw, config)
    return sorted((f.rule, f.subject.lower(), f.severity, tuple(str(v) for v in f.values))
                  for f in run_rules(document, config).findings)


def errors_of(markdown: str) -> list:
    _, result = audit_markdown(markdown)
    return [f for f in result.findings if f.severity == "error"]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", range(4))
def test_clean_report_of_each_layout_has_no_error(layout, seed):
    report = generator.generate(seed, template=layout)
    _, result = audit_markdown(generator.to_markdown(report))
    assert [f.message("en") for f in result.findings if f.severity == "error"] == []
    assert result.coverage.consistent > 30


CASES = [(layout, kind) for layout in LAYOUTS for kind in for_layout(layout)]


@pytest.mark.parametrize("layout, kind", CASES)
def test_each_injected_kind_gives_exactly_its_finding(layout, kind):
    tried = 0
    for seed in range(3):
        report = generator.generate(seed, template=layout)
        expected = INJECTIONS[kind](report, random.Random(seed))
        if expected is None:
            continue
        tried += 1
        errors = errors_of(generator.to_markdown(report))
        assert [(f.rule, f.subject.lower()) for f in errors] == [(expected.rule, expected.subject.lower())], \
            [f.message("en") for f in errors]
        # the figures in the finding's order (LKJ201 puts the majority first)
        assert sorted(round(float(v), 2) for v in errors[0].values) == sorted(expected.values)
    if not tried:
        pytest.skip(f"{kind} does not apply to the {layout} layout")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_docx_of_each_layout_finds_what_its_markdown_finds(tmp_path, layout):
    from auditor.ingest.docx import read_docx

    pytest.importorskip("docx")
    for n, kind in enumerate([None, *for_layout(layout)]):
        report = generator.generate(n, template=layout)
        if kind and INJECTIONS[kind](report, random.Random(n)) is None:
            continue
        path = tmp_path / f"{layout}-{n}.docx"
        pdf_render.to_docx(report, path)
        assert findings(read_docx(str(path))) == findings(read_markdown("x.md", generator.to_markdown(report))), kind


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
def test_ruled_pdf_of_each_layout_finds_what_its_markdown_finds(tmp_path, layout):
    if not pdf_render.reportlab_available():
        pytest.skip("needs DejaVu Sans (fonts-dejavu-core) for the tick mark")
    from auditor.ingest.pdf import read_pdf

    for seed, kind in ((0, None), (1, "capaian"), (2, "program_total")):
        report = generator.generate(seed, template=layout)
        expected = INJECTIONS[kind](report, random.Random(seed)) if kind else None
        pdf_render.to_pdf_reportlab(report, tmp_path / f"{layout}.pdf")
        from_pdf = findings(read_pdf(str(tmp_path / f"{layout}.pdf")))
        assert from_pdf == findings(read_markdown("x.md", generator.to_markdown(report)))
        errors = [(f[0], f[1]) for f in from_pdf if f[2] == "error"]
        assert errors == ([(expected.rule, expected.subject.lower())] if expected else [])


@pytest.mark.slow
@pytest.mark.parametrize("seed, injection", [(0, None), (1, "penyerapan"), (2, "jumlah_total"), (3, "efisiensi")])
def test_kota_layout_pdf_finds_what_its_markdown_finds(tmp_path, seed, injection):
    if not pdf_render.reportlab_available():
        pytest.skip("needs DejaVu Sans (fonts-dejavu-core) for the tick mark")
    from auditor.ingest.pdf import read_pdf

    report = generator.generate(seed, template="kota")
    expected = INJECTIONS[injection](report, random.Random(seed)) if injection else None
    pdf_render.to_pdf_reportlab(report, tmp_path / "kota.pdf")
    from_pdf = findings(read_pdf(str(tmp_path / "kota.pdf")))
    assert from_pdf == findings(read_markdown("kota.md", generator.to_markdown(report)))
    errors = [f for f in from_pdf if f[2] == "error"]
    assert [(f[0], f[1]) for f in errors] == ([(expected.rule, expected.subject.lower())] if expected else [])


@pytest.mark.parametrize("layout", ["kota", *LAYOUTS])
def test_every_indikator_told_in_other_words_is_read(layout):
    """Whichever way the narrative tells an indikator, its realisasi and capaian become facts of that indikator."""
    ways = set()
    for seed in range(4):
        report = generator.generate(seed, template=layout)
        document, _ = audit_markdown(generator.to_markdown(report))
        told = {(f.entity, f.attribute) for f in document.fact_rows if f.role == "narrative"}
        for s in report.truth["sasaran"]:
            for i in s["indikator"]:
                if i["kind"] in ("percent", "number"):
                    assert {(i["name"], "realisasi"), (i["name"], "capaian")} <= told, (seed, i["name"])
                    ways.add(next(b.text.split()[0] for b in report.blocks if f"ndikator {i['name']}" in b.text))
    assert ways == {"Indikator", "Pada", "Dengan"}
