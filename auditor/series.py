"""The cross-document pass: relate audited documents to each other and to the store, run the LKJ6xx rules, merge."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace

from auditor.audit import DocumentReport
from auditor.bilingual import Text
from auditor.config import Config
from auditor.engine import Coverage, run_rules
from auditor.history import Filed, decode_facts, encode_facts, relate
from auditor.outputs import escape_surrogates, write_atomic
from auditor.ruleapi import SEVERITIES, Finding
from auditor.waivers import Waived, apply_waivers, load_waivers

FAMILY = "LKJ6"


@dataclass
class CrossResult:
    findings: list[Finding]
    waived: list[Waived]
    coverage: Coverage


def cross_rules(config: Config) -> list:
    return [rule for rule in config.rules() if rule.ID.startswith(FAMILY)]


def cross_config(config: Config) -> Config:
    """The configuration with only its enabled LKJ6xx rules selected, for the pass across documents."""
    return replace(config, select=[rule.ID for rule in cross_rules(config)], ignore=[])


def filed_from_report(report: DocumentReport, sha256: str | None = None) -> Filed | None:
    if report.status != "ok" or report.facts is None:
        return None
    return Filed(report.path, dict(report.meta), report.facts, tuple(report.fingerprint), sha256)


def filed_from_record(record: dict) -> Filed | None:
    """A results.jsonl line as a filed document; None for an unusable file or a line without facts."""
    if record.get("status") != "ok" or "facts" not in record:
        return None
    return Filed(record["path"], dict(record.get("meta") or {}), decode_facts(record["facts"]),
                 tuple(record.get("fingerprint") or ()), record.get("sha256"))


def record_extras(report: DocumentReport) -> dict:
    """What a results.jsonl line keeps so that a resumed batch can still compare this document with others."""
    if report.facts is None:
        return {}
    return {"facts": encode_facts(report.facts), "fingerprint": list(report.fingerprint)}


def cross_audit(documents: list[Filed], config: Config, *, store=None, pk: list[Filed] = ()) -> list[CrossResult]:
    """Runs the selected LKJ6xx rules on every document against the others, the given PK documents and the store."""
    relate(documents, store, match_threshold=config.match_threshold, pk_files=pk)
    selected = cross_config(config)
    waivers = load_waivers(config.waivers) if config.waivers else ()
    results = []
    for doc in documents:
        result = run_rules(doc, selected)
        findings, waived, _ = apply_waivers(result.findings, doc.path, waivers)
        coverage = result.coverage
        coverage.facts = coverage.tables = 0  # counted once, by the document's own audit
        results.append(CrossResult(findings, waived, coverage))
    return results


def merge_report(report: DocumentReport, result: CrossResult) -> None:
    report.findings = _sorted(report.findings + result.findings)
    report.waived = report.waived + result.waived
    if report.coverage is not None:
        _add_coverage(report.coverage, result.coverage)


def merge_record(record: dict, result: CrossResult, lang: str) -> None:
    """Adds the cross-document findings to a results record (its findings, message fields and coverage);
    those of an earlier pass (a resumed batch) are replaced."""
    report = DocumentReport.from_dict(record, record.get("fields"))
    strip_cross(report, record.get("cross_coverage"))
    merge_report(report, result)
    _rewrite(record, report, lang)
    record["cross_coverage"] = {
        "consistent": result.coverage.consistent, "inconsistent": result.coverage.inconsistent,
        "not_checkable": [[reason.id, reason.en, count] for reason, count in result.coverage.not_checkable.items()]}


def strip_record(record: dict, lang: str) -> None:
    """A record without what an earlier cross-document pass added to it."""
    if "cross_coverage" not in record:
        return
    report = DocumentReport.from_dict(record, record.get("fields"))
    strip_cross(report, record["cross_coverage"])
    _rewrite(record, report, lang)


def strip_cross(report: DocumentReport, cross: dict | None) -> None:
    """Takes the findings and coverage of an earlier cross-document pass out of a report."""
    if cross is None:
        return
    report.findings = [f for f in report.findings if not f.rule.startswith(FAMILY)]
    report.waived = [w for w in report.waived if not w.finding.rule.startswith(FAMILY)]
    if report.coverage is not None:
        report.coverage.consistent -= cross["consistent"]
        report.coverage.inconsistent -= cross["inconsistent"]
        for reason_id, reason_en, count in cross["not_checkable"]:
            report.coverage.not_checkable[Text(reason_id, reason_en)] -= count
        report.coverage.not_checkable = Counter({k: v for k, v in report.coverage.not_checkable.items() if v > 0})


def _rewrite(record: dict, report: DocumentReport, lang: str) -> None:
    kept = {k: record[k] for k in ("sha256", "seconds", "facts", "fingerprint", "config", "duplicate_of") if k in record}
    record.clear()
    record.update({**report.to_dict(lang), **kept, "fields": report.fields()})


def _add_coverage(coverage: Coverage, extra: Coverage) -> None:
    coverage.consistent += extra.consistent
    coverage.inconsistent += extra.inconsistent
    coverage.not_checkable.update(extra.not_checkable)


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.rule))


def cross_audit_records(records: list[dict], config: Config, lang: str, store=None) -> None:
    """The cross-document pass over a batch's results: findings merged into the records in place (those of
    an earlier pass, read back by --resume, replaced)."""
    pairs = [(record, filed) for record in records if (filed := filed_from_record(record)) is not None]
    if not pairs or not cross_rules(config):
        for record in records:
            strip_record(record, lang)
        return
    results = cross_audit([filed for _, filed in pairs], config, store=store)
    for (record, _), result in zip(pairs, results):
        merge_record(record, result, lang)


def write_cross(path: str, records: list[dict]) -> None:
    """OUTDIR/crossdoc.jsonl: per document, the findings of the cross-document pass (results.jsonl keeps each
    document's own audit, as it completed; the reports show both)."""
    lines = [{"path": record["path"], "sha256": record.get("sha256"),
              "findings": [f for f in record["findings"] if f["rule"].startswith(FAMILY)],
              "coverage": record["cross_coverage"]} for record in records if "cross_coverage" in record]
    # written whole or not at all; a non-UTF-8 file name kept as a \udcXX escape, without loss
    write_atomic(path, "".join(escape_surrogates(json.dumps(line, ensure_ascii=False)) + "\n" for line in lines))


def store_records(store, records: list[dict], run_id: str, lang: str) -> None:
    for record in records:
        report = DocumentReport.from_dict(record, record.get("fields"))
        store.save(report, run_id, sha256=record.get("sha256"), lang=lang,
                   facts_frame=decode_facts(record["facts"]) if record.get("facts") else None,
                   signature=tuple(record.get("fingerprint") or ()))


def check_across(reports: list[DocumentReport], pk_reports: list[DocumentReport], config: Config,
                 store_target: str | None, lang: str) -> None:
    """`check --store/--pk`: the given files against each other, the PK files and the store; then saved there."""
    history = None
    if store_target:
        from auditor.store import Store

        history = Store(store_target)
    try:
        filed = [f for r in reports if (f := filed_from_report(r, _digest(r.path))) is not None]
        pk = [f for r in pk_reports if (f := filed_from_report(r, _digest(r.path))) is not None]
        by_path = {r.path: r for r in reports}
        if filed and cross_rules(config):
            for doc, result in zip(filed, cross_audit(filed, config, store=history, pk=pk)):
                merge_report(by_path[doc.path], result)
        for report in pk_reports:
            if report.status == "error":  # an unusable PK file is reported like an unusable report
                reports.append(report)
        if history is not None:
            run_id = history.start_run("check", [r.path for r in reports])
            for report in [*reports, *(r for r in pk_reports if r.status == "ok")]:
                history.save(report, run_id, sha256=_digest(report.path), lang=lang)
    finally:
        if history is not None:
            history.close()


def _digest(path: str) -> str | None:
    """The sha256 of the file's bytes, as batch keys its results."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()
