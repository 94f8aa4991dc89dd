"""The bundled Raas 2020 sample: its real inconsistencies, asserted exactly, and nothing on its consistent parts."""
from __future__ import annotations

import json
import os
from decimal import Decimal

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import Config
from auditor.document import load
from auditor.engine import run_rules

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "samples", "lkjip-raas-2020.md")


@pytest.fixture(scope="module")
def audited():
    document = load(SAMPLE, Config())
    config = Config(select=["LKJ101", "LKJ102", "LKJ103", "LKJ201", "LKJ202", "LKJ401", "LKJ402"])
    return document, run_rules(document, config)


def _tables(finding, value):
    return sorted({loc.table for loc in finding.locations if loc.text.replace(" ", "").rstrip("%") == str(value)})


def test_rules_read_typed_facts(audited):
    document, _ = audited
    assert len(document.fact_rows) == len(document.facts)
    assert {type(f.number) for f in document.fact_rows} == {Decimal, type(None)}  # never NaN
    assert {type(f.year) for f in document.fact_rows} == {int, type(None)}
    assert {type(f.page) for f in document.fact_rows} == {type(None)}  # markdown has lines, not pages
    assert {type(f.line) for f in document.fact_rows} == {int}


def test_meta(audited):
    document, _ = audited
    assert document.meta["instansi"] == "Kecamatan Raas"
    assert document.meta["kabupaten"] == "Sumenep"
    assert document.meta["tahun"] == 2020


def test_musrenbangcam_realisasi_and_capaian_differ_between_tables(audited):
    _, result = audited
    same_fact = {f.attribute: f for f in result.findings if f.rule == "LKJ201"}
    assert set(same_fact) == {"realisasi", "capaian"}
    realisasi, capaian = same_fact["realisasi"], same_fact["capaian"]
    assert "Musrembangcam" in realisasi.subject
    assert realisasi.values == (Decimal(67), Decimal(72)) and realisasi.expected == Decimal(67)
    assert _tables(realisasi, 67) == ["Tabel III.A.1", "Tabel III.B.1", "Tabel III.C.1", "Tabel III.E.1"]
    assert _tables(realisasi, 72) == ["Tabel III.F.1"]
    assert capaian.values == (Decimal(84), Decimal(90))
    assert _tables(capaian, 84) == ["Tabel III.A.1", "Tabel III.E.1"]  # III.C.1 measures against the Renstra end target
    assert _tables(capaian, 90) == ["Tabel III.F.1"]
    assert all(f.severity == "error" for f in same_fact.values())


def test_efficiency_table_capaian_of_kegiatan(audited):
    _, result = audited
    found = {f.subject: f for f in result.findings if f.rule == "LKJ202"}
    assert set(found) == {"Penyediaan makanan dan minuman", "Rapat-rapat koordinasi dan konsultasi"}
    makanan, rapat = found["Penyediaan makanan dan minuman"], found["Rapat-rapat koordinasi dan konsultasi"]
    assert makanan.values == (Decimal(100), Decimal(58)) and makanan.expected == Decimal(58)
    assert rapat.values == (Decimal(100), Decimal(89)) and rapat.expected == Decimal(89)
    assert [loc.table for loc in makanan.locations] == ["Tabel III.E.1", "Tabel III.F.1"]
    assert makanan.locations[1].row == "I.1.1.1.6 Penyediaan makanan dan minuman"
    assert makanan.locations[0].column == "KINERJA / CAPAIAN"


def test_no_finding_on_formulas_totals_or_pk_budget(audited):
    _, result = audited
    assert not [f for f in result.findings if f.rule in ("LKJ101", "LKJ102", "LKJ103", "LKJ401", "LKJ402")]
    assert len(result.findings) == 4
    assert result.coverage.consistent > 300
    assert result.coverage.inconsistent == 4


def test_check_command_exit_code_and_json_shape():
    result = CliRunner().invoke(main, ["check", SAMPLE, "--format", "json", "--select", "LKJ2"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    document = report["documents"][0]
    assert document["status"] == "ok" and document["error"] is None
    assert document["meta"]["instansi"] == "Kecamatan Raas" and document["meta"]["tahun"] == 2020
    finding = document["findings"][0]
    assert set(finding) >= {"rule", "severity", "subject", "attribute", "values", "expected", "message", "locations"}
    assert finding["values"] == [67, 72]
    assert set(finding["locations"][0]) >= {"page", "table", "row", "column", "text"}
    assert set(document["stats"]) >= {"tables", "facts", "compared"}


def test_english_messages():
    result = CliRunner().invoke(main, ["check", SAMPLE, "--lang", "en", "--select", "LKJ202"])
    assert "The efficiency table uses a capaian of 100% for kegiatan “Penyediaan makanan dan minuman”" in result.output
    assert "Coverage:" in result.output
