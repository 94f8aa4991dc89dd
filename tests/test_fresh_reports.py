"""Reports made by an independent generator (tests/fresh_reports.py, written without looking at
tests/generator.py): clean ones give no error, injected ones the exact finding; and the false-alarm
classes that generator found, each pinned on a small table of its own."""
from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.arithmetic import Printed
from auditor.config import Config
from auditor.document import load
from auditor.engine import run_rules
from fresh_reports import INJECTIONS, make_report, to_docx, to_pdf
from helpers import audit_markdown
import pdf_render


def errors(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.subject) for f in audit_markdown(text)[1].findings if f.severity == "error"]


@pytest.mark.parametrize("seed", range(8))
def test_fresh_clean_reports_give_no_error(seed):
    assert errors(make_report(seed).markdown) == []


@pytest.mark.parametrize("kind", sorted(INJECTIONS))
def test_fresh_injected_inconsistency_is_reported_on_its_subject(kind):
    report = make_report(1, kind)
    found = errors(report.markdown)
    subject = report.injected[1]
    assert (INJECTIONS[kind], subject) in found
    # a changed JUMLAH also disagrees with the penyerapan and the summary printed from the true one
    assert {s for _, s in found} == {subject}


def audit_printed(markdown: str, tmp_path) -> tuple:
    path = str(tmp_path / "printed.pdf")
    to_pdf(markdown, path)
    document = load(path, Config())
    return document, [(f.rule, f.subject) for f in run_rules(document, Config()).findings if f.severity == "error"]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 14, 21])
def test_fresh_reports_printed_by_a_browser_give_no_error(seed, tmp_path):
    document, found = audit_printed(make_report(seed).markdown, tmp_path)
    assert found == []


@pytest.mark.slow
def test_numbered_program_list_on_a_page_of_short_lines_keeps_its_items(tmp_path):
    # seed 21 prints "terdapat 4 program …, yaitu:" and its four short numbered lines on a page with no
    # line reaching the right margin: each number starts an item, not a wrapped line
    report = make_report(21)
    document, _ = audit_printed(report.markdown, tmp_path)
    items = [b.text for b in document.text if b.kind == "list_item" and b.text[:2] in ("1.", "2.", "3.", "4.")
             and "Program" in b.text]
    assert items == [f"{i}. {p.name}" for i, p in enumerate(report.programs, 1)]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["jumlah", "kegiatan", "terbilang"])
def test_fresh_injected_inconsistency_printed_by_a_browser_is_reported(kind, tmp_path):
    report = make_report(1, kind)
    assert (INJECTIONS[kind], report.injected[1]) in audit_printed(report.markdown, tmp_path)[1]


def audit_word(markdown: str, tmp_path) -> list[tuple[str, str]]:
    path = str(tmp_path / "report.docx")
    to_docx(markdown, path)
    return [(f.rule, f.subject) for f in run_rules(load(path, Config()), Config()).findings if f.severity == "error"]


@pytest.mark.parametrize("seed", [1, 4])  # sub kegiatan, a kinerja-and-budget table, wide tables in landscape
def test_fresh_reports_as_word_files_give_no_error(seed, tmp_path):
    assert audit_word(make_report(seed).markdown, tmp_path) == []


def test_fresh_injected_inconsistency_in_a_word_file_is_reported(tmp_path):
    report = make_report(4, "kegiatan")
    assert ("LKJ301", report.injected[1]) in audit_word(report.markdown, tmp_path)


# --- a budget table whose percent column is headed "Capaian", program rows above their kegiatan

BUDGET_WITH_CAPAIAN = """Tabel 3.5 Realisasi Anggaran Program/Kegiatan Tahun Anggaran 2022

| Kode | Program/Kegiatan | Pagu Anggaran (Rp) | Realisasi (Rp) | Capaian |
|---|---|---|---|---|
| 7.01.01 | Program Pelayanan Administrasi Perkantoran | 30.000.000 | 25.000.000 | 83,33% |
| 7.01.01.2.01 | Penyediaan alat tulis kantor | 10.000.000 | 10.000.000 | 100,00% |
| 7.01.01.2.02 | Penyediaan jasa surat menyurat | 20.000.000 | 15.000.000 | 75,00% |
| | JUMLAH | {total} | 25.000.000 | 83,33% |
"""


def test_budget_table_headed_capaian_adds_programs_not_every_row():
    document, result = audit_markdown(BUDGET_WITH_CAPAIAN.format(total="30.000.000"))
    table = document.tables[0]
    assert table.role == "realisasi_anggaran"
    assert [c.meaning for c in table.columns][-1] == "penyerapan"
    assert [f for f in result.findings if f.severity == "error"] == []


def test_budget_table_headed_capaian_still_finds_a_wrong_total():
    findings = [f for f in audit_markdown(BUDGET_WITH_CAPAIAN.format(total="31.000.000"))[1].findings
                if f.severity == "error"]
    # the printed penyerapan 83,33% now disagrees with 25.000.000 ÷ 31.000.000 too
    assert sorted((f.rule, f.subject, f.values) for f in findings) == [
        ("LKJ102", "JUMLAH", (Decimal("83.33"), Decimal("80.65"))), ("LKJ401", "JUMLAH", (31_000_000, 30_000_000))]


# --- kinerja and budget of programs and kegiatan in one wide table

COMBINED = """Tabel 3.4 Realisasi Kinerja Program dan Kegiatan Tahun 2022

| NO | PROGRAM/KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN | ANGGARAN (Rp) | REALISASI ANGGARAN (Rp) | PENYERAPAN (%) |
|---|---|---|---|---|---|---|---|---|
| I | Program Pelayanan Administrasi Perkantoran | Persentase layanan terpenuhi | 100% | 90% | 90% | {program} | 25.000.000 | 83,33% |
| I.1 | Penyediaan alat tulis kantor | Jumlah paket yang disediakan | 12 Paket | 12 Paket | 100% | 10.000.000 | 10.000.000 | 100% |
| I.2 | Penyediaan jasa surat menyurat | Jumlah surat yang dikirim | 500 Surat | 450 Surat | 90% | 20.000.000 | 15.000.000 | 75% |
| | JUMLAH | | | | | 30.000.000 | 25.000.000 | 83,33% |
"""


def test_combined_kinerja_and_budget_table_is_read_level_by_level():
    assert errors(COMBINED.format(program="30.000.000")) == []


def test_combined_table_finds_a_program_that_is_not_the_sum_of_its_kegiatan():
    assert ("LKJ401", "Program Pelayanan Administrasi Perkantoran") in errors(COMBINED.format(program="32.000.000"))


# --- "Capaian terhadap Target Akhir Renstra" is a capaian, not the Renstra target

RENSTRA_END = """Tabel 3.3 Realisasi Kinerja terhadap Target Akhir Renstra

| Indikator Kinerja | Realisasi s.d. Tahun 2022 | Target Akhir Renstra | Capaian terhadap Target Akhir Renstra |
|---|---|---|---|
| Persentase pengaduan masyarakat yang ditindaklanjuti | 75 | 80 | {capaian} |
"""


def test_capaian_against_renstra_end_target_is_a_capaian():
    document, result = audit_markdown(RENSTRA_END.format(capaian="93,75"))
    assert [c.meaning for c in document.tables[0].columns][-2:] == ["target_renstra", "capaian_renstra"]
    assert [f for f in result.findings if f.severity == "error"] == []
    assert errors(RENSTRA_END.format(capaian="95,75")) == [("LKJ101", "Persentase pengaduan masyarakat yang ditindaklanjuti")]


# --- the efficiency table may print a capaian over 100% capped at 100%

EFISIENSI = """Tabel III.E.1 Efisiensi Penggunaan Sumber Daya

Tingkat efisiensi dihitung sebagai selisih capaian kinerja dengan persentase penyerapan anggaran.

| No | Kegiatan | Target | Realisasi | Capaian | Alokasi (Rp) | Realisasi (Rp) | Penyerapan Anggaran | Tingkat Efisiensi |
|---|---|---|---|---|---|---|---|---|
| 1 | Penyediaan jasa surat menyurat | 9 Surat | 10 Surat | {capaian} | 10.000.000 | 8.000.000 | 80% | {efisiensi} |
"""


@pytest.mark.parametrize("capaian, efisiensi", [("100%", "20%"), ("111,11%", "31,11%")])
def test_efficiency_capaian_capped_at_100_or_not(capaian, efisiensi):
    assert errors(EFISIENSI.format(capaian=capaian, efisiensi=efisiensi)) == []


def test_efficiency_capaian_neither_own_nor_capped_is_an_error():
    assert errors(EFISIENSI.format(capaian="95%", efisiensi="15%")) == [("LKJ101", "Penyediaan jasa surat menyurat")]


# --- negative figures: Excel rounds half away from zero, ROUND(-22,5; 0) = -23

def test_printed_negative_figure_covers_the_half_away_from_zero():
    assert Printed(Decimal(-23), 0).contains(Decimal("-22.5"))
    assert not Printed(Decimal(-23), 0).contains(Decimal("-23.5"))
    assert not Printed(Decimal(-22), 0).contains(Decimal("-22.5"))
    assert Printed(Decimal(23), 0).contains(Decimal("22.5"))


NEGATIVE_EFISIENSI = """Tabel III.E.1 Efisiensi Penggunaan Sumber Daya

| No | Kegiatan | Target | Realisasi | Capaian | Alokasi (Rp) | Realisasi (Rp) | Penyerapan Anggaran | Tingkat Efisiensi |
|---|---|---|---|---|---|---|---|---|
| 1 | Penertiban pedagang kaki lima | 120 Operasi | 93 Operasi | 78% | 21.200.000 | 21.200.000 | 100% | {efisiensi} |
"""


def test_negative_efficiency_rounded_away_from_zero_agrees():
    # 93 ÷ 120 = 77,5% (printed 78), minus 100% absorbed = -22,5, which Excel prints -23
    assert errors(NEGATIVE_EFISIENSI.format(efisiensi="-23%")) == []
    assert errors(NEGATIVE_EFISIENSI.format(efisiensi="-25%")) == [("LKJ103", "Penertiban pedagang kaki lima")]


# --- what the narrative says of kegiatan, programs and staff, however it is worded

TREE = """Tabel 3.4 Realisasi Kinerja Program dan Kegiatan Tahun 2022

| NO | PROGRAM/KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
|---|---|---|---|---|---|
| I | Program Pelayanan Administrasi Perkantoran | Persentase layanan terpenuhi | 100% | 90% | 90% |
| I.1 | Penyediaan alat tulis kantor | Jumlah paket yang disediakan | 12 Paket | 12 Paket | 100% |
| I.2 | Pemeliharaan gedung kantor | Jumlah gedung yang dipelihara | 24 Gedung | 21 Gedung | 87,50% |

Tabel 3.5 Realisasi Anggaran Program/Kegiatan Tahun Anggaran 2022

| No | Program/Kegiatan | Pagu Anggaran (Rp) | Realisasi (Rp) | Penyerapan (%) |
|---|---|---|---|---|
| I | Program Pelayanan Administrasi Perkantoran | 30.000.000 | 25.000.000 | 83,33 |
| I.1 | Penyediaan alat tulis kantor | 10.000.000 | 10.000.000 | 100 |
| I.2 | Pemeliharaan gedung kantor | 20.000.000 | 15.000.000 | 75 |
| | JUMLAH | 30.000.000 | 25.000.000 | 83,33 |

D. Analisis Keberhasilan dan Kegagalan

Program Pelayanan Administrasi Perkantoran

{sentence}

G. Realisasi Anggaran

Dari pagu anggaran sebesar Rp 30.000.000, terealisasi Rp 25.000.000 atau {penyerapan}.
"""

GEDUNG = "Pemeliharaan gedung kantor"


@pytest.mark.parametrize("sentence", [
    "Kegiatan Pemeliharaan gedung kantor dengan indikator Jumlah gedung yang dipelihara terealisasi {r} Gedung "
    "dari target 24 Gedung, atau capaian sebesar 87,50%.",
    "Kegiatan Pemeliharaan gedung kantor: target 24 Gedung, realisasi {r} Gedung (capaian 87,50%).",
    "- Pemeliharaan gedung kantor\nTerealisasi {r} gedung\nAtas target 24 gedung",
    "Melalui kegiatan Pemeliharaan gedung kantor telah dilaksanakan {r} gedung dari 24 gedung yang direncanakan.",
])
def test_kegiatan_sentence_is_compared_with_its_table_row(sentence):
    assert errors(TREE.format(sentence=sentence.format(r=21), penyerapan="83,33%")) == []
    findings = [f for f in audit_markdown(TREE.format(sentence=sentence.format(r=22), penyerapan="83,33%"))[1].findings
                if f.severity == "error"]
    assert [(f.rule, f.subject, f.attribute) for f in findings] == [("LKJ301", GEDUNG, "realisasi")]
    assert findings[0].values == (22, 21)


PROGRAM_BUDGET = ("Untuk mendukung program tersebut dialokasikan pagu anggaran sebesar Rp {pagu} dan terealisasi "
                  "Rp 25.000.000 atau 83,33%.")


def test_budget_told_of_a_program_is_the_programs_not_the_reports_total():
    assert errors(TREE.format(sentence=PROGRAM_BUDGET.format(pagu="30.000.000"), penyerapan="83,33%")) == []
    findings = [f for f in audit_markdown(TREE.format(sentence=PROGRAM_BUDGET.format(pagu="32.000.000"),
                                                      penyerapan="83,33%"))[1].findings if f.severity == "error"]
    assert [(f.rule, f.subject, f.attribute, f.values) for f in findings] == [
        ("LKJ301", "Program Pelayanan Administrasi Perkantoran", "alokasi", (32_000_000, 30_000_000))]


def test_summary_after_a_section_title_is_the_total_again():
    assert errors(TREE.format(sentence="", penyerapan="85,33%")) == [("LKJ302", "JUMLAH")]


STAFF = """Tabel 1.1 Jumlah Pegawai Menurut Golongan dan Pendidikan

| Golongan | S2 | S1 | SLTA | Jumlah |
|---|---|---|---|---|
| III/a | 1 | 4 | 0 | 5 |
| II/b | 0 | 0 | 3 | 3 |
| JUMLAH | 1 | 4 | 3 | 8 |

{sentence}
"""


@pytest.mark.parametrize("sentence", [
    "Jumlah pegawai pada Kecamatan Bluto sebanyak {n} orang.",
    "Dari tabel di atas terlihat bahwa Kecamatan Bluto didukung oleh {n} personil.",
    "Total aparatur sebanyak {n} orang, terdiri dari golongan III dan golongan II.",
])
def test_staff_count_however_worded_meets_the_staff_table(sentence):
    assert errors(STAFF.format(sentence=sentence.format(n=8))) == []
    assert errors(STAFF.format(sentence=sentence.format(n=9))) == [("LKJ304", "jumlah pegawai")]


def test_a_part_of_the_staff_is_not_the_staff_total():
    assert errors(STAFF.format(sentence="Jumlah pegawai di bagian umum sebanyak 3 orang.")) == []


def test_terbilang_finding_names_what_is_counted():
    found = audit_markdown(STAFF.format(sentence="Jumlah pegawai pada Kecamatan Bluto sebanyak 8 (sembilan) orang."))[1]
    assert [(f.rule, f.subject, f.values) for f in found.findings if f.severity == "error"] == [
        ("LKJ303", "jumlah pegawai", (8, 9))]


EFFICIENCY_ONLY = """LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2022

Tabel 2.1 Penyelarasan Renstra Perangkat Daerah dengan RPJMD

| No | Program | Kegiatan | Indikator Kegiatan | Target 2022 |
|---|---|---|---|---|
| 1 | Program Pelayanan Administrasi Perkantoran | Pemeliharaan gedung kantor | Jumlah gedung yang dipelihara | {target} Gedung |

Tabel 3.2 Efisiensi Penggunaan Sumber Daya

| No | Kegiatan | Target | Realisasi | Capaian | Alokasi (Rp) | Realisasi (Rp) | Penyerapan Anggaran | Tingkat Efisiensi |
|---|---|---|---|---|---|---|---|---|
| 1 | Pemeliharaan gedung kantor | 24 Gedung | 21 Gedung | 87,50% | 20.000.000 | 15.000.000 | 75% | 12,50% |

Kegiatan Pemeliharaan gedung kantor: target 24 Gedung, realisasi {realisasi} Gedung (capaian 87,50%).
"""


def test_efficiency_table_counts_are_the_kegiatans_target_and_realisasi():
    assert errors(EFFICIENCY_ONLY.format(target=24, realisasi=21)) == []
    assert errors(EFFICIENCY_ONLY.format(target=25, realisasi=21)) == [("LKJ201", GEDUNG)]
    assert errors(EFFICIENCY_ONLY.format(target=24, realisasi=22)) == [("LKJ301", GEDUNG)]


def test_realisasi_of_a_named_indikator_in_a_given_year():
    table = """LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2021

Tabel 3.1 Capaian Kinerja Sasaran Tahun 2021

| No | Sasaran | Indikator | Satuan | Target 2021 | Realisasi 2021 | % Capaian |
|---|---|---|---|---|---|---|
| 1 | Terwujudnya ketertiban umum | Persentase kasus ketertiban umum yang tertangani | % | 75 | 82 | 109,33% |

Realisasi indikator Persentase kasus ketertiban umum yang tertangani pada tahun 2021 sebesar {r}% dari target 75%,
atau capaian 109,33%.
"""
    assert errors(table.format(r=82)) == []
    assert errors(table.format(r=87)) == [("LKJ301", "Persentase kasus ketertiban umum yang tertangani")]


AVERAGE = """LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2022

Tabel 3.1 Capaian Kinerja Sasaran Tahun 2022

| No | Sasaran | Indikator | Satuan | Target 2022 | Realisasi 2022 | % Capaian |
|---|---|---|---|---|---|---|
| 1 | Meningkatnya pelayanan publik | Persentase pengaduan yang ditindaklanjuti | % | 80 | 80 | 100% |
| 2 | Meningkatnya tertib administrasi | Persentase desa dengan laporan tepat waktu | % | 75 | 84,45 | 113% |

Rata-rata capaian kinerja sasaran adalah {mean}.
"""


def test_average_capaian_may_be_the_mean_of_the_exact_values_behind_the_printed_ones():
    # 84,45 ÷ 75 = 112,6% printed 113: the mean of the exact values is 106,3 (printed 106), of the printed 106,5
    assert errors(AVERAGE.format(mean="106%")) == []
    assert errors(AVERAGE.format(mean="107%")) == []
    assert errors(AVERAGE.format(mean="109%")) == [("LKJ302", "JUMLAH")]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 5, 7, 18])
def test_table_going_on_over_a_page_without_its_header_is_one_table(seed, tmp_path):
    """Word prints a table's header again on the next page only when told to ("Repeat as header row"):
    seeds 5 and 7 break their budget table over a page so, through LibreOffice. The rows on the next page
    go on the table above (the PDF has the markdown's tables, not one more), and its JUMLAH adds up over
    both pages. Seed 18's next page holds one row going on, then the next part of the table with its
    header typed again, in one grid: the grid comes apart at that header and both parts go on. Seed 0's
    header row itself is cut ("Program/" at the page foot, "Kegiatan" on the next page): one header."""
    if pdf_render.libreoffice() is None:
        pytest.skip(pdf_render.route_missing("libreoffice"))
    markdown = make_report(seed).markdown
    (tmp_path / "report.md").write_text(markdown, encoding="utf-8")
    to_docx(markdown, str(tmp_path / "report.docx"))
    printed = pdf_render.docx_to_pdf([tmp_path / "report.docx"], tmp_path / "lo")[0]
    tables = {route: [t.label for t in load(str(path), Config()).tables]
              for route, path in (("markdown", tmp_path / "report.md"), ("pdf", printed))}
    assert tables["pdf"] == tables["markdown"]
    assert [(f.rule, f.subject) for f in run_rules(load(str(printed), Config()), Config()).findings] == []


# --- a wide table whose last row LibreOffice cuts, the cut row's last line alone on a page

CUT_ROW = """F. Realisasi Kinerja Program dan Kegiatan

Tabel III.F.1
Realisasi Kinerja Program dan Kegiatan Tahun 2023

| NO | PROGRAM/KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN | ANGGARAN (Rp) | REALISASI ANGGARAN (Rp) | PENYERAPAN (%) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 |
| 7.01.01 | Program Pemberdayaan Masyarakat Desa dan Kelurahan | Persentase lembaga kemasyarakatan yang aktif | 100% | 95% | 95% | 117.150.000 | 100.055.100 | 85% |
| 7.01.01.2.01 | Penyediaan makanan dan minuman rapat | Jumlah rapat yang difasilitasi konsumsi | 4 Kali | 4 Kali | 100% | 56.800.000 | 43.926.200 | 77% |
| 7.01.01.2.02 | Pemeliharaan rutin kendaraan dinas | Jumlah kendaraan dinas yang dipelihara | 36 Unit | 36 Unit | 100% | 6.950.000 | 6.950.000 | 100% |
| 7.01.01.2.03 | Pembinaan lembaga kemasyarakatan desa | Jumlah lembaga yang dibina | 50 Lembaga | 50 Lembaga | 100% | 53.400.000 | 49.178.900 | 92% |
| 7.01.02 | Program Pelayanan Administrasi Perkantoran | Persentase layanan administrasi perkantoran terpenuhi | 100% | 100% | 100% | {program} | 147.943.200 | 73% |
| 7.01.02.2.01 | Koordinasi forum pimpinan kecamatan | Jumlah rapat koordinasi yang dilaksanakan | 500 Rapat | 500 Rapat | 100% | 81.800.000 | 56.488.800 | 69% |
| 7.01.02.2.02 | Fasilitasi musyawarah perencanaan pembangunan | Jumlah forum musyawarah yang difasilitasi | 24 Forum | 24 Forum | 100% | 70.812.500 | 50.580.100 | 71% |
| 7.01.02.2.03 | Penyediaan jasa surat menyurat | Jumlah surat yang diadministrasikan | 4 Surat | 2 Surat | 50% | 21.412.500 | 21.412.500 | 100% |

| NO | PROGRAM/KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN | ANGGARAN (Rp) | REALISASI ANGGARAN (Rp) | PENYERAPAN (%) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 |
| 7.01.02.2.04 | Pemeliharaan gedung kantor | Jumlah gedung kantor yang dipelihara | 4 Gedung | 3 Gedung | 75% | 29.600.000 | 19.461.800 | 66% |
|  | JUMLAH |  |  |  |  | 320.775.000 | 247.998.300 | 77% |

Surat yang diadministrasikan pada tahun 2023 sebanyak 2 surat.
"""


@pytest.mark.slow
def test_last_line_of_a_cut_row_alone_on_a_page_goes_back_into_its_row(tmp_path):
    """Each half of the table in a landscape section of its own (fresh seed 32, through Word and
    LibreOffice): the first half's last row is cut at the page foot and only the last line of its
    INDIKATOR cell ("asikan", the rest of "diadministr") is printed on the next page, then comes an
    empty page and the second half. That line goes back into its row, the halves are one table, and
    its program and JUMLAH add up over both pages; words the narrow columns cut ("Administras" / "i")
    are whole again where the document prints them whole."""
    if pdf_render.libreoffice() is None:
        pytest.skip(pdf_render.route_missing("libreoffice"))

    def audited(program: str, name: str) -> tuple:
        to_docx(CUT_ROW.format(program=program), str(tmp_path / f"{name}.docx"))
        printed = pdf_render.docx_to_pdf([tmp_path / f"{name}.docx"], tmp_path / "lo")[0]
        document = load(str(printed), Config())
        return document, [(f.rule, f.subject, f.values, f.locations[0].page) for f in
                          run_rules(document, Config()).findings]

    document, found = audited("203.625.000", "clean")
    assert found == []
    [table] = document.tables
    assert [row[2] for row in table.rows if row[0].replace(" ", "") == "7.01.02.2.03"] == [
        "Jumlah surat yang diadministrasikan"]
    assert sorted({source.page for source in table.sources}) == [2, 5]  # page 3 holds the cut line, 4 nothing
    _, found = audited("203.652.000", "injected")
    assert found == [("LKJ401", "Program Pelayanan Administrasi Perkantoran", (203_652_000, 203_625_000), 2),
                     ("LKJ401", "JUMLAH", (320_775_000, 320_802_000), 5)]


@pytest.mark.slow
@pytest.mark.parametrize("seed, kind, rule, subject", [
    # LibreOffice cuts "kependudukan" in a narrow cell: "kependudu" + "kan yang terbit", no hyphen
    (1006, "narrative", "LKJ301", "Persentase dokumen kependudukan yang terbit tepat waktu"),
    (1016, "efisiensi", "LKJ103", "Pengadaan perlengkapan kantor"),
])
def test_word_cut_in_a_narrow_cell_is_one_word_again(seed, kind, rule, subject, tmp_path):
    if pdf_render.libreoffice() is None:
        pytest.skip(pdf_render.route_missing("libreoffice"))
    report = make_report(seed, kind)
    assert report.injected[1] == subject
    to_docx(report.markdown, str(tmp_path / "report.docx"))
    printed = pdf_render.docx_to_pdf([tmp_path / "report.docx"], tmp_path / "lo")[0]
    assert [(f.rule, f.subject) for f in run_rules(load(str(printed), Config()), Config()).findings
            if f.severity == "error"] == [(rule, subject)]
