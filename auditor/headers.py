"""A table's header rows: how many there are, the column-number row (`| 1 | 2 | 3 |`) among them, the
column names their levels make, and the row numbers (I, I.1, 2.) down its first column."""
from __future__ import annotations

import re

from auditor.values import parse_value
from auditor.vocabulary import is_total_label

YEAR = re.compile(r"\b(19|20)\d{2}\b")
_ROW_NUMBER = re.compile(r"^(?:([IVXLC]+)|(\d+))((?:\.\d+)*)\.?$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(text: str) -> int:
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def row_number(cell: str) -> tuple | None:
    """'I.1.3' -> ('R', 1, 1, 3); '2.' -> ('D', 2); None for anything that is not a row number."""
    match = _ROW_NUMBER.match(cell.strip())
    if not match:
        return None
    scheme, first = ("R", roman(match.group(1))) if match.group(1) else ("D", int(match.group(2)))
    rest = [int(p) for p in match.group(3).split(".") if p]
    return (scheme, first, *rest)


def is_number_row(row: list[str], ocr: bool = False) -> bool:
    """The column-number row `| 1 | 2 | 3 |`, `(1) | (2)` or with a formula such as `11=7-10`; with `ocr`
    also when OCR lost or misread a few of its numbers but most stand where the sequence puts them."""
    if ocr and _mostly_in_sequence(row):
        return True
    cells = [c.strip("() .") for c in row if c.strip()]
    if len(cells) < 2 or len(cells) < 0.6 * len(row):
        return False
    leading = [re.match(r"^(\d+)", c) for c in cells]
    if not all(leading):
        return False
    numbers = [int(m.group(1)) for m in leading]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] <= 2


def _mostly_in_sequence(row: list[str]) -> bool:
    """At least three quarters of the cells read as the number their position gives (1, 2, … or from 0)."""
    for first in (1, 0):
        hits = sum(bool(re.match(rf"^\(?{j + first}\b", cell.strip())) for j, cell in enumerate(row))
        if len(row) >= 3 and hits >= 0.75 * len(row):
            return True
    return False


def header_depth(rows: list[list[str]], ocr: bool = False) -> tuple[int, int | None]:
    """How many rows form the header, and the index of the column-number row if there is one."""
    for index, row in enumerate(rows[:5]):
        if is_number_row(row, ocr):
            return index + 1, index
    depth = 1
    while depth < min(len(rows), 3):
        above, row = rows[depth - 1], rows[depth]
        spans_above = any(not a and b for a, b in zip(above[1:], row[1:])) or _repeated_over(above, row)
        numeric = any(parse_value(c).is_numeric and not YEAR.fullmatch(c.strip()) for c in row)
        if spans_above and not numeric and not is_total_label(row[0] if row else ""):
            depth += 1
        else:
            break
    return depth, None


def _repeated_over(above: list[str], row: list[str]) -> bool:
    """A merged title printed in every column it spans (`Kinerja | Kinerja | Kinerja`) over distinct sub-headers."""
    return any(a and a == b and row[j] and row[j + 1] and row[j] != row[j + 1]
               for j, (a, b) in enumerate(zip(above, above[1:])))


def column_names(header: list[list[str]], width: int) -> list[str]:
    """Join header levels top-down, carrying a merged cell's text over the columns it spans."""
    filled = [list(row) + [""] * (width - len(row)) for row in header]
    for level in range(len(filled) - 1):
        row, below = filled[level], filled[level + 1]
        for j in range(1, width):
            # a merged cell covers the next column when both columns have their own sub-header below
            if not row[j] and row[j - 1] and below[j] and below[j - 1]:
                row[j] = row[j - 1]
    names = []
    for j in range(width):
        parts: list[str] = []
        for row in filled:
            if row[j] and row[j] not in parts:
                parts.append(row[j])
        names.append(" / ".join(parts))
    return names
