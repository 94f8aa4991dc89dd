"""Audit many files in worker processes, each document under time and memory limits, results kept as JSON lines."""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import Callable

from filelock import FileLock, Timeout
from tqdm import tqdm

from auditor.audit import DocumentReport, audit_file_guarded
from auditor.config import Config
from auditor.errors import InputError
from auditor.files import open_regular
from auditor.formats import FORMATS, Options
from auditor.formats.common import ranking, tool_version
from auditor.guard import exit_with_parent, start_method
from auditor.outputs import check_output_folder, display, escape_surrogates, for_display, write_atomic
from auditor.series import cross_audit_records, record_extras, store_records, write_cross

SUFFIXES = (".pdf", ".md", ".markdown", ".docx")
RESULTS = "results.jsonl"
SUMMARY = "summary.json"
CROSS = "crossdoc.jsonl"
LOCK = ".lkjip-audit.lock"
DEFAULT_FORMATS = ("excel", "csv", "html")
DUPLICATE_RULE = "LKJ608"


@dataclass
class BatchOutcome:
    records: list[dict]  # every result in results.jsonl, resumed ones included, in path order
    audited: int  # documents audited by this run
    resumed: int  # documents skipped because results.jsonl already had them
    files: list[str] = field(default_factory=list)  # the outputs written
    seconds: float = 0.0

    @property
    def reports(self) -> list[DocumentReport]:
        return [DocumentReport.from_dict(r, r.get("fields")) for r in self.records]

    @property
    def unusable(self) -> list[dict]:
        return [r for r in self.records if r["status"] == "error"]


def discover(paths: list[str]) -> list[str]:
    """Files named directly, plus every PDF, Word and markdown file under the folders named, in a stable order
    (Word's lock files `~$name.docx` left out)."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for folder, subfolders, names in os.walk(path):
                subfolders.sort()
                found += [os.path.join(folder, n) for n in sorted(names) if n.lower().endswith(SUFFIXES)
                          and not n.startswith("~$")]
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def content_hash(path: str) -> str:
    """sha256 of a regular file's bytes; InputError for a special file (a FIFO, a link to /dev/zero) or one
    over the size limit, which would otherwise block or never end here, outside any per-document limit."""
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def config_key(config: Config, ocr: bool) -> str:
    """What a stored result depends on besides the bytes: the rules that ran with their options and
    severities, the match threshold, the waivers' content, OCR, and the tool's version."""
    waivers = None
    if config.waivers:
        try:
            with open(config.waivers, "rb") as handle:
                waivers = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            waivers = "unreadable"
    effective = {"rules": [rule.ID for rule in config.rules()],
                 "options": {rule.ID: config.options_for(rule) for rule in config.rules()},
                 "severity": config.severity, "match_threshold": config.match_threshold, "waivers": waivers,
                 "ocr": ocr, "version": tool_version()}
    return hashlib.sha256(json.dumps(effective, sort_keys=True, default=str).encode()).hexdigest()[:16]




def read_results(path: str) -> list[dict]:
    """The records of a results file; a line cut short by an interrupted run is ignored."""
    if not os.path.exists(path):
        return []
    records = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "sha256" in record:
                records.append(record)
    return records


def record_of(report: DocumentReport, digest: str | None, lang: str, seconds: float, key: str | None = None) -> dict:
    """One results.jsonl line: DocumentReport.to_dict plus the content hash, the config_key it was made under,
    the message fields (so the stored findings render in both languages), and the facts and fingerprint the
    cross-document rules compare."""
    return {**report.to_dict(lang), "sha256": digest, "seconds": round(seconds, 3), "config": key,
            "fields": report.fields(), **record_extras(report)}


def audit_isolated(path: str, digest: str, config: Config, lang: str, ocr: bool, password: str | None = None) -> dict:
    """Runs in a pool worker: the document itself is audited in a limited child the worker outlives."""
    started = time.monotonic()
    report = audit_file_guarded(path, config, ocr=ocr, password=password)
    return record_of(report, digest, lang, time.monotonic() - started)


def run_batch(paths: list[str], outdir: str, config: Config, *, jobs: int | None = None, lang: str = "id",
              timeout_s: float | None = None, memory_mb: int | None = None, resume: bool = False, ocr: bool = False,
              formats: tuple[str, ...] = DEFAULT_FORMATS, progress: bool | None = None,
              options: Options = Options(), store: str | None = None, executor: str = "local",
              scheduler: str | None = None, packs: bool = False, reviewer: str = "",
              password: str | None = None) -> BatchOutcome:
    """Audits every file found under `paths`, appending each result to OUTDIR/results.jsonl as it completes,
    then compares the documents with each other and with the history `store` (LKJ6xx), saves them there,
    and writes the reports in `formats` and summary.json from all results.

    `executor` "local" runs the audits in worker processes here, "dask" on a Dask cluster (`scheduler`
    address, or a LocalCluster of `jobs` workers).

    Raises InputError, before auditing anything, when OUTDIR cannot take the results or another batch is
    writing into it. With `resume`, a stored result is kept only for the same path, bytes (sha256) and
    config_key; failures are retried and files gone since are dropped."""
    started = time.monotonic()
    check_output_folder(outdir, paths)
    lock = FileLock(os.path.join(outdir, LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise InputError(outdir, "batch lain sedang menulis ke folder ini; tunggu sampai selesai atau pilih folder "
                                 "-o lain.",
                         "another batch is writing into this folder; wait for it to finish or choose another "
                         "-o folder.") from None
    try:
        return _run_locked(paths, outdir, config, jobs=jobs, lang=lang, timeout_s=timeout_s, memory_mb=memory_mb,
                           resume=resume, ocr=ocr, formats=formats, progress=progress, options=options, store=store,
                           executor=executor, scheduler=scheduler, started=started, packs=packs, reviewer=reviewer,
                           password=password)
    finally:
        lock.release()


def _run_locked(paths: list[str], outdir: str, config: Config, *, jobs: int | None, lang: str,
                timeout_s: float | None, memory_mb: int | None, resume: bool, ocr: bool,
                formats: tuple[str, ...], progress: bool | None, options: Options, store: str | None,
                executor: str, scheduler: str | None, started: float, packs: bool, reviewer: str,
                password: str | None) -> BatchOutcome:
    results_path = os.path.join(outdir, RESULTS)
    for name in (SUMMARY, CROSS, *(FORMATS[f].file_name for f in FORMATS)):
        # a summary left by an earlier run must not sit beside results it does not describe
        if os.path.isfile(os.path.join(outdir, name)):
            os.remove(os.path.join(outdir, name))
    key = config_key(config, ocr)
    stored = {(r["path"], r["sha256"]): r for r in (read_results(results_path) if resume else [])
              if r["status"] == "ok" and r.get("config") == key and not r.get("duplicate_of")}
    kept: list[dict] = []
    todo: list[tuple[str, str]] = []
    unreadable: list[dict] = []
    first_of: dict[str, str] = {}  # sha256 -> the first path with those bytes
    duplicates: list[tuple[str, str]] = []
    for path in discover(paths):
        try:
            digest = content_hash(path)
        except InputError as error:
            unreadable.append(record_of(DocumentReport(path, "error", {}, [], None, error), None, lang, 0, key))
            continue
        except OSError as error:
            unreadable.append(record_of(DocumentReport(path, "error", {}, [], None, _unreadable(path, error)),
                                        None, lang, 0, key))
            continue
        if digest in first_of:
            duplicates.append((path, digest))  # the same bytes under two names are audited once, listed twice
        elif (path, digest) in stored:
            first_of[digest] = path
            kept.append(stored[path, digest])
        else:
            first_of[digest] = path
            todo.append((path, digest))
    jobs = max(1, min(jobs or _cores(), len(todo) or 1))
    limited = replace(config, timeout=timeout_s if timeout_s is not None else config.timeout,
                      max_memory=memory_mb if memory_mb is not None else config.max_memory)
    new: list[dict] = []
    with open(results_path, "a" if resume else "w", encoding="utf-8") as results:
        if resume and not _ends_with_newline(results_path):
            results.write("\n")  # an interrupted run may have left half a line

        def keep(record: dict) -> None:
            record["config"] = key
            results.write(escape_surrogates(json.dumps(record, ensure_ascii=False)) + "\n")
            results.flush()
            new.append(record)

        for record in unreadable:
            keep(record)
        if executor == "dask":
            from auditor.executors import audit_on_dask

            audit_on_dask(todo, audit_isolated, (limited, lang, ocr, password), keep,
                          lambda path, digest, error: record_of(DocumentReport(path, "error", {}, [], None,
                                                                               _task_failed(path, error)),
                                                                digest, lang, 0),
                          progress, scheduler=scheduler, workers=jobs)
        else:
            _audit_all(todo, limited, lang, ocr, jobs, keep, progress, password)
        by_path = {r["path"]: r for r in (*kept, *new)}
        for path, digest in duplicates:
            keep(duplicate_record(by_path[first_of[digest]], path, config, lang))
    # what results.jsonl keeps from now on: each file's own audit, one record per file found, none for files
    # gone or renamed; the cross-document pass below adds to these records in memory only
    records = sorted((*kept, *new), key=lambda r: r["path"])
    write_atomic(results_path, "".join(escape_surrogates(json.dumps(r, ensure_ascii=False)) + "\n" for r in records))
    history = None
    if store:
        from auditor.store import Store

        history = Store(store)
    try:
        cross_audit_records(records, config, lang, history)
        write_cross(os.path.join(outdir, CROSS), records)
        if history is not None:
            store_records(history, records, history.start_run("batch", list(paths)), lang)
    finally:
        if history is not None:
            history.close()
    outcome = BatchOutcome(records, audited=len(todo), resumed=len(kept))
    reports = for_display(outcome.reports)
    if packs:  # packs read the reports' own files, so they take the real paths, not the displayed ones
        from auditor.review.packs import write_packs

        written = write_packs(outcome.reports, outdir, lang, reviewer=reviewer, timeout_s=limited.timeout,
                              memory_mb=limited.max_memory)
        options = replace(options, pdf_links={path: pack.annotated for path, pack in written.items() if pack.annotated})
        outcome.files += [os.path.join(outdir, name) for pack in written.values() for name in pack.files]
    if "html" in formats:  # the report shows the image of each OCR'd cell a finding rests on
        from auditor.crops import crops_guarded

        crops = crops_guarded(outcome.reports, password=password, timeout_s=limited.timeout,
                              memory_mb=limited.max_memory)
        options = replace(options, crops=dict(zip((report.path for report in reports), crops)))
    for name in formats:
        target = os.path.join(outdir, FORMATS[name].file_name)
        write_atomic(target, FORMATS[name].render(reports, lang, options))
        outcome.files.append(target)
    outcome.seconds = time.monotonic() - started
    summary_path = os.path.join(outdir, SUMMARY)
    write_atomic(summary_path, json.dumps(summary(outcome, reports, lang), ensure_ascii=False, indent=2))
    outcome.files.append(summary_path)
    return outcome


def duplicate_record(original: dict, path: str, config: Config, lang: str = "id") -> dict:
    """The record of a file with the same bytes as `original`: its result under this file's name, with a
    finding that names the other file (a kecamatan that sent another's report), unless LKJ608 is off."""
    record = {**original, "path": path, "duplicate_of": original["path"], "seconds": 0}
    if original["status"] != "ok" or not config.enabled(DUPLICATE_RULE):
        return record
    from rules import RULES

    rule = RULES[DUPLICATE_RULE]
    finding = {"rule": DUPLICATE_RULE, "severity": config.severity.get(DUPLICATE_RULE, rule.SEVERITY),
               "subject": display(os.path.basename(path)), "attribute": None, "values": [], "expected": None,
               "locations": []}
    other = {"other": display(original["path"])}
    record["findings"] = [{**finding, "message": rule.MESSAGE[lang].format(**other)}, *original["findings"]]
    if original.get("fields"):  # the finding's fields stay aligned with the findings, to render in both languages
        record["fields"] = {**original["fields"], "findings": [other, *original["fields"]["findings"]]}
    return record


def _audit_all(todo: list[tuple[str, str]], config: Config, lang: str, ocr: bool, jobs: int,
               keep: Callable[[dict], None], progress: bool | None, password: str | None = None) -> None:
    """Feeds the documents to `jobs` workers; a pool that breaks is rebuilt and its unfinished documents
    retried once, so one pathological file cannot stop the others."""
    findings = 0
    attempts: dict[str, int] = {}
    pending = list(todo)
    # fork (where there is one) keeps the workers' imports warm; tqdm's monitor thread must not exist then
    tqdm.monitor_interval = 0
    # progress=None leaves the bar to tqdm: shown on a terminal, silent in a pipe or a log
    bar = tqdm(total=len(todo), unit="doc", file=sys.stderr, disable=None if progress is None else not progress,
               dynamic_ncols=True)
    try:
        while pending:
            # workers end themselves when the batch dies (kill -9), and each takes its document's child with it
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(start_method()),
                                     initializer=exit_with_parent) as pool:
                futures: dict[Future, tuple[str, str]] = {
                    pool.submit(audit_isolated, path, digest, config, lang, ocr, password): (path, digest)
                    for path, digest in pending}
                pending = []
                waiting = set(futures)
                while waiting:
                    finished, waiting = wait(waiting, return_when=FIRST_COMPLETED)
                    for future in finished:
                        path, digest = futures[future]
                        try:
                            record = future.result()
                        except BrokenProcessPool:
                            attempts[path] = attempts.get(path, 0) + 1
                            if attempts[path] < 2:
                                pending.append((path, digest))
                                continue
                            record = record_of(DocumentReport(path, "error", {}, [], None, _worker_died(path)),
                                               digest, lang, 0)
                        keep(record)
                        findings += len(record["findings"])
                        bar.set_postfix_str(f"{display(os.path.basename(path))} · {findings} " +
                                            ("temuan" if lang == "id" else "findings"), refresh=False)
                        bar.update(1)
    finally:
        bar.close()


def summary(outcome: BatchOutcome, reports: list[DocumentReport], lang: str) -> dict:
    return {
        "documents": len(reports),
        "audited_now": outcome.audited,
        "resumed": outcome.resumed,
        "seconds": round(outcome.seconds, 2),
        "errors": sum(r.count("error") for r in reports),
        "warnings": sum(r.count("warning") for r in reports),
        "infos": sum(r.count("info") for r in reports),
        "unusable": [{"path": r.path, "reason": r.error.message(lang)} for r in reports if r.status == "error"],
        "ranking": ranking(reports),
        "duplicates": [{"path": display(r["path"]), "identical_to": display(r["duplicate_of"])}
                       for r in outcome.records if r.get("duplicate_of")],
        "by_document": [{"path": r.path, "sha256": record["sha256"], "status": r.status, **r.meta,
                         "errors": r.count("error"), "warnings": r.count("warning"), "infos": r.count("info")}
                        for r, record in zip(reports, outcome.records)],
    }


def _worker_died(path: str) -> InputError:
    return InputError(path, "proses pemeriksa berhenti mendadak dua kali pada berkas ini; laporkan berkas ini.",
                      "the worker process died twice on this file; please report this file.")


def _task_failed(path: str, error: Exception) -> InputError:
    return InputError(path, f"pemeriksaan di klaster Dask gagal ({type(error).__name__}: {error}); jalankan ulang "
                            "dengan --resume.",
                      f"the audit on the Dask cluster failed ({type(error).__name__}: {error}); run again with --resume.")


def _unreadable(path: str, error: OSError) -> InputError:
    return InputError(path, f"berkas tidak dapat dibaca ({error.strerror or error}); periksa izin aksesnya.",
                      f"the file cannot be read ({error.strerror or error}); check its permissions.")


def _ends_with_newline(path: str) -> bool:
    if os.path.getsize(path) == 0:
        return True
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
