"""Cell and figure values as printed: Indonesian numbers, percentages, Rupiah, quantities, grades and notes."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
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

# The decimal mark a document writes its numbers with. Indonesian print (1.234.567,89) is the default: a
# document is read with a decimal point (1,234,567.89) only when its own unambiguous numbers say so.
DECIMAL_COMMA = ","
DECIMAL_POINT = "."
# "1,200" or "1.200": one group of three digits after a separator, which is either a thousands separator or a
# decimal mark with three decimals; the document's convention decides ("0,500" has no thousands: a decimal)
_AMBIGUOUS = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")
# The evidence a document gives of its convention: numbers with separators, the Rupiah before them and the
# percent after them. A bare "3.1" or "08.00" (a section, a time of day) is no evidence; a percentage is.
_EVIDENCE = re.compile(r"(?<![\w.,])(?:(?P<rp>Rp)\.?\s*)?(?P<number>\d+(?:[.,]\d+)+)"
                       r"(?P<percent>\s*(?:%|persen\b|prosen\b))?", re.IGNORECASE)
_POINT_STYLE = (re.compile(r"^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$"), re.compile(r"^\d{1,3}(?:,\d{3})+\.\d+$"))
_COMMA_STYLE = (re.compile(r"^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$"), re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$"))
_SHORT_FRACTION = re.compile(r"^\d+([.,])\d{1,2}$")  # 85.50 or 71,43: the decimal mark, when it is a percentage
MIN_EVIDENCE = 2  # numbers written one way before a text is read that way (one may be a stray)
DOMINANCE = 10  # ... and at least this many times as many as those written the other way


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


def parse_number(text: str, decimal_mark: str = DECIMAL_COMMA) -> tuple[Decimal, int] | None:
    """Parse an Indonesian (or plain) number; returns the value and its printed decimals. `decimal_mark` (the
    document's: decimal_mark below) reads a lone group of three digits: "1.200" is 1200 with a decimal comma
    and 1,2 with a decimal point, "1,200" the other way round; whether a text is a number does not depend on it."""
    body = plain_text(text).strip().replace(" ", "")
    negative = bool(body) and body[0] in _MINUS
    if negative:
        body = body[1:]
    if _AMBIGUOUS.match(body):
        separator = body[-4]
        if separator == decimal_mark:
            digits, decimals = body.replace(separator, "."), 3
        else:
            digits, decimals = body.replace(separator, ""), 0
    elif _THOUSANDS_DOT.match(body) and not _looks_like_decimal_point(body):
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
    # a single dot group that is not 3 digits ("85.5"), or after a 0 ("0.725"), is a decimal point
    whole, _, fraction = body.partition(".")
    return body.count(".") == 1 and "," not in body and (len(fraction) != 3 or whole.strip("0") == "")


def shown_decimal_mark(texts: Iterable[str]) -> str | None:
    """The decimal mark the texts' own unambiguous numbers show: "85.50%", "1,234,567", "Rp 1,200" a point;
    "71,43%", "1.234.567", "Rp 1.200" a comma. The mark at least MIN_EVIDENCE numbers show, when those showing
    the other are fewer than 1 in DOMINANCE of them; None when they show none, too little or both."""
    shown = Counter(_style(match.group("number"), bool(match.group("rp")), bool(match.group("percent")))
                    for text in texts for match in _EVIDENCE.finditer(text))
    for mark, other in ((DECIMAL_POINT, DECIMAL_COMMA), (DECIMAL_COMMA, DECIMAL_POINT)):
        if shown[mark] >= MIN_EVIDENCE and shown[other] * DOMINANCE <= shown[mark]:
            return mark
    return None


def decimal_mark(texts: Iterable[str], document_mark: str | None) -> str:
    """The mark a part of a document (a table, or its sentences: `texts`) is read with: the one the whole
    document shows (`document_mark`, shown_decimal_mark of all its text); in a document that shows both (tables
    pasted from a spreadsheet in another locale, sentences typed the Indonesian way) the one the part shows;
    else the Indonesian comma."""
    return document_mark or shown_decimal_mark(texts) or DECIMAL_COMMA


def _style(number: str, rupiah: bool, percent: bool) -> str | None:
    """The decimal mark one printed number shows, None when it shows none."""
    if any(p.match(number) for p in _POINT_STYLE):
        return DECIMAL_POINT
    if any(p.match(number) for p in _COMMA_STYLE):
        return DECIMAL_COMMA
    if rupiah and _AMBIGUOUS.match(number):  # a rupiah amount has no third decimal: the group is thousands
        return DECIMAL_COMMA if number[-4] == "." else DECIMAL_POINT
    short = _SHORT_FRACTION.match(number)
    if short and percent:
        return short.group(1)
    return None


def parse_value(text: str | None, decimal_mark: str = DECIMAL_COMMA) -> Value:
    printed = (text or "").strip()
    body = plain_text(printed).strip("*").strip()
    if body.lower() in _EMPTY:
        return Value(printed, "empty")
    money = re.match(r"^rp\.?\s*(.+?)(?:,-|,—|\.-)?$", body, re.IGNORECASE)
    if money:
        parsed = parse_number(money.group(1), decimal_mark)
        if parsed:
            return Value(printed, "money", parsed[0], "Rp", parsed[1])
    if body.endswith("%"):
        parsed = parse_number(body[:-1], decimal_mark)
        if parsed:
            return Value(printed, "percent", parsed[0], "%", parsed[1])
    parsed = parse_number(body, decimal_mark)
    if parsed:
        return Value(printed, "number", parsed[0], None, parsed[1])
    quantity = _QUANTITY.match(body)
    if quantity:
        parsed = parse_number(quantity.group(1), decimal_mark)
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
