"""LKJ301 — a figure the narrative states about an indikator, program or kegiatan must be the one the
tables print for it.

Each sentence's capaian, realisasi and target is compared with the same entity's figure of the same
kind in the tables: percentages with percentages, counts with counts of the same unit ("kali rapat"
counts what "Kali" counts). "terealisasi 92%, atas target 100%" said of a kegiatan the tables count
in Kali is a share of its plan, so only its capaian is compared. The aksi told under one kegiatan
("Terealisasi 71 kali perjalanan dinas / Atas target 80 …", "Terealisasi 2 … / Atas target 2 …") sum
to the kegiatan's quantity (73 of 82). A sentence agrees when it matches any table that states the
figure; tables that disagree with each other are LKJ201's. A sentence that calls an achieved
indikator failed ("tidak terealisasi, atau tercapai 0%") is left to LKJ305.

Values: the sentence's figures, then the table's, for the attributes that differ; expected is the
table's figure when one attribute differs.

PASS:
    Tabel III.F.1 Realisasi Kinerja Tahun 2020

    | NO | TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|
    | I.1.1.1 | Program Peningkatan Manajemen dan Pelayanan Administrasi | Pemenuhan Kebutuhan | 100 % | 100 % | 100% |
    | I.1.1.1.7 | Rapat-rapat koordinasi dan konsultasi | Jumlah kegiatan rapat | 82 Kali | 73 Kali | 89% |

    - ✓ Kegiatan Rapat-rapat koordinasi dan konsultasi, Capaian sebesar 89% dengan indikator Jumlah kegiatan rapat, terealisasi 89%, atas target 100%.

    - Melakukan perjalanan dinas dalam daerah, Terealisasi 71 kali perjalanan dinas Atas target 80 kali perjalanan dinas

    - Melakukan perjalanan dinas luar daerah, Terealisasi 2 kali perjalanan dinas Atas target 2 kali perjalanan dinas

FAIL:
    Tabel III.F.1 Realisasi Kinerja Tahun 2020

    | NO | TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|
    | I.1.1.1 | Program Peningkatan Manajemen dan Pelayanan Administrasi | Pemenuhan Kebutuhan | 100 % | 100 % | 100% |
    | I.1.1.1.7 | Rapat-rapat koordinasi dan konsultasi | Jumlah kegiatan rapat | 82 Kali | 73 Kali | 89% |

    - ✓ Kegiatan Rapat-rapat koordinasi dan konsultasi, Capaian sebesar 92% dengan indikator Jumlah kegiatan rapat, terealisasi 92%, atas target 100%.
"""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from auditor.arithmetic import Printed
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem
from auditor.narrated import achieved, comparable, failed, has_number, located, narrated, tabled
from auditor.terms import attribute_label
from auditor.values import format_number

ID = "LKJ301"
TITLE = {"id": "Angka dalam narasi berbeda dengan tabel", "en": "A figure in the narrative differs from the tables"}
SEVERITY = "error"
MESSAGE = {
    "id": "Narasi ({sentence}) menyebut {stated} untuk “{subject}”, tabel mencantumkan {printed} ({where}).",
    "en": "The narrative ({sentence}) states {stated} for “{subject}”, the tables print {printed} ({where}).",
}
CONF: dict = {}
DEFAULT: dict = {}
ATTRIBUTES = ("capaian", "realisasi", "target")


def check(document, options):
    facts = document.facts
    told = narrated(facts)
    told = told[told["attribute"].isin(ATTRIBUTES) & (told["kind"] != "total")]
    printed = tabled(facts)
    by_entity: dict[str, list[dict]] = {}
    for fact in printed[printed["attribute"].isin(ATTRIBUTES)].to_dict("records"):
        by_entity.setdefault(fact["entity_id"], []).append(fact)
    for statement in _statements(told):
        in_tables = by_entity.get(statement[0]["entity_id"], [])
        if not in_tables:
            yield NotCheckable("narrative entity not found in the tables")
            continue
        if any(failed(f) for f in statement) and any(achieved(f) for f in in_tables):
            yield NotCheckable("achieved entity told as failed (LKJ305)")
            continue
        yield from _compare(statement, in_tables)


def _statements(told: pd.DataFrame) -> list[list[dict]]:
    """One block's figures about one entity; the aksi under one kegiatan as one summed statement."""
    groups: dict[tuple, list[dict]] = {}
    for fact in told.to_dict("records"):
        key = (fact["entity_id"], "aksi", fact["parent"]) if fact["kind"] == "aksi" else (fact["entity_id"], fact["line"])
        groups.setdefault(key, []).append(fact)
    statements = []
    for key, group in groups.items():
        statements.append(_summed(group) if key[1] == "aksi" else group)
    return [statement for statement in statements if statement]  # aksi in mixed units add up to nothing


def _summed(aksi: list[dict]) -> list[dict]:
    """The aksi's realisasi and target added up, when every aksi counts in a unit the first one shares."""
    sums = []
    for attribute in ("realisasi", "target"):
        parts = [f for f in aksi if f["attribute"] == attribute and has_number(f) and f["value_kind"] == "quantity"]
        if not parts or any(p["unit"] != parts[0]["unit"] for p in parts):
            continue
        total = dict(parts[0])
        total["number"] = sum(Decimal(p["number"]) for p in parts)
        total["decimals"] = max(int(p["decimals"]) for p in parts)
        total["parts"] = parts
        sums.append(total)
    return sums


def _compare(statement: list[dict], in_tables: list[dict]):
    differing = []
    for fact in statement:
        if not has_number(fact):
            continue
        candidates = [t for t in in_tables
                      if t["attribute"] == fact["attribute"] and has_number(t) and comparable(fact, t)]
        if not candidates:
            yield NotCheckable("no comparable figure in the tables")
        elif any(_agree(fact, t) for t in candidates):
            yield Consistent()
        else:
            differing.append((fact, candidates[0]))
    if not differing:
        return
    sentences: list[Location] = []
    for fact, _ in differing:
        for part in _parts(fact):
            where = located(part)
            if all((where.page, where.line, where.text) != (s.page, s.line, s.text) for s in sentences):
                sentences.append(where)
    cells = [located(t) for _, t in differing]
    stated = {lang: ", ".join(f"{attribute_label(f['attribute'])[lang].lower()} {_figure(f, lang)}" for f, _ in differing)
              for lang in ("id", "en")}
    printed = {lang: ", ".join(f"{attribute_label(t['attribute'])[lang].lower()} {t['text']}" for _, t in differing)
               for lang in ("id", "en")}
    yield Problem(
        subject=differing[0][1]["entity"],
        attribute="/".join(f["attribute"] for f, _ in differing),
        values=tuple(Decimal(f["number"]) for f, _ in differing) + tuple(Decimal(t["number"]) for _, t in differing),
        expected=Decimal(differing[0][1]["number"]) if len(differing) == 1 else None,
        locations=(*sentences, *cells),
        fields={"sentence": sentences, "stated": stated, "printed": printed, "where": cells[:1]},
    )


def _agree(narrated: dict, printed: dict) -> bool:
    """Counts are exact; percentages agree when their printed intervals, at the coarser precision, overlap
    (92 and 89 do not, 35 and 35,20 do)."""
    if narrated["value_kind"] == "quantity":
        return Decimal(narrated["number"]) == Decimal(printed["number"])
    decimals = min(int(narrated["decimals"]), int(printed["decimals"]))
    a, b = Printed(Decimal(narrated["number"]), decimals), Printed(Decimal(printed["number"]), decimals)
    return a.low < b.high and b.low < a.high


def _parts(fact: dict) -> list[dict]:
    return fact.get("parts", [fact])


def _figure(fact: dict, lang: str) -> str:
    number = format_number(Decimal(fact["number"]), lang)
    if fact["value_kind"] == "percent":
        return f"{number}%"
    parts = _parts(fact)
    if len(parts) > 1:
        added = " + ".join(format_number(Decimal(p["number"]), lang) for p in parts)
        return f"{number} {fact['unit']} ({added})"
    return f"{number} {fact['unit'] or ''}".strip()
