"""Printed numbers parse with their precision; entity names match despite typos but not across near-misses."""
from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.arithmetic import Printed, agree
from auditor.config import Config
from auditor.facts import Resolver
from auditor.values import format_number, parse_value


@pytest.mark.parametrize("text, kind, number, unit, decimals", [
    ("455.365.200", "number", "455365200", None, 0),
    ("95,97%", "percent", "95.97", "%", 2),
    ("Rp.437.030.200,-", "money", "437030200", "Rp", 0),
    ("Rp. 294.056.500", "money", "294056500", "Rp", 0),
    ("-16,25%", "percent", "-16.25", "%", 2),
    ("0,00%", "percent", "0.00", "%", 2),
    ("80 %", "percent", "80", "%", 0),
    ("1287 Surat", "quantity", "1287", "surat", 0),
    ("07 kali rapat", "quantity", "7", "kali", 0),
    ("1.287", "number", "1287", None, 0),
    ("95.97", "number", "95.97", None, 2),
])
def test_numbers_keep_value_unit_and_precision(text, kind, number, unit, decimals):
    value = parse_value(text)
    assert (value.kind, value.number, value.unit, value.decimals) == (kind, Decimal(number), unit, decimals)
    assert value.text == text


@pytest.mark.parametrize("text, kind", [
    ("B", "grade"), ("Nilai B", "grade"), ("-", "empty"), ("", "empty"),
    ("Belum ada penilaian", "note"), ("Kegiatan tidak dapat dilaksanakan sehubungan Covid-19", "note"),
])
def test_grades_empties_and_notes(text, kind):
    assert parse_value(text).kind == kind


def test_printed_interval_is_half_up():
    assert Printed(Decimal(84), 0).contains(Decimal("83.75"))
    assert Printed(Decimal(84), 0).contains(Decimal("83.5"))
    assert not Printed(Decimal(84), 0).contains(Decimal("84.5"))
    assert agree(Printed(Decimal(35), 0), Printed(Decimal("35.20"), 2))
    assert not agree(Printed(Decimal(67), 0), Printed(Decimal(72), 0))


def test_indonesian_and_english_number_format():
    assert format_number(Decimal("455365200")) == "455.365.200"
    assert format_number(Decimal("95.97")) == "95,97"
    assert format_number(Decimal("95.97"), "en") == "95.97"


@pytest.mark.parametrize("a, b", [
    ("Persentase hasil Musrembangcam disetujui di tingkat kabupaten",
     "Persentase hasil Musrenbangcam disetujui di tingkat kabupaten"),
    ("Pemberdayan dan pembinaan masyarakat desa (Sosialisasi Pembentukan BUMDes)",
     "Pemberdayaan dan pembinaan masyarakat desa (Sosialisasi Pembentukan BUMDes)"),
    ("Peningkatan kapasitas aparaturn pemerintahan, ketentraman dan ketertiban umum (Pembinaan Administrasi Desa)",
     "Peningkatan kapasitas aparatur pemerintahan, ketentraman dan ketertiban umum (Pembinaan Administrasi Desa)"),
    ("3.1. Persentase hasil musrembangcam disetujui di tingkat Kabupaten",
     "Persentase hasil Musrenbangcam disetujui di tingkat kabupaten"),
])
def test_variants_of_one_entity_resolve_to_one_id(a, b):
    resolver = Resolver(Config().match_threshold)
    assert resolver.resolve("kegiatan", a) == resolver.resolve("kegiatan", b)


@pytest.mark.parametrize("a, b", [
    ("Pemeliharaan rutin/berkala gedung kantor/rumah dinas (Pemeliharaan Rutin / Berkala Gedung Kantor)",
     "Pemeliharaan rutin/berkala gedung kantor/rumah dinas (Pemeliharaan Rutin / Berkala Rumah Dinas)"),
    ("Peringatan Hari-Hari Besar (Peringatan Hari Proklamasi Kemerdekaan)",
     "Peringatan Hari-Hari Besar (Penyelenggaraan Pameran Pembangunan)"),
    ("Persentase penurunan pelanggaran terhadap Perda dan Perbup",
     "Persentase gangguan keamanan, ketentraman dan ketertiban masyarakat dapat diselesaikan"),
    ("Penyediaan makanan dan minuman", "Pemberdayaan dan pembinaan masyarakat desa"),
    ("Sosialisasi Tahap 1", "Sosialisasi Tahap 2"),
])
def test_near_misses_stay_apart(a, b):
    resolver = Resolver(Config().match_threshold)
    assert resolver.resolve("kegiatan", a) != resolver.resolve("kegiatan", b)


@pytest.mark.parametrize("printed, number, kind", [
    ("９５，９７％", Decimal("95.97"), "percent"),  # full-width digits and signs
    ("٤٥٥.٣٦٥.٢٠٠", Decimal("455365200"), "number"),  # Arabic-Indic digits
    ("8\u200b4%", Decimal("84"), "percent"),  # a zero-width space inside the number
    ("\ufeff17", Decimal("17"), "number"),
    ("٩٥٫٥٪", Decimal("95.5"), "percent"),  # Arabic decimal separator and percent sign
])
def test_odd_digits_read_as_numbers(printed, number, kind):
    value = parse_value(printed)
    assert (value.number, value.kind) == (number, kind)


def test_damaged_unicode_copy_audits_like_the_clean_report():
    import random

    import generator
    from helpers import audit_markdown

    report = generator.generate(2)
    clean = audit_markdown(generator.to_markdown(report))[1].findings
    damaged = audit_markdown(generator.to_markdown(generator.damage_unicode(report, random.Random(2))))[1].findings
    assert [(f.rule, f.subject, f.values) for f in damaged] == [(f.rule, f.subject, f.values) for f in clean]


@pytest.mark.parametrize("printed", ["8O", "1O0", "9l%", "7,5,x"])
def test_a_damaged_number_is_not_read_as_another(printed):
    """A letter in place of a digit leaves a note, never a quantity of 8 "O" or a percentage of 9."""
    assert parse_value(printed).kind == "note"
    assert parse_value("12Rapat").unit == "rapat"  # a unit typed against its digits still reads


def test_a_number_that_cannot_be_read_is_counted_in_the_coverage_line():
    from helpers import audit_markdown

    text = """Tabel III.A.1 Capaian Kinerja Sasaran

| NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
|---|---|---|---|---|---|---|
| 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 8O |
| 2 | Meningkatnya pelayanan | Nilai SAKIP | Nilai | B | Belum ada penilaian | - |
"""
    _, result = audit_markdown(text)
    assert result.findings == []
    assert result.coverage.to_dict()["not_checkable_reasons"] == {"number that could not be read": 1}
