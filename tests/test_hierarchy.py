"""Program / Kegiatan / Sub Kegiatan (Permendagri 90): totals add the siblings of one level only."""
from __future__ import annotations

import pytest

from auditor.facts import hierarchy_level
from helpers import audit_markdown

ROWS = [  # code, name, pagu, realisasi
    ("1.02.01", "Program Penunjang Urusan Pemerintahan Daerah", 300_000_000, 270_000_000),
    ("1.02.01.2.01", "Perencanaan, Penganggaran dan Evaluasi Kinerja", 100_000_000, 90_000_000),
    ("1.02.01.2.01.01", "Penyusunan Dokumen Perencanaan", 60_000_000, 54_000_000),
    ("1.02.01.2.01.02", "Evaluasi Kinerja Perangkat Daerah", 40_000_000, 36_000_000),
    ("1.02.01.2.02", "Administrasi Keuangan Perangkat Daerah", 200_000_000, 180_000_000),
    ("1.02.01.2.02.01", "Penyediaan Gaji dan Tunjangan ASN", 200_000_000, 180_000_000),
    ("1.02.02", "Program Pemenuhan Upaya Kesehatan", 500_000_000, 400_000_000),
    ("1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan", 500_000_000, 400_000_000),
    ("1.02.02.2.01.01", "Pengadaan Obat, Vaksin dan Bahan Habis Pakai", 300_000_000, 250_000_000),
    ("1.02.02.2.01.02", "Pengadaan Alat Kesehatan", 200_000_000, 150_000_000),
]
PREFIX = {7: "Program ", 12: "Kegiatan ", 15: "Sub Kegiatan "}  # by code length, for the layout without codes


def rupiah(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.2f}".replace(".", ",")


def table(changes: dict | None = None, codes: bool = True, total: str = "JUMLAH") -> str:
    """The budget realisation table; `changes` maps a row's name to the realisasi printed instead."""
    changes = changes or {}
    lines = ["LAPORAN KINERJA INSTANSI PEMERINTAH DINAS KESEHATAN TAHUN 2022", "",
             "Tabel 5 Realisasi Anggaran Program, Kegiatan dan Sub Kegiatan", "",
             "| Kode | Program/Kegiatan/Sub Kegiatan | Pagu (Rp) | Realisasi (Rp) | % |", "|---|---|---|---|---|"]
    for code, name, pagu, realisasi in ROWS:
        realisasi = changes.get(name, realisasi)
        label = name if codes else PREFIX[len(code)] + name.removeprefix("Program ")
        lines.append(f"| {code if codes else ''} | {label} | {rupiah(pagu)} | {rupiah(realisasi)} | {percent(realisasi, pagu)} |")
    pagu, realisasi = 800_000_000, changes.get(total, 670_000_000)
    lines.append(f"| | {total} | {rupiah(pagu)} | {rupiah(realisasi)} | {percent(realisasi, pagu)} |")
    return "\n".join(lines) + "\n"


def errors(text: str) -> list[tuple]:
    _, result = audit_markdown(text)
    return sorted((f.rule, f.subject, f.attribute, tuple(float(v) for v in f.values), f.locations[0].row)
                  for f in result.findings if f.severity == "error")


@pytest.mark.parametrize("codes", [True, False])
@pytest.mark.parametrize("total", ["JUMLAH", "Jumlah Total", "TOTAL"])
def test_consistent_hierarchy_has_no_error(codes, total):
    assert errors(table(codes=codes, total=total)) == []


@pytest.mark.parametrize("codes", [True, False])
def test_a_wrong_sub_kegiatan_breaks_its_kegiatan_only(codes):
    name = "Pengadaan Obat, Vaksin dan Bahan Habis Pakai"
    found = errors(table({name: 260_000_000}, codes=codes))
    kegiatan = ("" if codes else "Kegiatan ") + "Penyediaan Fasilitas Pelayanan Kesehatan"
    assert found == [("LKJ401", kegiatan, "realisasi_anggaran", (400_000_000.0, 410_000_000.0),
                      ("1.02.02.2.01 " if codes else "") + kegiatan)]


def test_a_wrong_jumlah_is_compared_with_the_programs_only():
    found = errors(table({"JUMLAH": 700_000_000}))
    assert found == [("LKJ401", "JUMLAH", "realisasi_anggaran", (700_000_000.0, 670_000_000.0), "JUMLAH")]


@pytest.mark.parametrize("code, name, level", [
    ("1.02.02", "Penunjang", "program"), ("1.02.02.2.01", "Penyediaan", "kegiatan"),
    ("1.02.02.2.01.01", "Pengadaan", "sub_kegiatan"), ("1.02.02.2.01.0001", "Pengadaan", "sub_kegiatan"),
    ("X.XX.01", "Program Penunjang", "program"), ("", "1.02.02.2.01 Penyediaan", "kegiatan"),
    ("", "Sub Kegiatan Pengadaan Obat", "sub_kegiatan"), ("", "Sub-Kegiatan Pengadaan Obat", "sub_kegiatan"),
    ("", "Kegiatan Penyediaan", "kegiatan"), ("I.1", "Penyediaan jasa surat menyurat", None), ("1.1", "Rapat", None),
])
def test_hierarchy_level(code, name, level):
    assert hierarchy_level(code, name) == level


@pytest.mark.parametrize("code_header", ["", "(1)"])
def test_codes_are_read_from_their_cells_when_the_header_does_not_say_kode(code_header):
    """A borderless PDF may lose the "Kode" header, or a report prints only column numbers there: the
    codes in the cells still give each row its level, so a program is not summed over its kegiatan and
    their sub kegiatan together."""
    text = table().replace("| Kode | Program", f"| {code_header} | Program")
    assert errors(text) == []
    name = "Pengadaan Obat, Vaksin dan Bahan Habis Pakai"
    found = errors(table({name: 260_000_000}).replace("| Kode | Program", f"| {code_header} | Program"))
    assert [(rule, subject, values) for rule, subject, _, values, _ in found] == [
        ("LKJ401", "Penyediaan Fasilitas Pelayanan Kesehatan", (400_000_000.0, 410_000_000.0))]
