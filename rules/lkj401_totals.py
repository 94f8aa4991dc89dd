"""LKJ401 — totals must add up in budget tables: a program row is the sum of its kegiatan, and the
JUMLAH row is the sum of the programs (or of all rows when the table has no program rows).

Cancelled kegiatan printed as `-` or with a note count as zero.

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


def check(document, options):
    for table in document.tables:
        if table.role not in BUDGET_ROLES:
            continue
        in_table = [f for f in document.fact_rows if f.table_index == table.index and f.attribute in MONEY]
        for attribute, group in grouped(in_table, lambda f: f.attribute).items():
            programs = [f for f in group if f.kind == "program"]
            kegiatan = [f for f in group if f.kind != "program"]
            for program in programs:
                parts = [f for f in kegiatan if f.kind == "kegiatan" and f.parent == program.entity]
                if parts:
                    yield from _compare(program, parts, attribute)
            for total in (f for f in group if f.kind == "total"):
                parts = programs or [f for f in kegiatan if f.kind != "total"]
                if not parts:
                    yield NotCheckable(Text("jumlah tanpa rincian", "total without rows to add up"))
                else:
                    yield from _compare(total, parts, attribute)


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
