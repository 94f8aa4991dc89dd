"""Spreadsheet-safe cells: text a spreadsheet would run as a formula is neutralised, numbers stay numbers."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# What makes Excel or LibreOffice read a cell as a formula (or a DDE call) when a CSV is opened (OWASP "CSV
# injection"): a leading = + - @, a tab or line break before one of those, and the `cmd|' /C …'!A0` pattern.
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_DDE = re.compile(r"\w\s*\|\s*'[^']*'\s*!", re.IGNORECASE)
# Printed figures that start with a sign are numbers, not formulas: "-", "-5", "+1,5%", "-1.287".
_SIGNED_FIGURE = re.compile(r"^[-+−–]?\s?(\d[\d.,]*\s*%?)?$")


def is_risky(text: str) -> bool:
    """True when a spreadsheet could read this text as a formula."""
    if not text:
        return False
    stripped = text.lstrip(" \u00a0")
    if stripped[:1] in _TRIGGERS and not _SIGNED_FIGURE.match(stripped):
        return True
    return text[:1] in ("\t", "\r", "\n") or bool(_DDE.search(text))


def csv_value(value: Any) -> Any:
    """A CSV field: risky text gets a leading apostrophe (Excel shows it as text); numbers are untouched."""
    if isinstance(value, str) and is_risky(value):
        return "'" + value
    return value


def excel_value(value: Any) -> Any:
    """A value openpyxl can store: Decimal as float, text without the control characters XML forbids."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def append_row(sheet, values: Iterable[Any]) -> None:
    """Appends a row where every text cell is stored as a string, never as a formula (openpyxl otherwise
    turns any text that starts with '=' into a live formula)."""
    sheet.append([excel_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def set_text(cell, value: Any) -> None:
    """Sets one cell the same way append_row does."""
    cell.value = excel_value(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"
