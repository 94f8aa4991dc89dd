"""The cross-document pass: relate audited documents to each other and to the store, run the LKJ6xx rules, merge."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from auditor.audit import DocumentReport
from auditor.config import Config
from auditor.engine import SEVERITIES, Coverage, run_rules
from auditor.history import Filed, decode_facts, encode_facts, relate
from auditor.ruleapi import Finding
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
    """Adds the cross-document findings to a results record, keeping its messages in both languages aligned."""
    translations = record.setdefault("translations", {})
    paired = list(zip(record["findings"], *(translations[k]["messages"] for k in ("id", "en"))))
    paired += [(f.to_dict(lang), f.message("id"), f.message("en")) for f in result.findings]
    paired.sort(key=lambda p: (SEVERITIES.index(p[0]["severity"]), p[0]["rule"]))
    record["findings"] = [p[0] for p in paired]
    for position, key in enumerate(("id", "en"), start=1):
        translations[key]["messages"] = [p[position] for p in paired]
    record["waived"] = record.get("waived", []) + [w.to_dict(lang) for w in result.waived]
    stats = record.get("stats")
    if stats:
        reasons = Counter(stats.get("not_checkable_reasons", {}))
        reasons.update(result.coverage.not_checkable)
        stats["consistent"] += result.coverage.consistent
        stats["inconsistent"] += result.coverage.inconsistent
        stats["compared"] = stats["consistent"] + stats["inconsistent"]
        stats["not_checkable"] = sum(reasons.values())
        stats["not_checkable_reasons"] = dict(reasons)


def _add_coverage(coverage: Coverage, extra: Coverage) -> None:
    coverage.consistent += extra.consistent
    coverage.inconsistent += extra.inconsistent
    coverage.not_checkable.update(extra.not_checkable)


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.rule))


def ranking(reports: list[DocumentReport]) -> list[dict]:
    """The LKjIP of a batch ranked: fewest errors first, then highest average capaian, then highest penyerapan."""
    ranked = [r for r in reports if r.status == "ok" and r.meta.get("jenis", "lkjip") == "lkjip"]

    def key(report: DocumentReport) -> tuple:
        capaian, serapan = report.meta.get("rata_rata_capaian"), report.meta.get("penyerapan")
        return (report.count("error"), -(capaian if capaian is not None else -1e9),
                -(serapan if serapan is not None else -1e9), report.path)

    return [{"rank": n, "instansi": r.meta.get("instansi"), "tahun": r.meta.get("tahun"), "path": r.path,
             "errors": r.count("error"), "warnings": r.count("warning"),
             "rata_rata_capaian": r.meta.get("rata_rata_capaian"), "penyerapan": r.meta.get("penyerapan")}
            for n, r in enumerate(sorted(ranked, key=key), start=1)]
