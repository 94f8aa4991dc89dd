"""Stated counts and numbers in words: what the sentence counts, against the tables that count it."""
from __future__ import annotations

from decimal import Decimal

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
