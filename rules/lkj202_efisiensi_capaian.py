"""LKJ202 — the capaian a kegiatan gets in the efficiency table must be its capaian in the realisasi
kinerja table (the tree of tujuan → sasaran → program → kegiatan).

The efisiensi is computed from that capaian; a capaian taken from another row makes the kegiatan's efisiensi
wrong even when the formula is right.

Only kegiatan rows that state their own kinerja are compared; rows that repeat their indikator's
target and realisasi (as the Sumenep template does) are the indikator's and are checked by LKJ201.
Two conventions are in use: the kegiatan's own capaian (257%), or that capaian capped at 100% so
that efisiensi is not inflated; either is accepted (the capped one unless option `cap_at_100` is
off), and a figure that is neither is reported with the conventions tried.

BAHASA INDONESIA:
    Capaian suatu kegiatan di tabel efisiensi harus sama dengan capaiannya di tabel realisasi kinerja (pohon
    tujuan → sasaran → program → kegiatan). Tingkat efisiensi dihitung dari capaian itu; capaian yang diambil
    dari baris lain membuat efisiensi kegiatan tidak benar walaupun rumusnya benar.

    Hanya baris kegiatan yang mencantumkan kinerjanya sendiri yang dibandingkan; baris yang mengulang target
    dan realisasi indikatornya (seperti templat Sumenep) adalah milik indikator dan diperiksa oleh LKJ201. Dua
    cara lazim dipakai: capaian kegiatan itu sendiri (misalnya 257%), atau capaian itu yang dibatasi 100% agar
    efisiensi tidak menggelembung; keduanya diterima (yang dibatasi, kecuali opsi `cap_at_100` dimatikan), dan
    angka yang bukan salah satunya dilaporkan beserta cara-cara yang sudah dicoba. Kegiatan yang tidak ada di
    tabel realisasi kinerja tidak dapat diperiksa.

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
from auditor.values import format_number

ID = "LKJ202"
TITLE = {"id": "Capaian di tabel efisiensi berbeda dengan capaian kegiatan",
         "en": "Capaian in the efficiency table differs from the kegiatan's capaian"}
SEVERITY = "error"
MESSAGE = {
    "id": "Tabel efisiensi memakai capaian {printed}% untuk kegiatan “{subject}” ({where}), tidak sesuai dengan "
          "{tried} ({where_actual}).",
    "en": "The efficiency table uses a capaian of {printed}% for kegiatan “{subject}” ({where}), which matches "
          "neither {tried} ({where_actual}).",
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
        own = stated.number
        conventions = [own]
        if options["cap_at_100"] and own > 100:
            conventions.append(Decimal(100))
        printed = fact.number
        if any(agree(Printed.of(fact), Printed(value, stated.decimals)) for value in conventions):
            yield Consistent()
            continue
        yield Problem(
            subject=fact.entity, attribute="capaian",
            values=(printed, own), expected=min(conventions, key=lambda value: abs(value - printed)),
            locations=(Location.of(fact), Location.of(stated)),
            fields={"printed": printed, "tried": _tried(own, len(conventions) > 1),
                    "where": Location.of(fact), "where_actual": Location.of(stated)},
        )


def _tried(own: Decimal, capped: bool) -> dict:
    """The conventions compared, in both languages."""
    figure = format_number(own, "id"), format_number(own, "en")
    if not capped:
        return {"id": f"capaian kegiatan itu sendiri, {figure[0]}%", "en": f"the kegiatan's own capaian, {figure[1]}%"}
    return {"id": f"capaian kegiatan itu sendiri ({figure[0]}%) maupun capaian yang dibatasi 100% (100%)",
            "en": f"the kegiatan's own capaian ({figure[1]}%) nor that capaian capped at 100% (100%)"}
