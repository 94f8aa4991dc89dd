"""Engine invariants every finding of every rule keeps, whatever the document: checked by the tests over
generated reports (all templates, each injection, damaged copies) and counted by benchmarks/precision.py."""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from auditor.arithmetic import Printed, agree


def printed(value) -> Printed | None:
    """A finding's value as the interval it stands for: a Decimal keeps the places it was printed (or
    computed) with; an int is exact; anything else (a name, a path) is not a figure."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        return None
    number = Decimal(value)
    if not number.is_finite():
        return None
    return Printed(number, max(0, -number.as_tuple().exponent))


def _disagreeing_pairs(finding) -> list[tuple]:
    """The values an error finding says disagree, paired: LKJ301 states the sentence's figures, then the
    tables', one per attribute ("capaian/realisasi"); every other rule's values disagree pairwise."""
    values = finding.values
    attributes = (finding.attribute or "").split("/")
    if len(attributes) > 1 and len(values) == 2 * len(attributes):
        return list(zip(values[:len(attributes)], values[len(attributes):]))
    return list(combinations(values, 2))


def violations(findings) -> list[str]:
    """What is wrong with these findings: an empty subject, or an error whose figures agree under the
    precision they were printed with (84 and 83,75 are one figure; 84 and 86 are two)."""
    wrong = []
    for f in findings:
        if not str(f.subject).strip():
            wrong.append(f"{f.rule}: empty subject ({f.message('en')})")
        if f.severity != "error":
            continue
        for a, b in _disagreeing_pairs(f):
            a, b = printed(a), printed(b)
            if a is not None and b is not None and agree(a, b):
                wrong.append(f"{f.rule} {f.subject!r}: {a.number} and {b.number} agree ({f.message('en')})")
    return wrong
