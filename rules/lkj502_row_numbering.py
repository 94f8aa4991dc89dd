"""LKJ502 — numbered rows must count without gaps or repeats (I.9 → I.11, a number used twice), and a
row that names its own item between numbered rows must carry a number too.

A skipped or repeated number often marks a row deleted or copied twice.

An unnumbered row is fine when it continues the row above (its first label cell is empty, as under
a merged sasaran cell), when it is the content of a heading row without figures (`I | TUJUAN`), or
when it is a JUMLAH row.

BAHASA INDONESIA:
    Nomor baris harus urut tanpa lompatan atau pengulangan (I.9 → I.11, satu nomor dipakai dua kali), dan
    baris yang menyebut butirnya sendiri di antara baris bernomor harus bernomor juga. Nomor yang melompat
    atau berulang sering menandakan baris yang terhapus atau tersalin dua kali.

    Baris tanpa nomor wajar bila melanjutkan baris di atasnya (sel label pertamanya kosong, seperti di bawah
    sel sasaran yang digabung), bila berisi judul tanpa angka (`I | TUJUAN`), atau bila baris JUMLAH.

PASS:
    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen | 40.311.000 | 30.591.000 | 75,89% |
    | I.1 | Penyediaan jasa surat menyurat | 7.111.000 | 7.111.000 | 100,00% |
    | I.2 | Penyediaan jasa komunikasi | 15.000.000 | 5.280.000 | 35,20% |
    | I.3 | Pembangunan Gedung Kantor | 18.200.000 | 18.200.000 | 100,00% |
    | | JUMLAH | 40.311.000 | 30.591.000 | 75,89% |

FAIL:
    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen | 40.311.000 | 30.591.000 | 75,89% |
    | I.1 | Penyediaan jasa surat menyurat | 7.111.000 | 7.111.000 | 100,00% |
    | I.3 | Penyediaan jasa komunikasi | 15.000.000 | 5.280.000 | 35,20% |
    | | Pembangunan Gedung Kantor | 18.200.000 | 18.200.000 | 100,00% |
    | I.4 | Penyediaan makanan dan minuman | 0 | 0 | - |
    | | JUMLAH | 40.311.000 | 30.591.000 | 75,89% |
"""
from __future__ import annotations

from auditor.facts import is_total_row
from auditor.headers import row_number
from auditor.ruleapi import Consistent, Location, Problem
from auditor.structure import Table

ID = "LKJ502"
TITLE = {"id": "Nomor baris melompat, berulang atau hilang", "en": "Row numbers skip, repeat or are missing"}
SEVERITY = "warning"
MESSAGE = {
    "id": "Penomoran baris {table}: {problem} ({where}).",
    "en": "Row numbering of {table}: {problem} ({where}).",
}
CONF: dict = {}
DEFAULT: dict = {}
MIN_NUMBERED = 3  # fewer numbered rows make no sequence to judge
_FIGURES = {"target", "realisasi", "capaian", "alokasi", "realisasi_anggaran", "penyerapan", "efisiensi", "pagu",
            "pagu_sebelum", "target_renstra", "capaian_renstra", "jumlah"}


def to_roman(number: int) -> str:
    if number >= 4000:  # no roman numeral; a typo like I.999999 still prints
        return str(number)
    parts = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, letters in parts:
        while number >= value:
            text, number = text + letters, number - value
    return text


def printed(number: tuple) -> str:
    first = to_roman(number[1]) if number[0] == "R" else str(number[1])
    return ".".join([first, *map(str, number[2:])])


def check(document, options):
    for table in document.tables:
        position = table.column("no")
        if position is None:
            continue
        numbers = [row_number(row[position]) for row in table.rows]
        if sum(1 for n in numbers if n) < MIN_NUMBERED:
            continue
        yield from _sequence(table, numbers)
        yield from _unnumbered(table, position, numbers)


def _sequence(table: Table, numbers: list[tuple | None]):
    seen: dict[tuple, int] = {}
    last_child: dict[tuple, int] = {}  # the last number used under each parent
    for i, number in enumerate(numbers):
        if number is None:
            continue
        parent, value = number[:-1], number[-1]
        expected = last_child.get(parent, 0) + 1
        if number in seen:
            yield _problem(table, i, printed(number), {
                "id": f"nomor {printed(number)} dipakai dua kali (juga di baris “{_name(table, seen[number])}”)",
                "en": f"number {printed(number)} is used twice (also on row “{_name(table, seen[number])}”)"})
        elif value > expected and (parent in last_child or i > _first_numbered(numbers)):
            before = printed((*parent, expected - 1)) if expected > 1 else printed(parent) if len(parent) > 1 else "-"
            first_missing, last_missing = printed((*parent, expected)), printed((*parent, value - 1))
            gap = first_missing if value - 1 == expected else f"{first_missing}–{last_missing}"
            yield _problem(table, i, printed(number), {
                "id": f"nomor melompat dari {before} ke {printed(number)}, {gap} tidak ada",
                "en": f"numbers jump from {before} to {printed(number)}, {gap} is missing"})
        else:
            yield Consistent()
        seen.setdefault(number, i)
        last_child[parent] = max(value, last_child.get(parent, 0))


def _first_numbered(numbers: list[tuple | None]) -> int:
    return next(i for i, n in enumerate(numbers) if n)


def _unnumbered(table: Table, position: int, numbers: list[tuple | None]):
    labels = [j for j, c in enumerate(table.columns) if c.meaning not in _FIGURES and j != position]
    figures = [j for j, c in enumerate(table.columns) if c.meaning in _FIGURES]
    first_label = next((j for j in labels if j > position), None)
    if first_label is None or not figures:
        return
    numbered = [i for i, n in enumerate(numbers) if n]
    for i, row in enumerate(table.rows):
        if numbers[i] or row[position].strip() or not row[first_label].strip() or is_total_row(row, labels):
            continue
        above = [n for n in numbered if n < i]
        if not above or not any(n > i for n in numbered):
            continue
        if not any(table.rows[above[-1]][j].strip() for j in figures):
            continue  # the content of a heading row such as `I | TUJUAN`
        yield _problem(table, i, row[first_label].strip(), {
            "id": f"baris “{_name(table, i)}” tidak bernomor di antara {printed(numbers[above[-1]])} dan "
                  f"{printed(numbers[next(n for n in numbered if n > i)])}",
            "en": f"row “{_name(table, i)}” has no number between {printed(numbers[above[-1]])} and "
                  f"{printed(numbers[next(n for n in numbered if n > i)])}"})


def _name(table: Table, i: int, limit: int = 70) -> str:
    position = table.column("no")
    text = next((c.strip() for j, c in enumerate(table.rows[i]) if j != position and c.strip()), "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _problem(table: Table, i: int, subject: str, problem: dict) -> Problem:
    source = table.sources[i]
    number = table.column("no") or 0
    where = Location(source.page, table.label, " ".join(c for c in table.rows[i][:2] if c.strip()) or None,
                     None, source.line, table.rows[i][number], table_index=table.index, row_index=i,
                     box=table.row_box(i),
                     confidence=table.confidences[i][number])
    return Problem(subject=subject, attribute=None, values=(), expected=None, locations=(where,),
                   fields={"table": table.label, "problem": problem, "where": where})
