"""Audit one file end to end and package the outcome, failed or not, as one DocumentReport."""
from __future__ import annotations

from dataclasses import dataclass

from auditor.config import Config
from auditor.document import load
from auditor.engine import Coverage, Finding, Result, run_rules
from auditor.errors import InputError


@dataclass
class DocumentReport:
    path: str
    status: str  # "ok" | "error"
    meta: dict
    findings: list[Finding]
    coverage: Coverage | None
    error: InputError | None = None
    notices: tuple[str, ...] = ()

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, fail_on: str) -> bool:
        levels = ("error", "warning", "info")
        return any(levels.index(f.severity) <= levels.index(fail_on) for f in self.findings)

    def to_dict(self, lang: str = "id") -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "error": self.error.message(lang) if self.error else None,
            "meta": self.meta,
            "notices": list(self.notices),
            "findings": [f.to_dict(lang) for f in self.findings],
            "stats": self.coverage.to_dict() if self.coverage else None,
        }


def audit_file(path: str, config: Config, *, password: str | None = None, ocr: bool = False) -> DocumentReport:
    try:
        document = load(path, password=password, ocr=ocr, match_threshold=config.match_threshold)
    except InputError as error:
        return DocumentReport(path, "error", {}, [], None, error)
    result: Result = run_rules(document, config.rules(), config.rule_options(), config.severity)
    return DocumentReport(path, "ok", document.meta, result.findings, result.coverage,
                          notices=tuple(document.raw.notices))
