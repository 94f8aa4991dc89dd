"""LKJ403 — a JUMLAH column must be the sum of its row and a JUMLAH row the sum of the rows above it,
in every table that prints one (staff by golongan × pendidikan, eselon, and the like).

A wrong total in such a table is often quoted by the narrative too (LKJ304).

Budget tables are LKJ401's. A JUMLAH row adds the rows since the previous JUMLAH row, or all rows
above it (a grand total under subtotals). Percentages are not added up. A JUMLAH column that is
the sum of its row in fewer than half of the rows holds something else (a volume × price) and is
not checked.

BAHASA INDONESIA:
    Kolom JUMLAH harus sama dengan penjumlahan barisnya, dan baris JUMLAH dengan penjumlahan baris di atasnya,
    di setiap tabel yang mencetaknya (pegawai menurut golongan × pendidikan, eselon, dan sejenisnya). Jumlah
    yang salah di tabel seperti ini sering juga dikutip narasi (LKJ304).

    Tabel anggaran adalah urusan LKJ401. Baris JUMLAH menjumlahkan baris sejak baris JUMLAH sebelumnya, atau
    semua baris di atasnya (jumlah keseluruhan di bawah subtotal). Persentase tidak dijumlahkan. Kolom JUMLAH
    yang hanya sama dengan penjumlahan barisnya di kurang dari separuh baris berisi hal lain (volume × harga)
    dan tidak diperiksa; baris JUMLAH tanpa rincian tidak dapat diperiksa.

PASS:
    Tabel I.C.1 Sumber Daya Aparatur

    | GOLONGAN | PENDIDIKAN | | | JUMLAH |
    |---|---|---|---|---|
    | | S1 | SLTA | SLTP | |
    | III/b | 1 | 1 | 0 | 2 |
    | II/c | 0 | 3 | 0 | 3 |
    | I/d | 0 | 0 | 1 | 1 |
    | JUMLAH | 1 | 4 | 1 | 6 |

FAIL:
    Tabel I.C.1 Sumber Daya Aparatur

    | GOLONGAN | PENDIDIKAN | | | JUMLAH |
    |---|---|---|---|---|
    | | S1 | SLTA | SLTP | |
    | III/b | 1 | 1 | 0 | 2 |
    | II/c | 0 | 3 | 0 | 3 |
    | I/d | 0 | 0 | 1 | 1 |
    | JUMLAH | 1 | 5 | 1 | 7 |
"""
from __future__ import annotations

from decimal import Decimal

from auditor import hints
from auditor.bilingual import Text
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem
from auditor.structure import Table
from auditor.values import Value
from auditor.vocabulary import is_total_label

ID = "LKJ403"
TITLE = {"id": "Baris atau kolom JUMLAH tidak sama dengan penjumlahannya",
         "en": "A JUMLAH row or column is not the sum of its cells"}
SEVERITY = "error"
MESSAGE = {
    "id": "{label} “{subject}” tertulis {printed}, padahal penjumlahannya {computed} (selisih {difference}; {where}).{hint}",
    "en": "{label} “{subject}” is printed as {printed}, but its cells add up to {computed} "
          "(difference {difference}; {where}).{hint}",
}
CONF: dict = {}
DEFAULT: dict = {}
BUDGET_ROLES = ("realisasi_anggaran", "pk_anggaran", "efisiensi")  # their totals are LKJ401's
_RATIOS = {"capaian", "capaian_renstra", "penyerapan", "efisiensi"}
_ADDABLE = {"number", "money", "quantity"}
ROW_LABEL = {"id": "Kolom JUMLAH baris", "en": "The JUMLAH column of row"}
COLUMN_LABEL = {"id": "Baris JUMLAH kolom", "en": "The JUMLAH row of column"}


def check(document, options):
    for table in document.tables:
        if table.role in BUDGET_ROLES:
            continue
        numeric = _numeric_columns(table)
        totals = [i for i, row in enumerate(table.rows) if _is_total_row(table, row, numeric)]
        jumlah = [j for j in numeric if table.columns[j].meaning == "jumlah"]
        if not totals and not jumlah:
            continue
        for j in jumlah:
            yield from _row_sums(table, j, [p for p in numeric if p not in jumlah], numeric)
        for i in totals:
            yield from _column_sums(table, i, totals, numeric)


def _addable(value: Value) -> Value | None:
    """An addable figure; None for a cell that is not one. `-` or an empty cell counts as zero."""
    if value.kind == "empty":
        return Value(value.text, "number", Decimal(0))
    return value if value.kind in _ADDABLE else None


def _is_total_row(table: Table, row: list[str], numeric: list[int]) -> bool:
    return any(is_total_label(cell) for j, cell in enumerate(row) if j not in numeric)


def _numeric_columns(table: Table) -> list[int]:
    """Columns whose every body cell (JUMLAH rows aside) is an addable figure, with at least one printed."""
    columns = []
    for j, column in enumerate(table.columns):
        if column.meaning in _RATIOS or column.meaning == "no":
            continue
        cells = [values[j] for row, values in zip(table.rows, table.values) if not any(is_total_label(c) for c in row)]
        addable = [_addable(c) for c in cells]
        units = {v.unit for v in addable if v and v.kind == "quantity"}
        if addable and all(addable) and len(units) <= 1 and any(c.kind != "empty" for c in cells):
            columns.append(j)
    return columns


def _row_sums(table: Table, jumlah: int, parts: list[int], numeric: list[int]):
    if not parts:
        return  # a JUMLAH column with nothing beside it to add (e.g. one count per jabatan)
    outcomes = []
    for i, values in enumerate(table.values):
        printed = values[jumlah]
        addends = [_addable(values[p]) for p in parts]
        if not printed.is_numeric or any(a is None for a in addends):
            continue
        outcomes.append((i, printed, sum((a.number for a in addends), Decimal(0))))
    if sum(1 for _, printed, computed in outcomes if printed.number == computed) * 2 < len(outcomes):
        yield NotCheckable(Text("kolom JUMLAH bukan penjumlahan barisnya", "JUMLAH column is not the sum of its row"))
        return
    for i, printed, computed in outcomes:
        if printed.number == computed:
            yield Consistent()
            continue
        subject = _row_name(table, i, numeric)
        yield _problem(table, i, jumlah, subject, printed, computed, ROW_LABEL, numeric,
                       [Location(_page(table, i), table.label, subject, table.columns[p].name, table.sources[i].line,
                                 table.rows[i][p], box=table.boxes[i][p], confidence=table.confidences[i][p])
                        for p in parts])


def _column_sums(table: Table, total: int, totals: list[int], numeric: list[int]):
    previous = max((t for t in totals if t < total), default=-1)
    for j in numeric:
        printed = table.values[total][j]
        if not printed.is_numeric:
            continue
        since_previous = list(range(previous + 1, total))
        all_above = [i for i in range(total) if i not in totals]
        sums = [_sum(table, rows, j) for rows in (since_previous, all_above) if rows]
        candidates = [found for found in sums if found is not None]
        if not candidates:
            yield NotCheckable(Text("baris JUMLAH tanpa rincian", "JUMLAH row without rows to add up"))
            continue
        if printed.number in candidates:
            yield Consistent()
            continue
        subject = table.columns[j].name or table.columns[j].key
        yield _problem(table, total, j, subject, printed, candidates[0], COLUMN_LABEL, numeric,
                       [Location(_page(table, i), table.label, _row_name(table, i, numeric), subject, table.sources[i].line,
                                 table.rows[i][j], box=table.boxes[i][j], confidence=table.confidences[i][j])
                        for i in since_previous or all_above])


def _sum(table: Table, rows: list[int], column: int) -> Decimal | None:
    """None when a cell holds something that cannot be added (a note, a grade)."""
    values = [_addable(table.values[i][column]) for i in rows]
    if any(v is None for v in values):
        return None
    return sum((v.number for v in values), Decimal(0))


def _problem(table: Table, i: int, j: int, subject: str, printed: Value, computed: Decimal, label: dict,
             numeric: list[int], parts: list[Location]) -> Problem:
    where = Location(_page(table, i), table.label, _row_name(table, i, numeric), table.columns[j].name or table.columns[j].key,
                     table.sources[i].line, table.rows[i][j], box=table.boxes[i][j],
                     confidence=table.confidences[i][j])
    return Problem(
        subject=subject, attribute="jumlah", values=(printed.number, computed), expected=computed,
        locations=(where, *parts),
        fields={"label": label, "printed": printed.number, "computed": computed,
                "difference": printed.number - computed, "where": where,
                "hint": hints.digit_slip(printed.number, computed) or hints.NO_HINT},
    )


def _row_name(table: Table, i: int, numeric: list[int]) -> str:
    """The row's label as printed: its first cell that is neither a figure nor the row number."""
    labels = [c.strip() for j, c in enumerate(table.rows[i])
              if j not in numeric and table.columns[j].meaning != "no" and c.strip()]
    return labels[0] if labels else f"#{i + 1}"


def _page(table: Table, i: int) -> int | None:
    return table.sources[i].page
