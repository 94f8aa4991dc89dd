"""LKJ103 — tingkat efisiensi must follow from the row's capaian and penyerapan, by the formula the report states.

Efisiensi tells whether the budget was spent sparingly for the performance achieved; a figure that does not
follow the report's own formula cannot tell that.

Districts differ: capaian − penyerapan; the share of the budget left, (1 − realisasi ÷ anggaran) × 100
("sisa anggaran"); or the score 50% + (E/20 × 50%) with E that share. The formula the report's text
states is used; the option `formula` when it states none. The capaian is taken as the interval its print
stands for; penyerapan exactly from the Rupiah figures when the row has them.

BAHASA INDONESIA:
    Tingkat efisiensi setiap baris harus mengikuti capaian dan penyerapan anggaran baris itu, menurut rumus
    yang dinyatakan laporan. Efisiensi menunjukkan apakah anggaran dipakai hemat untuk kinerja yang dicapai;
    angka yang tidak mengikuti rumusnya sendiri tidak dapat dipakai untuk menilai hal itu.

    Rumusnya berbeda antardaerah: capaian − penyerapan (templat Sumenep, kolom `11=7-10`); bagian anggaran
    yang tersisa, (1 − realisasi ÷ anggaran) × 100 ("sisa anggaran"); atau nilai 50% + (E/20 × 50%) dengan E
    bagian yang tersisa itu. Dipakai rumus yang dinyatakan teks laporan; bila laporan tidak menyatakannya,
    opsi `formula`. Capaian diambil sebagai rentang yang diwakili angka cetaknya, penyerapan dihitung persis
    dari angka Rupiah bila baris memuatnya, sehingga pembulatan cetak tidak dilaporkan. Baris tanpa capaian
    atau penyerapan, atau dengan penyerapan nol, tidak dapat diperiksa.

PASS:
    Tabel III.E.1 Efisiensi Penggunaan Sumber Daya

    | No | SASARAN STRATEGIS | INDIKATOR KINERJA | KEGIATAN | KINERJA | | | ANGGARAN | | | TINGKAT EFISIENSI |
    |---|---|---|---|---|---|---|---|---|---|---|
    | | | | | TARGET | REALISASI | CAPAIAN | ALOKASI (Rp) | REALISASI (Rp) | PENYERAPAN ANGGARAN | |
    | 1 | Meningkatnya X | Indeks Y | Penyediaan jasa komunikasi | 100% | 100% | 100% | 15.000.000 | 5.280.000 | 35% | 64,80% |

FAIL:
    Tabel III.E.1 Efisiensi Penggunaan Sumber Daya

    | No | SASARAN STRATEGIS | INDIKATOR KINERJA | KEGIATAN | KINERJA | | | ANGGARAN | | | TINGKAT EFISIENSI |
    |---|---|---|---|---|---|---|---|---|---|---|
    | | | | | TARGET | REALISASI | CAPAIAN | ALOKASI (Rp) | REALISASI (Rp) | PENYERAPAN ANGGARAN | |
    | 1 | Meningkatnya X | Indeks Y | Penyediaan jasa komunikasi | 100% | 100% | 100% | 15.000.000 | 5.280.000 | 35% | 46,80% |
"""
from __future__ import annotations

import re
from decimal import Decimal

from auditor.arithmetic import Printed, ratio
from auditor.bilingual import Text
from auditor.factrows import row_figures, table_rows
from auditor.ruleapi import Consistent, Fact, Location, NotCheckable, Problem
from auditor.values import round_half_up

ID = "LKJ103"
TITLE = {"id": "Tingkat efisiensi tidak sesuai rumus", "en": "Efficiency does not follow the formula"}
SEVERITY = "error"
MESSAGE = {
    "id": "Tingkat efisiensi “{subject}” tertulis {printed}%, padahal {formula} = {computed}% ({where}).",
    "en": "Efficiency of “{subject}” is printed as {printed}%, but {formula} = {computed}% ({where}).",
}
CONF = {"formula": str}
DEFAULT = {"formula": "capaian - penyerapan"}
# each formula maps the (low, high) bounds of capaian and penyerapan to the bounds of the efficiency
FORMULAS = {
    "capaian - penyerapan": lambda c, p: (c[0] - p[1], c[1] - p[0]),
    "capaian / penyerapan": lambda c, p: (c[0] / p[1] * 100, c[1] / p[0] * 100) if p[0] > 0 else None,
    "100 - penyerapan": lambda c, p: (100 - p[1], 100 - p[0]),
    "50 + (100 - penyerapan) / 20 × 50": lambda c, p: (50 + (100 - p[1]) * 5 / 2, 50 + (100 - p[0]) * 5 / 2),
}
# How reports state each formula in their text.
STATED = {
    "capaian - penyerapan": re.compile(r"capaian(?:\s+kinerja)?\s*[-−–]\s*(?:persentase\s+)?penyerapan"
                                       r"|selisih\s+(?:antara\s+)?capaian\s+kinerja\s+(?:dengan|dan)\s+(?:persentase\s+)?"
                                       r"penyerapan", re.IGNORECASE),
    "100 - penyerapan": re.compile(r"\b1\s*[-−–]\s*\(?\s*realisasi(?:\s+anggaran)?\s*[/:÷]\s*(?:pagu\s+)?"
                                   r"(?:anggaran|pagu|alokasi)|100\s*%?\s*[-−–]\s*(?:persentase\s+)?penyerapan",
                                   re.IGNORECASE),
    "50 + (100 - penyerapan) / 20 × 50": re.compile(r"50\s*%?\s*\+\s*\(?\s*E\s*/\s*20", re.IGNORECASE),
}


def stated_formula(document) -> str | None:
    """The one efficiency formula the text states; None when it states none (or several: the score names
    its E, so the score wins over the E it is built on)."""
    found = {name for name, pattern in STATED.items() for block in document.text if pattern.search(block.text)}
    if "50 + (100 - penyerapan) / 20 × 50" in found:
        return "50 + (100 - penyerapan) / 20 × 50"
    return found.pop() if len(found) == 1 else None


def check(document, options):
    name = stated_formula(document) or options["formula"]
    formula = FORMULAS[name]
    for facts in table_rows(document.fact_rows, by_entity=False):
        values = row_figures(facts)
        if "efisiensi" not in values:
            continue
        efisiensi = values["efisiensi"]
        capaian = values.get("capaian_efisiensi", values.get("capaian"))
        penyerapan = _penyerapan_bounds(values)
        if capaian is None or penyerapan is None:
            yield NotCheckable(Text("capaian atau penyerapan tidak ada di baris", "capaian or absorption missing in the row"))
            continue
        printed_capaian = Printed.of(capaian)
        bounds = formula((printed_capaian.low, printed_capaian.high), penyerapan)
        if bounds is None:
            yield NotCheckable(Text("penyerapan nol", "absorption is zero"))
            continue
        printed = Printed.of(efisiensi)
        if printed.overlaps(*bounds):
            yield Consistent()
            continue
        middle = formula((printed_capaian.number, printed_capaian.number), (sum(penyerapan) / 2, sum(penyerapan) / 2))
        computed = round_half_up(middle[0], max(printed.decimals, 2))
        yield Problem(
            subject=efisiensi.entity, attribute="efisiensi",
            values=(printed.number, computed), expected=computed,
            locations=(Location.of(efisiensi), Location.of(capaian)),
            fields={"printed": printed.number, "formula": name, "computed": computed,
                    "where": Location.of(efisiensi)},
        )


def _penyerapan_bounds(values: dict[str, Fact]) -> tuple[Decimal, Decimal] | None:
    """Exact from the Rupiah when the row prints them; else the printed percentage's interval."""
    if "alokasi" in values and "realisasi_anggaran" in values:
        exact = ratio(values["realisasi_anggaran"].number, values["alokasi"].number)
        if exact is not None:
            return exact, exact
    if "penyerapan" in values:
        printed = Printed.of(values["penyerapan"])
        return printed.low, printed.high
    return None
