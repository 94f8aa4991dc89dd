"""Waivers that work (issue 12.8): Excel-saved CSV, case-insensitive file globs, subjects matched like entities,
waived findings kept and marked in Excel, CSV and HTML."""
from __future__ import annotations

import csv
import io
import shutil

import pytest
from openpyxl import load_workbook

from auditor.audit import audit_file
from auditor.config import load_config
from auditor.formats import FORMATS

SAMPLE = "samples/lkjip-raas-2020.md"
# As Excel set to Indonesian saves "CSV UTF-8": a BOM, ';' between fields, the headers as the user typed them.
EXCEL_CSV = ("\ufeffRule;File;Subject;Reason\r\n"
             "LKJ201;LKJIP-RAAS-*.MD;Persentase hasil Musrenbangcam disetujui di tingkat kabupaten;"
             "Angka Tabel III.F.1 sudah dikoreksi di versi cetak\r\n"
             ";;;\r\n")


@pytest.fixture
def waived_report(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "lkjip-raas-2020.md")
    (tmp_path / "waivers.csv").write_bytes(EXCEL_CSV.encode("utf-8"))
    (tmp_path / "lkjip-audit.cfg").write_text("[lkjip-audit]\nwaivers = waivers.csv\n", encoding="utf-8")
    config = load_config(str(tmp_path / "lkjip-audit.cfg"))
    return audit_file(str(tmp_path / "lkjip-raas-2020.md"), config)


def test_excel_saved_csv_glob_in_capitals_and_spelling_variant_match(waived_report):
    waived = [(w.finding.rule, w.finding.subject) for w in waived_report.waived]
    assert waived == [("LKJ201", "Persentase hasil Musrembangcam disetujui di tingkat kabupaten")] * 2
    assert not [f for f in waived_report.findings if f.rule == "LKJ201"]
    assert not waived_report.notices


def test_waived_findings_stay_on_record_in_every_spreadsheet_and_page(waived_report):
    workbook = load_workbook(io.BytesIO(FORMATS["excel"].render([waived_report], "id")))
    sheet = workbook["Temuan"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    marked = [r for r in rows if r["Status"] == "dikecualikan"]
    assert len(marked) == 2 and all("dikoreksi" in r["Alasan pengecualian"] for r in marked)
    assert workbook["Ringkasan"]["J2"].value == 2  # the Dikecualikan count
    text = FORMATS["csv"].render([waived_report], "id")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert [r["Aturan"] for r in rows if r["Status"] == "dikecualikan"] == ["LKJ201", "LKJ201"]
    page = FORMATS["html"].render([waived_report], "id")
    assert page.count('class="finding error waived"') == 2 and "dikoreksi di versi cetak" in page


def test_a_waiver_subject_glob_and_a_different_number_do_not_match(tmp_path):
    from auditor.waivers import Waiver

    waiver = Waiver("LKJ502", "*", "I.99", "typo", "x #1")
    assert not waiver.covers_subject("I.11")
    assert Waiver("LKJ501", "*", "tabel iii.b.*", "r", "x #2").covers_subject("Tabel III.B.2")
    assert Waiver("LKJ501", r"laporan\*.PDF", "", "r", "x #3").covers_file(r"Laporan/Raas.pdf")
