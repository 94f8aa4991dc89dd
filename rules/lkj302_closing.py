"""LKJ302 — the closing claims must follow from the tables: total realisasi and anggaran, penyerapan,
efisiensi and the average capaian.

The closing is the most quoted part of the report; a figure there that does not come from the report's own
tables misleads its readers.

The totals are the JUMLAH row of the realisasi anggaran table. Penyerapan is realisasi ÷ anggaran
× 100 and efisiensi 100 − penyerapan, as the summary words it ("penyerapan anggaran sebesar 95,97%
atau efisiensi sebesar 4,03%"); a printed figure stands for the interval its rounding covers. "Rata-rata
capaian … adalah X%" is the mean capaian of the indikator in the sasaran table, or of the programs
when the sentence speaks of programs; when it speaks of both and the two means differ, the claim is
not checkable rather than guessed. The mean stands for the interval the printed capaian's roundings
cover, since a report may average the exact values behind them.

BAHASA INDONESIA:
    Kesimpulan di bagian penutup harus sesuai dengan tabel: total realisasi dan anggaran, penyerapan anggaran,
    efisiensi dan rata-rata capaian. Kesimpulan adalah bagian yang paling banyak dikutip; angka yang tidak
    berasal dari tabel laporan sendiri menyesatkan pembacanya.

    Totalnya adalah baris JUMLAH tabel realisasi anggaran. Penyerapan = realisasi ÷ anggaran × 100 dan
    efisiensi = 100 − penyerapan, sebagaimana kesimpulan merumuskannya ("penyerapan anggaran sebesar 95,97%
    atau efisiensi sebesar 4,03%"); angka tercetak mewakili rentang pembulatannya. "Rata-rata capaian … adalah
    X%" adalah rata-rata capaian indikator di tabel sasaran, atau rata-rata capaian program bila kalimatnya
    berbicara tentang program; bila kalimat berbicara tentang keduanya dan kedua rata-rata berbeda, klaim itu
    tidak dapat diperiksa dan tidak ditebak. Rata-rata itu mewakili rentang pembulatan capaian yang tercetak,
    karena laporan bisa merata-ratakan nilai persis di baliknya. Kesimpulan yang tabel pembandingnya tidak ada juga tidak dapat
    diperiksa.

PASS:
    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALIASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen dan Pelayanan Administrasi | 455.365.200 | 437.030.200 | 95,97% |
    | | JUMLAH | 455.365.200 | 437.030.200 | 95,97% |

    Sedangkan untuk capaian realisasi anggaran sebesar Rp.437.030.200,- dari jumlah anggaran yang ditetapkan yaitu sebesar Rp.455.365.200,- itu artinya penyerapan anggaran sebesar 95,97% atau efisiensi sebesar 4,03%.

FAIL:
    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALIASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen dan Pelayanan Administrasi | 455.365.200 | 437.030.200 | 95,97% |
    | | JUMLAH | 455.365.200 | 437.030.200 | 95,97% |

    Sedangkan untuk capaian realisasi anggaran sebesar Rp.473.030.200,- dari jumlah anggaran yang ditetapkan yaitu sebesar Rp.455.365.200,- itu artinya penyerapan anggaran sebesar 95,97% atau efisiensi sebesar 4,03%.
"""
from __future__ import annotations

from decimal import Decimal

from auditor.arithmetic import HUNDRED, Printed, ratio
from auditor.bilingual import Text
from auditor.factrows import grouped, narrated, tabled
from auditor.ruleapi import Consistent, Fact, Location, NotCheckable, Problem
from auditor.terms import attribute_label
from auditor.values import round_half_up

ID = "LKJ302"
TITLE = {"id": "Kesimpulan tidak sesuai tabel", "en": "A closing claim does not follow from the tables"}
SEVERITY = "error"
MESSAGE = {
    "id": "{label} dalam kesimpulan tertulis {printed}, padahal dari tabel {computed} ({basis}; {where}).",
    "en": "{label} in the summary is printed as {printed}, but the tables give {computed} ({basis}; {where}).",
}
CONF: dict = {}
DEFAULT: dict = {}
_BASIS = {
    "jumlah": {"id": "baris JUMLAH", "en": "the JUMLAH row"},
    "penyerapan": {"id": "realisasi ÷ anggaran", "en": "realisasi ÷ anggaran"},
    "efisiensi": {"id": "100 − penyerapan", "en": "100 − penyerapan"},
    "indikator": {"id": "rata-rata capaian indikator", "en": "mean capaian of the indikator"},
    "program": {"id": "rata-rata capaian program", "en": "mean capaian of the programs"},
}


def check(document, options):
    claims = [f for f in narrated(document.fact_rows) if f.kind == "total"]
    if not claims:
        return
    printed = tabled(document.fact_rows)
    jumlah = [f for f in printed if f.role == "realisasi_anggaran" and f.kind == "total"]
    totals = {f.attribute: f.number for f in jumlah if f.number is not None}
    for claim in claims:
        attribute = claim.attribute
        if attribute == "capaian_rata_rata":
            expected = _averages(printed, claim.text)
        elif attribute in ("realisasi_anggaran", "alokasi"):
            expected = {"jumlah": _exact(totals[attribute])} if attribute in totals else {}
        elif "alokasi" in totals and "realisasi_anggaran" in totals and totals["alokasi"]:
            absorbed = ratio(totals["realisasi_anggaran"], totals["alokasi"])
            expected = {"penyerapan": _exact(absorbed)} if attribute == "penyerapan" else {"efisiensi": _exact(HUNDRED - absorbed)}
        else:
            expected = {}
        yield from _judge(claim, expected, jumlah)


def _exact(value: Decimal) -> tuple[Decimal, Decimal]:
    return value, value


def _agrees(stated: Printed, low: Decimal, high: Decimal) -> bool:
    if low == high:
        return stated.contains(low) or stated.number == low
    return stated.overlaps(low, high)


def _judge(claim: Fact, expected: dict[str, tuple[Decimal, Decimal]], jumlah: list[Fact]):
    """`expected`: basis -> the interval the claim must meet (one value when it is computed exactly)."""
    if not expected:
        yield NotCheckable(Text("kesimpulan tanpa tabel pembandingnya", "closing claim without its table"))
        return
    stated = Printed.of(claim)
    agrees = {basis: _agrees(stated, *bounds) for basis, bounds in expected.items()}
    if all(agrees.values()):
        yield Consistent()
        return
    if any(agrees.values()):
        yield NotCheckable(Text("dasar rata-rata capaian tidak jelas", "rata-rata capaian: basis ambiguous"))
        return
    basis, (low, high) = next(iter(expected.items()))
    value = (low + high) / 2
    computed = round_half_up(value, max(claim.decimals, 2) if claim.value_kind == "percent" else 0)
    where = [Location.of(claim), *(Location.of(f) for f in jumlah if f.attribute == claim.attribute)]
    yield Problem(
        subject="JUMLAH", attribute=claim.attribute, values=(claim.number, computed), expected=computed,
        locations=tuple(where),
        fields={"label": attribute_label(claim.attribute), "printed": claim.number,
                "computed": computed, "basis": _BASIS[basis], "where": where[0]},
    )


def _averages(printed: list[Fact], sentence: str) -> dict[str, tuple[Decimal, Decimal]]:
    """The means the sentence may speak of: of the indikator (sasaran, IKU, perjanjian kinerja, or
    nothing named) and of the programs, each as the interval the printed capaian's roundings cover (a
    report may average the exact values behind them: 100 and 113 printed from 100 and 112,6 average 106)."""
    words = sentence.lower()
    bases = []
    if "program" in words:
        bases.append("program")
    if any(w in words for w in ("sasaran", "indikator", "iku", "perjanjian kinerja")) or not bases:
        bases.append("indikator")
    roles = {"indikator": ("capaian_sasaran", "indikator"), "program": ("realisasi_tree", "program")}
    means = {}
    for basis in bases:
        role, kind = roles[basis]
        capaian = [f for f in printed if f.role == role and f.kind == kind and f.attribute == "capaian"]
        firsts = [group[0] for group in grouped(capaian, lambda f: f.entity_id).values()]
        values = [Printed.of(f) for f in firsts if f.number is not None]
        if values:
            means[basis] = (sum(v.low for v in values) / len(values), sum(v.high for v in values) / len(values))
    return means
