"""LKJ104 — one report, one formula for indikator where lower is better: either (2 × target − realisasi)
÷ target or target ÷ realisasi, not both.

Two formulas in one report make these indikator's capaian incomparable with each other, and usually mean that
part of the tables was copied from elsewhere or recomputed another way.

Which indikator are lower-is-better is read as LKJ101 reads it (auditor.polarity: what the report says
of the indikator, what it measures, the option `lower_is_better` last). A report that states its
formula is held to it by LKJ101. A row whose capaian both formulas explain (realisasi equal to target) tells
nothing; a capaian that neither explains is LKJ101's.

BAHASA INDONESIA:
    Satu laporan memakai satu rumus untuk indikator yang makin rendah makin baik: (2 × target − realisasi) ÷
    target atau target ÷ realisasi, tidak keduanya. Dua rumus dalam satu laporan membuat capaian
    indikator-indikator itu tidak dapat dibandingkan satu sama lain, dan biasanya berarti sebagian tabel
    disalin dari sumber lain atau dihitung ulang dengan cara lain.

    Indikator yang makin rendah makin baik dikenali seperti pada LKJ101 (apa yang dikatakan laporan tentang
    indikator itu, apa yang diukurnya, dan terakhir opsi `lower_is_better`). Laporan yang menyatakan rumusnya
    sudah diukur dengan rumus itu oleh LKJ101. Baris yang capaiannya dijelaskan kedua rumus (realisasi sama
    dengan target) tidak menunjukkan apa-apa dan dicatat sebagai tidak dapat diperiksa; capaian yang tidak
    dijelaskan rumus mana pun adalah urusan LKJ101.

PASS:
    Tabel III.A.1 Realisasi dan Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya derajat kesehatan | Angka kematian ibu | per 100.000 | 100 | 80 | 120 |
    | 2 | Meningkatnya derajat kesehatan | Angka kesakitan DBD | per 100.000 | 50 | 40 | 120 |

FAIL:
    Tabel III.A.1 Realisasi dan Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya derajat kesehatan | Angka kematian ibu | per 100.000 | 100 | 80 | 120 |
    | 2 | Meningkatnya derajat kesehatan | Angka kesakitan DBD | per 100.000 | 50 | 40 | 125 |
"""
from __future__ import annotations

from auditor.arithmetic import Printed, capaian_formulas
from auditor.bilingual import Text
from auditor.factrows import row_figures, table_rows
from auditor.ruleapi import Consistent, Fact, Location, NotCheckable, Problem
from rules.lkj101_capaian import DEFAULT as CAPAIAN_DEFAULT
from auditor.polarity import read_polarity
from rules.lkj101_capaian import TRIPLES, comparable

ID = "LKJ104"
TITLE = {"id": "Dua rumus capaian untuk indikator yang makin rendah makin baik",
         "en": "Two capaian formulas for lower-is-better indikator"}
SEVERITY = "warning"
MESSAGE = {
    "id": "Capaian indikator yang makin rendah makin baik dihitung dengan dua rumus: {formula_a} untuk "
          "{indikator_a}, tetapi {formula_b} untuk {indikator_b} ({where}).",
    "en": "Capaian of lower-is-better indikator is computed with two formulas: {formula_a} for {indikator_a}, "
          "but {formula_b} for {indikator_b} ({where}).",
}
CONF = {"lower_is_better": list}
DEFAULT = {"lower_is_better": list(CAPAIAN_DEFAULT["lower_is_better"])}


def check(document, options):
    used: dict[str, list[Fact]] = {}  # formula -> the capaian printed with it
    polarity = read_polarity(document, options["lower_is_better"])
    for facts in table_rows(document.fact_rows):
        values = row_figures(facts)
        triple = next((t for t in TRIPLES if t[2] in values and t[0] in values and t[1] in values), None)
        if triple is None:
            continue
        target, realisasi, capaian = (values[a] for a in triple)
        if not polarity.lower_is_better(capaian.entity) or not comparable(target, realisasi):
            continue
        printed = Printed.of(capaian)
        formulas = capaian_formulas(target.number, realisasi.number, True)
        matching = [name for name, value in formulas.items() if printed.contains(value)]
        if len(matching) > 1:
            yield NotCheckable(Text("kedua rumus indikator negatif menghasilkan capaian tercetak", "both lower-is-better formulas give the printed capaian"))
        elif matching:
            used.setdefault(matching[0], []).append(capaian)
    if len(used) < 2:
        for _ in (c for printed in used.values() for c in printed):
            yield Consistent()
        return
    # the formula fewer indikator use is the odd one out
    (formula_a, common), (formula_b, odd) = sorted(used.items(), key=lambda item: -len(_names(item[1])))
    yield Problem(
        subject=_names(odd)[0], attribute="capaian",
        values=tuple(c.number for c in odd), expected=None,
        locations=tuple(Location.of(c) for c in odd + common),
        fields={"formula_a": formula_a, "indikator_a": _listed(common), "formula_b": formula_b,
                "indikator_b": _listed(odd), "where": Location.of(odd[0])},
    )


def _names(capaian: list[Fact]) -> list[str]:
    return list(dict.fromkeys(c.entity for c in capaian))


def _listed(capaian: list[Fact]) -> str:
    return ", ".join(f"“{name}”" for name in _names(capaian))
