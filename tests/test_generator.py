"""The generator's reports must be internally consistent, and each injection must break them.

The checks below re-derive every capaian, penyerapan, efisiensi and total from the printed
markdown only (not from `Report.truth`), so they test what an auditor will actually read.
"""
from __future__ import annotations

import random
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

import generator
from generator import generate, to_markdown
from injections import INJECTIONS, from_module

SEEDS = range(8)
TEMPLATES = ["sumenep", "alt"]
_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")
_QUANTITY = re.compile(r"(\d+) (\S.*)")


# ---------------------------------------------------------------- reading the markdown back

def number(text: str) -> Decimal | None:
    """`455.365.200`, `95,97%`, `-16,25%`, `95.97`, `84`; None for anything else."""
    text = text.strip().removesuffix("%").strip()
    if _THOUSANDS.fullmatch(text):
        return Decimal(text.replace(".", ""))
    try:
        return Decimal(text.replace(",", "."))
    except ArithmeticError:
        return None


def decimals(text: str) -> int:
    """How many decimals a printed percentage carries (Excel rounds to that)."""
    match = re.search(r"[.,](\d+)%?$", text.strip())
    return len(match.group(1)) if match else 0


def half_up(value: Decimal, places: int = 0) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def ratio(part: Decimal, whole: Decimal) -> Decimal:
    return part * 100 / whole


def tables_by_title(markdown: str) -> dict[str, list[list[str]]]:
    """Body and header rows of every table, page fragments joined under the title above them.

    A fragment that follows a table with no paragraph in between continues it, as a page break
    does; header rows stay in, the checks pick data rows by their content.
    """
    tables: dict[str, list[list[str]]] = defaultdict(list)
    title, paragraphs_since_table = "", []
    for line in markdown.splitlines():
        line = line.strip()
        if line.startswith("|"):
            if paragraphs_since_table:
                titles = [p for p in paragraphs_since_table if p.upper().startswith(("TABEL", "PERJANJIAN"))]
                title = titles[0] if titles else paragraphs_since_table[-1]
                paragraphs_since_table = []
            if not re.fullmatch(r"\|(-+\|)+", line):
                tables[title].append([cell.strip() for cell in line.strip("|").split("|")])
        elif line:
            paragraphs_since_table.append(line)
    return tables


def table(tables: dict, *prefixes: str) -> list[list[str]]:
    return next(rows for title, rows in tables.items() if title.startswith(prefixes))


# ---------------------------------------------------------------- the consistency checks

def check_percent(problems: list, where: str, printed: str, value: Decimal) -> None:
    if number(printed) != half_up(value, decimals(printed)):
        problems.append(f"{where}: printed {printed}, computed {value}")


def check_capaian_sasaran(tables: dict, problems: list) -> dict[str, tuple]:
    """III.A.1: capaian = realisasi / target; returns target and realisasi per indikator."""
    kinerja = {}
    for row in table(tables, "Tabel III.A.1", "Tabel 3.1"):
        if len(row) == 7 and row[3] == "%":
            target, realisasi = number(row[4]), number(row[5])
            check_percent(problems, f"A.1 {row[2]}", row[6], ratio(realisasi, target))
            kinerja[row[2]] = (target, realisasi)
    return kinerja


def check_pohon_kinerja(tables: dict, kinerja: dict, problems: list) -> dict[str, Decimal]:
    """III.F.1: capaian of every level, and the same realisasi as III.A.1; returns kegiatan capaian."""
    kegiatan_capaian = {}
    for row in table(tables, "Tabel III.F.1", "Tabel 3.6"):
        if len(row) != 6:
            continue
        if row[3].endswith(" %") and row[4].endswith(" %"):
            target, realisasi = number(row[3]), number(row[4])
            check_percent(problems, f"F.1 {row[1]}", row[5], ratio(realisasi, target))
            if row[2] in kinerja and kinerja[row[2]][1] != realisasi:
                problems.append(f"F.1 {row[2]}: realisasi {realisasi}, A.1 {kinerja[row[2]][1]}")
        elif _QUANTITY.fullmatch(row[3]) and _QUANTITY.fullmatch(row[4]):
            target, realisasi = (Decimal(_QUANTITY.fullmatch(c).group(1)) for c in row[3:5])
            kegiatan_capaian[row[1]] = ratio(realisasi, target)
            check_percent(problems, f"F.1 {row[1]}", row[5], kegiatan_capaian[row[1]])
    return kegiatan_capaian


def check_efisiensi(tables: dict, kegiatan_capaian: dict, problems: list) -> None:
    """III.E.1: penyerapan, efisiensi = capaian - penyerapan (unrounded), and the JUMLAH row.

    Under the grade indikator (target B) the kinerja is the kegiatan's own, capped at 100, so
    its unrounded value comes from III.F.1.
    """
    alokasi_sum = realisasi_sum = Decimal(0)
    under_grade = False
    for row in table(tables, "Tabel III.E.1", "Tabel 3.5"):
        if len(row) != 11:
            continue
        if row[2] and row[2] not in ("INDIKATOR KINERJA", "Indikator Kinerja", "3"):
            under_grade = row[4] == "B"
        alokasi, realisasi = number(row[7]), number(row[8])
        if alokasi is None or realisasi is None or alokasi < 1000:
            continue
        absorbed = ratio(realisasi, alokasi)
        check_percent(problems, f"E.1 {row[3] or row[1]} penyerapan", row[9], absorbed)
        if row[1] == "JUMLAH":
            if (alokasi, realisasi) != (alokasi_sum, realisasi_sum):
                problems.append(f"E.1 JUMLAH {alokasi}/{realisasi}, sum {alokasi_sum}/{realisasi_sum}")
            check_percent(problems, "E.1 JUMLAH efisiensi", row[10], 100 - absorbed)
            continue
        alokasi_sum += alokasi
        realisasi_sum += realisasi
        if under_grade:
            capaian = min(kegiatan_capaian[row[3]], Decimal(100))
        else:
            capaian = ratio(number(row[5]), number(row[4]))
        check_percent(problems, f"E.1 {row[3]} capaian", row[6], capaian)
        check_percent(problems, f"E.1 {row[3]} efisiensi", row[10], capaian - absorbed)


def check_realisasi_anggaran(tables: dict, problems: list) -> dict[str, Decimal]:
    """III.G.1: penyerapan per row, program rows = sum of their kegiatan, JUMLAH = sum of programs."""
    programs: dict[str, list[Decimal]] = {}
    program = None
    kegiatan_sum = [Decimal(0), Decimal(0)]

    def close_program() -> None:
        if program and programs[program] != kegiatan_sum:
            problems.append(f"G.1 {program}: {programs[program]}, kegiatan sum {kegiatan_sum}")

    for row in table(tables, "Tabel III.G.1", "Tabel 3.7"):
        alokasi, realisasi = number(row[2]), number(row[3])
        if len(row) != 5 or alokasi is None or realisasi is None or alokasi < 1000:
            continue
        check_percent(problems, f"G.1 {row[1]}", row[4], ratio(realisasi, alokasi))
        if re.fullmatch(r"[IV]+", row[0]):
            close_program()
            program, kegiatan_sum = row[1], [Decimal(0), Decimal(0)]
            programs[program] = [alokasi, realisasi]
        elif row[1] == "JUMLAH":
            close_program()
            program = None
            totals = [sum(p[i] for p in programs.values()) for i in (0, 1)]
            if [alokasi, realisasi] != totals:
                problems.append(f"G.1 JUMLAH {alokasi}/{realisasi}, programs {totals}")
        else:
            kegiatan_sum = [kegiatan_sum[0] + alokasi, kegiatan_sum[1] + realisasi]
    return {name: values[0] for name, values in programs.items()}


def check_perjanjian_kinerja(tables: dict, kinerja: dict, alokasi: dict, problems: list) -> None:
    """PK targets = III.A.1 targets; PK budgets sum to JUMLAH and equal III.G.1 program targets."""
    rows = table(tables, "PERJANJIAN KINERJA", "Tabel 2.1")
    rows += tables.get(next((t for t in tables if t.startswith("Tabel 2.2")), ""), [])
    setelah = {}
    for row in rows:
        if len(row) == 4 and row[2] in kinerja and number(row[3]) != kinerja[row[2]][0]:
            problems.append(f"PK {row[2]}: target {row[3]}, A.1 {kinerja[row[2]][0]}")
        if len(row) == 5 and row[0].isdigit() and (number(row[3]) or 0) >= 1000:
            setelah[row[1]] = number(row[3])
            if alokasi.get(row[1]) != setelah[row[1]]:
                problems.append(f"PK {row[1]}: {setelah[row[1]]}, G.1 {alokasi.get(row[1])}")
        if len(row) == 5 and row[1] == "JUMLAH" and number(row[3]) != sum(setelah.values()):
            problems.append(f"PK JUMLAH {row[3]}, sum {sum(setelah.values())}")


def check_staff(tables: dict, problems: list) -> None:
    """I.C.1: each golongan's JUMLAH column, and the JUMLAH row."""
    column_sums = [0] * 6
    for row in table(tables, "Tabel. I.C.1", "Tabel 1.1"):
        if len(row) != 7 or row[0].isdigit() or not row[1].isdigit():
            continue
        counts = [int(cell) for cell in row[1:]]
        if row[0] == "JUMLAH":
            if counts != column_sums:
                problems.append(f"I.C.1 JUMLAH {counts}, sums {column_sums}")
        else:
            if sum(counts[:-1]) != counts[-1]:
                problems.append(f"I.C.1 {row[0]}: {counts}")
            column_sums = [a + b for a, b in zip(column_sums, counts)]


def inconsistencies(markdown: str) -> list[str]:
    tables = tables_by_title(markdown)
    problems: list[str] = []
    kinerja = check_capaian_sasaran(tables, problems)
    kegiatan_capaian = check_pohon_kinerja(tables, kinerja, problems)
    check_efisiensi(tables, kegiatan_capaian, problems)
    alokasi = check_realisasi_anggaran(tables, problems)
    check_perjanjian_kinerja(tables, kinerja, alokasi, problems)
    check_staff(tables, problems)
    return problems


# ---------------------------------------------------------------- tests

@pytest.mark.parametrize("template", TEMPLATES)
def test_same_seed_same_report(template):
    assert to_markdown(generate(7, template=template)) == to_markdown(generate(7, template=template))
    assert to_markdown(generate(7, template=template)) != to_markdown(generate(8, template=template))


@pytest.mark.parametrize("seed", range(30))
def test_sizes_within_brief(seed):
    truth = generate(seed).truth
    assert 3 <= len(truth["sasaran"]) <= 6
    assert 8 <= len(truth["kegiatan"]) <= 25
    assert 2019 <= truth["tahun"] <= 2023
    assert len([i for s in truth["sasaran"] for i in s["indikator"] if i["kind"] == "grade"]) == 1


def test_requested_sizes_are_honoured():
    truth = generate(1, n_sasaran=6, n_kegiatan=25).truth
    assert (len(truth["sasaran"]), len(truth["kegiatan"])) == (6, 25)
    truth = generate(1, n_sasaran=3, n_kegiatan=8).truth
    assert (len(truth["sasaran"]), len(truth["kegiatan"])) == (3, 8)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("seed", SEEDS)
def test_printed_figures_are_consistent(seed, template):
    assert inconsistencies(to_markdown(generate(seed, template=template))) == []


@pytest.mark.parametrize("seed", SEEDS)
def test_closing_paragraph_repeats_budget_totals(seed):
    markdown = to_markdown(generate(seed))
    jumlah = next(row for row in table(tables_by_title(markdown), "Tabel III.G.1")
                  if row[1] == "JUMLAH")
    assert f"sebesar **Rp.{jumlah[3]},-** dari jumlah anggaran" in markdown
    assert f"yaitu sebesar **Rp.{jumlah[2]},-**" in markdown
    assert f"penyerapan anggaran sebesar **{jumlah[4]}**" in markdown


def test_alt_template_has_its_own_layout():
    sumenep, alt = to_markdown(generate(5)), to_markdown(generate(5, template="alt"))
    assert "| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11=7-10 |" in sumenep
    assert "11=7-10" not in alt and "| 1 | 2 | 3 |" not in alt
    assert "Tabel 3.1 Capaian Kinerja Sasaran" in alt
    assert "Capaian realisasi anggaran (%)" in alt
    # Rupiah keep their thousands dots, percentages take a decimal point and no sign.
    assert re.search(r"\| JUMLAH \| [\d.]+ \| [\d.]+ \| \d+\.\d\d \|", alt)


def test_every_table_fragment_repeats_its_header():
    markdown = to_markdown(generate(2, n_kegiatan=25))
    fragments = markdown.count("| No | SASARAN STRATEGIS | INDIKATOR KINERJA | KEGIATAN |")
    assert fragments >= 2


# Injections whose both values stay printed (the others' second value is only computed).
BOTH_PRINTED = {"capaian", "same_fact", "efficiency_capaian", "pk_budget"}


def printed_in_rows_of(markdown: str, subject: str) -> set[float]:
    values = set()
    for rows in tables_by_title(markdown).values():
        for row in rows:
            if subject in row:
                values |= {float(n) for n in map(number, row) if n is not None}
    return values


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", from_module(generator))
@pytest.mark.parametrize("seed", SEEDS)
def test_injection_breaks_exactly_what_it_reports(seed, name, template):
    report = generate(seed, template=template)
    before = to_markdown(report)
    expected = INJECTIONS[name](report, random.Random(seed))
    after = to_markdown(report)
    assert after != before
    assert expected.values[0] != expected.values[1]
    assert inconsistencies(after), "the injected error must be detectable from the printed report"
    printed = printed_in_rows_of(after, expected.subject)
    assert expected.values[0] in printed
    if name in BOTH_PRINTED:
        assert expected.values[1] in printed
