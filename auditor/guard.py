"""Runs one document's work in a child process under a time limit and an address-space limit."""
from __future__ import annotations

import multiprocessing
import os
import resource
import traceback
from multiprocessing.connection import Connection
from typing import Any, Callable

from auditor.errors import InputError

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_MB = 2048


class WorkerError(RuntimeError):
    """An unexpected exception inside the child, re-raised in the parent with the child's traceback."""


def run_limited(func: Callable[..., Any], *args: Any, timeout_s: float = DEFAULT_TIMEOUT_S,
                memory_mb: int = DEFAULT_MEMORY_MB, **kwargs: Any) -> Any:
    """Returns func(*args, **kwargs) computed in a forked child.

    The child may grow its address space by `memory_mb` over what it inherits and must answer within
    `timeout_s`; otherwise InputError says which limit was hit and which option raises it. The first
    positional argument (the document's path) names the input in that message. InputError raised by
    func reaches the caller unchanged; any other exception comes back as WorkerError.
    """
    label = str(args[0]) if args else getattr(func, "__name__", "work")
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_work, args=(sender, memory_mb, func, args, kwargs), daemon=True)
    child.start()
    sender.close()
    outcome: tuple | None = None
    try:
        if not receiver.poll(timeout_s):
            raise _time_limit(label, timeout_s)
        try:
            outcome = receiver.recv()
        except EOFError:
            outcome = None  # the child died before answering
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if outcome is None:
        raise _memory_limit(label, memory_mb, died=child.exitcode)
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "input":
        raise InputError(outcome[1], outcome[2], outcome[3])
    if kind == "memory":
        raise _memory_limit(label, memory_mb)
    raise WorkerError(outcome[1])


def _work(sender: Connection, memory_mb: int, func: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    _limit_address_space(memory_mb)
    try:
        outcome: tuple = ("ok", func(*args, **kwargs))
    except InputError as error:
        outcome = ("input", error.path, error.texts["id"], error.texts["en"])
    except MemoryError:
        outcome = ("memory",)
    except BaseException:  # noqa: BLE001 - everything must reach the parent, which re-raises it
        outcome = ("error", traceback.format_exc())
    try:
        sender.send(outcome)
    except MemoryError:
        sender.send(("memory",))
    except Exception:  # noqa: BLE001 - an unpicklable result
        sender.send(("error", traceback.format_exc()))
    sender.close()


def _limit_address_space(memory_mb: int) -> None:
    """Caps the address space at what the child inherited plus `memory_mb`: the parent's own size
    (libraries, thread stacks) varies too much for an absolute cap to mean the same everywhere."""
    with open("/proc/self/statm") as handle:
        inherited = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = inherited + (memory_mb << 20)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _time_limit(label: str, timeout_s: float) -> InputError:
    return InputError(label, f"pemrosesan melewati batas waktu {timeout_s:g} detik dan dihentikan; naikkan dengan "
                             f"--timeout DETIK (mis. --timeout {2 * timeout_s:g}).",
                      f"processing exceeded the time limit of {timeout_s:g} s and was stopped; raise it with "
                      f"--timeout SECONDS (e.g. --timeout {2 * timeout_s:g}).")


def _memory_limit(label: str, memory_mb: int, died: int | None = None) -> InputError:
    how_id = f" (proses berhenti dengan kode {died})" if died is not None else ""
    how_en = f" (the process ended with code {died})" if died is not None else ""
    return InputError(label, f"pemrosesan melewati batas memori {memory_mb} MB{how_id}; naikkan dengan "
                             f"--max-memory MB (mis. --max-memory {2 * memory_mb}).",
                      f"processing exceeded the memory limit of {memory_mb} MB{how_en}; raise it with "
                      f"--max-memory MB (e.g. --max-memory {2 * memory_mb}).")
