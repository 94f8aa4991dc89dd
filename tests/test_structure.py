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


GLUED_PK = """PERJANJIAN KINERJA PERUBAHAN TAHUN 2020 KECAMATAN RAAS

| No | SASARAN STRATEGIS | INDIKATOR KINERJA | TARGET |
|---|---|---|---|
| 1 | 2 | 3 | 4 |
| 1 | Meningkatnya kualitas pelayanan | Nilai IKM | 80% |
| 2 | Meningkatnya akuntabilitas | Nilai SAKIP Kecamatan | B |
| No | Program | Sebelum Perubahan Anggaran | Setelah Perubahan Anggaran | Keterangan |
| 1 | 2 | 3 | 4 | 5 |
| 1 | Program Pelayanan Administrasi Perkantoran | 90.000.000 | 100.000.000 | - |
| 2 | Program Peningkatan Pelayanan Publik | 50.000.000 | 40.000.000 | - |
|  | JUMLAH | 140.000.000 | 140.000.000 |  |
"""


def test_two_tables_in_one_fragment_come_apart_where_a_header_row_comes_again():
    """A converter that glued the PK target and budget tables into one pipe table: two tables, each
    with its own columns, the budget one with its pagu."""
    target, budget = build_layout(read_markdown("pk.md", GLUED_PK)).tables
    assert (target.role, [c.meaning for c in target.columns]) == ("pk_target", ["no", "sasaran", "indikator", "target"])
    assert [r[0] for r in target.rows] == ["1", "2"]
    assert budget.role == "pk_anggaran"
    assert [c.meaning for c in budget.columns] == ["no", "program", "pagu_sebelum", "pagu", "keterangan"]
    assert [r[3] for r in budget.rows] == ["100.000.000", "40.000.000", "140.000.000"]
    assert [s.line for s in budget.sources] == [10, 11, 12]


def test_one_grid_of_two_tables_keeps_each_tables_own_columns():
    """As a PDF reader sees two tables printed as one grid: the union of both tables' column edges,
    each table's cells spanning some of them (spanned cells empty); the number row comes again."""
    from auditor.model import RawTable, Source
    from auditor.structure import split_glued

    rows = [["No", "SASARAN", "", "INDIKATOR KINERJA", "", "TARGET"],
            ["1", "2", "", "3", "", "4"],
            ["1", "Meningkatnya kualitas pelayanan", "", "Nilai IKM", "", "80%"],
            ["1", "2", "3", "", "4", ""],
            ["1", "Program Pelayanan Administrasi Perkantoran", "90.000.000", "", "100.000.000", ""]]
    first, second = split_glued(RawTable(rows, [Source(page=2)] * 5))
    assert first.rows == [["No", "SASARAN", "INDIKATOR KINERJA", "TARGET"], ["1", "2", "3", "4"],
                          ["1", "Meningkatnya kualitas pelayanan", "Nilai IKM", "80%"]]
    assert second.rows == [["1", "2", "3", "4"],
                           ["1", "Program Pelayanan Administrasi Perkantoran", "90.000.000", "100.000.000"]]


def test_rows_of_names_without_figures_do_not_split_a_table():
    """A program row and a kegiatan row with no figure yet read as data, not as a new header."""
    text = """Tabel III.F.1 Realisasi Kinerja

| NO | PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
|---|---|---|---|---|---|
| I.1 | Program Pelayanan Administrasi Perkantoran | | | | |
| I.1.1 | Kegiatan Penyediaan jasa surat menyurat | Jumlah surat | 500 | 500 | 100% |
| | Program Peningkatan Pelayanan | Kegiatan sosialisasi | | | |
| I.2.1 | Kegiatan Pelayanan Administrasi Terpadu | Jumlah layanan | 12 | 12 | 100% |
"""
    [table] = build_layout(read_markdown("t.md", text)).tables
    assert len(table.rows) == 4
