"""What the report itself says: polarity and its formula, the efficiency formula, narrative in other words, one
indikator per group, recap averages; each with exact findings."""
from __future__ import annotations

from decimal import Decimal

import pytest

from helpers import audit_markdown
from auditor.facts import Resolver, is_page_furniture

TABLE = """Tabel 3.1 Capaian Kinerja Sasaran

| No | Sasaran Strategis | Indikator Kinerja | Satuan | Target | Realisasi | Capaian (%) |
|---|---|---|---|---|---|---|
{rows}
"""


def audit(rows: str, text: str = "") -> tuple:
    return audit_markdown(TABLE.format(rows=rows) + "\n" + text)


def errors(result, rule: str | None = None) -> list[tuple]:
    return [(f.rule, f.subject, tuple(str(v) for v in f.values)) for f in result.findings
            if f.severity == "error" and (rule is None or f.rule == rule)]


def test_lower_is_better_by_meaning_accepts_both_formulas_when_none_is_stated():
    _, result = audit("| 1 | Meningkatnya derajat kesehatan | Angka Kematian Ibu | per 100.000 KH | 100 | 80 | 120,00 |\n"
                      "| | | Waktu tunggu rawat jalan | Menit | 60 | 50 | 120,00 |")
    assert errors(result) == []


def test_lower_is_better_capaian_computed_as_realisasi_over_target_is_an_error():
    _, result = audit("| 1 | Meningkatnya derajat kesehatan | Prevalensi stunting | % | 20 | 16 | 80,00 |")
    assert errors(result) == [("LKJ101", "Prevalensi stunting", ("80.00", "120.00"))]
    finding = next(f for f in result.findings if f.rule == "LKJ101")
    assert "lower-is-better" in finding.message("en") and "what it measures" in finding.message("en")


def test_polarity_said_in_the_text_wins_over_the_name():
    rows = ("| 1 | Meningkatnya ketertiban | Jumlah pelanggaran Perda | Kasus | 20 | 16 | 120,00 |\n"
            "| 2 | Meningkatnya kesehatan | Angka kesakitan DBD | Kasus | 20 | 25 | 125,00 |")
    text = ("Indikator Jumlah pelanggaran Perda semakin kecil semakin baik.\n\n"
            "Indikator Angka kesakitan DBD semakin tinggi semakin baik karena menunjukkan kasus yang ditemukan.")
    _, result = audit(rows, text)
    assert errors(result) == []
    _, result = audit(rows)  # without the text: the first is higher-is-better, the second lower-is-better
    assert {e[1] for e in errors(result)} == {"Jumlah pelanggaran Perda", "Angka kesakitan DBD"}


def test_polarity_is_said_of_the_indikator_of_its_own_sentence():
    rows = ("| 1 | Meningkatnya ketertiban | Jumlah pelanggaran Perda | Kasus | 20 | 16 | 120,00 |\n"
            "| 2 | Meningkatnya pelayanan | Jumlah pengaduan yang diselesaikan | Kasus | 20 | 16 | 80,00 |")
    _, result = audit(rows, "Jumlah pengaduan yang diselesaikan mencapai 16 kasus. Indikator Jumlah pelanggaran Perda "
                            "semakin kecil semakin baik.")
    assert errors(result) == []


@pytest.mark.parametrize("text", [
    "Indikator Persentase pengaduan yang diselesaikan mencapai 80,00%, sedangkan Jumlah pelanggaran Perda "
    "merupakan indikator negatif.",
    "Capaian indikator Persentase pengaduan yang diselesaikan sebesar 80,00%, dan indikator Jumlah pelanggaran Perda "
    "yang semakin kecil semakin baik mencapai 120,00%.",
    "Indikator negatif: Jumlah pelanggaran Perda; indikator lainnya semakin tinggi semakin baik.",
])
def test_polarity_is_said_of_the_indikator_of_its_own_clause(text):
    rows = ("| 1 | Meningkatnya ketertiban | Jumlah pelanggaran Perda | Kasus | 20 | 16 | 120,00 |\n"
            "| 2 | Meningkatnya pelayanan | Persentase pengaduan yang diselesaikan | % | 20 | 16 | 80,00 |")
    _, result = audit(rows, text)
    assert errors(result) == []


def test_polarity_said_of_a_list_of_indikator_holds_for_each():
    rows = ("| 1 | Meningkatnya ketertiban | Jumlah pelanggaran Perda | Kasus | 20 | 16 | 80,00 |\n"
            "| 2 | Meningkatnya ketertiban | Jumlah gangguan trantib | Kasus | 20 | 16 | 80,00 |\n"
            "| 3 | Meningkatnya ketertiban | Jumlah kejadian kebakaran | Kasus | 20 | 16 | 120,00 |")
    _, result = audit(rows, "Jumlah pelanggaran Perda, Jumlah gangguan trantib dan Jumlah kejadian kebakaran "
                            "merupakan indikator negatif.")
    assert errors(result) == [("LKJ101", "Jumlah pelanggaran Perda", ("80.00", "120.00")),
                              ("LKJ101", "Jumlah gangguan trantib", ("80.00", "120.00"))]


def test_the_stated_lower_is_better_formula_holds_every_indikator_to_it():
    rows = "| 1 | Meningkatnya kesehatan | Angka Kematian Bayi | per 1.000 KH | 10 | 8 | 125,00 |"  # target ÷ realisasi
    _, result = audit(rows)
    assert errors(result) == []
    _, result = audit(rows, "Capaian indikator negatif dihitung dengan rumus (2 × target − realisasi) / target × 100%.")
    assert errors(result) == [("LKJ101", "Angka Kematian Bayi", ("125.00", "120.00"))]


EFISIENSI = """Tabel 3.2 Analisis Efisiensi

| No | Program | Capaian Kinerja (%) | Pagu (Rp) | Realisasi (Rp) | Penyerapan (%) | {last} |
|---|---|---|---|---|---|---|
| 1 | Program Penunjang Urusan Pemerintahan | 95,00 | 1.000.000.000 | 900.000.000 | 90,00 | {value} |
"""


@pytest.mark.parametrize("said, last, value, bad", [
    ("", "Tingkat Efisiensi (%)", "5,00", "7,00"),
    ("Efisiensi = (1 − realisasi anggaran / anggaran) × 100%.", "Tingkat Efisiensi (%)", "10,00", "5,00"),
    ("Nilai efisiensi dihitung dengan rumus 50% + (E/20 × 50%), E = (1 − realisasi/pagu) × 100%.",
     "Nilai Efisiensi (%)", "75,00", "10,00"),
])
def test_efficiency_by_the_formula_the_report_states(said, last, value, bad):
    _, result = audit_markdown(said + "\n\n" + EFISIENSI.format(last=last, value=value))
    assert errors(result) == []
    _, result = audit_markdown(said + "\n\n" + EFISIENSI.format(last=last, value=bad))
    assert [e[:2] for e in errors(result)] == [("LKJ103", "Program Penunjang Urusan Pemerintahan")]


ROWS = ("| 1 | Meningkatnya derajat kesehatan | Cakupan imunisasi dasar lengkap | % | 90 | 87,5 | 97,22 |\n"
        "| | | Angka Partisipasi Kasar (APK) SD | % | 75 | 78,4 | 104,53 |\n"
        "| | | Angka Partisipasi Kasar (APK) SMP | % | 4,1 | 3,8 | 92,68 |")


@pytest.mark.parametrize("sentence, entity, facts", [
    ("Indikator Cakupan imunisasi dasar lengkap realisasi sebesar 87,5% dari target 90% (capaian 97,22%).",
     "Cakupan imunisasi dasar lengkap", {"realisasi": "87.5", "target": "90", "capaian": "97.22"}),
    ("Pada indikator Angka Partisipasi Kasar (APK) SD, target yang ditetapkan 75 persen dapat direalisasikan 78,4 "
     "persen.", "Angka Partisipasi Kasar (APK) SD", {"target": "75", "realisasi": "78.4"}),
    ("Indikator Angka Partisipasi Kasar (APK) SMP mengalami penurunan dari 4,1% pada tahun sebelumnya menjadi 3,8%. "
     "Capaian kinerja indikator ini mencapai 92,68%.", "Angka Partisipasi Kasar (APK) SMP",
     {"realisasi": "3.8", "capaian": "92.68"}),
])
def test_narrative_in_other_words_becomes_facts_of_the_entity_it_names(sentence, entity, facts):
    document, result = audit(ROWS, sentence)
    told = {f.attribute: str(f.number) for f in document.fact_rows if f.role == "narrative"}
    assert told == facts
    assert {f.entity for f in document.fact_rows if f.role == "narrative"} == {entity}
    assert errors(result) == []
    _, result = audit(ROWS, sentence.replace("3,8%", "3,9%").replace("87,5%", "88,5%").replace("78,4", "79,4"))
    assert [(e[0], e[1]) for e in errors(result)] == [("LKJ301", entity)]


def test_one_indikator_per_group_is_several_entities():
    resolver = Resolver(85)
    ids = [resolver.resolve("indikator", name) for name in (
        "Angka Partisipasi Kasar (APK) SD", "Angka Partisipasi Kasar (APK) SMP", "Rata-rata lama sekolah laki-laki",
        "Rata-rata lama sekolah perempuan", "Angka Partisipasi Kasar APK SD", "Rata rata lama sekolah laki laki")]
    assert ids == ["indikator:1", "indikator:2", "indikator:3", "indikator:4", "indikator:1", "indikator:3"]


def test_a_row_without_a_readable_name_is_never_merged():
    resolver = Resolver(85)
    assert [resolver.resolve("indikator", name) for name in ("-", "12", "-")] == ["indikator:1", "indikator:2",
                                                                                 "indikator:3"]


@pytest.mark.parametrize("text, furniture", [
    ("Halaman 12", True), ("12 dari 40", True), ("LKjIP Dinas Kesehatan Tahun 2022", True),
    ("Laporan Kinerja Instansi Pemerintah Kecamatan Batuan Tahun 2020 | 7", True),
    ("Persentase laporan tahun 2022 yang tepat waktu", False), ("Jumlah dokumen perencanaan", False)])
def test_a_page_footer_is_never_an_entity(text, furniture):
    assert is_page_furniture(text) is furniture


def test_an_indikator_named_rata_rata_is_not_an_average_claim():
    _, result = audit("| 1 | Meningkatnya mutu pendidikan | Rata-rata lama sekolah laki-laki | Tahun | 8 | 8,2 | 102,50 |",
                      "Indikator Rata-rata lama sekolah laki-laki mencapai 8,2 tahun dengan capaian sebesar 102,50%.")
    assert [f for f in result.findings if f.rule == "LKJ302"] == []


RECAP = """Tabel 3.1 Capaian Kinerja Sasaran 1: Meningkatnya kualitas perencanaan

| No | Indikator Kinerja | Satuan | Target | Realisasi | Capaian (%) |
|---|---|---|---|---|---|
| 1 | Persentase dokumen tepat waktu | % | 90 | 81 | 90,00 |
| 2 | Indeks inovasi daerah | Indeks | 50 | belum ada data | - |
| 3 | Persentase konsistensi program | % | 80 | 84 | 105,00 |

Tabel 3.2 Rata-rata Capaian Sasaran Strategis

| No | Sasaran Strategis | Rata-rata Capaian (%) |
|---|---|---|
| 1 | Meningkatnya kualitas perencanaan | {average} |
"""


def test_recap_average_is_the_mean_of_the_sasarans_own_indikator():
    document, result = audit_markdown(RECAP.format(average="97,50"))
    assert [t.role for t in document.tables] == ["capaian_sasaran", "rata_rata"]
    assert errors(result) == []
    _, result = audit_markdown(RECAP.format(average="65,00"))
    assert errors(result) == [("LKJ203", "Meningkatnya kualitas perencanaan", ("65.00", "97.50"))]
    finding = next(f for f in result.findings if f.rule == "LKJ203")
    assert "Left out (no numeric capaian): “Indeks inovasi daerah”" in finding.message("en")
    assert finding.expected == Decimal("97.50")
