"""LKJ201 — one fact, one value: the same indikator, kegiatan, program or total must carry the same
target, realisasi, capaian or budget figure in every table that states it. A table of targets by
kegiatan (the Renstra alignment table's "500 Surat") counts when it names the report year; one that names
no year or a period is not checkable against this year's targets.

When two tables give different figures for the same thing, at least one is wrong, and the reader cannot tell
which.

Figures agree when their printed intervals overlap at the coarser precision (35% and 35,20% agree).
A derived figure (capaian, penyerapan) that contradicts its own row is left to LKJ101/LKJ102,
which name the cause; this rule compares only figures that are right where they stand.

BAHASA INDONESIA:
    Satu fakta, satu nilai: indikator, kegiatan, program atau jumlah yang sama harus memuat target, realisasi,
    capaian atau angka anggaran yang sama di setiap tabel yang mencantumkannya (Perjanjian Kinerja, BAB III,
    tabel perbandingan antartahun, tabel efisiensi, tabel realisasi kinerja). Bila dua tabel memberi angka
    berbeda untuk hal yang sama, paling sedikit satu di antaranya salah, dan pembaca tidak tahu mana yang
    benar.

    Tabel target per kegiatan (tabel keselarasan Renstra, misalnya "500 Surat") ikut dibandingkan bila
    menyebut tahun laporan; tabel yang tidak menyebut tahun atau menyebut suatu periode tidak dapat
    dibandingkan dengan target tahun ini.

    Angka dianggap sama bila rentang pembulatan cetaknya bertumpang-tindih pada ketelitian yang lebih kasar
    (35% dan 35,20% sama). Angka turunan (capaian, penyerapan) yang bertentangan dengan barisnya sendiri
    diserahkan kepada LKJ101/LKJ102, yang menyebut penyebabnya; aturan ini hanya membandingkan angka yang
    benar di tempatnya.

PASS:
    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |

    Tabel III.B.1 Perbandingan Realisasi Kinerja

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | REALISASI | | |
    |---|---|---|---|---|---|---|
    | | | | | 2018 | 2019 | 2020 |
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrembangcam disetujui | % | 60 | 65 | 67 |

FAIL:
    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |

    Tabel III.B.1 Perbandingan Realisasi Kinerja

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | REALISASI | | |
    |---|---|---|---|---|---|---|
    | | | | | 2018 | 2019 | 2020 |
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrembangcam disetujui | % | 60 | 65 | 72 |
"""
from __future__ import annotations

from auditor import hints
from auditor.arithmetic import Printed, agree, capaian_candidates, ratio
from auditor.factrows import efisiensi_kinerja, grouped
from auditor.bilingual import Text
from auditor.facts import PERIOD_TARGET
from auditor.ruleapi import Consistent, Fact, Location, NotCheckable, Problem
from auditor.terms import attribute_label

ID = "LKJ201"
TITLE = {"id": "Angka yang sama berbeda antar tabel", "en": "The same figure differs between tables"}
SEVERITY = "error"
MESSAGE = {
    "id": "{label} “{subject}” berbeda: {a} ({where_a}) vs {b} ({where_b}).{hint}",
    "en": "{label} of “{subject}” differs: {a} ({where_a}) vs {b} ({where_b}).{hint}",
}
CONF: dict = {}
DEFAULT: dict = {}


def check(document, options):
    # sentences are compared by the 3xx rules
    facts = efisiensi_kinerja(f for f in document.fact_rows if f.role != "narrative")
    yield from _other_periods(facts)
    by_row = grouped(facts, lambda f: (f.table_index, f.row_index))
    for (_, attribute, _), group in grouped(facts, lambda f: (f.entity_id, f.attribute, f.year)).items():
        stated = [f for f in group if _comparable_value(f) and _right_where_it_stands(by_row, f)]
        for kind_group in _by_kind(stated):
            clusters = _clusters(kind_group)
            if len(clusters) < 2:
                if len(kind_group) > 1:
                    yield Consistent()
                continue
            clusters.sort(key=len, reverse=True)
            majority = clusters[0][0].text if len(clusters[0]) > len(clusters[1]) else None
            first, second = clusters[0][0], clusters[1][0]
            yield Problem(
                subject=first.entity, attribute=attribute,
                values=tuple(_value(c[0]) for c in clusters),
                expected=_value(clusters[0][0]) if majority else None,
                locations=tuple(Location.of(f) for c in clusters for f in c),
                fields={"label": attribute_label(attribute), "a": first.text, "b": second.text,
                        "where_a": _tables(clusters[0]), "where_b": _tables(clusters[1]),
                        "hint": hints.for_values(document, clusters[0][0], clusters[1])},
            )


def _other_periods(facts: list[Fact]):
    """A kegiatan's target in a table that does not name the report year (the Renstra's five years, or no
    year at all) may be another period's: not compared with this year's target."""
    this_year = {f.entity_id for f in facts if f.attribute == "target" and f.year is None}
    for fact in facts:
        if fact.attribute == PERIOD_TARGET and fact.entity_id in this_year:
            yield NotCheckable(Text("target tabel yang tidak menyebut tahun laporan",
                                    "target in a table that does not name the report year"))


def _value(fact: Fact):
    return fact.number if fact.number is not None else fact.text


def _comparable_value(fact: Fact) -> bool:
    return fact.value_kind in ("number", "percent", "money", "quantity", "grade")


def _by_kind(facts: list[Fact]) -> list[list[Fact]]:
    """Grades with grades; percentages and plain numbers together; counts only with the same unit."""
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.value_kind == "grade":
            key = "grade"
        elif fact.value_kind == "quantity":
            key = f"quantity:{fact.unit}"
        else:
            key = "number"
        groups.setdefault(key, []).append(fact)
    bare_numbers = groups.pop("number", [])
    quantity_keys = [k for k in groups if k.startswith("quantity:")]
    if len(quantity_keys) == 1 and all(f.value_kind == "number" for f in bare_numbers):
        groups[quantity_keys[0]].extend(bare_numbers)  # "12" under SATUAN 'Rapat' is the same count as "12 Rapat"
    elif bare_numbers:
        groups["number"] = bare_numbers
    return list(groups.values())


def _clusters(facts: list[Fact]) -> list[list[Fact]]:
    clusters: list[list[Fact]] = []
    for fact in facts:
        for cluster in clusters:
            if _same(cluster[0], fact):
                cluster.append(fact)
                break
        else:
            clusters.append([fact])
    return clusters


def _same(a: Fact, b: Fact) -> bool:
    if a.value_kind == "grade" or b.value_kind == "grade":
        return a.unit == b.unit
    return agree(Printed.of(a), Printed.of(b))


def _tables(cluster: list[Fact]) -> str:
    seen: list[str] = []
    for fact in cluster:
        where = fact.table + (f" hlm. {fact.page}" if fact.page is not None else "")
        if where not in seen:
            seen.append(where)
    return ", ".join(seen)


def _right_where_it_stands(by_row: dict[tuple, list[Fact]], fact: Fact) -> bool:
    """False for a capaian or penyerapan that its own row's inputs contradict."""
    if fact.attribute not in ("capaian", "penyerapan"):
        return True
    numbers = {f.attribute: f for f in by_row[(fact.table_index, fact.row_index)] if f.number is not None}
    printed = Printed.of(fact)
    if fact.attribute == "capaian" and "target" in numbers and "realisasi" in numbers:
        if {numbers["target"].value_kind, numbers["realisasi"].value_kind} == {"quantity", "percent"}:
            return True
        candidates = capaian_candidates(numbers["target"].number, numbers["realisasi"].number, False)
        return not candidates or any(printed.contains(c) for c in candidates)
    if fact.attribute == "penyerapan" and "alokasi" in numbers and "realisasi_anggaran" in numbers:
        exact = ratio(numbers["realisasi_anggaran"].number, numbers["alokasi"].number)
        return exact is None or printed.contains(exact)
    return True
