"""Output formats: CSV rows per finding, the Excel summary and findings sheets, the self-contained HTML report."""
from __future__ import annotations

import csv
import io
import json
import random
import re
import sys

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.audit import DocumentReport, audit_file
from auditor.cli import main, write_rendered
from auditor.config import Config
from auditor.errors import InputError
from auditor.formats import FORMATS, Options, csv_format
from auditor.formats.common import chart_data, unit_labels
from generator import generate, inject_penyerapan, to_markdown

SAMPLE = "samples/lkjip-raas-2020.md"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[DocumentReport]:
    folder = tmp_path_factory.mktemp("formats")
    clean = folder / "bersih.md"
    clean.write_text(to_markdown(generate(3)), encoding="utf-8")
    broken = generate(4)
    inject_penyerapan(broken, random.Random(1))
    wrong = folder / "salah.md"
    wrong.write_text(to_markdown(broken), encoding="utf-8")
    failed = DocumentReport("hilang.pdf", "error", {}, [], None,
                            InputError("hilang.pdf", "berkas tidak ditemukan.", "file not found."))
    return [audit_file(str(clean), Config()), audit_file(SAMPLE, Config()), audit_file(str(wrong), Config()), failed]


def test_every_format_renders_text_or_bytes(reports):
    for name, output in FORMATS.items():
        rendered = output.render(reports, "en")
        assert isinstance(rendered, (str, bytes)), name
        assert output.file_name.endswith("." + output.extension)


def test_meta_carries_penyerapan_and_average_capaian(reports):
    sample = reports[1]
    assert sample.meta["penyerapan"] == 95.97
    assert sample.meta["rata_rata_capaian"] == pytest.approx(97.33)


def read_indonesian_csv(text: str) -> list[dict]:
    """What Excel set to Indonesian does with the file: a BOM says UTF-8, ';' separates fields."""
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_one_row_per_finding_with_location(reports):
    rows = read_indonesian_csv(FORMATS["csv"].render(reports, "id"))
    assert tuple(rows[0]) == csv_format.HEADERS["id"]
    findings = [r for r in rows if r["Status"] == "temuan"]
    assert len(findings) == sum(len(r.findings) for r in reports)
    first = reports[1].findings[0]
    row = next(r for r in rows if r["Berkas"] == SAMPLE)
    assert (row["Aturan"], row["Tabel"], row["Baris"], row["Teks tercetak"]) == (
        first.rule, first.locations[0].table, first.locations[0].row, first.locations[0].text)
    assert row["Instansi"] == "Kecamatan Raas" and row["Tahun"] == "2020" and row["Tingkat"] == "kesalahan"
    assert [r["Berkas"] for r in rows if r["Status"] == "tidak dapat diperiksa"] == ["hilang.pdf"]


def test_csv_separator_follows_language_or_option(reports):
    english = FORMATS["csv"].render(reports, "en")
    assert english.startswith("\ufeffFile,Instansi,")
    rows = list(csv.DictReader(io.StringIO(english[1:])))
    assert {r["Severity"] for r in rows if r["Status"] == "finding"} <= {"error", "warning", "info"}
    assert FORMATS["csv"].render(reports, "en", Options(csv_sep=";")).startswith("\ufeffFile;Instansi;")
    assert FORMATS["csv"].render(reports, "id", Options(csv_sep=",")).startswith("\ufeffBerkas,Instansi,")


def test_excel_summary_sorted_coloured_and_findings_filterable(reports):
    workbook = load_workbook(io.BytesIO(FORMATS["excel"].render(reports, "en")))
    summary, findings = workbook["Summary"], workbook["Findings"]
    header = [c.value for c in summary[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in summary.iter_rows(min_row=2)]
    assert [r["File"] for r in rows][0] == "hilang.pdf"  # unusable first, then by errors
    assert rows[0]["Errors"] is None and rows[0]["Warnings"] is None  # unreadable, not "0 errors"
    audited = [r for r in rows if r["Status"] == "audited"]
    assert [r["Errors"] for r in audited] == sorted((r["Errors"] for r in audited), reverse=True)
    assert audited[-1]["Errors"] == 0 and audited[0]["Errors"] > 0
    raas = next(r for r in rows if r["File"] == SAMPLE)
    assert (raas["Instansi"], raas["Kabupaten"], raas["Year"], raas["Penyerapan (%)"]) == (
        "Kecamatan Raas", "Sumenep", 2020, 95.97)
    assert len(summary.conditional_formatting) >= 2
    assert findings.freeze_panes == "A2" and findings.auto_filter.ref.startswith("A1:")
    assert findings.max_row - 1 == sum(len(r.findings) for r in reports) + 1
    header = [c.value for c in findings[1]]
    assert header[15:20] == ["Page", "Table", "Row", "Column", "Printed text"]
    assert header[-3:-1] == ["Response (tanggapan)", "Follow-up (tindak lanjut)"]


def test_html_self_contained_with_excerpts_and_highlighted_cells(reports):
    page = FORMATS["html"].render(reports, "en")
    assert 'name="viewport"' in page and "<style>" in page
    assert not re.search(r'(src|href)="(?!#)', page)  # nothing fetched from elsewhere
    hits = re.findall(r'<td class="hit">([^<]*)</td>', page)
    located = {loc.text for r in reports for f in r.findings for loc in f.locations if loc.table}
    assert hits and set(hits) <= located
    assert "Tabel III.F.1" in page and "could not be audited" in page and "Average capaian" in page
    assert "Rata-rata capaian" in FORMATS["html"].render(reports, "id")


def test_reports_rebuilt_from_stored_json_render_the_same(reports):
    stored = [DocumentReport.from_dict(json.loads(json.dumps(r.to_dict("id"))),
                                       json.loads(json.dumps(r.fields()))) for r in reports]
    for name in ("csv", "html", "json", "text"):
        for lang in ("id", "en"):
            assert FORMATS[name].render(stored, lang) == FORMATS[name].render(reports, lang), (name, lang)


def test_check_writes_excel_to_a_file_and_refuses_a_terminal(tmp_path, monkeypatch, capsys):
    target = tmp_path / "hasil.xlsx"
    result = CliRunner().invoke(main, ["check", SAMPLE, "--format", "excel", "-o", str(target)])
    assert result.exit_code == 1 and target.read_bytes()[:2] == b"PK"

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(SystemExit) as exited:
        write_rendered(b"PK...", None, "excel", "en")
    assert exited.value.code == 2 and "-o REPORT.xlsx" in capsys.readouterr().err


def test_excel_numbers_indonesian_words_response_columns_and_charts(reports):
    workbook = load_workbook(io.BytesIO(FORMATS["excel"].render(reports, "id", Options(pdf_links={SAMPLE: "x.pdf"}))))
    assert workbook.sheetnames == ["Ringkasan", "Temuan", "Grafik"]
    findings = workbook["Temuan"]
    header = [c.value for c in findings[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in findings.iter_rows(min_row=2)]
    musrenbang = next(r for r in rows if r["Aturan"] == "LKJ201" and r["Berkas"] == SAMPLE)
    assert (musrenbang["Nilai"], musrenbang["Nilai pembanding"], musrenbang["Seharusnya"]) == (67, 72, 67)
    assert musrenbang["Tingkat"] == "kesalahan" and "67" in musrenbang["Rekomendasi"]
    assert {"Tanggapan", "Tindak lanjut", "PDF beranotasi"} <= set(header)
    link = findings.cell(rows.index(musrenbang) + 2, header.index("PDF beranotasi") + 1)
    assert link.hyperlink.target.startswith("x.pdf#page=")
    assert {r["Tingkat"] for r in rows if r["Status"] == "temuan"} <= {"kesalahan", "peringatan", "info"}
    charts = workbook["Grafik"]._charts
    titles = [c.title.tx.rich.p[0].r[0].t for c in charts]
    assert titles == ["Rata-rata capaian per instansi (%)", "Penyerapan anggaran per instansi (%)",
                      "Temuan per kelompok aturan (semua laporan)"]
    assert [c.type for c in charts] == ["bar", "bar", "bar"]
    # as LibreOffice drew them: both axes titled in Indonesian, bars measured from 0, the highest on top
    assert [(c.x_axis.title.tx.rich.p[0].r[0].t, c.y_axis.title.tx.rich.p[0].r[0].t) for c in charts] == [
        ("Instansi", "Rata-rata capaian (%)"), ("Instansi", "Penyerapan (%)"), ("Kelompok aturan", "Jumlah temuan")]
    assert all(c.y_axis.scaling.min == 0 and c.x_axis.scaling.orientation == "maxMin" for c in charts)
    grafik = workbook["Grafik"]
    capaian = [grafik.cell(row, 2).value for row in range(3, 3 + 3)]
    assert capaian == sorted(capaian, reverse=True) and all(isinstance(v, (int, float)) for v in capaian)
    assert grafik.page_setup.orientation == "landscape" and grafik.page_setup.fitToWidth == 1
    scales = [rule for rng in grafik.conditional_formatting for rule in rng.rules if rule.colorScale is not None]
    assert len(scales) == 1  # the kecamatan × rule-family heat map


def test_chart_labels_tell_two_reports_of_one_instansi_apart():
    def report(path: str, tahun: int) -> DocumentReport:
        return DocumentReport(path, "ok", {"instansi": "Kecamatan Raas", "tahun": tahun, "penyerapan": 90.0}, [], None)

    reports = [report("a/raas.md", 2020), report("b/raas.md", 2021), report("c/raas.md", 2021), report("raas-x.md", 2021)]
    assert list(unit_labels(reports).values()) == [
        "Kecamatan Raas 2020", "Kecamatan Raas 2021 (b/raas.md)", "Kecamatan Raas 2021 (c/raas.md)",
        "Kecamatan Raas 2021 (raas-x.md)"]
    labels = [row["label"] for row in chart_data(reports[:2], "id")["bars"][1]["rows"]]
    assert labels == ["Kecamatan Raas 2020", "Kecamatan Raas 2021"]
