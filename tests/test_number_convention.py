"""The document's own number convention: a report that writes 85.50% and Rp 1,234,567 reads its
"1,200 Forum" as twelve hundred; an Indonesian report (71,43%, Rp 1.234.567) reads "1.200" so; a
report that shows neither is read the Indonesian way, and one that shows both reads each table and
its sentences by what they show themselves."""
from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.config import Config
from auditor.document import load, read_raw
from auditor.engine import run_rules
from auditor.ingest.markdown import read_markdown
from auditor.values import DECIMAL_COMMA, DECIMAL_POINT, parse_number, parse_value, shown_decimal_mark
from fresh_reports import make_report, to_docx, to_pdf
from helpers import audit_markdown

FORUM = "Fasilitasi musyawarah perencanaan pembangunan"

# one report in either style: {capaian} of the forum row, {realisasi} the sentence states
TREE = {
    DECIMAL_POINT: """Tabel 3.4 Realisasi Kinerja Program dan Kegiatan Tahun 2022

| NO | PROGRAM/KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN | ANGGARAN (Rp) | REALISASI ANGGARAN (Rp) | PENYERAPAN (%) |
|---|---|---|---|---|---|---|---|---|
| I | Program Pelayanan Administrasi Perkantoran | Persentase layanan terpenuhi | 100% | 90% | 90.00% | 30,000,000 | 25,000,000 | 83.33% |
| I.1 | Fasilitasi musyawarah perencanaan pembangunan | Jumlah forum yang difasilitasi | 1,200 Forum | 800 Forum | {capaian} | 10,000,000 | 10,000,000 | 100.00% |
| I.2 | Penyediaan jasa surat menyurat | Jumlah surat yang dikirim | 500 Surat | 450 Surat | 90.00% | 20,000,000 | 15,000,000 | 75.00% |
| | JUMLAH | | | | | 30,000,000 | 25,000,000 | 83.33% |

Kegiatan Fasilitasi musyawarah perencanaan pembangunan: target 1,200 Forum, realisasi {realisasi} Forum (capaian 66.67%).
""",
    DECIMAL_COMMA: """Tabel 3.4 Realisasi Kinerja Program dan Kegiatan Tahun 2022

| NO | PROGRAM/KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN | ANGGARAN (Rp) | REALISASI ANGGARAN (Rp) | PENYERAPAN (%) |
|---|---|---|---|---|---|---|---|---|
| I | Program Pelayanan Administrasi Perkantoran | Persentase layanan terpenuhi | 100% | 90% | 90,00% | 30.000.000 | 25.000.000 | 83,33% |
| I.1 | Fasilitasi musyawarah perencanaan pembangunan | Jumlah forum yang difasilitasi | 1.200 Forum | 800 Forum | {capaian} | 10.000.000 | 10.000.000 | 100,00% |
| I.2 | Penyediaan jasa surat menyurat | Jumlah surat yang dikirim | 500 Surat | 450 Surat | 90,00% | 20.000.000 | 15.000.000 | 75,00% |
| | JUMLAH | | | | | 30.000.000 | 25.000.000 | 83,33% |

Kegiatan Fasilitasi musyawarah perencanaan pembangunan: target 1.200 Forum, realisasi {realisasi} Forum (capaian 66,67%).
""",
}


def errors(text: str) -> list[tuple]:
    return [(f.rule, f.subject, f.attribute, f.values) for f in audit_markdown(text)[1].findings
            if f.severity == "error"]


def target(document) -> Decimal:
    [table] = document.tables
    return table.values[1][table.column("target")].number


@pytest.mark.parametrize("mark", [DECIMAL_POINT, DECIMAL_COMMA])
def test_a_consistent_report_in_either_style_reads_twelve_hundred(mark):
    document, result = audit_markdown(TREE[mark].format(capaian="66.67%" if mark == "." else "66,67%", realisasi=800))
    assert document.decimal_mark == mark
    assert target(document) == 1200
    assert [f for f in result.findings if f.severity == "error"] == []


def test_a_wrong_capaian_in_a_decimal_point_report_is_found_with_its_values():
    # 800 ÷ 1,200 is 66.67%, which the sentence states too
    assert sorted(errors(TREE[DECIMAL_POINT].format(capaian="70.00%", realisasi=800))) == [
        ("LKJ101", FORUM, "capaian", (Decimal("70.00"), Decimal("66.67"))),
        ("LKJ301", FORUM, "capaian", (Decimal("66.67"), Decimal("70.00")))]


def test_a_sentence_of_a_decimal_point_report_is_read_the_same_way():
    # "1,100 Forum" in the sentence is eleven hundred, against the table's 800
    assert errors(TREE[DECIMAL_POINT].format(capaian="66.67%", realisasi="1,100")) == [
        ("LKJ301", FORUM, "realisasi", (Decimal(1100), Decimal(800)))]


def test_a_report_without_evidence_is_read_the_indonesian_way():
    # no decimals, no Rupiah: "1,200" stays 1,2 (a decimal comma), as it always was
    text = TREE[DECIMAL_POINT].format(capaian="66.67%", realisasi=800)
    for point_style in ("90.00%", "83.33%", "100.00%", "75.00%", "66.67%", ",000,000"):
        text = text.replace(point_style, "")
    document, _ = audit_markdown(text)
    assert document.decimal_mark == DECIMAL_COMMA
    assert target(document) == Decimal("1.2")


def test_a_table_that_shows_both_marks_is_read_the_indonesian_way():
    # percentages with a decimal point, but Rupiah with dots: "1.200" stays twelve hundred
    text = TREE[DECIMAL_COMMA].format(capaian="66.67%", realisasi=800).replace(",00%", ".00%").replace(",33%", ".33%")
    document, result = audit_markdown(text)
    assert document.tables[0].decimal_mark == DECIMAL_COMMA
    assert target(document) == 1200
    assert [f for f in result.findings if f.severity == "error"] == []


def test_a_table_pasted_from_an_english_spreadsheet_into_indonesian_sentences_reads_each_its_own_way():
    # the table shows a decimal point, the sentences a comma (Rp 30.000.000, 83,33%): each "1,200" / "1.200"
    # is twelve hundred, and a sentence's wrong realisasi is still found with its values
    sentences = ("Dari pagu anggaran sebesar Rp 30.000.000, terealisasi Rp 25.000.000 atau 83,33%.\n\n"
                 "Kegiatan Fasilitasi musyawarah perencanaan pembangunan: target 1.200 Forum, realisasi {realisasi} "
                 "Forum (capaian 66,67%).\n")
    table = TREE[DECIMAL_POINT].split("Kegiatan Fasilitasi")[0]
    document, result = audit_markdown(table + sentences.format(realisasi=800))
    assert (document.tables[0].decimal_mark, document.decimal_mark) == (DECIMAL_POINT, DECIMAL_COMMA)
    assert target(document) == 1200
    assert [f for f in result.findings if f.severity == "error"] == []
    assert errors(table + sentences.format(realisasi="1.100")) == [
        ("LKJ301", FORUM, "realisasi", (Decimal(1100), Decimal(800)))]


def test_documents_audited_one_after_another_each_keep_their_own_style():
    texts = [TREE[mark].format(capaian="66.67%" if mark == "." else "66,67%", realisasi=800)
             for mark in (DECIMAL_COMMA, DECIMAL_POINT, DECIMAL_COMMA, DECIMAL_POINT)]
    documents = [audit_markdown(text)[0] for text in texts]
    assert [d.decimal_mark for d in documents] == [",", ".", ",", "."]
    assert [target(d) for d in documents] == [1200] * 4


@pytest.mark.parametrize("texts, mark", [
    (["tercapai 85.50%", "Rp 1,234,567"], DECIMAL_POINT),
    (["Rp 1,200", "Rp 4,500,-"], DECIMAL_POINT),  # a Rupiah amount has no third decimal: thousands
    (["1,234.5", "12,345,678"], DECIMAL_POINT),
    (["71,43%", "Rp 1.234.567", "1.234,5"], DECIMAL_COMMA),
    (["tercapai 85.50 persen"], None),  # one number is too little
    (["85.50%", "71.43%", "Rp 30.000.000"], None),  # both
    (["pukul 08.00 WIB", "Tabel 3.1", "7.01.02.2.01", "1.200 Forum", "1,200 Forum", "1,2,3"] * 5, None),
    (["85.50%"] * 20 + ["Rp 1.234.567"], DECIMAL_POINT),  # one stray among many
    (["85.50%"] * 5 + ["Rp 1.234.567"], None),
])
def test_decimal_mark_shown_by_unambiguous_numbers(texts, mark):
    assert shown_decimal_mark(texts) == mark


@pytest.mark.parametrize("text, mark, number, decimals", [
    ("1,200", DECIMAL_POINT, Decimal(1200), 0),
    ("1.200", DECIMAL_POINT, Decimal("1.200"), 3),
    ("1.200", DECIMAL_COMMA, Decimal(1200), 0),
    ("1,200", DECIMAL_COMMA, Decimal("1.200"), 3),
    ("-12,500", DECIMAL_POINT, Decimal(-12500), 0),
    ("1,234,567", DECIMAL_COMMA, Decimal(1234567), 0),  # several groups say so themselves
    ("1.234.567", DECIMAL_POINT, Decimal(1234567), 0),
    ("85.50", DECIMAL_COMMA, Decimal("85.50"), 2),
    ("71,43", DECIMAL_POINT, Decimal("71.43"), 2),
    ("0,500", DECIMAL_POINT, Decimal("0.500"), 3),  # no thousands after a 0
    ("0.725", DECIMAL_COMMA, Decimal("0.725"), 3),
])
def test_parse_number_by_the_documents_mark(text, mark, number, decimals):
    assert parse_number(text, mark) == (number, decimals)


def test_every_value_kind_reads_by_the_documents_mark():
    assert [parse_value(text, DECIMAL_POINT).number for text in ("1,200 Forum", "Rp 1,200", "1,200", "1,200%")] == [
        1200] * 4


@pytest.mark.parametrize("seed", [210, 279, 417])
def test_fresh_decimal_point_reports_with_a_count_over_a_thousand_give_no_error(seed):
    report = make_report(seed)
    assert not report.style.comma
    document, result = audit_markdown(report.markdown)
    assert document.decimal_mark == DECIMAL_POINT
    assert [(f.rule, f.subject) for f in result.findings if f.severity == "error"] == []


def test_the_style_is_judged_from_a_word_files_text_and_cells(tmp_path):
    markdown = make_report(210).markdown
    to_docx(markdown, str(tmp_path / "report.docx"))
    from_word = shown_decimal_mark(read_raw(str(tmp_path / "report.docx")).texts())
    assert from_word == shown_decimal_mark(read_markdown("report.md", markdown).texts()) == DECIMAL_POINT


@pytest.mark.slow
def test_a_decimal_point_report_printed_to_pdf_is_read_by_its_own_style(tmp_path):
    # the PDF's words and cells, however its pages broke them, show the same style as the markdown
    to_pdf(make_report(210).markdown, str(tmp_path / "report.pdf"))
    document = load(str(tmp_path / "report.pdf"), Config())
    assert {document.decimal_mark, *(table.decimal_mark for table in document.tables)} == {DECIMAL_POINT}
    assert [(f.rule, f.subject) for f in run_rules(document, Config()).findings if f.severity == "error"] == []
