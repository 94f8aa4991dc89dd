"""The HTML report (issue 12.4): jinja2 templates with autoescape, the odd value marked apart, charts as inline SVG,
print CSS, a letterhead from a template folder, and a look in a real browser when one is installed."""
from __future__ import annotations

import os
import random
import re

import pytest

from auditor.audit import DocumentReport, audit_file
from auditor.config import Config
from auditor.errors import InputError
from auditor.formats import FORMATS, Options
from auditor.formats.html import odd_one
from auditor.ruleapi import Finding, Location
from generator import generate, inject_capaian, to_markdown

SAMPLE = "samples/lkjip-raas-2020.md"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[DocumentReport]:
    folder = tmp_path_factory.mktemp("html")
    clean = folder / "bersih.md"
    clean.write_text(to_markdown(generate(3)), encoding="utf-8")
    broken = generate(4)
    inject_capaian(broken, random.Random(1))
    wrong = folder / "salah.md"
    wrong.write_text(to_markdown(broken), encoding="utf-8")
    failed = DocumentReport("hilang.pdf", "error", {}, [], None,
                            InputError("hilang.pdf", "berkas tidak ditemukan.", "file not found."))
    return [audit_file(str(clean), Config()), audit_file(SAMPLE, Config()), audit_file(str(wrong), Config()), failed]


def test_the_odd_value_is_marked_apart_from_the_agreeing_ones(reports):
    page = FORMATS["html"].render(reports, "id")
    sample = page[page.index("samples/lkjip-raas-2020.md</p>"):]
    musrenbang = sample[sample.index("LKJ201"):sample.index('<div class="finding', sample.index("LKJ201"))]
    assert re.findall(r'<td class="odd">([^<]*)</td>', musrenbang) == ["72 %"]
    assert set(re.findall(r'<td class="agree">([^<]*)</td>', musrenbang)) == {"67", "67%"}
    assert "angka yang menyimpang" in musrenbang  # the legend says which colour is which
    finding = Finding("LKJ201", "error", "x", "realisasi", (67, 72), 67, (), {"id": ""}, {})
    assert odd_one("72", finding) and not odd_one("67,00", finding) and not odd_one("67 %", finding)
    assert odd_one("tidak ada", finding) is None


def test_batch_page_worst_first_with_inline_svg_charts(reports):
    page = FORMATS["html"].render(reports, "en")
    order = [page.index(f'href="#doc{n}"') for n in range(1, 5)]
    assert order == sorted(order)
    summary = page[page.index("<h2>Summary</h2>"):page.index("<h2>Charts</h2>")]
    files = re.findall(r'<span class="muted">([^<]*)</span>', summary)
    assert files[0] == "hilang.pdf" and files[-1].endswith("bersih.md")  # unusable, then most errors first
    assert page.count("<svg") == 3 and "Findings per unit × rule family" in page
    assert "Average capaian per unit (%)" in page and 'class="heat"' in page
    assert not re.search(r'(src|href)="(?!#)', page) and "<script src" not in page  # nothing from a CDN


def test_print_css_and_phone_scrolling(reports):
    page = FORMATS["html"].render(reports, "id")
    assert "@page{size:A4 landscape" in page and "@media print" in page and ".scroll{overflow:visible}" in page
    assert "box.scrollLeft" in page and 'name="viewport"' in page


def test_every_text_is_escaped():
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    location = Location(page=1, table=payload, row=payload, column=payload, text=payload)
    finding = Finding("LKJ201", "error", payload, None, (1,), None, (location,), {"id": "{subject}", "en": "{subject}"}, {})
    report = DocumentReport(payload, "ok", {"instansi": payload}, [finding], None)
    page = FORMATS["html"].render([report], "id")
    assert "<script>alert" not in page and "<img src=x" not in page and "&lt;script&gt;" in page


def test_a_template_folder_adds_a_letterhead(reports, tmp_path):
    (tmp_path / "letterhead.html").write_text("<strong>PEMERINTAH KABUPATEN SUMENEP</strong> — INSPEKTORAT",
                                              encoding="utf-8")
    page = FORMATS["html"].render(reports, "id", Options(templates=str(tmp_path)))
    assert '<header class="letterhead"><strong>PEMERINTAH KABUPATEN SUMENEP</strong>' in page
    assert "PEMERINTAH KABUPATEN" not in FORMATS["html"].render(reports, "id")


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed")
def test_in_a_real_browser_the_odd_cell_is_in_view_on_a_phone_and_print_is_landscape(reports, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "laporan.html"
    page_file.write_text(FORMATS["html"].render(reports, "id"), encoding="utf-8")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        phone = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
        phone.goto(page_file.as_uri())
        visible = phone.evaluate("""() => [...document.querySelectorAll('.scroll')].map(box => {
            const cell = box.querySelector('td.odd'); if (!cell) return null;
            const frame = box.getBoundingClientRect(), r = cell.getBoundingClientRect();
            return r.left >= frame.left - 1 && r.right <= frame.right + 1; }).filter(v => v !== null)""")
        assert visible and all(visible)
        assert phone.evaluate("document.querySelectorAll('svg rect.bar').length") > 0
        pdf = tmp_path / "cetak.pdf"
        phone.pdf(path=str(pdf), prefer_css_page_size=True)
        browser.close()
    from pypdf import PdfReader

    first = PdfReader(str(pdf)).pages[0].mediabox
    assert float(first.width) > float(first.height)  # landscape from @page
