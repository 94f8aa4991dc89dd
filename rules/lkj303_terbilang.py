"""LKJ303 — a number printed with its words, "17 (tujuh belas)", must say the same in both.

The words are read as Indonesian terbilang up to the trillions ("sebelas", "seratus", "seribu", "satu
juta"), with a trailing "persen" or "rupiah" allowed. Words that say the right number in an unusual
spelling ("100 (satu ratus)" for "seratus") are a spelling note (info), not an error.
Brackets holding anything but number words ("(SKM)", "(PATEN)") are not numbers and are skipped.
The finding names what the number counts ("jumlah pegawai", "sasaran strategis"), as the sentence says it.

PASS:
    Pada tabel sumber daya aparatur tersebut diatas dari jumlah Pegawai 17 (tujuh belas) Personil.

FAIL:
    Pada tabel sumber daya aparatur tersebut diatas dari jumlah Pegawai 17 (tujuh puluh) Personil.
"""
from __future__ import annotations

from decimal import Decimal

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
            number = int(parse_number(match.group("digits"))[0])
            if from_terbilang(" ".join(tokens)) == number:
                yield Consistent()
                continue
            where = Location.of_block(block)
            spelled = read_terbilang(" ".join(tokens)) == number  # the right number, spelled unusually
            yield Problem(
                subject=counted(block.text[:match.start()], block.text[match.end():]) or match.group(0),
                attribute="terbilang", values=(Decimal(number), read_terbilang(" ".join(tokens))),
                expected=terbilang(number), locations=(where,),
                fields={"digits": match.group("digits"), "words": match.group("words"), "expected": terbilang(number),
                        "where": where},
                severity="info" if spelled else None,
            )
