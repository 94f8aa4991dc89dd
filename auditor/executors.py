"""Where a batch's per-document audits run: local worker processes (batch.py) or a Dask distributed cluster."""
from __future__ import annotations

import os
import sys
from typing import Callable

from tqdm import tqdm

EXECUTORS = ("local", "dask")


def audit_on_dask(todo: list[tuple[str, str]], task: Callable[..., dict], arguments: tuple,
                  keep: Callable[[dict], None], failed: Callable[[str, str, Exception], dict], progress: bool | None,
                  *, scheduler: str | None = None, workers: int | None = None) -> None:
    """Runs `task(path, digest, *arguments)` for every document on the cluster at `scheduler` (or on a
    LocalCluster of `workers` processes started here) and hands each result to `keep` as it arrives; a task
    the cluster loses becomes `failed(path, digest, error)`.

    The task forks a child per document for the time and memory limits, so workers must not be daemonic
    (LocalCluster here is started so; for a cluster started elsewhere set DASK_DISTRIBUTED__WORKER__DAEMON=False).
    The files must be readable by the workers at the same absolute path and the workers need lkjip-audit."""
    import dask
    from dask.distributed import Client, LocalCluster, as_completed

    if not todo:
        return
    with dask.config.set({"distributed.worker.daemon": False}):
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
            futures = {client.submit(task, where(path), digest, *arguments, pure=False): (path, digest)
                       for path, digest in todo}
            for future in as_completed(futures):
                path, digest = futures[future]
                try:
                    record = future.result()
                except Exception as error:  # noqa: BLE001 - a lost worker or task costs one document, not the batch
                    record = failed(path, digest, error)
                record["path"] = path  # as the user named it, like the local executor
                keep(record)
                bar.update(1)
        finally:
            bar.close()
            client.close()
            if cluster is not None:
                cluster.close()
