"""The cross-document pass: relate audited documents to each other and to the store, run the LKJ6xx rules, merge."""
from __future__ import annotations

import hashlib
import json
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
    """Adds the cross-document findings to a results record, keeping its messages in both languages aligned;
    those of an earlier pass (a resumed batch) are replaced."""
    strip_cross(record)
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
    record["cross_coverage"] = {"consistent": result.coverage.consistent, "inconsistent": result.coverage.inconsistent,
                                "not_checkable_reasons": dict(result.coverage.not_checkable)}


def strip_cross(record: dict) -> None:
    """Takes the findings and coverage of an earlier cross-document pass out of a record."""
    cross = record.pop("cross_coverage", None)
    if cross is None:
        return
    translations = record.get("translations", {})
    keep = [i for i, f in enumerate(record["findings"]) if not f["rule"].startswith(FAMILY)]
    record["findings"] = [record["findings"][i] for i in keep]
    for texts in translations.values():
        texts["messages"] = [texts["messages"][i] for i in keep]
    record["waived"] = [w for w in record.get("waived", []) if not w["rule"].startswith(FAMILY)]
    stats = record.get("stats")
    if stats:
        reasons = Counter(stats.get("not_checkable_reasons", {}))
        reasons.subtract(cross["not_checkable_reasons"])
        stats["consistent"] -= cross["consistent"]
        stats["inconsistent"] -= cross["inconsistent"]
        stats["compared"] = stats["consistent"] + stats["inconsistent"]
        stats["not_checkable_reasons"] = {k: v for k, v in reasons.items() if v > 0}
        stats["not_checkable"] = sum(stats["not_checkable_reasons"].values())


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


def cross_audit_records(records: list[dict], config: Config, lang: str, store=None) -> None:
    """The cross-document pass over a batch's results: findings merged into the records in place (those of
    an earlier pass, read back by --resume, replaced)."""
    pairs = [(record, filed) for record in records if (filed := filed_from_record(record)) is not None]
    if not pairs or not cross_rules(config):
        for record in records:
            strip_cross(record)
        return
    results = cross_audit([filed for _, filed in pairs], config, store=store)
    for (record, _), result in zip(pairs, results):
        merge_record(record, result, lang)


def write_cross(path: str, records: list[dict]) -> None:
    """OUTDIR/crossdoc.jsonl: per document, the findings of the cross-document pass (results.jsonl keeps each
    document's own audit, as it completed; the reports show both)."""
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            if "cross_coverage" in record:
                line = {"path": record["path"], "sha256": record.get("sha256"),
                        "findings": [f for f in record["findings"] if f["rule"].startswith(FAMILY)],
                        "coverage": record["cross_coverage"]}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def store_records(store, records: list[dict], run_id: str, lang: str) -> None:
    for record in records:
        report = DocumentReport.from_dict(record, record.get("translations"))
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
