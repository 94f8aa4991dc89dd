"""LKJ503 — every kegiatan of the realisasi anggaran table must appear in the realisasi kinerja table
(tujuan → sasaran → program → kegiatan), and every kegiatan measured there must have its budget row.

A kegiatan funded without reported performance, or performance without a budget, is a question the instansi
has to answer.

Names are matched as the fact store resolves them, tolerant to small spelling differences.

BAHASA INDONESIA:
    Setiap kegiatan di tabel realisasi anggaran harus ada di tabel realisasi kinerja (tujuan → sasaran →
    program → kegiatan), dan setiap kegiatan yang diukur di sana harus punya baris anggarannya. Kegiatan yang
    dibiayai tanpa kinerja yang dilaporkan, atau kinerja tanpa anggaran, adalah pertanyaan yang perlu dijawab
    instansi.

    Nama kegiatan dicocokkan seperti semua fakta laporan, dengan toleransi untuk perbedaan ejaan kecil. Tabel
    anggaran atau kinerja tanpa kegiatan tidak dapat diperiksa.

PASS:
    Tabel III.F.1 Realisasi Kinerja

    | NO | TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|
    | I.1.1 | Meningkatnya X | Indeks Y | B | Belum ada penilaian | - |
    | I.1.1.1 | Program Peningkatan Manajemen | Pemenuhan kebutuhan | 100 % | 100 % | 100% |
    | I.1.1.1.1 | Penyediaan jasa surat menyurat | Jumlah surat | 500 Surat | 500 Surat | 100% |
    | I.1.1.1.2 | Penyediaan makanan dan minuman | Jumlah rapat | 12 Rapat | 7 Rapat | 58% |

    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen | 29.091.000 | 29.091.000 | 100,00% |
    | I.1 | Penyediaan jasa surat menyurat | 7.111.000 | 7.111.000 | 100,00% |
    | I.2 | Penyediaan makanan dan minuman | 21.980.000 | 21.980.000 | 100,00% |

FAIL:
    Tabel III.F.1 Realisasi Kinerja

    | NO | TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|
    | I.1.1 | Meningkatnya X | Indeks Y | B | Belum ada penilaian | - |
    | I.1.1.1 | Program Peningkatan Manajemen | Pemenuhan kebutuhan | 100 % | 100 % | 100% |
    | I.1.1.1.1 | Penyediaan jasa surat menyurat | Jumlah surat | 500 Surat | 500 Surat | 100% |
    | I.1.1.1.2 | Penyediaan alat tulis kantor | Jumlah jenis | 20 Jenis | 20 Jenis | 100% |

    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen | 29.091.000 | 29.091.000 | 100,00% |
    | I.1 | Penyediaan jasa surat menyurat | 7.111.000 | 7.111.000 | 100,00% |
    | I.2 | Penyediaan makanan dan minuman | 21.980.000 | 21.980.000 | 100,00% |
"""
from __future__ import annotations

from dataclasses import replace

from auditor.bilingual import Text
from auditor.factrows import grouped
from auditor.ruleapi import Consistent, Fact, Location, NotCheckable, Problem

ID = "LKJ503"
TITLE = {"id": "Kegiatan tidak ada di tabel anggaran atau tabel kinerja",
         "en": "A kegiatan is missing from the budget or the performance table"}
SEVERITY = "warning"
MESSAGE = {
    "id": "Kegiatan “{subject}” ada di {present} ({where}), tetapi tidak ada di {absent}.",
    "en": "Kegiatan “{subject}” is in {present} ({where}), but not in {absent}.",
}
CONF: dict = {}
DEFAULT: dict = {}
BUDGET, PERFORMANCE = "realisasi_anggaran", "realisasi_tree"


def check(document, options):
    kegiatan = [f for f in document.fact_rows if f.kind == "kegiatan"]
    budget = [f for f in kegiatan if f.role == BUDGET]
    performance = [f for f in kegiatan if f.role == PERFORMANCE]
    if not budget or not performance:
        if budget or performance:
            yield NotCheckable(Text("tabel anggaran atau kinerja tanpa kegiatan", "budget or performance table without kegiatan"))
        return
    for present, absent in ((budget, performance), (performance, budget)):
        others = {f.entity_id for f in absent}
        for rows in grouped(present, lambda f: f.entity_id).values():
            first = rows[0]
            if first.entity_id in others:
                yield Consistent()
                continue
            # the row, not one figure
            where = replace(Location.of(first), column=None, column_index=None, text=first.entity,
                            box=document.table(first.table_index).row_box(first.row_index))
            yield Problem(
                subject=first.entity, attribute=None, values=(), expected=None, locations=(where,),
                fields={"present": first.table, "absent": _labels(absent), "where": where},
            )


def _labels(facts: list[Fact]) -> str:
    return ", ".join(dict.fromkeys(f.table for f in facts))
