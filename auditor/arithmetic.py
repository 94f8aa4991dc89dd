"""Arithmetic the way the report was made: exact inputs, printed results as half-up rounded intervals."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from auditor.ruleapi import Fact

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Printed:
    """A printed figure as the interval of true values it stands for."""

    number: Decimal
    decimals: int

    @classmethod
    def of(cls, fact: Fact) -> "Printed":
        return cls(fact.number, fact.decimals)

    @property
    def half_unit(self) -> Decimal:
        return Decimal(5) * Decimal(10) ** -(self.decimals + 1)

    @property
    def low(self) -> Decimal:
        return self.number - self.half_unit

    @property
    def high(self) -> Decimal:
        return self.number + self.half_unit

    def contains(self, exact: Decimal) -> bool:
        """Excel rounds half away from zero: a printed 84 stands for [83.5, 84.5), a printed -23 for
        (-23.5, -22.5] (ROUND(-22.5; 0) is -23)."""
        if self.number < 0:
            return self.low < exact <= self.high
        return self.low <= exact < self.high

    def overlaps(self, low: Decimal, high: Decimal) -> bool:
        """Whether [low, high) meets the interval this figure stands for (closed at its end nearer zero
        when negative, as in `contains`)."""
        if self.number < 0:
            return self.low < high and low <= self.high
        return self.low <= high and low < self.high


def agree(a: Printed, b: Printed) -> bool:
    """Two printed figures agree when the intervals they stand for overlap: 84 and 83,75 are one figure
    ([83,5; 84,5) holds 83,75), 88 and 87,18 are two (87,18 rounds to 87)."""
    return a.low < b.high and b.low < a.high


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return Decimal(numerator) / Decimal(denominator) * HUNDRED


NORMAL_FORMULA = "realisasi ÷ target"
LOWER_IS_BETTER_FORMULAS = ("(2 × target − realisasi) ÷ target", "target ÷ realisasi")


def capaian_formulas(target: Decimal, realisasi: Decimal, lower_is_better: bool) -> dict[str, Decimal]:
    """The capaian each formula a report may use gives, by the formula's name."""
    if target == 0:
        return {}
    if not lower_is_better:
        return {NORMAL_FORMULA: realisasi / target * HUNDRED}
    formulas = {LOWER_IS_BETTER_FORMULAS[0]: (2 * target - realisasi) / target * HUNDRED}
    if realisasi != 0:
        formulas[LOWER_IS_BETTER_FORMULAS[1]] = target / realisasi * HUNDRED
    return formulas


def capaian_candidates(target: Decimal, realisasi: Decimal, lower_is_better: bool) -> list[Decimal]:
    """realisasi/target for normal indikator; for lower-is-better ones the two formulas reports use."""
    return list(capaian_formulas(target, realisasi, lower_is_better).values())
