"""LKJ202 — the capaian a kegiatan gets in the efficiency table must be its capaian in the realisasi
kinerja table (the tree of tujuan → sasaran → program → kegiatan).

Only kegiatan rows that state their own kinerja are compared; rows that repeat their indikator's
target and realisasi (as the Sumenep template does) are the indikator's and are checked by LKJ201.
A capaian above 100% may be capped at 100% for the efficiency computation (option `cap_at_100`).

PASS:
    Tabel III.E.1 Efisiensi Penggunaan Sumber Daya

    | No | SASARAN STRATEGIS | INDIKATOR KINERJA | KEGIATAN | KINERJA | | | ANGGARAN | | | TINGKAT EFISIENSI |
    |---|---|---|---|---|---|---|---|---|---|---|
    | | | | | TARGET | REALISASI | CAPAIAN | ALOKASI (Rp) | REALISASI (Rp) | PENYERAPAN ANGGARAN | |
    | 1 | Meningkatnya X | Indeks Y | Penyediaan makanan dan minuman | 100% | 58% | 58% | 21.980.000 | 21.980.000 | 100% | -41,67% |

    Tabel III.F.1 Realisasi Kinerja

    | NO | TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|
    | I.1.1 | Meningkatnya X | Indeks Y | B | Belum ada penilaian | - |
    | I.1.1.1 | Program Z | Pemenuhan kebutuhan | 100 % | 100 % | 100% |
    | I.1.1.1.6 | Penyediaan makanan dan minuman | Jumlah tersedianya makanan dan minuman | 12 Rapat | 7 Rapat | 58% |

FAIL:
    Tabel III.E.1 Efisiensi Penggunaan Sumber Daya

    | No | SASARAN STRATEGIS | INDIKATOR KINERJA | KEGIATAN | KINERJA | | | ANGGARAN | | | TINGKAT EFISIENSI |
    |---|---|---|---|---|---|---|---|---|---|---|
    | | | | | TARGET | REALISASI | CAPAIAN | ALOKASI (Rp) | REALISASI (Rp) | PENYERAPAN ANGGARAN | |
    | 1 | Meningkatnya X | Indeks Y | Penyediaan makanan dan minuman | 100% | 100% | 100% | 21.980.000 | 21.980.000 | 100% | 0,00% |

    Tabel III.F.1 Realisasi Kinerja

    | NO | TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|
    | I.1.1 | Meningkatnya X | Indeks Y | B | Belum ada penilaian | - |
    | I.1.1.1 | Program Z | Pemenuhan kebutuhan | 100 % | 100 % | 100% |
    | I.1.1.1.6 | Penyediaan makanan dan minuman | Jumlah tersedianya makanan dan minuman | 12 Rapat | 7 Rapat | 58% |
"""
from __future__ import annotations

from decimal import Decimal

from auditor.arithmetic import Printed, agree
from auditor.bilingual import Text
from auditor.factrows import this_year
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem

ID = "LKJ202"
TITLE = {"id": "Capaian di tabel efisiensi berbeda dengan capaian kegiatan",
         "en": "Capaian in the efficiency table differs from the kegiatan's capaian"}
SEVERITY = "error"
MESSAGE = {
    "id": "Tabel efisiensi memakai capaian {printed}% untuk kegiatan “{subject}” ({where}), padahal capaiannya "
          "{actual}% ({where_actual}).",
    "en": "The efficiency table uses a capaian of {printed}% for kegiatan “{subject}” ({where}), but its capaian "
          "is {actual}% ({where_actual}).",
}
CONF = {"cap_at_100": bool}
DEFAULT = {"cap_at_100": True}


def check(document, options):
    numeric = [f for f in this_year(document.fact_rows) if f.number is not None]
    actual = [f for f in numeric if f.attribute == "capaian" and f.role == "realisasi_tree"]
    for fact in (f for f in numeric if f.attribute == "capaian_efisiensi"):
        stated = next((f for f in actual if f.entity_id == fact.entity_id), None)
        if stated is None:
            yield NotCheckable(Text("kegiatan tidak ada di tabel realisasi kinerja", "kegiatan not found in the realisasi kinerja table"))
            continue
        expected = stated.number
        if options["cap_at_100"]:
            expected = min(expected, Decimal(100))
        if agree(Printed.of(fact), Printed(expected, stated.decimals)):
            yield Consistent()
            continue
        yield Problem(
            subject=fact.entity, attribute="capaian",
            values=(fact.number, stated.number), expected=expected,
            locations=(Location.of(fact), Location.of(stated)),
            fields={"printed": fact.number, "actual": stated.number,
                    "where": Location.of(fact), "where_actual": Location.of(stated)},
        )
