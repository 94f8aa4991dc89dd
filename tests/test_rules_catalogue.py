"""Every registered rule is well formed, and its docstring's PASS and FAIL examples do what they say."""
from __future__ import annotations

import re
import string
import textwrap

import pytest

from auditor.ruleapi import SEVERITIES
from rules import INDONESIAN, RULES, rationale
from helpers import audit_markdown, audit_series

CODES = sorted(RULES)
_EXAMPLES = re.compile(r"\nPASS:\n(?P<passing>.*?)\nFAIL:\n(?P<failing>.*)$", re.DOTALL)
# Examples these rules' authors still have to mend; strict, so a fix turns the test red until the entry goes.
BROKEN_EXAMPLES: dict[tuple[str, str], str] = {}


def examples(rule) -> dict[str, str]:
    match = _EXAMPLES.search(rule.__doc__ or "")
    assert match, f"{rule.ID}: the docstring needs PASS: and FAIL: examples"
    return {"PASS": textwrap.dedent(match["passing"]).strip(), "FAIL": textwrap.dedent(match["failing"]).strip()}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def runnable(example: str) -> bool:
    """A bracketed note stands in for an example that markdown cannot carry (a scanned PDF page)."""
    return not (example.startswith("(") and example.endswith(")"))


def test_codes_are_unique_and_well_formed():
    modules = [rule.__name__ for rule in RULES.values()]
    assert len(set(modules)) == len(modules)
    for code, rule in RULES.items():
        assert re.fullmatch(r"LKJ\d{3}", code)
        assert rule.ID == code
        assert rule.__name__.split(".")[-1].startswith(code.lower() + "_"), rule.__name__


@pytest.mark.parametrize("code", CODES)
def test_rule_declarations(code):
    rule = RULES[code]
    assert set(rule.TITLE) == {"id", "en"} and all(rule.TITLE.values())
    assert set(rule.MESSAGE) == {"id", "en"}
    assert placeholders(rule.MESSAGE["id"]) == placeholders(rule.MESSAGE["en"])
    assert rule.SEVERITY in SEVERITIES
    assert set(rule.DEFAULT) <= set(rule.CONF)
    assert all(isinstance(rule.DEFAULT[key], rule.CONF[key]) for key in rule.DEFAULT)
    assert callable(rule.check)
    assert (rule.__doc__ or "").startswith(f"{code} — ")


@pytest.mark.parametrize("code", CODES)
def test_rationale_in_both_languages(code):
    """The docstring's prose says the rule in English and, under `BAHASA INDONESIA:`, in Indonesian; neither
    carries the other's text or the examples."""
    rule = RULES[code]
    assert (rule.__doc__ or "").count(INDONESIAN) == 1, f"{code}: the docstring needs one BAHASA INDONESIA: section"
    text = rationale(rule)
    assert text.en.startswith(f"{code} — ") and "\n\n" in text.en, f"{code}: English prose beyond the summary line"
    assert text.id and not text.id.startswith(code)
    assert not any(marker in part for part in (text.id, text.en) for marker in ("BAHASA INDONESIA:", "PASS:", "FAIL:"))
    # each in its own language (the English quotes Indonesian reports, hence no "yang" or "dan" here)
    assert not [word for word in (" the ", " must ", " is ", " not ") if word in text.id]
    assert not [word for word in (" harus ", " tidak dapat ", " bila ") if word in text.en]


_DOCUMENT = re.compile(r"^=== (\S+) ===$", re.MULTILINE)


def findings_of(example: str) -> list:
    """One document, or several headed `=== name.md ===` audited together (the cross-document rules)."""
    parts = _DOCUMENT.split(example)
    if len(parts) == 1:
        return audit_markdown(example)[1].findings
    documents = dict(zip(parts[1::2], (p.strip() + "\n" for p in parts[2::2])))
    return [f for report in audit_series(documents).values() for f in report.findings]


@pytest.mark.parametrize("code,kind", [(code, kind) for code in CODES for kind in ("PASS", "FAIL")])
def test_docstring_example(code, kind):
    rule = RULES[code]
    example = examples(rule)[kind]
    assert example
    if not runnable(example):
        # a note instead of an example, once in each language
        assert re.fullmatch(r"\(id: [^\n].*\)\n\(en: [^\n].*\)", example, re.DOTALL), example
        pytest.skip(example)
    found = [f for f in findings_of(example) if f.rule == code]
    if (code, kind) in BROKEN_EXAMPLES:
        assert bool(found) != (kind == "FAIL"), f"{code} {kind} example works now: drop it from BROKEN_EXAMPLES"
        pytest.xfail(BROKEN_EXAMPLES[code, kind])
    if kind == "PASS":
        assert found == [], [f.message("en") for f in found]
    else:
        assert found, f"{code}: the FAIL example gives no finding"
        assert all(f.message("id") and f.message("en") for f in found)
