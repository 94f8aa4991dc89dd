"""Where a batch's per-document audits run: local worker processes (batch.py) or a Dask distributed cluster."""
from __future__ import annotations

import multiprocessing
import os
import sys
import time
from typing import Callable

from tqdm import tqdm

from auditor.config import Config

EXECUTORS = ("local", "dask")


def audit_task(path: str, digest: str, config: Config, lang: str, ocr: bool) -> dict:
    """One document on a Dask worker: under the time and memory limits in a child process when the worker
    may fork one, else in the worker itself (a daemonic worker of a cluster started elsewhere)."""
    from auditor.audit import DocumentReport, audit_file
    from auditor.batch import audit_isolated, record_of
    from auditor.errors import InputError

    if not multiprocessing.current_process().daemon:
        return audit_isolated(path, digest, config, lang, ocr)
    started = time.monotonic()
    try:
        report = audit_file(path, config, ocr=ocr)
    except InputError as error:
        report = DocumentReport(path, "error", {}, [], None, error)
    return record_of(report, digest, lang, time.monotonic() - started)


def audit_on_dask(todo: list[tuple[str, str]], config: Config, lang: str, ocr: bool, keep: Callable[[dict], None],
                  progress: bool | None, *, scheduler: str | None = None, workers: int | None = None) -> None:
    """Submits every document to the cluster at `scheduler` (or a LocalCluster of `workers` processes started
    here) and hands each result to `keep` as it arrives. The files must be readable by the workers at the
    same path (a shared folder) and the workers must have lkjip-audit installed."""
    import dask
    from dask.distributed import Client, LocalCluster, as_completed

    from auditor.audit import DocumentReport
    from auditor.batch import record_of

    if not todo:
        return
    # workers started here may fork the per-document child that enforces the time and memory limits
    with dask.config.set({"distributed.worker.daemon": False, "distributed.logging.distributed": "error"}):
        cluster = None
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
        client = Client(scheduler or cluster)
        bar = tqdm(total=len(todo), unit="doc", file=sys.stderr, disable=None if progress is None else not progress,
                   dynamic_ncols=True)
        try:
            # a remote worker does not share our working directory: it gets absolute paths
            where = os.path.abspath if scheduler else str
            futures = {client.submit(audit_task, where(path), digest, config, lang, ocr, pure=False): (path, digest)
                       for path, digest in todo}
            for future in as_completed(futures):
                path, digest = futures[future]
                try:
                    record = future.result()
                except Exception as error:  # noqa: BLE001 - a lost worker or task costs one document, not the batch
                    record = record_of(DocumentReport(path, "error", {}, [], None, _task_failed(path, error)),
                                       digest, lang, 0)
                record["path"] = path  # as the user named it, like the local executor
                keep(record)
                bar.update(1)
        finally:
            bar.close()
            client.close()
            if cluster is not None:
                cluster.close()


def _task_failed(path: str, error: Exception):
    from auditor.errors import InputError

    return InputError(path, f"pemeriksaan di klaster Dask gagal ({type(error).__name__}); jalankan ulang dengan --resume.",
                      f"the audit on the Dask cluster failed ({type(error).__name__}); run again with --resume.")
