"""What rules ask of the fact rows: this year's figures, the figures of one table row, figures stated in
sentences against figures printed in tables."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Hashable, Iterable

from auditor.facts import Resolver
from auditor.narrative import ROLE
from auditor.ruleapi import Fact


def grouped(facts: Iterable[Fact], key: Callable[[Fact], Hashable]) -> dict:
    """key -> the facts that share it, both in the order the document states them."""
    groups: dict = {}
    for fact in facts:
        groups.setdefault(key(fact), []).append(fact)
    return groups


def this_year(facts: Iterable[Fact]) -> list[Fact]:
    return [f for f in facts if f.year is None]


def table_rows(facts: Iterable[Fact], by_entity: bool = True) -> list[list[Fact]]:
    """This year's facts grouped by table row, and by entity since one row may speak of two. A figure
    stated in a sentence is a row of its own."""
    rows: dict[tuple, list[Fact]] = {}
    for position, fact in enumerate(this_year(facts)):
        key = ("sentence", position) if fact.table_index is None else (fact.table_index, fact.row_index)
        rows.setdefault(key + ((fact.entity_id,) if by_entity else ()), []).append(fact)
    return list(rows.values())


def row_figures(facts: list[Fact]) -> dict[str, Fact]:
    """The numeric facts of one table row, by attribute (the first one printed wins)."""
    figures: dict[str, Fact] = {}
    for fact in facts:
        if fact.number is not None and fact.attribute not in figures:
            figures[fact.attribute] = fact
    return figures


def narrated(facts: Iterable[Fact]) -> list[Fact]:
    """The figures stated in sentences."""
    return [f for f in facts if f.role == ROLE]


def tabled(facts: Iterable[Fact]) -> list[Fact]:
    """This year's figures printed in tables."""
    return [f for f in facts if f.role != ROLE and f.year is None]


def failed(fact: Fact) -> bool:
    """A figure that presents its entity as not achieved: capaian 0%, "tidak terealisasi", a cancelled kegiatan."""
    if fact.attribute == "capaian" and fact.number is not None:
        return fact.number == 0
    return fact.attribute == "realisasi" and fact.value_kind == "note" and "tidak" in fact.text.lower()


def achieved(fact: Fact) -> bool:
    return fact.attribute == "capaian" and fact.number is not None and fact.number >= 100


def same_unit(told: str | None, printed: str | None) -> bool:
    """"kali perjalanan dinas" counts what "Kali" counts, "unit bangunan" what "Bangunan" counts,
    "Personil" what "Personel" counts: one word of the phrase is the table's unit, typos allowed."""
    from rapidfuzz import fuzz

    if not told or not printed:
        return False
    return any(fuzz.ratio(word, printed.lower()) >= 80 for word in told.lower().split())


# A kegiatan's own target and realisasi as the efficiency table prints them, when they are counts ("12 Paket"):
# not its capaian there, which may be capped at 100%, nor percentages, which there may be a share of the
# plan ("100%" for a kegiatan done as planned).
_EFISIENSI_KINERJA = {"target_efisiensi": "target", "realisasi_efisiensi": "realisasi"}


def efisiensi_kinerja(facts: Iterable[Fact]) -> list[Fact]:
    """The facts, with the efficiency table's counted target and realisasi of a kegiatan read as its target
    and realisasi, so that they meet the same figures in the other tables and the narrative."""
    return [replace(f, attribute=_EFISIENSI_KINERJA[f.attribute])
            if f.attribute in _EFISIENSI_KINERJA and f.value_kind == "quantity" else f for f in facts]


def comparable(told: Fact, printed: Fact) -> bool:
    """Percent with percent; a count with a count of the same thing. "terealisasi 92%, atas target
    100%" said of a kegiatan counted in Kali is a share of its plan, not comparable to 73 Kali."""
    kinds = (told.value_kind, printed.value_kind)
    if kinds[0] == "percent":  # a bare number under a "%" or "Capaian" header is a percentage
        return kinds[1] == "percent" or (kinds[1] == "number" and told.attribute in ("capaian", "penyerapan"))
    if kinds[0] == "money":  # "Rp 62.725.000" and a budget column's 62.725.000
        return kinds[1] in ("money", "number")
    if kinds == ("quantity", "quantity"):
        return same_unit(told.unit, printed.unit)
    return kinds == ("number", "number")


def same_indikator(names_a: Iterable[str], names_b: Iterable[str], threshold: float) -> dict[str, str]:
    """Pairs each name of `names_a` with the name of `names_b` that is the same entity, using the
    project's Resolver (fuzzy, qualifier- and number-aware), so Musrembangcam meets Musrenbangcam."""
    resolver = Resolver(threshold)
    ids_b: dict[str, str] = {}
    for name in names_b:
        ids_b.setdefault(resolver.resolve("indikator", name), name)
    return {name: ids_b[i] for name in names_a if (i := resolver.resolve("indikator", name)) in ids_b}


def indikator_figures(facts: Iterable[Fact], attribute: str, roles: tuple[str, ...]) -> list[Fact]:
    """This year's numeric indikator figures of `attribute`, from the first of `roles` that has any."""
    chosen = [f for f in facts if f.attribute == attribute and f.year is None and f.number is not None
              and f.kind == "indikator"]
    for role in roles:
        in_role = [f for f in chosen if f.role == role]
        if in_role:
            return in_role
    return []
