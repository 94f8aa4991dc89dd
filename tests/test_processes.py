"""Child processes: OCR killed with its group on timeout and on a signal, temporaries deleted, workers that
outlive a killed batch, the limits without the `resource` module and under the spawn start method."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import auditor.guard as guard
import generator
from auditor.errors import InputError
from auditor.ingest.pdf.scan import page_workers
from auditor.guard import run_limited

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "samples" / "lkjip-raas-2020.md")
posix_only = pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for tesseract")
# `import resource` fails, as on Windows; psutil's Linux backend (which Windows does not use) keeps its copy
BLOCK_RESOURCE = "import sys\nimport psutil\nsys.modules['resource'] = None\n"


def scanned_pdf(path: Path, pages: int = 1) -> Path:
    scan = Image.new("RGB", (400, 560), "white")
    scan.paste((40, 40, 40), (40, 60, 360, 80))
    page = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        page.drawInlineImage(scan, 0, 0, *A4)
        page.showPage()
    page.save()
    return path


def fake_tesseract(tmp_path: Path) -> tuple[Path, Path]:
    """A tesseract that copies the report into the temp folder, starts a helper and hangs, noting its pids."""
    folder = tmp_path / "bin"
    folder.mkdir()
    pids = tmp_path / "pids"
    script = folder / "tesseract"
    script.write_text("#!/bin/sh\n"
                      'for last; do :; done\n'
                      f'echo $$ >> "{pids}"\n'
                      'cp "$0" "${TMPDIR:-/tmp}/salinan-laporan-$$.pdf"\n'
                      'sleep 300 &\n'
                      f'echo $! >> "{pids}"\n'
                      'sleep 300\n')
    script.chmod(0o755)
    return folder, pids


def environment(tmp_path: Path, bin_folder: Path | None = None, **extra: str) -> dict:
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(temp), **extra}
    if bin_folder:
        env["PATH"] = f"{bin_folder}{os.pathsep}{env['PATH']}"
    return env


def noted_pids(pids: Path, count: int, deadline_s: float = 60) -> list[int]:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if pids.exists() and len(pids.read_text().split()) >= count:
            return [int(p) for p in pids.read_text().split()]
        time.sleep(0.1)
    raise AssertionError("the fake tesseract never ran")


def all_gone(pids: list[int], within_s: float = 10) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    alive.append(pid)
            except psutil.NoSuchProcess:
                pass
        if not alive:
            return True
        time.sleep(0.2)
    return False


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "auditor.cli", *args]


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("pages", [1, 3])
def test_ocr_is_killed_with_its_group_on_timeout_and_leaves_no_temporaries(tmp_path, pages):
    """With several scanned pages, page_workers() Tesseracts run at once (each noting itself and its helper):
    every one of them is gone after the timeout, and so is every copy they made."""
    bin_folder, pids = fake_tesseract(tmp_path)
    pdf = scanned_pdf(tmp_path / "pindaian.pdf", pages)
    started = time.monotonic()
    check = subprocess.Popen(cli("check", str(pdf), "--ocr", "--timeout", "5", "--lang", "en"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=environment(tmp_path, bin_folder))
    running = noted_pids(pids, 2 * min(pages, page_workers()))
    output, errors = check.communicate(timeout=120)
    assert time.monotonic() - started < 30
    assert check.returncode == 2 and "time limit of 5 s" in output + errors
    assert "Traceback" not in errors
    assert all_gone(running, within_s=2)
    assert os.listdir(tmp_path / "tmp") == []


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_ocr_is_killed_and_temporaries_deleted_when_check_is_stopped(tmp_path, stop):
    bin_folder, pids = fake_tesseract(tmp_path)
    pdf = scanned_pdf(tmp_path / "pindaian.pdf")
    # started from a background job (as CI may be), the test inherits SIGINT ignored; at a terminal, where a
    # user presses Ctrl-C, it is not
    check = subprocess.Popen(cli("check", str(pdf), "--ocr", "--timeout", "300"), env=environment(tmp_path, bin_folder),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    noted = noted_pids(pids, 2)
    check.send_signal(stop)
    _, errors = check.communicate(timeout=30)
    assert check.returncode != 0 and "Traceback" not in errors
    assert all_gone(noted + [check.pid], within_s=5)
    assert os.listdir(tmp_path / "tmp") == []


@posix_only
@pytest.mark.slow
def test_workers_and_their_children_exit_when_the_batch_is_killed(tmp_path):
    bin_folder, pids = fake_tesseract(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    scanned_pdf(folder / "pindaian.pdf")
    batch = subprocess.Popen(cli("batch", str(folder), "-o", str(tmp_path / "out"), "--ocr", "--jobs", "1",
                                 "--timeout", "300", "--no-progress"),
                             env=environment(tmp_path, bin_folder), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    noted = noted_pids(pids, 2)
    family = [p.pid for p in psutil.Process(batch.pid).children(recursive=True)]
    assert len(family) >= 4  # pool worker, the document's child, sh, sleep
    os.kill(batch.pid, signal.SIGKILL)  # the batch alone, as the OOM killer or a closed session would
    batch.wait()
    assert all_gone(family + noted, within_s=10)
    assert os.listdir(tmp_path / "tmp") == []


def greedy(megabytes: int) -> int:
    """Eats memory it really touches (RSS grows, not only the address space)."""
    chunks = []
    for _ in range(megabytes // 32):
        chunks.append(b"\x01" * (32 << 20))
        time.sleep(0.01)
    return len(chunks)


def sleepy(seconds: float) -> str:
    time.sleep(seconds)
    return "bangun"


def test_watchdog_enforces_memory_and_time_without_resource(monkeypatch):
    monkeypatch.setattr(guard, "resource", None)
    assert "0.1 s" in guard.limits_notice("en")
    with pytest.raises(InputError, match="memory limit of 200 MB"):
        run_limited(greedy, 2000, memory_mb=200, timeout_s=60)
    with pytest.raises(InputError, match="time limit of 1 s"):
        run_limited(sleepy, 30, timeout_s=1)
    assert run_limited(greedy, 64, memory_mb=400) == 2


@pytest.mark.slow
def test_limits_under_the_spawn_start_method(monkeypatch):
    monkeypatch.setenv(guard.START_METHOD_VARIABLE, "spawn")
    assert run_limited(sleepy, 0.1, timeout_s=60) == "bangun"
    with pytest.raises(InputError, match="time limit of 3 s"):
        run_limited(sleepy, 60, timeout_s=3)
    with pytest.raises(InputError, match="memory limit of 300 MB"):
        run_limited(greedy, 2000, memory_mb=300, timeout_s=60)


@pytest.mark.slow
def test_cli_without_resource_and_with_spawn(tmp_path):
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(BLOCK_RESOURCE)  # in every process, spawned children included
    env = environment(tmp_path, PYTHONPATH=os.pathsep.join([str(shim), str(ROOT)]),
                      **{guard.START_METHOD_VARIABLE: "spawn"})
    probe = subprocess.run([sys.executable, "-c", "import resource"], env=env, capture_output=True, text=True)
    assert probe.returncode != 0  # the shim works
    version = subprocess.run(cli("--version"), env=env, capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and "version" in version.stdout
    assert subprocess.run(cli("rules"), env=env, capture_output=True, text=True, timeout=60).returncode == 0
    checked = subprocess.run(cli("check", SAMPLE, "--lang", "en"), env=env, capture_output=True, text=True,
                             timeout=300)
    assert checked.returncode == 1 and "LKJ201" in checked.stdout, checked.stderr
    assert "no operating-system memory limit" in checked.stderr
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(2):
        (folder / f"kec-{n}.md").write_text(generator.to_markdown(generator.generate(60 + n)), encoding="utf-8")
    (folder / "kosong.md").write_text("")
    batch = subprocess.run(cli("batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "2", "--lang", "en"),
                           env=env, capture_output=True, text=True, timeout=300)
    assert batch.returncode == 2, batch.stderr
    assert "3 documents (3 audited now" in batch.stdout and "kosong.md: the file is empty" in batch.stdout
    assert "Traceback" not in batch.stderr
