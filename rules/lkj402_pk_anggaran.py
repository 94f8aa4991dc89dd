"""LKJ402 — each program's budget in the realisasi anggaran table must be its budget in the
Perjanjian Kinerja (after the revision, for a PK Perubahan).

The Perjanjian Kinerja is what the unit signed; a realisasi anggaran table that reports against another budget
measures penyerapan against the wrong allocation. Rupiah figures are compared exactly. A report without a PK
budget table, or a program the PK does not list, is not checkable.

BAHASA INDONESIA:
    Anggaran setiap program di tabel realisasi anggaran harus sama dengan anggarannya di Perjanjian Kinerja
    (untuk PK Perubahan: anggaran sesudah perubahan). Perjanjian Kinerja adalah yang ditandatangani; tabel
    realisasi anggaran yang memakai pagu lain mengukur penyerapan terhadap alokasi yang salah.

    Angka Rupiah dibandingkan persis. Laporan tanpa tabel anggaran Perjanjian Kinerja, atau program yang tidak
    ada di Perjanjian Kinerja, tidak dapat diperiksa.

PASS:
    PERJANJIAN KINERJA PERUBAHAN TAHUN 2020

    | No | Program | Sebelum Perubahan Anggaran | Setelah Perubahan Anggaran | Keterangan |
    |---|---|---|---|---|
    | 1 | Program Peningkatan Manajemen | 294.056.500 | 310.928.700 | - |

    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen | 310.928.700 | 296.313.700 | 95,30% |

FAIL:
    PERJANJIAN KINERJA PERUBAHAN TAHUN 2020

    | No | Program | Sebelum Perubahan Anggaran | Setelah Perubahan Anggaran | Keterangan |
    |---|---|---|---|---|
    | 1 | Program Peningkatan Manajemen | 294.056.500 | 310.928.700 | - |

    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen | 294.056.500 | 296.313.700 | 100,77% |
"""
from __future__ import annotations

from auditor.bilingual import Text
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem

ID = "LKJ402"
TITLE = {"id": "Anggaran program berbeda dengan Perjanjian Kinerja",
         "en": "Program budget differs from the Perjanjian Kinerja"}
SEVERITY = "error"
MESSAGE = {
    "id": "Anggaran “{subject}” di {where} adalah {printed}, padahal di Perjanjian Kinerja {pk} ({where_pk}).",
    "en": "The budget of “{subject}” in {where} is {printed}, but the Perjanjian Kinerja says {pk} ({where_pk}).",
}
CONF: dict = {}
DEFAULT: dict = {}


def check(document, options):
    programs = [f for f in document.fact_rows if f.number is not None and f.kind == "program"]
    reported = [f for f in programs if f.role == "realisasi_anggaran" and f.attribute == "alokasi"]
    agreed = [f for f in programs if f.role == "pk_anggaran" and f.attribute == "pagu"]
    if not agreed:
        if reported:
            yield NotCheckable(Text("tidak ada tabel anggaran Perjanjian Kinerja", "no Perjanjian Kinerja budget table"))
        return
    for program in reported:
        in_pk = [f for f in agreed if f.entity_id == program.entity_id]
        if not in_pk:
            yield NotCheckable(Text("program tidak ada di Perjanjian Kinerja", "program not in the Perjanjian Kinerja"))
            continue
        for pk in in_pk:
            if pk.number == program.number:
                yield Consistent()
                continue
            yield Problem(
                subject=program.entity, attribute="alokasi",
                values=(program.number, pk.number), expected=pk.number,
                locations=(Location.of(program), Location.of(pk)),
                fields={"printed": program.number, "pk": pk.number,
                        "where": Location.of(program), "where_pk": Location.of(pk)},
            )
