"""A table that states a target for each kegiatan (the Renstra alignment table, Tabel II.B.1 of the sample):
its targets are facts, compared with BAB III when the table names the report year, else not checkable."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from auditor.config import Config
from auditor.document import load
from helpers import audit_markdown

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "lkjip-raas-2020.md"

ALIGNMENT = """TABEL II.B.1 Penyelarasan Rencana Strategis {period}

| No | Program | Kegiatan | Indikator Kegiatan | Rincian Indikator |
|---|---|---|---|---|
| 1 | Program Pelayanan Administrasi Perkantoran | Penyediaan jasa surat menyurat | Jumlah surat | 450 Surat |
| | | Rapat-rapat koordinasi dan konsultasi | Jumlah rapat | 12 Kali rapat koordinasi |
| | | Penyediaan makanan dan minuman | Jumlah rapat | 12 Rapat |
| | | Peringatan Hari-Hari Besar | Jumlah kegiatan | 1 Kali Peringatan Hari Proklamasi |
| | | | | 1 Kali Pameran Pembangunan |

Tabel III.F.1 Realisasi Kinerja Tahun 2020

| NO | TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
|---|---|---|---|---|---|
| I | Meningkatnya kualitas pelayanan | Persentase layanan tepat waktu | 90% | 90% | 100% |
| I.1 | Program Pelayanan Administrasi Perkantoran | Cakupan pelayanan administrasi | 100% | 100% | 100% |
| I.1.1 | Penyediaan jasa surat menyurat | Jumlah surat | 500 Surat | 500 Surat | 100% |
| I.1.2 | Rapat-rapat koordinasi dan konsultasi | Jumlah rapat | 12 Kali | 12 Kali | 100% |
| I.1.3 | Penyediaan makanan dan minuman | Jumlah paket | 10 Paket | 10 Paket | 100% |
| I.1.4 | Peringatan Hari-Hari Besar | Jumlah kegiatan | 3 Kali | 3 Kali | 100% |
"""


def _lkj201(text: str) -> tuple[list, object]:
    document, result = audit_markdown(text)
    return [(f.subject, f.values, [loc.table for loc in f.locations]) for f in result.findings
            if f.rule == "LKJ201"], result


def test_targets_of_the_report_year_are_compared_with_bab_iii():
    """450 Surat against 500 Surat is an error; 12 Kali rapat agrees with 12 Kali; 12 Rapat and 10 Paket
    count different things; a kegiatan on two rows (one target per aksi) is not one target."""
    found, result = _lkj201(ALIGNMENT.format(period="Tahun 2020"))
    assert found == [("Penyediaan jasa surat menyurat", (Decimal(500), Decimal(450)),
                      ["Tabel III.F.1", "Tabel II.B.1"])]
    document, _ = audit_markdown(ALIGNMENT.format(period="Tahun 2020"))
    targets = document.facts[document.facts.role == "kegiatan_target"]
    assert sorted(zip(targets.entity, targets.attribute, targets.text)) == [
        ("Penyediaan jasa surat menyurat", "target", "450 Surat"),
        ("Penyediaan makanan dan minuman", "target", "12 Rapat"),
        ("Rapat-rapat koordinasi dan konsultasi", "target", "12 Kali rapat koordinasi"),
    ]


def test_a_table_of_a_period_or_of_no_year_is_not_checkable():
    for period in ("2016-2021", ""):
        found, result = _lkj201(ALIGNMENT.format(period=period))
        assert found == []
        reasons = result.coverage.to_dict()["not_checkable_reasons"]
        assert reasons["target in a table that does not name the report year"] == 3


def test_the_samples_alignment_table_gives_facts_but_names_no_year():
    document = load(str(SAMPLE), Config())
    targets = document.facts[document.facts.role == "kegiatan_target"]
    assert set(targets.attribute) == {"target_periode"}
    assert ("Penyediaan jasa surat menyurat", "500 Surat") in set(zip(targets.entity, targets.text))
    assert ("Peningkatan kapasitas aparaturn pemerintahan, ketentraman dan ketertiban umum",
            "4 Kali rapat kegiatan Forum Pimpinan Kecamatan") in set(zip(targets.entity, targets.text))
