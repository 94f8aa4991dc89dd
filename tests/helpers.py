"""Shared test helper: audit markdown text with the default configuration."""
from __future__ import annotations

from auditor.config import Config
from auditor.document import Document, normalise
from auditor.engine import Result, run_rules
from auditor.ingest.markdown import read_markdown


def audit_markdown(text: str, path: str = "generated.md", config: Config | None = None) -> tuple[Document, Result]:
    config = config or Config()
    document = normalise(read_markdown(path, text), config)
    return document, run_rules(document, config)


def audit_series(texts: dict[str, str], config: Config | None = None, pk: dict[str, str] | None = None) -> dict:
    """Audit several markdown documents together (path -> text) as a batch does: each alone, then the
    cross-document rules (LKJ6xx) over all of them; `pk` are Perjanjian Kinerja documents given as --pk.
    Returns path -> DocumentReport."""
    from auditor.audit import DocumentReport
    from auditor.history import document_kind, fingerprint
    from auditor.series import cross_audit, filed_from_report, merge_report

    config = config or Config()
    reports = {}
    for path, text in {**texts, **(pk or {})}.items():
        document, result = audit_markdown(text, path, config)
        meta = {**document.meta, "jenis": document_kind(document.tables)}
        reports[path] = DocumentReport(path, "ok", meta, result.findings, result.coverage, facts=document.facts,
                                       fingerprint=fingerprint(document))
    filed = [filed_from_report(reports[p]) for p in texts]
    given_pk = [filed_from_report(reports[p]) for p in (pk or {})]
    for path, result in zip(texts, cross_audit(filed, config, pk=given_pk)):
        merge_report(reports[path], result)
    return reports
