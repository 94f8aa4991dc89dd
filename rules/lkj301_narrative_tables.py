"""LKJ301 — a figure the narrative states about an indikator, program or kegiatan must be the one the
tables print for it.

Readers often read only the narrative; a figure there that differs from the tables means one of them is wrong.

Each sentence's capaian, realisasi and target, and the budget it states for a program or kegiatan
(pagu, realisasi anggaran, penyerapan), is compared with the same entity's figure of the same kind in
the tables: percentages with percentages, counts with counts of the same unit ("kali rapat"
counts what "Kali" counts). "terealisasi 92%, atas target 100%" said of a kegiatan the tables count
in Kali is a share of its plan, so only its capaian is compared. The aksi told under one kegiatan
("Terealisasi 71 kali perjalanan dinas / Atas target 80 …", "Terealisasi 2 … / Atas target 2 …") sum
to the kegiatan's quantity (73 of 82). A sentence agrees when it matches any table that states the
figure (for a kegiatan, also the counts its efficiency-table row prints as target and realisasi); tables that
disagree with each other are LKJ201's. A sentence is linked to an entity of the level
it speaks about (a program's or kegiatan's own indikator is not the sasaran's); a name that fits two table
entities about equally well, or a sasaran indikator only loosely while a program or kegiatan is told, is
not checkable (ambiguous) rather than compared. A sentence that calls an achieved
indikator failed ("tidak terealisasi, atau tercapai 0%") is left to LKJ305.

Values: the sentence's figures, then the table's, for the attributes that differ; expected is the
table's figure when one attribute differs.

BAHASA INDONESIA:
    Angka yang disebut narasi tentang suatu indikator, program atau kegiatan harus sama dengan angka yang
    dicetak tabel untuknya. Pimpinan sering hanya membaca narasi; angka narasi yang berbeda dengan tabel
    berarti salah satunya keliru.

    Capaian, realisasi dan target dalam setiap kalimat, serta anggaran yang disebutnya untuk suatu program atau
    kegiatan (pagu, realisasi anggaran, penyerapan), dibandingkan dengan angka sejenis milik entitas yang
    sama di tabel: persentase dengan persentase, kuantitas dengan kuantitas bersatuan sama ("kali rapat"
    menghitung yang dihitung "Kali"). "Terealisasi 92%, atas target 100%" tentang kegiatan yang dihitung tabel
    dalam Kali adalah bagian dari rencananya, jadi hanya capaiannya yang dibandingkan. Aksi yang diceritakan
    di bawah satu kegiatan ("Terealisasi 71 kali perjalanan dinas / Atas target 80 …", "Terealisasi 2 … / Atas
    target 2 …") dijumlahkan menjadi kuantitas kegiatan itu (73 dari 82). Kalimat dianggap sesuai bila cocok
    dengan salah satu tabel yang mencantumkan angka itu (untuk kegiatan, juga target dan realisasi berupa jumlah
    satuan di baris tabel efisiensinya); tabel yang saling berbeda adalah urusan LKJ201.

    Kalimat dikaitkan dengan entitas setingkat yang dibicarakannya (indikator milik program atau kegiatan
    bukan indikator sasaran). Nama yang sama cocoknya dengan dua entitas tabel, atau yang hanya samar-samar
    cocok dengan indikator sasaran padahal yang diceritakan program atau kegiatan, tidak dapat diperiksa
    (ambigu) dan tidak dibandingkan; begitu pula yang disebut narasi tetapi tidak ada di tabel. Kalimat yang
    menyebut indikator yang tercapai sebagai gagal ("tidak terealisasi, atau tercapai 0%") diserahkan kepada
    LKJ305.

    Nilai temuan: angka kalimat, lalu angka tabel, untuk atribut yang berbeda; nilai yang diharapkan adalah
    angka tabel bila hanya satu atribut yang berbeda.

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

from dataclasses import dataclass, replace

from auditor.arithmetic import Printed, agree
from auditor.bilingual import Text
from auditor.factrows import achieved, comparable, efisiensi_kinerja, failed, grouped, narrated, tabled
from auditor.narrative import AMBIGUOUS
from auditor.ruleapi import Consistent, Fact, Location, NotCheckable, Problem
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
ATTRIBUTES = ("capaian", "realisasi", "target", "alokasi", "realisasi_anggaran", "penyerapan")


@dataclass(frozen=True)
class Stated:
    """A figure a sentence states: one fact, or the sum of the aksi told under one kegiatan."""

    fact: Fact
    parts: tuple[Fact, ...]


def check(document, options):
    told = [f for f in narrated(document.fact_rows) if f.attribute in ATTRIBUTES and f.kind != "total"]
    printed = efisiensi_kinerja(tabled(document.fact_rows))
    by_entity = grouped((f for f in printed if f.attribute in ATTRIBUTES), lambda f: f.entity_id)
    for statement in _statements(told):
        if statement[0].fact.entity_id.startswith(AMBIGUOUS):
            yield NotCheckable(Text("narasi menyebut nama yang cocok dengan lebih dari satu entitas tabel (ambigu)",
                                    "the narrative names what fits more than one table entity (ambiguous)"))
            continue
        in_tables = by_entity.get(statement[0].fact.entity_id, [])
        if not in_tables:
            yield NotCheckable(Text("yang disebut narasi tidak ada di tabel", "narrative entity not found in the tables"))
            continue
        if any(failed(s.fact) for s in statement) and any(achieved(f) for f in in_tables):
            continue  # LKJ305 reports this contradiction; counting it here as "not checkable" would hide it
        yield from _compare(statement, in_tables)


def _statements(told: list[Fact]) -> list[list[Stated]]:
    """One block's figures about one entity; the aksi under one kegiatan as one summed statement."""
    # a block is told apart by where it stands and what it says: a PDF's blocks have a page but no source line
    groups = grouped(told, lambda f: (f.entity_id, "aksi", f.parent) if f.kind == "aksi"
                     else (f.entity_id, f.page, f.line, f.text))
    statements = [_summed(group) if key[1] == "aksi" else [Stated(f, (f,)) for f in group]
                  for key, group in groups.items()]
    return [statement for statement in statements if statement]  # aksi in mixed units add up to nothing


def _summed(aksi: list[Fact]) -> list[Stated]:
    """The aksi's realisasi and target added up, when every aksi counts in a unit the first one shares."""
    sums = []
    for attribute in ("realisasi", "target"):
        parts = [f for f in aksi if f.attribute == attribute and f.number is not None and f.value_kind == "quantity"]
        if not parts or any(p.unit != parts[0].unit for p in parts):
            continue
        total = replace(parts[0], number=sum(p.number for p in parts), decimals=max(p.decimals for p in parts))
        sums.append(Stated(total, tuple(parts)))
    return sums


def _compare(statement: list[Stated], in_tables: list[Fact]):
    differing: list[tuple[Stated, Fact]] = []
    for stated in statement:
        fact = stated.fact
        if fact.number is None:
            continue
        candidates = [t for t in in_tables if t.attribute == fact.attribute and t.number is not None
                      and comparable(fact, t)]
        if not candidates:
            yield NotCheckable(Text("tidak ada angka pembanding di tabel", "no comparable figure in the tables"))
        elif any(_agree(fact, t) for t in candidates):
            yield Consistent()
        else:
            differing.append((stated, candidates[0]))
    if not differing:
        return
    sentences: list[Location] = []
    for stated, _ in differing:
        for part in stated.parts:
            where = Location.of(part)
            if all((where.page, where.line, where.text) != (s.page, s.line, s.text) for s in sentences):
                sentences.append(where)
    cells = [Location.of(t) for _, t in differing]
    told = {lang: ", ".join(f"{attribute_label(s.fact.attribute)[lang].lower()} {_figure(s, lang)}" for s, _ in differing)
            for lang in ("id", "en")}
    printed = {lang: ", ".join(f"{attribute_label(t.attribute)[lang].lower()} {t.text}" for _, t in differing)
               for lang in ("id", "en")}
    yield Problem(
        subject=differing[0][1].entity,
        attribute="/".join(s.fact.attribute for s, _ in differing),
        values=tuple(s.fact.number for s, _ in differing) + tuple(t.number for _, t in differing),
        expected=differing[0][1].number if len(differing) == 1 else None,
        locations=(*sentences, *cells),
        fields={"sentence": sentences, "stated": told, "printed": printed, "where": cells[:1]},
    )


def _agree(told: Fact, printed: Fact) -> bool:
    """Counts are exact; percentages agree when their printed intervals, at the coarser precision, overlap
    (92 and 89 do not, 35 and 35,20 do)."""
    if told.value_kind == "quantity":
        return told.number == printed.number
    return agree(Printed.of(told), Printed.of(printed))


def _figure(stated: Stated, lang: str) -> str:
    fact = stated.fact
    number = format_number(fact.number, lang)
    if fact.value_kind == "percent":
        return f"{number}%"
    if len(stated.parts) > 1:
        added = " + ".join(format_number(p.number, lang) for p in stated.parts)
        return f"{number} {fact.unit} ({added})"
    return f"{number} {fact.unit or ''}".strip()
