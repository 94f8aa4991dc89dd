"""LKJ102 — penyerapan anggaran must be realisasi anggaran ÷ alokasi × 100, as printed.

Penyerapan is the figure a reviewer reads for budget execution, and the tingkat efisiensi is derived from it.
The printed penyerapan stands for the interval its rounding covers; the Rupiah figures are exact. A row
without its alokasi or its realisasi anggaran, or with an alokasi of zero, is not checkable.

BAHASA INDONESIA:
    Penyerapan anggaran setiap program atau kegiatan harus sama dengan realisasi anggaran ÷ alokasi (pagu) ×
    100, sebagaimana tercetak di baris yang sama. Penyerapan adalah angka yang dibaca pereviu untuk menilai
    pelaksanaan anggaran, dan tingkat efisiensi diturunkan darinya; penyerapan yang salah hitung membuat
    keduanya menyesatkan.

    Penyerapan tercetak mewakili rentang pembulatannya ("95,97" berarti [95,965; 95,975)); angka Rupiah
    dianggap pasti. Baris tanpa alokasi atau realisasi anggaran, atau dengan alokasi nol, tidak dapat
    diperiksa.

PASS:
    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I.2 | Penyediaan jasa komunikasi, sumber daya air dan listrik | 15.000.000 | 5.280.000 | 35,20% |

FAIL:
    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I.2 | Penyediaan jasa komunikasi, sumber daya air dan listrik | 15.000.000 | 5.280.000 | 53,20% |
"""
from __future__ import annotations

from auditor import hints
from auditor.arithmetic import Printed, ratio
from auditor.bilingual import Text
from auditor.factrows import row_figures, table_rows
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem
from auditor.values import round_half_up

ID = "LKJ102"
TITLE = {"id": "Penyerapan tidak sama dengan realisasi ÷ alokasi anggaran",
         "en": "Absorption is not budget spent ÷ allocation"}
SEVERITY = "error"
MESSAGE = {
    "id": "Penyerapan anggaran “{subject}” tertulis {printed}%, padahal {realisasi} ÷ {alokasi} = {computed}% ({where}).{hint}",
    "en": "Budget absorption of “{subject}” is printed as {printed}%, but {realisasi} ÷ {alokasi} = {computed}% ({where}).{hint}",
}
CONF: dict = {}
DEFAULT: dict = {}


def check(document, options):
    for facts in table_rows(document.fact_rows, by_entity=False):
        values = row_figures(facts)
        if "penyerapan" not in values:
            continue
        alokasi, spent, penyerapan = values.get("alokasi"), values.get("realisasi_anggaran"), values["penyerapan"]
        if alokasi is None or spent is None:
            yield NotCheckable(Text("angka anggaran tidak lengkap di baris", "budget figures missing in the row"))
            continue
        exact = ratio(spent.number, alokasi.number)
        if exact is None:
            yield NotCheckable(Text("alokasi nol", "allocation is zero"))
            continue
        printed = Printed.of(penyerapan)
        if printed.contains(exact):
            yield Consistent()
            continue
        yield Problem(
            subject=penyerapan.entity, attribute="penyerapan",
            values=(printed.number, round_half_up(exact, 2)), expected=round_half_up(exact, max(printed.decimals, 2)),
            locations=(Location.of(penyerapan), Location.of(spent), Location.of(alokasi)),
            fields={"printed": printed.number, "realisasi": spent.number, "alokasi": alokasi.number,
                    "computed": round_half_up(exact, 2), "where": Location.of(penyerapan),
                    "hint": hints.for_ratio(document, penyerapan, exact, spent.number, alokasi.number,
                                            ("pagu", "pagu_sebelum"))},
        )
