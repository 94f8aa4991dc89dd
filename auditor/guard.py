"""Runs one document's work in a child process under a time limit and a memory limit, on any platform."""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any, Callable

import psutil

from auditor.errors import InputError

try:  # POSIX only; Windows (or a Python built without it) falls back to the polling watchdog below
    import resource
except ImportError:
    resource = None  # type: ignore[assignment]

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_MB = 2048
START_METHOD_VARIABLE = "LKJIP_AUDIT_START_METHOD"  # "fork", "spawn" or "forkserver": forces the start method
_POLL_S = 0.1  # how often the parent checks the child's time and, without rlimits, its memory
_PARENT_POLL_S = 0.5  # how often a child looks whether its parent still lives


class WorkerError(RuntimeError):
    """An unexpected exception inside the child, re-raised in the parent with the child's traceback."""


def start_method() -> str:
    """fork where the platform has it (imports stay warm, tests can patch the work), else spawn;
    LKJIP_AUDIT_START_METHOD overrides, which is how the tests run the spawn path on Linux."""
    forced = os.environ.get(START_METHOD_VARIABLE)
    if forced:
        return forced
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def limits_notice(lang: str = "id") -> str | None:
    """One line for the user when this platform cannot enforce the memory limit as an rlimit."""
    if resource is not None:
        return None
    return ("catatan: platform ini tidak mendukung batas memori dari sistem operasi (rlimit); memori setiap "
            "dokumen diawasi setiap 0,1 detik (RSS proses dan anak-anaknya), sehingga lonjakan singkat bisa "
            "sedikit melewati --max-memory." if lang == "id" else
            "note: this platform has no operating-system memory limit (rlimit); each document's memory is "
            "watched every 0.1 s (RSS of the process and its children), so a short spike may pass --max-memory "
            "briefly.")


def run_limited(func: Callable[..., Any], *args: Any, timeout_s: float = DEFAULT_TIMEOUT_S,
                memory_mb: int = DEFAULT_MEMORY_MB, **kwargs: Any) -> Any:
    """Returns func(*args, **kwargs) computed in a child process.

    The child may grow its memory by `memory_mb` over what it starts with and must answer within
    `timeout_s`; otherwise InputError says which limit was hit and which option raises it. The first
    positional argument (the document's path) names the input in that message. InputError raised by
    func reaches the caller unchanged; any other exception comes back as WorkerError.

    The child leads its own process group, so the programs it starts (tesseract) are killed
    with it on a timeout, when the parent exits or is stopped by a signal, and when the parent dies;
    its temporary files live in a folder of their own that is deleted whatever happened.
    """
    label = str(args[0]) if args else getattr(func, "__name__", "work")
    context = multiprocessing.get_context(start_method())
    receiver, sender = context.Pipe(duplex=False)
    scratch = tempfile.mkdtemp(prefix="lkjip-audit-")
    child = context.Process(target=_work, args=(sender, memory_mb, scratch, os.getpid(), func, args, kwargs),
                            daemon=True)
    outcome: tuple | None = None
    try:
        with _signals_as_exit():
            child.start()
            sender.close()
            _own_group(child.pid)
            outcome = _wait(child, receiver, label, timeout_s, memory_mb)
    finally:
        # exitcode is set once the child was reaped: its pid may then be reused, its group id may not
        kill_tree(child.pid, group_only=child.exitcode is not None)
        child.join()
        receiver.close()
        _remove(scratch)
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


def _wait(child, receiver: Connection, label: str, timeout_s: float, memory_mb: int) -> tuple | None:
    """The child's answer, or None when it died without one; polls so the memory watchdog can run."""
    deadline = time.monotonic() + timeout_s
    watchdog = _Watchdog(child.pid, memory_mb) if resource is None else None
    while not receiver.poll(min(_POLL_S, max(0.0, deadline - time.monotonic()))):
        if time.monotonic() >= deadline:
            raise _time_limit(label, timeout_s)
        if watchdog and watchdog.over():
            raise _memory_limit(label, memory_mb)
        if not child.is_alive() and not receiver.poll():
            return None
    try:
        return receiver.recv()
    except EOFError:
        return None  # the child died before answering


class _Watchdog:
    """Where no rlimit exists: the RSS of the child and its descendants, over its size at the start."""

    def __init__(self, pid: int, memory_mb: int):
        self.process = psutil.Process(pid)
        self.limit = memory_mb << 20
        self.base: int | None = None

    def over(self) -> bool:
        try:
            tree = [self.process, *self.process.children(recursive=True)]
            used = sum(p.memory_info().rss for p in tree if p.is_running())
        except psutil.Error:
            return False
        if self.base is None:
            self.base = used
        return used - self.base > self.limit


def kill_tree(pid: int | None, *, group_only: bool = False) -> None:
    """Kills a process, its process group (POSIX) and every descendant still attached to it."""
    if pid is None:
        return
    descendants: list = []
    if not group_only:
        try:
            descendants = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        except psutil.Error:
            pass
    if hasattr(os, "killpg"):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass  # the group is gone, or the child had not made it yet
    for process in descendants:
        try:
            process.kill()
        except psutil.Error:
            pass


def _own_group(pid: int | None) -> None:
    """Set from both sides (parent and child) so neither order of events leaves the child in ours."""
    if pid is not None and hasattr(os, "setpgid"):
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass  # the child did it already, or has exited


class _signals_as_exit:
    """SIGTERM and SIGHUP raise SystemExit in the main thread, so the finally blocks that kill the child's
    group and delete its temporaries run when the user or a service manager stops the command."""

    _SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

    def __enter__(self):
        self.previous = {}
        if threading.current_thread() is threading.main_thread():
            for number in self._SIGNALS:
                if signal.getsignal(number) in (signal.SIG_DFL, None):
                    self.previous[number] = signal.signal(number, _exit_on_signal)
        return self

    def __exit__(self, *exc) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)


def _exit_on_signal(number: int, frame) -> None:
    raise SystemExit(128 + number)


def exit_with_parent(parent_pid: int | None = None, *, group: bool = False, scratch: str | None = None) -> None:
    """Starts a daemon thread that ends this process (and with `group`, its process group, after deleting
    the `scratch` folder) once the parent is gone: a batch killed with kill -9 must not leave workers
    auditing for minutes, nor copies of the reports in the temp folder."""
    try:
        parent = psutil.Process(parent_pid or os.getppid())
    except psutil.Error:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(_PARENT_POLL_S)
            try:
                alive = parent.is_running() and parent.status() != psutil.STATUS_ZOMBIE
            except psutil.Error:
                alive = False
            if not alive:
                if group:  # frozen, not killed: the main thread waiting on them must not end the process first
                    for process in psutil.Process().children(recursive=True):
                        with contextlib.suppress(psutil.Error):
                            process.suspend()
                if scratch:
                    _remove(scratch)
                if group:
                    kill_tree(os.getpid())
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _remove(folder: str) -> None:
    """rmtree, again while the main thread may still be cleaning up a subfolder of its own."""
    for _ in range(20):
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.exists(folder):
            return
        time.sleep(0.05)


def _work(sender: Connection, memory_mb: int, scratch: str, parent_pid: int, func: Callable[..., Any], args: tuple,
          kwargs: dict) -> None:
    _own_group(0 if sys.platform != "win32" else None)
    exit_with_parent(parent_pid, group=True, scratch=scratch)
    # every temporary file of this document, tesseract's included, lands where the parent will delete it
    os.environ["TMPDIR"] = os.environ["TEMP"] = os.environ["TMP"] = scratch
    tempfile.tempdir = scratch
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
    if resource is None or not hasattr(resource, "RLIMIT_AS"):
        return  # the parent's watchdog measures instead
    inherited = psutil.Process().memory_info().vms
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
