"""Likely causes of a wrong figure, in both languages: a digit slip, a value copied from the row above, another base."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from auditor.arithmetic import HUNDRED, Printed
from auditor.ruleapi import Fact
from auditor.terms import attribute_label
from auditor.values import format_number

NO_HINT = {"id": "", "en": ""}
_FIGURES = {"target", "realisasi", "capaian", "alokasi", "realisasi_anggaran", "penyerapan", "efisiensi", "pagu",
            "pagu_sebelum", "target_renstra", "capaian_renstra", "jumlah"}


def _said(id_text: str, en_text: str) -> dict:
    # hints are appended to a finished message, hence the leading space
    return {"id": f" Kemungkinan penyebab: {id_text}.", "en": f" Likely cause: {en_text}."}


def _digits(number: Decimal, decimals: int) -> str:
    return f"{abs(number):.{decimals}f}".replace(".", "")


def digit_slip(printed: Decimal, expected: Decimal, decimals: int = 0) -> dict | None:
    """Two neighbouring digits swapped (67 for 76), or one digit too many or too few (1287 for 127)."""
    a, b = _digits(printed, decimals), _digits(expected, decimals)
    if a == b:
        return None
    shown = {lang: f"{format_number(printed, lang, decimals)} ↔ {format_number(expected, lang, decimals)}"
             for lang in ("id", "en")}
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]:
            return _said(f"dua angka tertukar ({shown['id']})", f"two digits swapped ({shown['en']})")
        return None
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) == len(shorter) + 1 and len(shorter) >= 2 and any(
            longer[:i] + longer[i + 1:] == shorter for i in range(len(longer))):
        if len(a) > len(b):
            return _said(f"kelebihan satu angka ({shown['id']})", f"one digit too many ({shown['en']})")
        return _said(f"kurang satu angka ({shown['id']})", f"one digit missing ({shown['en']})")
    return None


def copied_from_row_above(document, fact: Fact) -> dict | None:
    """The printed figure repeats, character for character, the figure just above it in the same column."""
    table = document.table(fact.table_index)
    row_index = fact.row_index
    text = fact.text.strip()
    positions = [j for j, c in enumerate(table.columns)
                 if c.name == fact.column and table.rows[row_index][j].strip() == text]
    if not positions or not text:
        return None
    position = positions[0]
    for above in range(row_index - 1, -1, -1):
        cell = table.rows[above][position].strip()
        if not cell:
            continue
        if cell != text:
            return None
        name = _row_name(table, above)
        return _said(f"angka {text} sama persis dengan baris di atasnya (“{name}”), mungkin tersalin",
                     f"{text} is exactly the figure of the row above (“{name}”), perhaps copied")
    return None


def _row_name(table, row_index: int, limit: int = 60) -> str:
    """The row's number and first label, as the reader finds it in the table."""
    cells = [table.rows[row_index][j].strip() for j, c in enumerate(table.columns) if c.meaning not in _FIGURES]
    name = " ".join(c for c in cells if c)[:limit]
    return name or f"{table.label} #{row_index + 1}"


def other_base(document, fact: Fact, numerator: Decimal, used_base: Decimal,
               base_attributes: Iterable[str]) -> dict | None:
    """A ratio that was computed against another base the document states for the same entity,
    e.g. a capaian against the Renstra end target, or a penyerapan against the budget before the revision."""
    printed = Printed.of(fact)
    same = [f for f in document.fact_rows
            if f.entity_id == fact.entity_id and f.attribute in base_attributes and f.number is not None]
    for base in same:
        value = base.number
        if value == 0 or value == used_base:
            continue
        if printed.contains(numerator / value * HUNDRED):
            label = attribute_label(base.attribute)
            year = f" {base.year}" if base.year is not None else ""
            return _said(f"dihitung terhadap {label['id'].lower()}{year} {format_number(value, 'id')} ({base.table})",
                         f"computed against the {label['en'].lower()}{year} {format_number(value, 'en')} "
                         f"({base.table})")
    return None


def for_ratio(document, fact: Fact, expected: Decimal, numerator: Decimal, used_base: Decimal,
              base_attributes: Iterable[str]) -> dict:
    """The likeliest cause of a wrong capaian or penyerapan, or no hint."""
    decimals = fact.decimals
    rounded = expected.quantize(Decimal(1).scaleb(-decimals))
    return (other_base(document, fact, numerator, used_base, base_attributes)
            or copied_from_row_above(document, fact)
            or digit_slip(fact.number, rounded, decimals)
            or NO_HINT)


def for_values(document, majority: Fact, minority: Iterable[Fact]) -> dict:
    """The likeliest cause of one figure printed with two values in different tables, or no hint."""
    for fact in minority:
        if fact.number is None or majority.number is None:
            continue
        decimals = min(fact.decimals, majority.decimals)
        found = (digit_slip(fact.number, majority.number, decimals)
                 or copied_from_row_above(document, fact))
        if found:
            return found
    return NO_HINT


_POLARITY_SOURCE = {
    "text": ("laporan menyebutnya semakin kecil semakin baik", "the report calls it lower-is-better"),
    "meaning": ("yang diukurnya makin baik bila makin rendah", "what it measures is better when lower"),
    "configured": ("konfigurasi menyebutnya makin rendah makin baik", "the configuration lists it as lower-is-better"),
}


def normal_formula_for_lower(name: str, source: str) -> dict:
    """A lower-is-better indikator's capaian computed as realisasi ÷ target."""
    said_id, said_en = _POLARITY_SOURCE[source]
    return _said(f"capaian dihitung realisasi ÷ target, padahal “{name}” makin rendah makin baik ({said_id})",
                 f"capaian computed as realisasi ÷ target, but “{name}” is lower-is-better ({said_en})")
