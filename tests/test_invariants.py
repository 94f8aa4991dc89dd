"""Engine invariants over all rules on every generated document: every template, clean and with each
injection, and its damaged copies; no finding without a subject, no error whose figures agree."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest

import fresh_reports
import generator
from auditor.arithmetic import Printed, agree
from helpers import audit_markdown
from injections import INJECTIONS
from invariants import violations

TEMPLATES = generator.templates()
SEEDS = (3, 11)


def _documents():
    """(label, markdown) of each template's clean reports, their Unicode-damaged copies and one report per
    injection (seeds taking turns)."""
    for template in TEMPLATES:
        for seed in SEEDS:
            report = generator.generate(seed, template=template)
            yield f"{template}-{seed}", generator.to_markdown(report)
            yield f"{template}-{seed} unicode", generator.to_markdown(
                generator.damage_unicode(report, random.Random(seed)))
        for n, (kind, inject) in enumerate(sorted(INJECTIONS.items())):
            seed = SEEDS[n % len(SEEDS)]
            report = generator.generate(seed, template=template)
            try:
                if inject(report, random.Random(seed)) is None:
                    continue
            except (IndexError, StopIteration):  # nothing in this report to break that way
                continue
            yield f"{template}-{seed} {kind}", generator.to_markdown(report)
    for kind in (None, *sorted(fresh_reports.INJECTIONS)):  # the second generator's, clean and each injection
        yield f"fresh {kind}", fresh_reports.make_report(1173, kind).markdown


@pytest.mark.parametrize("label,text", list(_documents()), ids=lambda x: x if len(x) < 60 else "")
def test_every_finding_has_a_subject_and_every_error_a_real_disagreement(label, text):
    _, result = audit_markdown(text)
    assert violations(result.findings) == [], label


def test_the_invariant_sees_an_equal_value_contradiction():
    from decimal import Decimal

    from auditor.ruleapi import Finding

    def finding(values, attribute="capaian", subject="Persentase X"):
        return Finding("LKJ201", "error", subject, attribute, values, None, (), {"id": "", "en": ""}, {})

    assert violations([finding((Decimal(84), Decimal("83.75")))])  # 83,75 rounds to the printed 84
    assert not violations([finding((Decimal(84), Decimal("85.50")))])
    assert violations([finding((Decimal(92), Decimal(5), Decimal(92), Decimal(6)), "capaian/realisasi")])
    assert violations([finding((Decimal(1), Decimal(2)), subject=" ")])


@pytest.mark.parametrize("a,b,same", [("84", "83.75", True), ("71.4", "71.43", True), ("84.5", "84", True),
                                      ("88", "87.18", False), ("86", "84", False), ("87.5", "87.44", False)])
def test_figures_agree_when_the_intervals_they_stand_for_overlap(a, b, same):
    # 88 stands for [87.5; 88.5), which a computed 87.18 is outside of, however coarsely 88 was printed
    def printed(text):
        return Printed(Decimal(text), len(text.partition(".")[2]))
    assert agree(printed(a), printed(b)) is same and agree(printed(b), printed(a)) is same
