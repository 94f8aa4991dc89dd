"""LKJ402 — each program's budget in the realisasi anggaran table must be its budget in the
Perjanjian Kinerja (after the revision, for a PK Perubahan).

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

from decimal import Decimal

from auditor.facts import records
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
    facts = document.facts
    numeric = facts[facts["number"].notna() & (facts["kind"] == "program")]
    reported = numeric[(numeric["role"] == "realisasi_anggaran") & (numeric["attribute"] == "alokasi")]
    agreed = numeric[(numeric["role"] == "pk_budget") & (numeric["attribute"] == "pagu")]
    if agreed.empty:
        if not reported.empty:
            yield NotCheckable("no Perjanjian Kinerja budget table")
        return
    for program in records(reported):
        in_pk = agreed[agreed["entity_id"] == program["entity_id"]]
        if in_pk.empty:
            yield NotCheckable("program not in the Perjanjian Kinerja")
            continue
        for pk in records(in_pk):
            if Decimal(pk["number"]) == Decimal(program["number"]):
                yield Consistent()
                continue
            yield Problem(
                subject=program["entity"], attribute="alokasi",
                values=(Decimal(program["number"]), Decimal(pk["number"])), expected=Decimal(pk["number"]),
                locations=(Location.of(program), Location.of(pk)),
                fields={"printed": Decimal(program["number"]), "pk": Decimal(pk["number"]),
                        "where": Location.of(program), "where_pk": Location.of(pk)},
            )
