"""LKJ303 — a number printed with its words, "17 (tujuh belas)", must say the same in both.

The words are written to make the number certain; when they differ, one of them is a typo and the reader
cannot tell which was meant.

The words are read as Indonesian terbilang up to the trillions ("sebelas", "seratus", "seribu", "satu
juta"), with a trailing "persen" or "rupiah" allowed. Words that say the right number in an unusual
spelling ("100 (satu ratus)" for "seratus") are a spelling note (info), not an error.
Brackets holding anything but number words ("(SKM)", "(PATEN)") are not numbers and are skipped.
The finding names what the number counts ("jumlah pegawai", "sasaran strategis"), as the sentence says it.

BAHASA INDONESIA:
    Angka yang dicetak bersama terbilangnya, "17 (tujuh belas)", harus sama di keduanya. Terbilang ditulis
    justru untuk memastikan angka; bila keduanya berbeda, salah satunya salah ketik dan pembaca tidak tahu
    mana yang dimaksud.

    Terbilang dibaca sebagai bilangan bahasa Indonesia sampai triliunan ("sebelas", "seratus", "seribu", "satu
    juta"), boleh diikuti "persen" atau "rupiah". Terbilang yang menyebut angka yang benar dengan ejaan tidak
    lazim ("100 (satu ratus)" untuk "seratus") hanya catatan ejaan (info), bukan kesalahan. Tanda kurung yang
    berisi selain kata bilangan ("(SKM)", "(PATEN)") bukan terbilang dan dilewati. Temuan menyebut apa yang
    dihitung angka itu ("jumlah pegawai", "sasaran strategis"), sesuai kalimatnya.

PASS:
    Pada tabel sumber daya aparatur tersebut diatas dari jumlah Pegawai 17 (tujuh belas) Personil.

FAIL:
    Pada tabel sumber daya aparatur tersebut diatas dari jumlah Pegawai 17 (tujuh puluh) Personil.
"""
from __future__ import annotations

from decimal import Decimal

from auditor.counts import stated_counts
from auditor.ruleapi import Consistent, Location, Problem
from auditor.sentences import TERBILANG
from auditor.terbilang import NUMBER_WORDS, counted, from_terbilang, read_terbilang, terbilang
from auditor.values import parse_number

ID = "LKJ303"
TITLE = {"id": "Angka dan terbilangnya berbeda", "en": "Digits and words disagree"}
SEVERITY = "error"
MESSAGE = {
    "id": "{subject}: angka {digits} ditulis “{words}”, seharusnya “{expected}” ({where}).",
    "en": "{subject}: the number {digits} is written out as “{words}”, which should be “{expected}” ({where}).",
}
CONF: dict = {}
DEFAULT: dict = {}
_UNITS = ("persen", "rupiah")


def check(document, options):
    for block in document.text:
        for match in TERBILANG.finditer(block.text):
            tokens = match.group("words").lower().split()
            while tokens and tokens[-1] in _UNITS:
                tokens.pop()
            if not tokens or any(t not in NUMBER_WORDS for t in tokens):
                continue
            number = int(parse_number(match.group("digits"), document.decimal_mark)[0])
            if from_terbilang(" ".join(tokens)) == number:
                yield Consistent()
                continue
            where = Location.of_block(block)
            spelled = read_terbilang(" ".join(tokens)) == number  # the right number, spelled unusually
            yield Problem(
                subject=(_count_at(block.text, match.start("digits"))
                         or counted(block.text[:match.start()], block.text[match.end():]) or match.group(0)),
                attribute="terbilang", values=(Decimal(number), read_terbilang(" ".join(tokens))),
                expected=terbilang(number), locations=(where,),
                fields={"digits": match.group("digits"), "words": match.group("words"), "expected": terbilang(number),
                        "where": where},
                severity="info" if spelled else None,
            )


def _count_at(text: str, position: int) -> str | None:
    """What a count sentence says the number at `position` counts ("jumlah pegawai"), None when none does."""
    return next((entity for _, entity, match in stated_counts(text) if match.start("count") == position), None)
