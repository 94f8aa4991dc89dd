"""Table captions as OCR misreads them, put back in their printed form."""
from __future__ import annotations

import re

_OCR_TABEL = re.compile(r"^t\s*a\s*b\s*e\s*[l1I|\]]\s*\.?\s*(\S+)\s*(.*)$", re.IGNORECASE)
_OCR_CODE = re.compile(r"^([IVX1lL|!]+?)\.?([A-H])?(?:\.([\dlIL|!.]+?))?\.?$")


def ocr_caption(text: str) -> str:
    """A caption as OCR misreads it ("Tabe] IILF.L Realisasi") put back in the printed form ("Tabel
    III.F.1 Realisasi"): the word Tabel with its last letter misread, a Roman numeral whose I's read as
    l, L, 1 or |, its dot lost before the section letter, a row number 1 read as l."""
    word = _OCR_TABEL.match(text)
    if word is None:
        return text
    code = _OCR_CODE.match(word.group(1))
    if code is None or not re.search(r"[IVX]", code.group(1)):
        return text
    parts = [re.sub(r"[1lL|!]", "I", code.group(1)), *(p for p in (code.group(2),) if p)]
    parts += [re.sub(r"[lIL|!]", "1", p) for p in (code.group(3) or "").split(".") if p]
    return f"Tabel {'.'.join(parts)} {word.group(2)}".strip()


def in_sequence(label: str, previous: str) -> str:
    """An OCR'd label that lost a thin glyph, a dot or a Roman I ("Tabel 37", "Tabel II.G.1"), put back as
    the label that follows the table before it ("Tabel 3.6" → "Tabel 3.7"; "Tabel III.F.1" → "Tabel
    III.G.1"), when it is that label with only such glyphs missing; any other label stays as read, since
    reports that number tables 1, 2, … 37 exist."""
    if label == previous:
        return label
    read = label.removeprefix("Tabel ")
    matches = [code for code in _successors(previous.removeprefix("Tabel ").split("."))
               if code != read and _lost_thin_glyphs(read, code)]
    return f"Tabel {matches[0]}" if len(matches) == 1 else label


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _successors(parts: list[str]) -> list[str]:
    """The labels that may follow one: its last part counted on, or an earlier part counted on and the parts
    after it started again ("III.F.2" → "III.F.3", "III.G.1", "IV.A.1")."""
    found = []
    for index in range(len(parts) - 1, -1, -1):
        following = _next(parts[index])
        if following is None:
            continue
        found.append(".".join(parts[:index] + [following] + [_first(part) for part in parts[index + 1:]]))
    return found


def _next(part: str) -> str | None:
    if part.isdigit():
        return str(int(part) + 1)
    if part in _ROMAN[:-1]:
        return _ROMAN[_ROMAN.index(part) + 1]
    if len(part) == 1 and "A" <= part < "Z":
        return chr(ord(part) + 1)
    return None


def _first(part: str) -> str:
    return "1" if part.isdigit() else "I" if part in _ROMAN else "A"


def _lost_thin_glyphs(read: str, printed: str) -> bool:
    """`read` is `printed` with one or two dots or I's left out."""
    missing = len(printed) - len(read)
    if not 1 <= missing <= 2:
        return False
    position = 0
    for character in printed:
        if position < len(read) and read[position] == character:
            position += 1
        elif character not in ".I":
            return False
    return position == len(read)
