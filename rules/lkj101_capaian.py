"""LKJ101 — capaian must be realisasi ÷ target × 100 (or a lower-is-better formula), as printed.

Capaian is the figure the leadership reads to judge performance; one that does not follow from its target and
realisasi means a miscalculation, a typo, or that one of the three figures is wrong.

Which indikator are lower-is-better is read from the report (auditor.polarity): what it says of an
indikator ("semakin kecil semakin baik"), what the indikator measures (angka kematian, prevalensi,
waktu tunggu, NDR …), and the option `lower_is_better` last. Their capaian is (2 × target − realisasi) ÷
target or target ÷ realisasi, the one the report states when it states one; realisasi ÷ target is an error.

A printed capaian stands for the interval its rounding covers: "84" is anything in [83,5; 84,5).
Target and realisasi are taken as printed. When the capaian only agrees if the printed percentages
were themselves rounded, the finding is a warning, not an error. In the efficiency table a capaian
over 100% may be printed capped at 100% so that efisiensi is not inflated (option `cap_at_100`, shared
with LKJ202).

BAHASA INDONESIA:
    Capaian setiap indikator kinerja harus sama dengan realisasi ÷ target × 100, atau rumus indikator yang
    makin rendah makin baik, sebagaimana tercetak di baris yang sama. Capaian adalah angka yang dibaca
    pimpinan untuk menilai kinerja; capaian yang tidak cocok dengan target dan realisasinya berarti salah
    hitung, salah ketik, atau salah satu dari ketiga angka itu keliru.

    Indikator yang makin rendah makin baik dikenali dari laporan itu sendiri: apa yang dikatakan laporan
    tentang indikator itu ("semakin kecil semakin baik"), apa yang diukurnya (angka kematian, prevalensi,
    waktu tunggu, NDR …), dan terakhir opsi `lower_is_better`. Capaiannya dihitung dengan (2 × target −
    realisasi) ÷ target atau target ÷ realisasi, yaitu rumus yang dinyatakan laporan bila laporan
    menyatakannya; realisasi ÷ target untuk indikator seperti ini adalah kesalahan.

    Capaian tercetak mewakili rentang pembulatannya: "84" berarti nilai berapa pun dalam [83,5; 84,5), jadi
    pembulatan cetak tidak dilaporkan. Target dan realisasi diambil apa adanya. Bila capaian baru cocok dengan
    anggapan bahwa persentase target dan realisasi yang tercetak sudah dibulatkan, temuannya peringatan, bukan
    kesalahan. Di tabel efisiensi capaian di atas 100% boleh tercetak dibatasi 100% agar efisiensi tidak
    menggelembung (opsi `cap_at_100`, sama dengan LKJ202). Target yang bukan angka (predikat seperti `B`) tidak punya capaian dan dilewati; realisasi yang
    bukan angka, target dan realisasi dengan satuan berbeda, dan target nol dicatat sebagai tidak dapat
    diperiksa.

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

from decimal import Decimal

from auditor import hints
from auditor.arithmetic import NORMAL_FORMULA, Printed, capaian_formulas
from auditor.bilingual import Text
from auditor.factrows import row_figures, table_rows
from auditor.polarity import Polarity, read_polarity
from auditor.ruleapi import Consistent, Fact, Location, NotCheckable, Problem
from auditor.values import round_half_up
from rules.lkj202_efisiensi_capaian import DEFAULT as EFISIENSI_DEFAULT

ID = "LKJ101"
TITLE = {"id": "Capaian tidak sama dengan realisasi ÷ target", "en": "Capaian is not realisasi ÷ target"}
SEVERITY = "error"
MESSAGE = {
    "id": "Capaian “{subject}” tertulis {printed}%, padahal dengan target {target} dan realisasi {realisasi}, {formula} = {computed}% ({where}).{hint}",
    "en": "Capaian of “{subject}” is printed as {printed}%, but with target {target} and realisasi {realisasi}, {formula} = {computed}% ({where}).{hint}",
}
CONF = {"lower_is_better": list, "cap_at_100": bool}
DEFAULT = {"cap_at_100": EFISIENSI_DEFAULT["cap_at_100"], "lower_is_better": [r"^angka kematian", r"^angka kesakitan", r"prevalensi", r"tingkat pengangguran",
                               r"angka kemiskinan", r"^jumlah kasus"]}

# (target, realisasi, capaian) attribute triples a row may print
TRIPLES = (
    ("target", "realisasi", "capaian"),
    ("target_renstra", "realisasi", "capaian_renstra"),
    ("target_efisiensi", "realisasi_efisiensi", "capaian_efisiensi"),
)
EFISIENSI_TRIPLE = TRIPLES[2]


def formulas_for(polarity: Polarity, name: str, target, realisasi) -> dict:
    """The capaian each formula the report may use gives: the lower-is-better formula it states, when it
    states one; both when it does not."""
    lower = polarity.lower_is_better(name)
    formulas = capaian_formulas(target, realisasi, lower)
    if lower and len(polarity.stated_formulas) == 1 and polarity.stated_formulas[0] in formulas:
        return {polarity.stated_formulas[0]: formulas[polarity.stated_formulas[0]]}
    return formulas


def comparable(target: Fact, realisasi: Fact) -> bool:
    """Target and realisasi must measure the same thing: both percentages, or counts of the same unit."""
    kinds = {target.value_kind, realisasi.value_kind}
    if kinds == {"quantity"}:
        return target.unit == realisasi.unit
    return not ("quantity" in kinds and "percent" in kinds)


def check(document, options):
    polarity = read_polarity(document, options["lower_is_better"])
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
        formulas = formulas_for(polarity, capaian.entity, target.number, realisasi.number)
        candidates = list(formulas.values())
        if not candidates:
            yield NotCheckable(Text("target nol", "target is zero"))
            continue
        printed = Printed.of(capaian)
        if options["cap_at_100"] and triple == EFISIENSI_TRIPLE and min(candidates) > 100:
            candidates.append(Decimal(100))
        if any(printed.contains(c) for c in candidates):
            yield Consistent()
            continue
        lower = NORMAL_FORMULA not in formulas
        severity = "warning" if not lower and _agrees_if_rounded(target, realisasi, printed) else None
        computed = round_half_up(candidates[0], max(printed.decimals, 2))
        hint = hints.for_ratio(document, capaian, candidates[0], realisasi.number, target.number,
                               ("target", "target_renstra"))
        if lower and printed.contains(realisasi.number / target.number * 100):
            hint = hints.normal_formula_for_lower(capaian.entity, polarity.why(capaian.entity))
        yield Problem(
            subject=capaian.entity, attribute="capaian",
            values=(printed.number, computed), expected=round_half_up(candidates[0], printed.decimals),
            locations=(Location.of(capaian), Location.of(realisasi), Location.of(target)),
            fields={"printed": printed.number, "realisasi": realisasi.text, "target": target.text,
                    "computed": computed, "where": Location.of(capaian), "formula": next(iter(formulas)),
                    "hint": hint},
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
