"""Header vocabulary: synonyms, broken headers, bare `%`, repeated merged titles, number-only continuation
headers, a Renstra target year, total rows, and a kabupaten's own synonyms from the configuration."""
from __future__ import annotations

import pytest

from auditor.config import ConfigError, load_config
from auditor.ingest.markdown import read_markdown
from auditor.structure import build_layout, column_meaning
from auditor.vocabulary import Vocabulary, is_total_label, mend
from helpers import audit_markdown


@pytest.mark.parametrize("header, meaning", [
    ("Target", "target"), ("Rencana", "target"), ("Target Kinerja", "target"),
    ("Realisasi", "realisasi"), ("Capaian Realisasi", "realisasi"),
    ("Capaian", "capaian"), ("Persentase Capaian", "capaian"), ("% Capaian", "capaian"), ("Capaian (%)", "capaian"),
    ("Pagu", "alokasi"), ("Alokasi", "alokasi"), ("Anggaran", "alokasi"), ("APBD", "alokasi"), ("Pagu Anggaran (Rp)", "alokasi"),
    ("Penyerapan", "penyerapan"), ("Capaian Realisasi Anggaran", "penyerapan"), ("Capaian realisasi anggaran (%)", "penyerapan"),
    ("Realisasi Anggaran", "realisasi_anggaran"), ("Realisasi (Rp)", "realisasi_anggaran"),
    ("Sisa Anggaran", "sisa_anggaran"), ("Sisa Anggaran (Rp)", "sisa_anggaran"),
    ("Targ et", "target"), ("Reali sasi", "realisasi"), ("Reali- sasi", "realisasi"), ("Reali-sasi", "realisasi"), ("Sub-Kegiatan", "kegiatan"), ("Capai an", "capaian"),
    ("Anggaran Murni", "pagu_sebelum"), ("APBD Murni", "pagu_sebelum"), ("Pagu Perubahan", "pagu"),
    ("Target Akhir Renstra", "target_renstra"), ("Kondisi Awal", None),
])
def test_header_words(header, meaning):
    assert column_meaning(header)[0] == meaning


def test_broken_words_are_mended_only_into_vocabulary_words():
    assert mend("Targ et Kinerja") == "target kinerja"
    assert mend("Reali- sasi (Rp)") == "realisasi (rp)"
    assert mend("Indikator Kinerja Utama") == "indikator kinerja utama"
    assert mend("Kondisi Awal") == "kondisi awal"


@pytest.mark.parametrize("label, total", [
    ("JUMLAH", True), ("Jumlah", True), ("Jumlah Total", True), ("TOTAL", True), ("Total :", True),
    ("Sub Total", True), ("Jumlah Anggaran Belanja Langsung", True), ("Jumlah Program I", True),
    ("Jumlah dokumen perencanaan yang disusun", False), ("Jumlah kegiatan sosialisasi yang dilaksanakan", False),
    ("Total pendapatan asli daerah yang dipungut", False),
])
def test_total_rows_by_their_whole_label(label, total):
    assert is_total_label(label) is total


REPORT = """LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2022

Tabel 3.1 Capaian Kinerja Sasaran

| No | Sasaran | Indikator Kinerja | Kinerja 2022 | Kinerja 2022 | Kinerja 2022 | Target 2026 |
|---|---|---|---|---|---|---|
| | | | Rencana | Capaian Realisasi | % | |
| 1 | Meningkatnya kualitas perencanaan | Persentase dokumen perencanaan tepat waktu | 80 | 60 | {capaian} | 90 |
| | | Jumlah dokumen perencanaan yang disusun | 10 | 10 | 100 | 12 |

Tabel 3.2 Realisasi Kinerja Tiga Tahun Terakhir

| No | Indikator Kinerja | Realisasi 2020 | Realisasi 2021 | Realisasi 2022 | Target 2026 |
|---|---|---|---|---|---|
| 1 | Persentase dokumen perencanaan tepat waktu | 50 | 55 | 60 | 90 |
| 2 | Jumlah dokumen perencanaan yang disusun | 8 | 9 | 10 | 12 |

Tabel 3.3 Realisasi Anggaran

| No | Program/Kegiatan | APBD (Rp) | Realisasi (Rp) | % | Sisa Anggaran (Rp) |
|---|---|---|---|---|---|
| 1 | Program Perencanaan | 300.000.000 | 250.000.000 | 83,33 | 50.000.000 |
| 1.1 | Penyusunan dokumen perencanaan | 100.000.000 | 90.000.000 | {penyerapan} | 10.000.000 |
| 1.2 | Evaluasi kinerja | 200.000.000 | 160.000.000 | 80,00 | 40.000.000 |
| | Jumlah Total | 300.000.000 | {total} | {total_penyerapan} | 50.000.000 |
"""


def report(capaian="75", penyerapan="90,00", total="250.000.000", total_penyerapan="83,33") -> str:
    return REPORT.format(capaian=capaian, penyerapan=penyerapan, total=total, total_penyerapan=total_penyerapan)


def test_other_wording_is_read_by_meaning():
    document, result = audit_markdown(report())
    assert [(t.role, [c.meaning for c in t.columns]) for t in document.tables] == [
        ("capaian_sasaran", ["no", "sasaran", "indikator", "target", "realisasi", "capaian", "target_renstra"]),
        ("realisasi_history", ["no", "indikator", "realisasi", "realisasi", "realisasi", "target_renstra"]),
        ("realisasi_anggaran", ["no", "name", "alokasi", "realisasi_anggaran", "penyerapan", "sisa_anggaran"]),
    ]
    assert [f.message("en") for f in result.findings if f.severity == "error"] == []
    jumlah = document.facts[document.facts.entity == "Jumlah dokumen perencanaan yang disusun"]
    assert sorted(jumlah.attribute) == ["capaian", "realisasi", "realisasi", "realisasi", "realisasi",
                                        "target", "target_renstra", "target_renstra"]


def test_inconsistencies_under_other_wording_are_found():
    _, result = audit_markdown(report(capaian="90", penyerapan="95,00", total="260.000.000", total_penyerapan="86,67"))
    found = sorted((f.rule, f.subject, tuple(float(v) for v in f.values), f.locations[0].column)
                   for f in result.findings if f.severity == "error")
    assert found == [
        ("LKJ101", "Persentase dokumen perencanaan tepat waktu", (90.0, 75.0), "Kinerja 2022 / %"),
        ("LKJ102", "Penyusunan dokumen perencanaan", (95.0, 90.0), "%"),
        ("LKJ401", "JUMLAH", (260_000_000.0, 250_000_000.0), "Realisasi (Rp)"),
    ]


def test_number_only_header_continues_the_table_above():
    text = """Tabel 3.1 Realisasi Anggaran

| No | Program/Kegiatan | Pagu | Realisasi | Penyerapan |
|---|---|---|---|---|
| 1 | 2 | 3 | 4 | 5 |
| 1 | Program A | 100.000.000 | 90.000.000 | 90,00 |

| 1 | 2 | 3 | 4 | 5 |
|---|---|---|---|---|
| 1.1 | Kegiatan B | 100.000.000 | 90.000.000 | 90,00 |
"""
    [table] = build_layout(read_markdown("t.md", text)).tables
    assert table.fragments == 2 and len(table.rows) == 2


def test_header_synonyms_from_the_configuration(tmp_path):
    config_path = tmp_path / "lkjip-audit.cfg"
    config_path.write_text("[lkjip-audit]\n\n[lkjip-audit:headers]\ncapaian = tingkat keberhasilan, hasil\n"
                           "target = sasaran tahunan\n", encoding="utf-8")
    config = load_config(str(config_path))
    assert config.headers == {"capaian": ["tingkat keberhasilan", "hasil"], "target": ["sasaran tahunan"]}
    text = report(capaian="90").replace("| Rencana | Capaian Realisasi | % |", "| Sasaran Tahunan | Realisasi | Tingkat Keberhasilan |")
    _, plain = audit_markdown(text)
    assert not [f for f in plain.findings if f.rule == "LKJ101"]  # the column is not understood without the synonym
    _, taught = audit_markdown(text, config=config)
    assert [(f.rule, f.subject) for f in taught.findings if f.severity == "error"] == [
        ("LKJ101", "Persentase dokumen perencanaan tepat waktu")]


def test_configured_synonym_wins_over_a_built_in_one():
    vocabulary = Vocabulary.with_synonyms({"realisasi": ["rencana"]})
    assert column_meaning("Rencana", vocabulary)[0] == "realisasi"


@pytest.mark.parametrize("text, complaint", [
    ("[lkjip-audit:headers]\ncapaian_tahunan = hasil\n", "unknown header meaning(s) capaian_tahunan"),
    ('[tool.lkjip-audit.headers]\nbogus = ["x"]\n', "unknown header meaning(s) bogus"),
    ("[lkjip-audit:header]\ncapaian = hasil\n", "unknown section(s) lkjip-audit:header"),
])
def test_unknown_header_meaning_is_rejected(tmp_path, text, complaint):
    path = tmp_path / ("lkjip-audit.toml" if text.startswith("[tool") else "lkjip-audit.cfg")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(str(path))
    assert complaint in str(raised.value)


def test_extract_prints_each_tables_role_and_column_meanings(tmp_path):
    from click.testing import CliRunner

    from auditor.cli import main

    path = tmp_path / "lkjip.md"
    path.write_text(report() + "\nDaftar pejabat\n\n| Nama | Alamat |\n|---|---|\n| A | B |\n| C | D |\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "-o", str(tmp_path / "out"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "T01 Tabel 3.1: capaian_sasaran — performance by sasaran (target, realisasi, capaian)"
    assert "Kinerja 2022 / % → capaian" in lines[1] and "Target 2026 → target_renstra" in lines[1]
    assert "APBD (Rp) → alokasi" in lines[5] and "% → penyerapan" in lines[5] and "Sisa Anggaran (Rp) → sisa_anggaran" in lines[5]
    assert lines[6].startswith("T04 Daftar pejabat: other — not recognised")
    assert "[lkjip-audit:headers]" in lines[8]
