"""Sentences are linked to a table entity of the level they speak about: exact names before fuzzy ones,
and a name that fits two entities about equally well is not checkable (ambiguous) instead of compared."""
from __future__ import annotations

from decimal import Decimal

from helpers import audit_markdown

TREE = """Tabel III.F.1 Realisasi Kinerja Tahun 2020

| NO | TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
|---|---|---|---|---|---|
| I.1 | Meningkatkan Pemberdayaan Kelompok Masyarakat Desa | Persentase Kelompok Masyarakat Desa yang dapat diberdayakan | 80 % | 67 % | 84% |
| I.1.1 | Program Pembinaan dan Peningkatan Kapasitas Aparatur Desa | Persentase kelompok masyarakat desa yang diberdayakan | 100 % | 100 % | 100% |
"""
AMBIGUOUS_REASON = "the narrative names what fits more than one table entity (ambiguous)"


def _lkj301(text: str):
    _, result = audit_markdown(text)
    found = [(f.subject, f.attribute, f.values) for f in result.findings if f.rule == "LKJ301"]
    ambiguous = sum(n for reason, n in result.coverage.not_checkable.items() if reason.en == AMBIGUOUS_REASON)
    return found, ambiguous


def test_a_program_sentence_is_not_compared_with_a_loosely_similar_sasaran_indikator():
    text = TREE + """
1. Program Pembinaan dan Peningkatan Kapasitas Aparatur Desa,

Capaian sebesar 100% dengan indikator Persentase kelompok masyarakat desa yang diberdayakan, terealisasi 100%, atas target 100%.
"""
    assert _lkj301(text) == ([], 1)


def test_the_sasaran_indikator_named_exactly_under_a_program_is_still_compared():
    text = TREE + """
1. Program Pembinaan dan Peningkatan Kapasitas Aparatur Desa,

Capaian sebesar 92% dengan indikator Persentase Kelompok Masyarakat Desa yang dapat diberdayakan, terealisasi 67%, atas target 80%.
"""
    assert _lkj301(text) == ([("Persentase Kelompok Masyarakat Desa yang dapat diberdayakan", "capaian",
                               (Decimal(92), Decimal(84)))], 0)


TWO = """Tabel III.A.1 Realisasi dan Capaian Kinerja Sasaran

| NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
|---|---|---|---|---|---|---|
| 1 | Meningkatnya kualitas pelayanan publik | Persentase pengaduan masyarakat yang ditindaklanjuti segera | % | 90 | 90 | 100 |
| 2 | Meningkatnya kualitas pelayanan | Persentase pengaduan masyarakat yang ditindaklanjuti | % | 80 | 60 | 75 |
"""


def test_an_exact_name_wins_over_an_earlier_fuzzy_one():
    agreeing = TWO + "\nDengan indikator Persentase pengaduan masyarakat yang ditindaklanjuti, dan target 80%, terealisasi 60%, atau tercapai 75%.\n"
    assert _lkj301(agreeing) == ([], 0)
    wrong = agreeing.replace("terealisasi 60%", "terealisasi 64%")
    assert _lkj301(wrong) == ([("Persentase pengaduan masyarakat yang ditindaklanjuti", "realisasi",
                                (Decimal(64), Decimal(60)))], 0)


def test_a_name_equally_close_to_two_indikator_is_not_checkable():
    text = TWO + "\nDengan indikator Persentase pengaduan masyarakat yang ditindaklanjuti seg, dan target 80%, terealisasi 60%, atau tercapai 75%.\n"
    assert _lkj301(text) == ([], 1)
