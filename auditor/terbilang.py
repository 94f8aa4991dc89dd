"""Indonesian number words (terbilang): 17 <-> "tujuh belas"."""
from __future__ import annotations

import re

_DIGITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
_SCALES = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu")]


def terbilang(n: int) -> str:
    """Indonesian number words: 11 sebelas, 100 seratus, 1000 seribu, 1.000.000 satu juta."""
    if n < 10:
        return _DIGITS[n]
    if n < 12:
        return ["sepuluh", "sebelas"][n - 10]
    if n < 20:
        return f"{_DIGITS[n - 10]} belas"
    if n < 100:
        tens, ones = divmod(n, 10)
        return f"{_DIGITS[tens]} puluh" + (f" {_DIGITS[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_DIGITS[hundreds]} ratus"
        return head + (f" {terbilang(rest)}" if rest else "")
    for scale, word in _SCALES:
        if n >= scale:
            count, rest = divmod(n, scale)
            head = "seribu" if scale == 1000 and count == 1 else f"{terbilang(count)} {word}"
            return head + (f" {terbilang(rest)}" if rest else "")
    raise ValueError(n)


_WORD_VALUES = {w: i for i, w in enumerate(_DIGITS)} | {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000}
_SMALL_SCALES = {"belas": None, "puluh": 10, "ratus": 100}
_BIG_SCALES = {word: scale for scale, word in _SCALES}
NUMBER_WORDS = set(_WORD_VALUES) | set(_SMALL_SCALES) | set(_BIG_SCALES)


def from_terbilang(words: str) -> int | None:
    """The number Indonesian words spell, or None when they are not well formed ("tujuh belas" -> 17).

    Well formed means exactly what `terbilang` writes, so "sepuluh satu" or "satu ratus" are refused.
    """
    number = read_terbilang(words)
    return number if number is not None and terbilang(number) == " ".join(words.lower().split()) else None


def read_terbilang(words: str) -> int | None:
    """The number the words add up to, also when spelled unusually ("satu ratus" -> 100); None for non-numbers."""
    tokens = words.lower().split()
    if not tokens or any(t not in NUMBER_WORDS for t in tokens):
        return None
    total, group = 0, 0
    for token in tokens:
        if token in _BIG_SCALES:
            total, group = total + max(group, 0) * _BIG_SCALES[token], 0
        elif token == "belas":
            group += 10
        elif token in ("puluh", "ratus"):
            last = group % 10
            group = group - last + last * _SMALL_SCALES[token]
        else:
            group += _WORD_VALUES[token]
    return total + group


# What a number in a sentence counts: "jumlah Pegawai 17 (…)" -> "jumlah pegawai", else the words after it,
# "5 (lima) sasaran strategis yang …" -> "sasaran strategis".
_JUMLAH_BEFORE = re.compile(r"\bjumlah(?:\s+[^\W\d_]+){1,3}$", re.IGNORECASE)
_WORDS_AFTER = re.compile(r"^\s*([^\W\d_]+)(?: ([^\W\d_]+))?")
_NOT_COUNTED = {"yang", "dan", "atau", "dengan", "untuk", "dari", "di", "ke", "pada", "dalam", "serta", "adalah",
                "sebesar", "sebanyak", "sedangkan", "namun", "tersebut", "ini", "itu", "telah", "sudah", "akan"}


def counted(before: str, after: str) -> str:
    """What the number between `before` and `after` counts, in lower case; "" when the sentence does not say."""
    head = _JUMLAH_BEFORE.search(before.replace("*", " ").rstrip())
    if head:
        return " ".join(head.group(0).lower().split())
    words = _WORDS_AFTER.match(after.replace("*", " "))
    kept: list[str] = []
    for word in words.groups() if words else ():
        if not word or word.lower() in _NOT_COUNTED:
            break
        kept.append(word.lower())
    return " ".join(kept)
