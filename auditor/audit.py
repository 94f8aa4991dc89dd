"""Audit one file end to end and package the outcome, failed or not, as one DocumentReport."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from auditor.bilingual import Text
from auditor.config import Config
from auditor.document import Document, load
from auditor.engine import Coverage, Result, run_rules
from auditor.errors import InputError
from auditor.guard import WorkerError, run_limited
from auditor.history import document_kind, fingerprint
from auditor.ruleapi import SEVERITIES, Finding, Location, plain
from auditor.waivers import Waived, Waiver, apply_waivers, load_waivers
from rules import RULES


@dataclass
class DocumentReport:
    path: str
    status: str  # "ok" | "error"
    meta: dict
    findings: list[Finding]
    coverage: Coverage | None
    error: InputError | None = None
    notices: tuple[Text, ...] = ()  # about the reading (a waiver that matched nothing), in either language
    # per table label: the header and the rows the findings point at, so reports can show them
    excerpts: dict = field(default_factory=dict)
    waived: list[Waived] = field(default_factory=list)  # accepted findings, kept out of `findings`
    # for the cross-document rules and the history store; not part of to_dict
    facts: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    fingerprint: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, fail_on: str) -> bool:
        return any(SEVERITIES.index(f.severity) <= SEVERITIES.index(fail_on) for f in self.findings)

    def to_dict(self, lang: str = "id") -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "error": self.error.message(lang) if self.error else None,
            "meta": self.meta,
            "notices": [notice[lang] for notice in self.notices],
            "findings": [f.to_dict(lang) for f in self.findings],
            "stats": self.coverage.to_dict() if self.coverage else None,
            "excerpts": self.excerpts,
            "waived": [w.to_dict(lang) for w in self.waived],
        }

    def fields(self) -> dict:
        """What to_dict renders in one language, as fields: findings cross a process boundary (a batch's
        results.jsonl) this way and render again in either language."""
        return {"error": _encoded(Text(self.error.texts["id"], self.error.texts["en"])) if self.error else None,
                "reasons": _encoded(list(self.coverage.not_checkable)) if self.coverage else [],
                "notices": _encoded(list(self.notices)),
                "findings": [_encoded(f.fields) for f in self.findings],
                "waived": [_encoded(w.finding.fields) for w in self.waived]}

    @classmethod
    def from_dict(cls, data: dict, fields: dict | None = None) -> "DocumentReport":
        """Rebuild a report from to_dict output; with `fields` (from fields()) it renders in both languages,
        without them its texts stay in the language they were stored in."""
        fields = _decoded(fields) if fields else {}
        stored, waived = data.get("findings", []), data.get("waived", [])
        findings = list(map(_stored_finding, stored, fields.get("findings") or [None] * len(stored)))
        error = None
        if data.get("status") == "error":
            as_stored = _unprefixed(data["error"] or "", data["path"])
            said = fields.get("error") or Text(as_stored, as_stored)
            error = InputError(data["path"], said.id, said.en)
        stats = data.get("stats")
        coverage = None
        if stats:
            counts = stats.get("not_checkable_reasons", {})
            reasons = fields.get("reasons") or [Text(en, en) for en in counts]
            coverage = Coverage(facts=stats["facts"], tables=stats["tables"], consistent=stats["consistent"],
                                inconsistent=stats["inconsistent"],
                                not_checkable=Counter(dict(zip(reasons, counts.values()))))
        accepted = [Waived(finding, Waiver(w["rule"], "*", w["subject"], w["reason"], w.get("waiver", "")))
                    for w, finding in zip(waived, map(_stored_finding, waived, fields.get("waived") or [None] * len(waived)))]
        notices = fields.get("notices") or [Text(notice, notice) for notice in data.get("notices", [])]
        return cls(data["path"], data["status"], data.get("meta") or {}, findings, coverage, error,
                   tuple(notices), data.get("excerpts") or {}, accepted)


def _unprefixed(message: str, path: str) -> str:
    return message[len(path) + 2:] if message.startswith(f"{path}: ") else message


def _encoded(value):
    """Message fields as JSON: numbers exact, locations and bilingual texts tagged so they come back as such."""
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, Location):
        return {"location": value.to_dict()}
    if isinstance(value, Text):
        return {"text": [value.id, value.en]}
    if isinstance(value, dict):
        return {key: _encoded(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encoded(item) for item in value]
    return value


def _decoded(value):
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("decimal", "location", "text"):
        kind, data = next(iter(value.items()))
        return {"decimal": Decimal, "location": Location.from_dict, "text": lambda d: Text(*d)}[kind](data)
    if isinstance(value, dict):
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    return value


def _stored_finding(data: dict, fields: dict | None) -> Finding:
    rule = RULES.get(data["rule"])
    if fields is not None and rule is not None:
        templates = rule.MESSAGE
    else:  # the stored text is final; braces doubled because Finding.message formats its template
        templates, fields = {"id": data["message"].replace("{", "{{").replace("}", "}}")}, {}
    return Finding(rule=data["rule"], severity=data["severity"], subject=data["subject"],
                   attribute=data.get("attribute"), values=tuple(data.get("values", ())),
                   expected=data.get("expected"), locations=tuple(Location.from_dict(loc) for loc in data.get("locations", ())),
                   templates=templates, fields=fields)


def audit_file(path: str, config: Config, *, password: str | None = None, ocr: bool = False,
               pages=None) -> DocumentReport:
    """One document audited; `pages` (a shared array of two ints, for a progress bar in another process)
    is kept at (pages OCR'd, pages to OCR) while OCR runs."""
    def progress(done: int, total: int) -> None:
        pages[0], pages[1] = done, total

    try:
        document = load(path, config, password=password, ocr=ocr, progress=progress if pages is not None else None)
    except InputError as error:
        return DocumentReport(path, "error", {}, [], None, error)
    result: Result = run_rules(document, config)
    waivers = load_waivers(config.waivers) if config.waivers else ()
    findings, waived, unused = apply_waivers(result.findings, path, waivers)
    meta = {**document.meta, "penyerapan": total_penyerapan(document.facts),
            "rata_rata_capaian": average_capaian(document.facts), "jenis": document_kind(document.tables)}
    return DocumentReport(path, "ok", meta, findings, result.coverage, notices=(*document.raw.notices, *unused),
                          excerpts=excerpts(document, findings), waived=waived, facts=document.facts,
                          fingerprint=fingerprint(document))


def audit_file_guarded(path: str, config: Config, *, password: str | None = None, ocr: bool = False,
                       pages=None) -> DocumentReport:
    """audit_file in a child process under the configured time and memory limits; never raises."""
    try:
        return run_limited(audit_file, path, config, password=password, ocr=ocr, pages=pages,
                           timeout_s=config.timeout, memory_mb=config.max_memory)
    except InputError as error:
        return DocumentReport(path, "error", {}, [], None, error)
    except WorkerError:
        error = InputError(path, "kesalahan internal saat memeriksa berkas ini; laporkan ke pengembang beserta berkasnya.",
                           "internal error while auditing this file; report it to the developers with the file.")
        return DocumentReport(path, "error", {}, [], None, error)


def total_penyerapan(facts: pd.DataFrame) -> float | int | None:
    """The printed penyerapan of the JUMLAH row, from the budget realisation table before the efficiency table."""
    totals = facts[(facts.kind == "total") & (facts.attribute == "penyerapan") & facts.number.notna()]
    for role in ("realisasi_anggaran", "efisiensi"):
        printed = totals[totals.role == role]
        if not printed.empty:
            return plain(printed.number.iloc[0])
    return None


def average_capaian(facts: pd.DataFrame) -> float | None:
    """Mean capaian of this year's indikator kinerja sasaran (the tujuan's when no sasaran table was read)."""
    for role in ("capaian_sasaran", "capaian_tujuan"):
        capaian = facts[(facts.role == role) & (facts.attribute == "capaian") & (facts.kind == "indikator")
                        & facts.year.isna() & facts.number.notna()]
        if not capaian.empty:
            mean = sum(capaian.number, Decimal(0)) / len(capaian)
            return float(round(mean, 2))
    return None


def excerpts(document: Document, findings: list[Finding]) -> dict:
    """For each table a finding points at: its column names, the rows involved and where each located cell is."""
    result: dict[str, dict] = {}
    for finding in findings:
        for location in finding.locations:
            if location.table_index is None or location.row_index is None or location.column_index is None:
                continue  # a sentence, or a whole row rather than one of its cells
            table = document.table(location.table_index)
            row_index = location.row_index
            excerpt = result.setdefault(table.label, {"page": table.page, "columns": [c.name or c.key for c in table.columns],
                                                      "rows": [], "marks": []})
            if len(excerpt["columns"]) != len(table.columns):
                continue  # another table under the same label; its rows would not fit these columns
            if all(r["index"] != row_index for r in excerpt["rows"]):
                source = table.sources[row_index]
                excerpt["rows"].append({"index": row_index, "page": source.page, "line": source.line,
                                        "cells": list(table.rows[row_index])})
            mark = {"row": location.row, "column": location.column, "text": location.text,
                    "at": [row_index, location.column_index]}
            if mark not in excerpt["marks"]:
                excerpt["marks"].append(mark)
    for excerpt in result.values():
        excerpt["rows"].sort(key=lambda r: r["index"])
    return result
