"""Uploaded files and their audits: each upload is a job with a random id, audited file by file in guarded workers,
kept in a temporary folder that is deleted after a set time."""
from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from auditor.audit import DocumentReport, audit_file_guarded
from auditor.config import Config
from auditor.errors import InputError
from auditor.guard import WorkerError, run_limited

# what `check` reads by its name; any other name is stored without an extension and the audit decides (%PDF sniffing)
EXTENSIONS = (".pdf", ".docx", ".doc", ".md", ".markdown", ".txt")
_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
PAGE_WIDTH_PX = 1200
RENDERS = 2  # page pictures rendered at once: each is a child process as large as the server


@dataclass
class Upload:
    """One file of a job: what the author called it and where its bytes are (a name the server chose)."""

    name: str
    path: str
    state: str = "queued"  # queued | running | done
    report: DocumentReport | None = None
    cells: dict | None = None  # pages.locate_cells output, for PDFs

    @property
    def is_pdf(self) -> bool:
        return self.path.endswith(".pdf") or (self.report is not None and self.report.meta.get("pages") is not None)


@dataclass
class Job:
    id: str
    folder: str
    uploads: list[Upload]
    created: float
    previous: tuple[str, int] | None = None  # (job id, upload index) of the version this one re-checks
    previous_findings: list[tuple[str, str, dict]] | None = None  # (rule, subject, {lang: message}) of that version
    previous_name: str = ""

    @property
    def done(self) -> bool:
        return all(u.state == "done" for u in self.uploads)

    def status(self) -> dict:
        return {"id": self.id, "done": self.done, "total": len(self.uploads),
                "finished": sum(u.state == "done" for u in self.uploads),
                "files": [{"name": u.name, "state": u.state} for u in self.uploads]}


def display_name(client_name: str | None) -> str:
    """The author's file name for display only: its last path part, printable, at most 120 characters."""
    name = re.split(r"[\\/]", client_name or "")[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    name = name.strip(" .") or "berkas"
    return name[-120:]


def valid_id(job_id: str) -> bool:
    return bool(_ID.match(job_id))


class JobStore:
    """All jobs of one server; audits run `workers` at a time, each in its own guarded child process."""

    def __init__(self, config: Config, *, keep_s: float = 3600.0, workers: int = 1, root: str | None = None):
        self.config = config
        self.keep_s = keep_s
        self.root = tempfile.mkdtemp(prefix="lkjip-audit-web-", dir=root)
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="audit")
        self._renders = threading.BoundedSemaphore(RENDERS)

    def create(self, files: list[tuple[str, bytes]], previous: tuple[str, int] | None = None) -> Job:
        """Stores the files under names the server chooses and queues their audits."""
        self.expire()
        job_id = secrets.token_urlsafe(18)
        folder = os.path.join(self.root, job_id)
        os.mkdir(folder, 0o700)
        uploads = [Upload(name, path) for name, path in _store_files(folder, files)]
        job = Job(job_id, folder, uploads, time.time(), previous)
        if previous:
            before = self.upload(*previous)
            if before and before.report:
                job.previous_name = before.name
                job.previous_findings = [(f.rule, f.subject, {lang: f.message(lang) for lang in ("id", "en")})
                                         for f in before.report.findings]
        with self._lock:
            self.jobs[job_id] = job
        for upload in uploads:
            self._pool.submit(self._audit, upload)
        return job

    def audit_now(self, files: list[tuple[str | None, bytes]]) -> Future:
        """For the JSON API: a future of the files' reports, audited in the same worker pool as the uploads;
        the files are deleted as soon as they are audited."""
        return self._pool.submit(self._audit_and_delete, files)

    def _audit_and_delete(self, files: list[tuple[str | None, bytes]]) -> list[DocumentReport]:
        folder = tempfile.mkdtemp(dir=self.root)
        try:
            return [_renamed(audit_file_guarded(path, self.config), path, name)
                    for name, path in _store_files(folder, files)]
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _audit(self, upload: Upload) -> None:
        upload.state = "running"
        report = audit_file_guarded(upload.path, self.config)
        report = _renamed(report, upload.path, upload.name)
        if report.status == "ok" and upload.is_pdf:
            try:
                upload.cells = run_limited(_locate, upload.path, report, timeout_s=self.config.timeout,
                                           memory_mb=self.config.max_memory)
            except (InputError, WorkerError):
                upload.cells = None  # the findings still show, without page pictures
        upload.report = report
        upload.state = "done"

    def get(self, job_id: str) -> Job | None:
        if not valid_id(job_id):
            return None
        self.expire()
        return self.jobs.get(job_id)

    def upload(self, job_id: str, index: int) -> Upload | None:
        job = self.get(job_id)
        if job is None or not 0 <= index < len(job.uploads):
            return None
        return job.uploads[index]

    def page_png(self, upload: Upload, page: int) -> str | None:
        """Path of the PNG of `page`, rendered once in a guarded child; None when there is no such page."""
        pages = (upload.report.meta.get("pages") if upload.report else None) or 0
        if not upload.is_pdf or not 1 <= page <= pages:
            return None
        out = f"{upload.path}.page{page}.png"
        if not os.path.exists(out):
            partial = f"{out}.{secrets.token_hex(4)}"
            try:
                with self._renders:
                        run_limited(_render, upload.path, page, partial, timeout_s=min(self.config.timeout, 60),
                                memory_mb=self.config.max_memory)
                os.replace(partial, out)
            except (InputError, WorkerError):
                return None
        return out

    def expire(self) -> None:
        """Forgets jobs older than keep_s and deletes their files."""
        cutoff = time.time() - self.keep_s
        with self._lock:
            old = [job for job in self.jobs.values() if job.created < cutoff and job.done]
            for job in old:
                del self.jobs[job.id]
        for job in old:
            shutil.rmtree(job.folder, ignore_errors=True)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)


def _store_files(folder: str, files: list[tuple[str | None, bytes]]) -> list[tuple[str, str]]:
    """Writes each file as <index><extension> in `folder`: the author's name is kept for display only."""
    stored = []
    for index, (client_name, content) in enumerate(files):
        name = display_name(client_name)
        extension = os.path.splitext(name)[1].lower()
        path = os.path.join(folder, f"{index}{extension if extension in EXTENSIONS else ''}")
        with open(path, "wb") as handle:
            handle.write(content)
        stored.append((name, path))
    return stored


def _locate(path: str, report: DocumentReport) -> dict:
    from auditor.web.pages import locate_cells

    return locate_cells(report, path)


def _render(path: str, page: int, out: str) -> None:
    from auditor.web.pages import render_page

    render_page(path, page, out, PAGE_WIDTH_PX)


def _renamed(report: DocumentReport, stored: str, name: str) -> DocumentReport:
    """The report as if the author's file name had been audited: the server's folder never shows."""
    report.path = name
    if report.error is not None and report.error.path == stored:
        report.error = InputError(name, report.error.texts["id"], report.error.texts["en"])
    return report


def compare(previous: list[tuple[str, str, dict]], current: list) -> dict:
    """Findings of the earlier version against this one's, matched by rule and subject (as many times as each
    occurs): gone, remaining and new."""
    before = Counter((rule, subject) for rule, subject, _ in previous)
    now = Counter((f.rule, f.subject) for f in current)
    gone_keys = before - now
    gone = []
    for rule, subject, message in previous:
        if gone_keys[(rule, subject)] > 0:
            gone_keys[(rule, subject)] -= 1
            gone.append({"rule": rule, "subject": subject, "messages": message})
    remaining, new = [], []
    seen: Counter = Counter()
    for index, finding in enumerate(current):
        key = (finding.rule, finding.subject)
        seen[key] += 1
        (remaining if seen[key] <= before[key] else new).append(index)
    return {"gone": gone, "remaining": remaining, "new": new}
