"""Tables split over pages are stitched, multi-row headers named, titles found and roles classified."""
from __future__ import annotations

import os

import pytest

from auditor.config import Config
from auditor.document import load
from auditor.ingest.markdown import read_markdown
from auditor.structure import build_layout

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "samples", "lkjip-raas-2020.md")


@pytest.fixture(scope="module")
def tables():
    return {t.label: t for t in load(SAMPLE, Config()).tables}


def test_split_tables_are_stitched(tables):
    assert tables["Tabel III.E.1"].fragments == 5
    assert len(tables["Tabel III.E.1"].rows) == 29
    assert tables["Tabel III.F.1"].fragments == 5
    assert tables["Tabel III.G.1"].fragments == 3
    assert tables["Tabel III.G.1"].rows[-1][1] == "JUMLAH"


def test_multi_row_headers_and_column_numbers(tables):
    efficiency = tables["Tabel III.E.1"]
    assert [c.name for c in efficiency.columns][4:] == [
        "KINERJA / TARGET", "KINERJA / REALISASI", "KINERJA / CAPAIAN", "ANGGARAN / ALOKASI (Rp)",
        "ANGGARAN / REALISASI (Rp)", "ANGGARAN / PENYERAPAN ANGGARAN", "TINGKAT EFISIENSI"]
    assert efficiency.columns[-1].key == "11=7-10"
    assert tables["Tabel III.A.1"].columns[4].name == "TAHUN 2020 / TARGET KINERJA"


def test_roles_from_what_headers_mean(tables):
    roles = {label: t.role for label, t in tables.items()}
    assert roles["Tabel III.A.1"] == "capaian_sasaran"
    assert roles["Tabel III.A.2"] == "capaian_tujuan"
    assert roles["Tabel III.B.1"] == "realisasi_history"
    assert roles["Tabel III.C.1"] == "renstra_end"
    assert roles["Tabel III.E.1"] == "efisiensi"
    assert roles["Tabel III.F.1"] == "realisasi_tree"
    assert roles["Tabel III.G.1"] == "realisasi_anggaran"
    assert roles["Tabel I.C.1"] == "pegawai"
    assert roles["PERJANJIAN KINERJA PERUBAHAN TAHUN 2020 KECAMATAN RAAS"] in ("pk_target", "pk_anggaran")


def test_other_district_layout_without_number_row():
    text = """Tabel 3.7 Realisasi Anggaran Program dan Kegiatan

| No | Program/Kegiatan | Anggaran | Realisasi | Capaian realisasi anggaran (%) |
|---|---|---|---|---|
| I | Program Pelayanan Administrasi Perkantoran | 100.000.000 | 95.970.000 | 95.97 |

Tabel 2.2 Anggaran Program Perjanjian Kinerja

| No | Program | Anggaran Murni | Anggaran Perubahan | Keterangan |
|---|---|---|---|---|
| 1 | Program Pelayanan Administrasi Perkantoran | 90.000.000 | 100.000.000 | - |
"""
    layout = build_layout(read_markdown("alt.md", text))
    budget, pk = layout.tables
    assert (budget.label, budget.role) == ("Tabel 3.7", "realisasi_anggaran")
    assert [c.meaning for c in budget.columns][2:] == ["alokasi", "realisasi_anggaran", "penyerapan"]
    assert pk.role == "pk_anggaran"
    assert [c.meaning for c in pk.columns][2:4] == ["pagu_sebelum", "pagu"]


def test_different_tables_with_similar_headers_are_not_stitched_across_text():
    text = """Tabel III.B.1 Sasaran

| NO | SASARAN | INDIKATOR KINERJA | REALISASI 2019 | REALISASI 2020 |
|---|---|---|---|---|
| 1 | A | Persentase X | 70 | 75 |

Tabel III.B.2 Tujuan

| NO | TUJUAN | INDIKATOR KINERJA | REALISASI 2019 | REALISASI 2020 |
|---|---|---|---|---|
| 1 | B | Nilai Y | 70 | 80 |
"""
    layout = build_layout(read_markdown("t.md", text))
    assert [t.label for t in layout.tables] == ["Tabel III.B.1", "Tabel III.B.2"]
