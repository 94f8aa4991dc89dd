"""Formula injection (issue 11.1): text from a report or a file name never reaches a spreadsheet as a live formula."""
from __future__ import annotations

import csv
import io
import random

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.audit import DocumentReport, audit_file
from auditor.cli import main
from auditor.config import Config
from auditor.ruleapi import Finding, Location
from auditor.formats import FORMATS
from auditor.formats.cells import csv_value, is_risky
from generator import generate, inject_capaian, to_markdown

PAYLOADS = ('=HYPERLINK("http://contoh.invalid/x","klik")', "=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0",
            "-2+3", "\t=1+1", "\r=1+1", "cmd|' /C notepad'!A0")
TABLE_PAYLOADS = ('=HYPERLINK("http://contoh.invalid/x","klik")', "=1+1", "@SUM(A1)")  # a pipe would split the cell


def synthetic(payload: str) -> DocumentReport:
    location = Location(page=3, table=payload, row=payload, column=payload, text=payload)
    finding = Finding(rule="LKJ201", severity="error", subject=payload, attribute="realisasi",
                      values=(67, 72), expected=67, locations=(location,), templates={"id": "{subject}", "en": "{subject}"},
                      fields={})
    return DocumentReport(f"{payload}.pdf", "ok", {"instansi": payload, "tahun": 2020}, [finding], None)


@pytest.mark.parametrize("text", PAYLOADS)
def test_payloads_are_risky_and_plain_figures_are_not(text):
    assert is_risky(text)
    assert csv_value(text) == "'" + text
    for figure in ("-", "-5", "+1,5%", "-1.287", "67", "Musrenbangcam"):
        assert not is_risky(figure) and csv_value(figure) == figure
    assert csv_value(-5) == -5


def _excel_cells(data: bytes):
    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_no_output_cell_is_a_formula():
    reports = [synthetic(p) for p in PAYLOADS]
    for lang in ("id", "en"):
        cells = list(_excel_cells(FORMATS["excel"].render(reports, lang)))
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        texts = {c.value for c in cells if isinstance(c.value, str)}
        assert "=1+1" in texts and "@SUM(A1)" in texts  # kept as text, verbatim
        assert {c.value for c in cells if c.data_type == "n"} >= {67, 72, 2020}  # numbers stay numbers
        text = FORMATS["csv"].render(reports, lang)
        rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";" if lang == "id" else ","))
        fields = [field for row in rows[1:] for field in row]
        assert not [f for f in fields if is_risky(f) and not f.startswith("'")]
        assert "'=1+1" in fields and "'=1+1.pdf" in fields and "67" in fields


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    report = generate(4)
    inject_capaian(report, random.Random(1))
    text = to_markdown(report)
    assert "Penyediaan alat tulis kantor" in text
    for number, payload in enumerate(TABLE_PAYLOADS):
        (folder / f"{payload.replace('/', '_')}.md").write_text(
            text.replace("Penyediaan alat tulis kantor", payload), encoding="utf-8")
    (folder / "+cmd|' C calc'!A0.md").write_text(text, encoding="utf-8")
    return folder


def test_hostile_cells_and_names_through_check_and_batch(hostile_folder, tmp_path):
    names = sorted(str(p) for p in hostile_folder.iterdir())
    reports = [audit_file(name, Config()) for name in names]
    assert any(f.subject in TABLE_PAYLOADS for r in reports for f in r.findings)  # the payload reached a finding
    out = tmp_path / "batch"
    result = CliRunner().invoke(main, ["batch", str(hostile_folder), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    cells = list(_excel_cells((out / "summary.xlsx").read_bytes()))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(isinstance(c.value, str) and c.value.startswith("=HYPERLINK") for c in cells)
    text = (out / "findings.csv").read_text(encoding="utf-8-sig")
    fields = [f for row in csv.reader(io.StringIO(text), delimiter=";") for f in row]
    assert not [f for f in fields if is_risky(f) and not f.startswith("'")]
    assert any(f.startswith("'=HYPERLINK") for f in fields)
    single = tmp_path / "one.xlsx"
    result = CliRunner().invoke(main, ["check", names[0], "--format", "excel", "-o", str(single)])
    assert not [c.coordinate for c in _excel_cells(single.read_bytes()) if c.data_type == "f"]


def test_extract_stores_printed_cells_as_text(hostile_folder, tmp_path):
    source = next(p for p in hostile_folder.iterdir() if p.name.startswith("=1+1"))
    target = tmp_path / "tabel.xlsx"
    result = CliRunner().invoke(main, ["extract", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    cells = list(_excel_cells(target.read_bytes()))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == "=1+1" for c in cells)
    folder = tmp_path / "csv"
    CliRunner().invoke(main, ["extract", str(source), "-o", str(folder)])
    for path in folder.iterdir():
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            assert not [f for f in row if is_risky(f) and not f.startswith("'")], path.name
