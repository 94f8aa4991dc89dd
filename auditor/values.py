"""Cell and figure values as printed: Indonesian numbers, percentages, Rupiah, quantities, grades and notes."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_MINUS = "-−–"
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_DECIMAL_COMMA = re.compile(r"^\d+(?:,\d+)?$")
_DECIMAL_POINT = re.compile(r"^\d+\.\d+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_NUMBER_TOKEN = r"[-−–]?\s?\d[\d.,]*"
# A unit glued to its digits has two letters or more ("12Rapat"); one glued letter is a damaged digit ("8O", "1l").
_QUANTITY = re.compile(rf"^({_NUMBER_TOKEN})(?:\s+|(?=[A-Za-z]{{2}}))([A-Za-z][A-Za-z/\- ]*?)\.?$")
_GRADE = re.compile(r"^(?:nilai\s+)?(AA|A|BB|B|CC|C|D|E)[+-]?$", re.IGNORECASE)
# Invisible characters that text pasted from other software leaves inside numbers and words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"), None)
# Arabic percent sign and separators, which NFKC leaves alone (the digits are mapped one by one).
_ARABIC_SIGNS = str.maketrans({"\u066a": "%", "\u066b": ",", "\u066c": "."})
_EMPTY = {"", "-", "--", "—", "–", "n/a", "na"}


@dataclass(frozen=True)
class Value:
    """One printed figure: its text, what it is, its number and the precision it was printed with."""

    text: str
    kind: str  # "number" | "percent" | "money" | "quantity" | "grade" | "empty" | "note"
    number: Decimal | None = None
    unit: str | None = None
    decimals: int = 0

    @property
    def is_numeric(self) -> bool:
        return self.number is not None


def plain_text(text: str) -> str:
    """Text as the parsers expect it: NFKC (full-width １２３, ％ and ， become 123, % and ,), every
    decimal digit of another script as its ASCII digit, zero-width characters removed."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_ARABIC_SIGNS)
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)


def parse_number(text: str) -> tuple[Decimal, int] | None:
    """Parse an Indonesian (or plain) number; returns the value and its printed decimals."""
    body = plain_text(text).strip().replace(" ", "")
    negative = bool(body) and body[0] in _MINUS
    if negative:
        body = body[1:]
    if _THOUSANDS_DOT.match(body) and not _looks_like_decimal_point(body):
        whole, _, fraction = body.partition(",")
        digits, decimals = whole.replace(".", "") + ("." + fraction if fraction else ""), len(fraction)
    elif _DECIMAL_COMMA.match(body):
        digits, decimals = body.replace(",", "."), len(body.partition(",")[2])
    elif _THOUSANDS_COMMA.match(body):
        whole, _, fraction = body.partition(".")
        digits, decimals = whole.replace(",", "") + ("." + fraction if fraction else ""), len(fraction)
    elif _DECIMAL_POINT.match(body):
        digits, decimals = body, len(body.partition(".")[2])
    else:
        return None
    number = Decimal(digits)
    return (-number if negative else number), decimals


def _looks_like_decimal_point(body: str) -> bool:
    # "1.287" is a thousand in Indonesian print; only a single group that is not 3 digits is a decimal point
    return body.count(".") == 1 and "," not in body and len(body.partition(".")[2]) != 3


def parse_value(text: str | None) -> Value:
    printed = (text or "").strip()
    body = plain_text(printed).strip("*").strip()
    if body.lower() in _EMPTY:
        return Value(printed, "empty")
    money = re.match(r"^rp\.?\s*(.+?)(?:,-|,—|\.-)?$", body, re.IGNORECASE)
    if money:
        parsed = parse_number(money.group(1))
        if parsed:
            return Value(printed, "money", parsed[0], "Rp", parsed[1])
    if body.endswith("%"):
        parsed = parse_number(body[:-1])
        if parsed:
            return Value(printed, "percent", parsed[0], "%", parsed[1])
    parsed = parse_number(body)
    if parsed:
        return Value(printed, "number", parsed[0], None, parsed[1])
    quantity = _QUANTITY.match(body)
    if quantity:
        parsed = parse_number(quantity.group(1))
        if parsed:
            unit = quantity.group(2).split()[0].lower()
            return Value(printed, "quantity", parsed[0], unit, parsed[1])
    grade = _GRADE.match(body)
    if grade:
        return Value(printed, "grade", None, grade.group(1).upper())
    return Value(printed, "note")


def round_half_up(number: Decimal, decimals: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(number: Decimal | float | int, lang: str = "id", decimals: int | None = None) -> str:
    """Print a number the way the report's readers write it (455.365.200 / 95,97 in Bahasa Indonesia)."""
    number = Decimal(str(number))
    if decimals is None:
        decimals = max(0, -number.normalize().as_tuple().exponent) if number != number.to_integral() else 0
        decimals = min(decimals, 2)
    text = f"{round_half_up(number, decimals):,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text
