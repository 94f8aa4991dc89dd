"""Run the rules over a normalised document: rules find, the engine stamps rule id, severity and message."""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

from auditor.bilingual import Text
from auditor.config import Config
from auditor.document import Document
from auditor.facts import unreadable
from auditor.model import DOUBTFUL_CONFIDENCE
from auditor.plausible import recheck
from auditor.ruleapi import OCR_PAGES, SEVERITIES, Consistent, Finding, Location, NotCheckable

RAISE_RULE_ERRORS = "LKJIP_AUDIT_RAISE_RULE_ERRORS"


@dataclass
class Coverage:
    facts: int = 0
    tables: int = 0
    consistent: int = 0
    inconsistent: int = 0
    not_checkable: Counter[Text] = field(default_factory=Counter)  # reason -> how many comparisons

    @property
    def compared(self) -> int:
        return self.consistent + self.inconsistent

    def to_dict(self) -> dict:
        return {"tables": self.tables, "facts": self.facts, "compared": self.compared,
                "consistent": self.consistent, "inconsistent": self.inconsistent,
                "not_checkable": sum(self.not_checkable.values()),
                "not_checkable_reasons": {reason.en: count for reason, count in self.not_checkable.items()}}


UNREADABLE = Text("angka tidak terbaca", "number that could not be read")


@dataclass
class Result:
    document: Document
    findings: list[Finding]
    coverage: Coverage

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def run_rules(document: Document, config: Config) -> Result:
    """The enabled rules over the document, each with its options; findings stamped and sorted. Figures OCR
    read are checked first (plausible.py): the rules run, the OCR'd figures their errors rest on are read
    again, and if that makes any doubtful the rules run once more. `document` may also be a filed one
    (history.Filed: facts only, for the rules across documents), which OCR does not concern."""
    result = _run_rules(document, config)
    if isinstance(document, Document) and (document.raw.ocr_crops or document.raw.ocr_words) and recheck(document, result.findings, config):
        result = _run_rules(document, config)
    return result


def _run_rules(document: Document, config: Config) -> Result:
    coverage = Coverage(facts=len(document.facts), tables=len(document.tables))
    unread = len(unreadable(document.fact_rows))
    if unread:  # a figure no rule could compare, whichever rules run
        coverage.not_checkable[UNREADABLE] += unread
    findings: list[Finding] = []
    for rule in config.rules():
        for outcome in _outcomes(rule, document, config.options_for(rule)):
            if isinstance(outcome, Consistent):
                coverage.consistent += 1
            elif isinstance(outcome, NotCheckable):
                coverage.not_checkable[outcome.reason] += 1
            else:
                coverage.inconsistent += 1
                severity = config.severity.get(rule.ID) or outcome.severity or rule.SEVERITY
                fields = outcome.fields
                doubtful = _doubtful_pages(outcome.locations)
                if doubtful:  # a misread figure is no contradiction in the report: the reviewer looks first
                    severity = "warning" if severity == "error" else severity
                    fields = {**fields, OCR_PAGES: ", ".join(str(page) for page in doubtful)}
                findings.append(Finding(
                    rule=rule.ID,
                    severity=severity,
                    subject=outcome.subject.strip() or _where_unnamed(outcome.locations),
                    attribute=outcome.attribute,
                    values=tuple(outcome.values),
                    expected=outcome.expected,
                    locations=tuple(outcome.locations),
                    templates=rule.MESSAGE,
                    fields=fields,
                ))
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.rule, _first_position(f)))
    return Result(document, findings, coverage)


def _where_unnamed(locations) -> str:
    """A subject for a finding whose entity has no readable name (a damaged file can blank it): the row,
    table or column it was printed in, so that a finding never names nothing."""
    for location in locations:
        for place in (location.row, location.table, location.column, location.text):
            if place and place.strip():
                return place.strip()
    return "?"


def _outcomes(rule, document: Document, options: dict):
    """A rule's outcomes; a rule that breaks on an odd document stops as not checkable, never the audit.

    With RAISE_RULE_ERRORS set in the environment (the test suite sets it) the error propagates, so a
    broken rule fails its tests instead of passing them as "not checkable"."""
    try:
        yield from rule.check(document, options)
    except Exception as error:  # noqa: BLE001 - one faulty rule must not cost the reviewer the other findings
        if os.environ.get(RAISE_RULE_ERRORS):
            raise
        error_name = type(error).__name__
        yield NotCheckable(Text(f"{rule.ID} gagal dijalankan ({error_name})", f"{rule.ID} could not run ({error_name})"))


def _doubtful_pages(locations) -> list[int]:
    """Pages of the figures among `locations` whose OCR reading is doubtful."""
    return sorted({location.page or 0 for location in locations if location.confidence <= DOUBTFUL_CONFIDENCE})


def _first_position(finding: Finding) -> tuple:
    location = finding.locations[0] if finding.locations else Location()
    return (location.page or 0, location.line or 0)
