"""Other districts' layouts printed to ruled PDF: the same findings as their markdown."""
from __future__ import annotations

import random

import pytest

import generator
import pdf_render
from injections import INJECTIONS
from auditor.config import Config
from auditor.document import normalise
from auditor.engine import run_rules
from auditor.ingest.markdown import read_markdown


def findings(raw) -> list[tuple]:
    config = Config()
    document = normalise(raw, config)
    return sorted((f.rule, f.subject.lower(), f.severity, tuple(str(v) for v in f.values))
                  for f in run_rules(document, config).findings)


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
