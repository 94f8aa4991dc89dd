"""Generated reports: clean ones give no error; each injected inconsistency gives exactly its finding."""
from __future__ import annotations

import random

import pytest

import generator
from helpers import audit_markdown
from injections import INJECTIONS, from_module

SEEDS = range(6)
TEMPLATES = ("sumenep", "alt", "kota")


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("seed", SEEDS)
def test_clean_report_has_no_error(template, seed):
    report = generator.generate(seed, template=template)
    _, result = audit_markdown(generator.to_markdown(report))
    assert [f.message("en") for f in result.findings if f.severity == "error"] == []
    assert result.coverage.consistent > 100


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", from_module(generator))
def test_injected_inconsistency_is_found(template, seed, kind):
    report = generator.generate(seed, template=template)
    expected = INJECTIONS[kind](report, random.Random(seed))
    _, result = audit_markdown(generator.to_markdown(report))
    errors = [f for f in result.findings if f.severity == "error"]
    assert {f.rule for f in errors} == {expected.rule}, [f.message("en") for f in errors]
    matching = [f for f in errors if f.subject.lower() == expected.subject.lower()]
    assert matching, (expected, [f.subject for f in errors])
    printed = [float(v) for f in matching for v in f.values]
    assert any(v == pytest.approx(expected.values[0], abs=0.01) for v in printed), (expected.values, printed)
