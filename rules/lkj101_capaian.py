"""LKJ101 — capaian must be realisasi ÷ target × 100 (or a lower-is-better formula), as printed.

A printed capaian stands for the interval its rounding covers: "84" is anything in [83,5; 84,5).
Target and realisasi are taken as printed. When the capaian only agrees if the printed percentages
were themselves rounded, the finding is a warning, not an error.

PASS:
    Tabel III.A.1 Realisasi dan Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |

FAIL:
    Tabel III.A.1 Realisasi dan Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 90 |
"""
from __future__ import annotations

import re

from auditor import hints
from auditor.arithmetic import Printed, capaian_candidates
from auditor.bilingual import Text
from auditor.factrows import row_figures, table_rows
from auditor.ruleapi import Consistent, Fact, Location, NotCheckable, Problem
from auditor.values import round_half_up

ID = "LKJ101"
TITLE = {"id": "Capaian tidak sama dengan realisasi ÷ target", "en": "Capaian is not realisasi ÷ target"}
SEVERITY = "error"
MESSAGE = {
    "id": "Capaian “{subject}” tertulis {printed}%, padahal realisasi {realisasi} ÷ target {target} = {computed}% ({where}).{hint}",
    "en": "Capaian of “{subject}” is printed as {printed}%, but realisasi {realisasi} ÷ target {target} = {computed}% ({where}).{hint}",
}
CONF = {"lower_is_better": list}
DEFAULT = {"lower_is_better": [r"^angka kematian", r"^angka kesakitan", r"prevalensi", r"tingkat pengangguran",
                               r"angka kemiskinan", r"^jumlah kasus"]}

# (target, realisasi, capaian) attribute triples a row may print
TRIPLES = (
    ("target", "realisasi", "capaian"),
    ("target_renstra", "realisasi", "capaian_renstra"),
    ("target_efisiensi", "realisasi_efisiensi", "capaian_efisiensi"),
)


def lower_is_better(name: str, patterns: list[str]) -> bool:
    return any(re.search(p, name, re.IGNORECASE) for p in patterns)


def comparable(target: Fact, realisasi: Fact) -> bool:
    """Target and realisasi must measure the same thing: both percentages, or counts of the same unit."""
    kinds = {target.value_kind, realisasi.value_kind}
    if kinds == {"quantity"}:
        return target.unit == realisasi.unit
    return not ("quantity" in kinds and "percent" in kinds)


def check(document, options):
    for facts in table_rows(document.fact_rows):
        values = row_figures(facts)
        triple = next((t for t in TRIPLES if t[2] in values and t[0] in values), None)
        if triple is None:
            continue
        target, realisasi, capaian = (values.get(a) for a in triple)
        if realisasi is None:
            yield NotCheckable(Text("realisasi bukan angka", "realisasi is not a number"))
            continue
        if not comparable(target, realisasi):
            yield NotCheckable(Text("satuan target dan realisasi berbeda", "target and realisasi in different units"))
            continue
        candidates = capaian_candidates(target.number, realisasi.number,
                                        lower_is_better(capaian.entity, options["lower_is_better"]))
        if not candidates:
            yield NotCheckable(Text("target nol", "target is zero"))
            continue
        printed = Printed.of(capaian)
        if any(printed.contains(c) for c in candidates):
            yield Consistent()
            continue
        severity = "warning" if _agrees_if_rounded(target, realisasi, printed) else None
        computed = round_half_up(candidates[0], max(printed.decimals, 2))
        yield Problem(
            subject=capaian.entity, attribute="capaian",
            values=(printed.number, computed), expected=round_half_up(candidates[0], printed.decimals),
            locations=(Location.of(capaian), Location.of(realisasi), Location.of(target)),
            fields={"printed": printed.number, "realisasi": realisasi.text, "target": target.text,
                    "computed": computed, "where": Location.of(capaian),
                    "hint": hints.for_ratio(document, capaian, candidates[0], realisasi.number, target.number,
                                            ("target", "target_renstra"))},
            severity=severity,
        )


def _agrees_if_rounded(target: Fact, realisasi: Fact, printed: Printed) -> bool:
    """Printed percentages may be rounded ratios themselves; quantities and Rupiah are exact."""
    if "percent" not in {target.value_kind, realisasi.value_kind} and target.unit != "%":
        return False
    t, r = Printed.of(target), Printed.of(realisasi)
    if t.low <= 0:
        return False
    return printed.overlaps(r.low / t.high * 100, r.high / t.low * 100)
