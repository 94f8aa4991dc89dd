"""LKJ401 — totals must add up in budget tables, one level at a time: a program row is the sum of its
kegiatan, a kegiatan the sum of its sub kegiatan (Permendagri 90 codes or "Sub Kegiatan" names), and
the JUMLAH row the sum of the programs (of the kegiatan when the table has no program rows).

A wrong total makes the budget total, penyerapan and efisiensi wrong throughout the report.

Cancelled kegiatan printed as `-` or with a note count as zero.

BAHASA INDONESIA:
    Jumlah di tabel anggaran harus sesuai, satu tingkat demi satu tingkat: baris program adalah jumlah
    kegiatannya, kegiatan adalah jumlah sub kegiatannya (kode Permendagri 90 atau nama "Sub Kegiatan"), dan
    baris JUMLAH adalah jumlah program (jumlah kegiatan bila tabel tidak punya baris program). Jumlah yang
    salah membuat total anggaran, penyerapan dan efisiensi di seluruh laporan ikut salah.

    Dijumlahkan satu tingkat saja, tidak pernah dua tingkat sekaligus. Kegiatan yang dibatalkan (dicetak `-`
    atau dengan catatan, misalnya pada PAK) dihitung nol. Selisih di bawah Rp0,50 (pembulatan sen) tidak
    dilaporkan. Baris jumlah tanpa rincian, atau yang isinya bukan angka, tidak dapat diperiksa.

PASS:
    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen | 22.111.000 | 12.391.000 | 56,04% |
    | I.1 | Penyediaan jasa surat menyurat | 7.111.000 | 7.111.000 | 100,00% |
    | I.2 | Penyediaan jasa komunikasi | 15.000.000 | 5.280.000 | 35,20% |
    | | JUMLAH | 22.111.000 | 12.391.000 | 56,04% |

FAIL:
    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen | 22.111.000 | 13.391.000 | 60,56% |
    | I.1 | Penyediaan jasa surat menyurat | 7.111.000 | 7.111.000 | 100,00% |
    | I.2 | Penyediaan jasa komunikasi | 15.000.000 | 5.280.000 | 35,20% |
    | | JUMLAH | 22.111.000 | 13.391.000 | 60,56% |
"""
from __future__ import annotations

from decimal import Decimal

from auditor.bilingual import Text
from auditor.factrows import grouped
from auditor.ruleapi import Consistent, Fact, Location, NotCheckable, Problem
from auditor.terms import attribute_label

ID = "LKJ401"
TITLE = {"id": "Jumlah tidak sama dengan penjumlahan rinciannya", "en": "A total is not the sum of its parts"}
SEVERITY = "error"
MESSAGE = {
    "id": "{label} “{subject}” tertulis {printed}, padahal jumlah rinciannya {computed} (selisih {difference}; {where}).",
    "en": "{label} of “{subject}” is printed as {printed}, but its parts add up to {computed} (difference {difference}; {where}).",
}
CONF: dict = {}
DEFAULT: dict = {}
MONEY = ("alokasi", "realisasi_anggaran", "pagu", "pagu_sebelum")
BUDGET_ROLES = ("realisasi_anggaran", "pk_anggaran", "efisiensi")
LEVELS = (("program", "kegiatan"), ("kegiatan", "sub_kegiatan"), ("program", "sub_kegiatan"))


def check(document, options):
    for table in document.tables:
        if table.role not in BUDGET_ROLES:
            continue
        in_table = [f for f in document.fact_rows if f.table_index == table.index and f.attribute in MONEY]
        for attribute, group in grouped(in_table, lambda f: f.attribute).items():
            for whole_kind, part_kind in LEVELS:
                for whole in (f for f in group if f.kind == whole_kind):
                    parts = [f for f in group if f.kind == part_kind and f.parent == whole.entity]
                    if parts:
                        yield from _compare(whole, parts, attribute)
            for total in (f for f in group if f.kind == "total"):
                parts = _top_level(group)
                if not parts:
                    yield NotCheckable(Text("jumlah tanpa rincian", "total without rows to add up"))
                else:
                    yield from _compare(total, parts, attribute)


def _top_level(group: list[Fact]) -> list[Fact]:
    """What a JUMLAH row adds: the programs; without them the kegiatan (and rows that carry budget
    under their indikator); without those the sub kegiatan. Never two levels at once."""
    for kinds in (("program",), ("kegiatan", "indikator"), ("sub_kegiatan",)):
        parts = [f for f in group if f.kind in kinds]
        if parts:
            return parts
    return []


def _compare(whole: Fact, parts: list[Fact], attribute: str):
    if whole.number is None:
        yield NotCheckable(Text("jumlah bukan angka", "total is not a number"))
        return
    computed = sum((p.number for p in parts if p.number is not None), Decimal(0))
    printed = whole.number
    if abs(printed - computed) < Decimal("0.5"):
        yield Consistent()
        return
    yield Problem(
        subject=whole.entity, attribute=attribute,
        values=(printed, computed), expected=computed,
        locations=(Location.of(whole),) + tuple(Location.of(p) for p in parts),
        fields={"label": attribute_label(attribute), "printed": printed, "computed": computed,
                "difference": printed - computed, "where": Location.of(whole)},
    )
