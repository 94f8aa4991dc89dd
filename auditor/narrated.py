"""What the 3xx rules ask of the facts: figures stated in sentences against figures printed in tables."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from auditor.narrative import ROLE
from auditor.ruleapi import Location

Fact = pd.Series | dict  # one row of the fact store, as a Series or as a record


def narrated(facts: pd.DataFrame) -> pd.DataFrame:
    """The figures stated in sentences."""
    return facts[facts["role"] == ROLE]


def tabled(facts: pd.DataFrame) -> pd.DataFrame:
    """This year's figures printed in tables."""
    return facts[(facts["role"] != ROLE) & facts["year"].isna()]


def located(fact: Fact) -> Location:
    """Where a fact was printed; a sentence has no table, row or column (NaN in the frame, not None)."""
    if fact["role"] != ROLE:
        return Location.of(fact)
    page, line = (None if fact[k] is None or pd.isna(fact[k]) else int(fact[k]) for k in ("page", "line"))
    return Location(page=page, line=line, text=str(fact["text"]))


def has_number(fact: Fact) -> bool:
    return fact["number"] is not None and not pd.isna(fact["number"])


def failed(fact: Fact) -> bool:
    """A figure that presents its entity as not achieved: capaian 0%, "tidak terealisasi", a cancelled kegiatan."""
    if fact["attribute"] == "capaian" and has_number(fact):
        return Decimal(fact["number"]) == 0
    return fact["attribute"] == "realisasi" and fact["value_kind"] == "note" and "tidak" in str(fact["text"]).lower()


def achieved(fact: Fact) -> bool:
    return fact["attribute"] == "capaian" and has_number(fact) and Decimal(fact["number"]) >= 100


def same_unit(narrated: str | None, printed: str | None) -> bool:
    """"kali perjalanan dinas" counts what "Kali" counts, "unit bangunan" what "Bangunan" counts,
    "Personil" what "Personel" counts: one word of the phrase is the table's unit, typos allowed."""
    from rapidfuzz import fuzz

    if not narrated or not printed:
        return False
    return any(fuzz.ratio(word, printed.lower()) >= 80 for word in narrated.lower().split())


def comparable(narrated: Fact, printed: Fact) -> bool:
    """Percent with percent; a count with a count of the same thing. "terealisasi 92%, atas target
    100%" said of a kegiatan counted in Kali is a share of its plan, not comparable to 73 Kali."""
    kinds = (narrated["value_kind"], printed["value_kind"])
    if kinds[0] == "percent":
        return kinds[1] == "percent" or (kinds[1] == "number" and narrated["attribute"] == "capaian")
    if kinds == ("quantity", "quantity"):
        return same_unit(narrated["unit"], printed["unit"])
    return kinds == ("number", "number")


