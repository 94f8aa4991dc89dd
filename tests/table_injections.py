"""Errors for the table, structure and polarity rules, injected into generated reports.

Each injection breaks one thing in a `generator.Report` and returns what an auditor must
report, plus the rule options the check needs (the lower-is-better names for LKJ104).
"""
from __future__ import annotations

import random
import re
from decimal import Decimal

from generator import (
    Block, Expected, Report, Table, _Style, decimal_text, find_table, half_up, kegiatan_capaian, percent,
)

def _percent_rows(report: Report) -> list[dict]:
    return [i for s in report.truth["sasaran"] for i in s["indikator"] if i["kind"] == "percent"]


def _row(table: Table, column: int, text: str) -> list[str]:
    return next(row for row in table.rows if row[column] == text)


def inject_row_total(report: Report, rng: random.Random) -> Expected:
    """A golongan row whose JUMLAH is one more than its pendidikan counts."""
    staff = find_table(report, "I.C.1")
    row = rng.choice([r for r in staff.rows if r[0] != "JUMLAH"])
    correct = int(row[-1])
    row[-1] = str(correct + rng.choice([1, 2, 10]))
    return Expected("LKJ403", row[0], "jumlah", (float(row[-1]), float(correct)))


def inject_column_total(report: Report, rng: random.Random) -> Expected:
    """The JUMLAH row of one pendidikan column, and the grand total with it, miscounted."""
    staff = find_table(report, "I.C.1")
    total = staff.rows[-1]
    column = rng.randrange(1, len(total) - 1)
    delta = rng.choice([1, 3])
    correct = int(total[column])
    total[column] = str(correct + delta)
    total[-1] = str(int(total[-1]) + delta)  # the row's own JUMLAH agrees: only the column is wrong
    pendidikan = staff.header_rows[1][column]
    return Expected("LKJ403", pendidikan, "jumlah", (float(correct + delta), float(correct)))


def inject_copied_history(report: Report, rng: random.Random) -> Expected | None:
    """Every year of the history table repeats this year's realisasi of one indikator."""
    candidates = [i for i in _percent_rows(report) if i["realisasi"] not in (0, 100)]
    if not candidates:
        return None
    indikator = rng.choice(candidates)
    row = _row(find_table(report, "III.B.1"), 2, indikator["name"])
    row[4] = row[5] = str(indikator["realisasi"])
    return Expected("LKJ501", indikator["name"], "realisasi", (float(indikator["realisasi"]),))


def _kegiatan_rows(table: Table) -> list[int]:
    """Indexes of III.G.1 kegiatan rows that have a numbered sibling after them."""
    numbered = [i for i, row in enumerate(table.rows) if re.fullmatch(r"[IV]+\.\d+", row[0])]
    return [i for i in numbered if i + 1 in numbered]


def inject_numbering_gap(report: Report, rng: random.Random) -> Expected:
    """From one kegiatan on, the program's numbers skip one: I.2, I.4, I.5 …"""
    table = find_table(report, "III.G.1")
    start = rng.choice(_kegiatan_rows(table))
    program = table.rows[start][0].split(".")[0]
    for row in table.rows[start:]:
        if row[0].startswith(program + "."):
            row[0] = f"{program}.{int(row[0].split('.')[1]) + 1}"
    return Expected("LKJ502", table.rows[start][0], "", ())


def inject_numbering_duplicate(report: Report, rng: random.Random) -> Expected:
    table = find_table(report, "III.G.1")
    at = rng.choice(_kegiatan_rows(table))
    table.rows[at + 1][0] = table.rows[at][0]
    return Expected("LKJ502", table.rows[at][0], "", ())


def inject_unnumbered_row(report: Report, rng: random.Random) -> Expected:
    """A kegiatan row between numbered rows printed without its number, as the sample's Pembangunan Gedung."""
    table = find_table(report, "III.G.1")
    at = rng.choice(_kegiatan_rows(table))
    table.rows[at][0] = ""
    return Expected("LKJ502", table.rows[at][1], "", ())


def _group_ends(table: Table) -> list[int]:
    """III.F.1 kegiatan rows that close their indikator's group (a blank row follows)."""
    return [i for i, row in enumerate(table.rows[:-1])
            if row[0].count(".") == 4 and not any(table.rows[i + 1])]


def inject_kegiatan_without_kinerja(report: Report, rng: random.Random) -> Expected:
    """A kegiatan with a budget row but no row in the realisasi kinerja table."""
    table = find_table(report, "III.F.1")
    at = rng.choice(_group_ends(table))
    name = table.rows[at][1]
    del table.rows[at]
    table.split_at = [s for s in table.split_at if s < len(table.rows) - 1]
    return Expected("LKJ503", name, "", ())


NEW_KEGIATAN = "Penyediaan peralatan rumah tangga"


def inject_kegiatan_without_budget(report: Report, rng: random.Random) -> Expected:
    """A kegiatan measured in the realisasi kinerja table that has no budget row."""
    table = find_table(report, "III.F.1")
    at = rng.choice(_group_ends(table))
    number = table.rows[at][0].rsplit(".", 1)
    capaian = _Style(report.template).percent_int(Decimal(100))
    table.rows.insert(at + 1, [f"{number[0]}.{int(number[1]) + 1}", NEW_KEGIATAN,
                               "Jumlah peralatan rumah tangga yang disediakan", "5 Unit", "5 Unit", capaian])
    return Expected("LKJ503", NEW_KEGIATAN, "", ())


def inject_mixed_polarity(report: Report, rng: random.Random) -> Expected:
    """Two lower-is-better indikator in III.A.1, one computed (2T − R) ÷ T, the other T ÷ R."""
    first, second = rng.sample(_percent_rows(report), 2)
    table = find_table(report, "III.A.1")
    for indikator, formula in ((first, "2T-R"), (second, "T/R")):
        target = indikator["target"]
        realisasi = target - rng.randint(8, 20)
        capaian = (percent(2 * target - realisasi, target) if formula == "2T-R"
                   else percent(target, realisasi))
        row = _row(table, 2, indikator["name"])
        row[5], row[6] = str(realisasi), decimal_text(capaian, 0)
    options = {"LKJ104": {"lower_is_better": [re.escape(i["name"]) for i in (first, second)]}}
    return Expected("LKJ104", second["name"], "capaian", (), options)


def _high_candidates(report: Report) -> list[dict]:
    return [k for k in report.truth["kegiatan"] if not k["cancelled"] and kegiatan_capaian(k) <= 150]


def _make_high(report: Report, rng: random.Random) -> dict:
    kegiatan = rng.choice(_high_candidates(report))
    realisasi = kegiatan["target"] * 2 + rng.randint(0, 3)
    row = _row(find_table(report, "III.F.1"), 1, kegiatan["name"])
    row[4] = f"{realisasi} {kegiatan['unit']}"
    row[5] = _Style(report.template).percent_int(percent(realisasi, kegiatan["target"]))
    return kegiatan


def inject_high_capaian(report: Report, rng: random.Random) -> Expected:
    """A kegiatan that reaches twice its target, and the text says nothing about why."""
    kegiatan = _make_high(report, rng)
    return Expected("LKJ105", kegiatan["name"], "capaian", ())


def explain_high_capaian(report: Report, rng: random.Random) -> Expected:
    """The same, with a paragraph after the table that gives the reason: nothing to report."""
    kegiatan = _make_high(report, rng)
    position = next(i for i, b in enumerate(report.blocks) if b.table is not None and b.table.key == "III.F.1")
    report.blocks.insert(position + 1, Block("paragraph", f"Capaian kegiatan {kegiatan['name']} melebihi target "
                                                          f"disebabkan adanya tambahan kebutuhan di tahun berjalan."))
    return Expected("LKJ105", kegiatan["name"], "capaian", ())



def expected_high_capaian(report: Report) -> set[str]:
    """Kegiatan whose printed capaian in a clean generated report is above 150%."""
    return {k["name"] for k in report.truth["kegiatan"]
            if not k["cancelled"] and half_up(kegiatan_capaian(k)) > 150}


def expected_copied_history(report: Report) -> set[str]:
    return {i["name"] for i in _percent_rows(report)
            if len({*i["history"], i["realisasi"]}) == 1 and i["realisasi"] not in (0, 100)}
