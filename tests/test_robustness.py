"""Damaged documents: rows cut, duplicated or garbled must never make a rule fail or the audit crash."""
from __future__ import annotations

import os
import random

import pytest

import generator
from auditor.engine import RAISE_RULE_ERRORS
from helpers import audit_markdown

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "samples", "lkjip-raas-2020.md")
GARBAGE = ("", "-", "0", "1.000.000", "abc", "0%", "100,5%", "Rp.", "12 Kali", "999999999999", "JUMLAH", "(1)",
           "I.1", "2020", "Tidak terealisasi", "0 (nol)", "B")


def damaged(lines: list[str], rnd: random.Random) -> str:
    lines = list(lines)
    for _ in range(rnd.randint(5, 40)):
        choice, j = rnd.random(), rnd.randrange(len(lines))
        if choice < 0.3:
            del lines[j]
        elif choice < 0.5:
            lines.insert(j, lines[rnd.randrange(len(lines))])
        elif choice < 0.8 and lines[j].startswith("|"):
            cells = lines[j].split("|")
            cells[rnd.randrange(len(cells))] = rnd.choice(GARBAGE)
            lines[j] = "|".join(cells)
        else:
            lines[j] = lines[j][: rnd.randrange(len(lines[j]) + 1)]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(12))
def test_every_rule_runs_on_a_damaged_report(seed):
    rnd = random.Random(seed)
    if seed % 2:
        source = generator.to_markdown(generator.generate(seed, template=rnd.choice(["sumenep", "alt"])))
    else:
        with open(SAMPLE, encoding="utf-8") as handle:
            source = handle.read()
    _, result = audit_markdown(damaged(source.splitlines(), rnd))
    assert not [reason for reason in result.coverage.not_checkable if "could not run" in reason.en]


def broken(document, options):
    raise KeyError("boom")
    yield  # a generator, like every rule


def test_a_rule_that_breaks_is_not_checkable_and_the_others_still_report(monkeypatch):
    import rules.lkj105_high_capaian as high

    monkeypatch.setattr(high, "check", broken)
    monkeypatch.delenv(RAISE_RULE_ERRORS)  # as users run it
    with open(SAMPLE, encoding="utf-8") as handle:
        _, result = audit_markdown(handle.read())
    assert result.coverage.to_dict()["not_checkable_reasons"]["LKJ105 could not run (KeyError)"] == 1
    assert {f.rule for f in result.findings} >= {"LKJ201", "LKJ202"}


def test_under_test_a_rule_that_breaks_fails_the_test(monkeypatch):
    import rules.lkj105_high_capaian as high

    monkeypatch.setattr(high, "check", broken)
    with open(SAMPLE, encoding="utf-8") as handle, pytest.raises(KeyError, match="boom"):
        audit_markdown(handle.read())
