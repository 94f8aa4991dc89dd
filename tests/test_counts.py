"""Stated counts and numbers in words: what the sentence counts, against the tables that count it."""
from __future__ import annotations

from decimal import Decimal

import pytest

from helpers import audit_markdown


def _found(text: str, rule: str) -> list[tuple]:
    _, result = audit_markdown(text)
    return [(f.subject, f.values, f.severity) for f in result.findings if f.rule == rule]


def test_a_terbilang_finding_names_what_is_counted():
    text = "Jumlah surat masuk 100 (satu ratus) surat dan 17 (tujuh puluh) surat keluar.\n"
    assert sorted(_found(text, "LKJ303")) == [
        ("jumlah surat masuk", (Decimal(100), 100), "info"),
        ("surat keluar", (Decimal(17), 70), "error"),
    ]
    _, result = audit_markdown("Dari jumlah Pegawai **15 (dua puluh lima)** Personil.\n")
    [finding] = [f for f in result.findings if f.rule == "LKJ303"]
    assert finding.message("id").startswith("jumlah pegawai: angka 15 ditulis “dua puluh lima”")


def test_a_number_in_words_with_nothing_counted_keeps_its_printed_words_as_subject():
    assert [s for s, _, _ in _found("Anggaran sebesar 17 (tujuh puluh), dan lainnya.\n", "LKJ303")] == [
        "17 (tujuh puluh)"]


STAFF = """Tabel I.C.1 Sumber Daya Aparatur

| GOLONGAN | PENDIDIKAN | | | | | JUMLAH |
|---|---|---|---|---|---|---|
| | S2 | S1 | SM/D3 | SLTA | SLTP | |
| 1 | 2 | 3 | 4 | 5 | 6 | 7 |
| IV/b | 1 | 1 | 0 | 0 | 0 | 2 |
| III/d | 1 | 5 | 0 | 0 | 0 | 6 |
| II/c | 0 | 0 | 0 | 3 | 1 | 4 |
| JUMLAH | 2 | 6 | 0 | 3 | 1 | 12 |

"""


def test_staff_counts_are_facts_with_their_cell_and_sentence():
    text = STAFF + "Dari jumlah Pegawai **12 (dua belas)** Personil, 6 orang di antaranya berpendidikan sarjana (S1).\n"
    document, result = audit_markdown(text)
    counts = document.facts[document.facts.kind == "count"]
    assert sorted(zip(counts.entity_id, counts.number, counts.role, counts.row.fillna(""), counts.column.fillna(""),
                      counts.line)) == [
        ("count:pegawai", 12, "narrative", "", "", 12),
        ("count:pegawai", 12, "pegawai", "JUMLAH", "JUMLAH", 10),
        ("count:pegawai:D3", 0, "pegawai", "JUMLAH", "PENDIDIKAN / SM/D3", 10),
        ("count:pegawai:S1", 6, "pegawai", "JUMLAH", "PENDIDIKAN / S1", 10),
        ("count:pegawai:S2", 2, "pegawai", "JUMLAH", "PENDIDIKAN / S2", 10),
        ("count:pegawai:SLTA", 3, "pegawai", "JUMLAH", "PENDIDIKAN / SLTA", 10),
        ("count:pegawai:SLTP", 1, "pegawai", "JUMLAH", "PENDIDIKAN / SLTP", 10),
        ("count:pegawai:sarjana", 6, "narrative", "", "", 12),
    ]
    assert not [f for f in result.findings if f.rule == "LKJ304"]


@pytest.mark.parametrize("sentence, expected", [
    ("Dari jumlah Pegawai **13 (tiga belas)** Personil.",
     [("jumlah pegawai", (Decimal(13), Decimal(12)), Decimal(12))]),
    ("Jumlah pegawai sebanyak 12 orang dan berpendidikan sarjana 9 orang.",
     [("pegawai berpendidikan sarjana", (Decimal(9), Decimal(6)), None)]),
    ("Sebanyak 8 orang pegawai berpendidikan sarjana.", []),  # S1 with S2
    ("Yang berpendidikan S1 sebanyak 8 orang.", [("pegawai berpendidikan S1", (Decimal(8), Decimal(6)), Decimal(6))]),
    ("Jumlah pegawai yang mengikuti diklat 3 orang.", []),  # another count
])
def test_stated_staff_counts_against_the_staff_table(sentence, expected):
    _, result = audit_markdown(STAFF + sentence + "\n")
    assert [(f.subject, f.values, f.expected) for f in result.findings if f.rule == "LKJ304"] == expected


def test_a_staff_table_by_education_rows():
    text = """Tabel 1 Pegawai Menurut Pendidikan

| No | Pendidikan | Jumlah |
|---|---|---|
| 1 | S2 | 1 |
| 2 | S1 | 4 |
| 3 | SLTA | 5 |
| | Jumlah | 10 |

Dari jumlah pegawai 11 orang, berpendidikan sarjana 4 orang.
"""
    _, result = audit_markdown(text)
    [finding] = [f for f in result.findings if f.rule == "LKJ304"]
    assert (finding.subject, finding.values) == ("jumlah pegawai", (Decimal(11), Decimal(10)))
    assert finding.locations[1].row == "Jumlah" and finding.locations[1].column == "Jumlah"


BUDGET = """Tabel 3.7 Realisasi Anggaran Program dan Kegiatan Tahun 2020

| No | Program/Kegiatan | Anggaran | Realisasi | Capaian realisasi anggaran (%) |
|---|---|---|---|---|
| I | Program Pelayanan Administrasi Perkantoran | 100.000.000 | 95.970.000 | 95,97 |
| II | Program Peningkatan Pelayanan | 100.000.000 | 95.970.000 | 95,97 |
"""


def test_a_stated_number_of_programs_against_the_list_below_it():
    text = ("Untuk Tahun 2020 telah menetapkan 3 (tiga) Program yaitu :\n\n"
            "- 1) Program Pelayanan Administrasi Perkantoran\n- 2) Program Peningkatan Pelayanan\n\n" + BUDGET)
    _, result = audit_markdown(text)
    [finding] = [f for f in result.findings if f.rule == "LKJ304"]
    assert (finding.subject, finding.values, finding.severity) == ("jumlah program", (Decimal(3), Decimal(2)), "error")
    assert finding.locations[0].line == 1
    assert "the list below it names 2 programs" in finding.message("en")


def test_a_stated_number_of_programs_without_a_list_against_the_budget_tables():
    _, result = audit_markdown("Pada tahun 2020 kecamatan melaksanakan 3 program.\n\n" + BUDGET)
    [finding] = [f for f in result.findings if f.rule == "LKJ304"]
    assert (finding.subject, finding.values) == ("jumlah program", (Decimal(3), Decimal(2)))
    assert "the budget tables hold 2 programs" in finding.message("en")
    _, result = audit_markdown("Pada tahun 2020 kecamatan melaksanakan 2 program.\n\n" + BUDGET)
    assert not [f for f in result.findings if f.rule == "LKJ304"]


def test_a_table_of_posts_does_not_count_the_staff():
    """The eselon table counts the 8 posts filled among 17 staff (the Raas sample's Tabel I.C.2)."""
    posts = """Tabel I.C.2 ESELONISASI

| NO | JABATAN | GOLONGAN | ESELON | JUMLAH |
|---|---|---|---|---|
| 1 | Camat | IV/b | III/A | 1 |
| 2 | Sekretaris Kecamatan | III/d | III/B | 1 |
| | JUMLAH | | | 2 |

"""
    _, result = audit_markdown(STAFF + posts + "Dari jumlah Pegawai **12 (dua belas)** Personil.\n")
    assert not [f for f in result.findings if f.rule == "LKJ304"]
    _, result = audit_markdown(STAFF + posts + "Dari jumlah Pegawai **2 (dua)** Personil.\n")
    assert [f.values for f in result.findings if f.rule == "LKJ304"] == [(Decimal(2), Decimal(12))]
