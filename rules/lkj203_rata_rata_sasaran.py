"""LKJ203 — a recap's "rata-rata capaian" of a sasaran must be the mean of that sasaran's own indikator capaian.

The average is often the sasaran's summary figure; one that is not its indikator's mean misstates the
sasaran's performance.

The indikator are those the capaian tables print under the sasaran (in a sasaran column, or in the
caption of a table of one sasaran); each is counted once, by its printed capaian. Indikator without a
numeric capaian (n/a, belum ada data, a predikat) are left out of the mean and named in the finding.
The mean of the printed figures is compared with the printed average as intervals (half-up rounding).

BAHASA INDONESIA:
    "Rata-rata capaian" suatu sasaran strategis di tabel rekapitulasi harus sama dengan rata-rata capaian
    indikator kinerja sasaran itu sendiri. Rata-rata ini sering menjadi angka ringkasan kinerja sasaran;
    rata-rata yang tidak sesuai indikatornya memberi gambaran kinerja yang keliru.

    Indikator yang dihitung adalah yang dicetak tabel capaian di bawah sasaran itu (di kolom sasaran, atau di
    judul tabel satu sasaran); setiap indikator dihitung sekali, dengan capaian tercetaknya. Indikator tanpa
    capaian berupa angka (n/a, belum ada data, predikat) tidak ikut dirata-ratakan dan disebut namanya dalam
    temuan. Rata-rata angka tercetak dibandingkan dengan rata-rata tercetak sebagai rentang (pembulatan
    setengah ke atas), jadi pembulatan cetak tidak dilaporkan. Sasaran yang tidak punya satu pun indikator
    dengan capaian berupa angka tidak dapat diperiksa.

PASS:
    Tabel 3.1 Capaian Kinerja Sasaran 1: Meningkatnya kualitas perencanaan

    | No | Indikator Kinerja | Satuan | Target | Realisasi | Capaian (%) |
    |---|---|---|---|---|---|
    | 1 | Persentase dokumen tepat waktu | % | 90 | 81 | 90,00 |
    | 2 | Indeks inovasi daerah | Indeks | 50 | n/a | - |
    | 3 | Persentase konsistensi program | % | 80 | 84 | 105,00 |

    Tabel 3.2 Rata-rata Capaian Sasaran Strategis

    | No | Sasaran Strategis | Rata-rata Capaian (%) |
    |---|---|---|
    | 1 | Meningkatnya kualitas perencanaan | 97,50 |

FAIL:
    Tabel 3.1 Capaian Kinerja Sasaran 1: Meningkatnya kualitas perencanaan

    | No | Indikator Kinerja | Satuan | Target | Realisasi | Capaian (%) |
    |---|---|---|---|---|---|
    | 1 | Persentase dokumen tepat waktu | % | 90 | 81 | 90,00 |
    | 2 | Indeks inovasi daerah | Indeks | 50 | n/a | - |
    | 3 | Persentase konsistensi program | % | 80 | 84 | 105,00 |

    Tabel 3.2 Rata-rata Capaian Sasaran Strategis

    | No | Sasaran Strategis | Rata-rata Capaian (%) |
    |---|---|---|
    | 1 | Meningkatnya kualitas perencanaan | 65,00 |
"""
from __future__ import annotations

from decimal import Decimal

from auditor.arithmetic import Printed
from auditor.bilingual import Text
from auditor.facts import canonical, same_entity
from auditor.factrows import tabled
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem
from auditor.values import round_half_up

ID = "LKJ203"
TITLE = {"id": "Rata-rata capaian sasaran tidak sama dengan rata-rata indikatornya",
         "en": "A sasaran's average capaian is not the mean of its indikator"}
SEVERITY = "error"
MESSAGE = {
    "id": "Rata-rata capaian sasaran “{subject}” tertulis {printed}%, padahal rata-rata capaian {count} "
          "indikatornya = {computed}% ({where}).{left_out}",
    "en": "The average capaian of sasaran “{subject}” is printed as {printed}%, but the mean capaian of its "
          "{count} indikator = {computed}% ({where}).{left_out}",
}
CONF: dict = {}
DEFAULT: dict = {}
MEASURED_IN = ("capaian_sasaran",)


def check(document, options):
    threshold = document.resolver.threshold
    facts = tabled(document.fact_rows)
    measured = [f for f in facts if f.role in MEASURED_IN and f.kind == "indikator" and f.year is None]
    for average in (f for f in facts if f.attribute == "capaian_rata_rata" and f.kind == "sasaran"):
        if average.number is None:
            continue
        key = (canonical(average.entity), "")
        own = [f for f in measured if f.parent and same_entity((canonical(f.parent), ""), key, threshold)]
        capaian = {f.entity_id: f for f in own if f.attribute == "capaian" and f.number is not None}
        left_out = list(dict.fromkeys(f.entity for f in own if f.entity_id not in capaian))
        if not capaian:
            yield NotCheckable(Text("sasaran tanpa indikator bercapaian angka", "sasaran without numeric indikator capaian"))
            continue
        printed = [Printed.of(f) for f in capaian.values()]
        low = sum(p.low for p in printed) / len(printed)
        high = sum(p.high for p in printed) / len(printed)
        stated = Printed.of(average)
        if stated.overlaps(low, high):
            yield Consistent()
            continue
        mean = sum(p.number for p in printed) / Decimal(len(printed))
        computed = round_half_up(mean, max(stated.decimals, 2))
        yield Problem(
            subject=average.entity, attribute="capaian_rata_rata", values=(average.number, computed),
            expected=round_half_up(mean, stated.decimals),
            locations=(Location.of(average), *(Location.of(f) for f in capaian.values())),
            fields={"printed": average.number, "computed": computed, "count": len(capaian),
                    "where": Location.of(average), "left_out": _left_out(left_out)},
        )


def _left_out(names: list[str]) -> dict:
    if not names:
        return {"id": "", "en": ""}
    listed = ", ".join(f"“{n}”" for n in names)
    return {"id": f" Tidak dihitung (tanpa angka capaian): {listed}.",
            "en": f" Left out (no numeric capaian): {listed}."}
