"""Annotate on hostile input: encrypted with --password, JavaScript and attachments dropped, failures and limits
give one line, never a traceback."""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

import auditor.annotate
from auditor.cli import main
from generator import generate, inject_same_fact

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_batch import render_pdf  # noqa: E402 - the benchmark's generated-report printer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory) -> Path:
    report = generate(31)
    inject_same_fact(report, random.Random(5))
    path = tmp_path_factory.mktemp("annotate") / "laporan.pdf"
    render_pdf(report, str(path))
    return path


def with_active_content(source: Path, target: Path, password: str | None = None) -> Path:
    """A copy with document JavaScript, an open action, a page action and an embedded file."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_attachment("muatan.exe", b"MZ not really a program")
    script = writer._add_object(DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                                  NameObject("/JS"): TextStringObject("app.alert('pwned');")}))
    root = writer._root_object
    names = root["/Names"].get_object()
    names[NameObject("/JavaScript")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("js"), script])})
    root[NameObject("/OpenAction")] = script
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): script})
    if password:
        writer.encrypt(password, algorithm="AES-256")
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args, "--lang", "en"])


def raw_objects(path: Path, password: str | None = None) -> str:
    reader = PdfReader(path)
    if password:
        reader.decrypt(password)
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    return " ".join([*map(str, root.keys()), *(map(str, names.get_object().keys()) if names else [])])


def test_annotated_copy_drops_javascript_and_embedded_files(report_pdf, tmp_path):
    hostile = with_active_content(report_pdf, tmp_path / "aktif.pdf")
    assert "/OpenAction" in raw_objects(hostile) and "/JavaScript" in raw_objects(hostile)
    out = tmp_path / "bertanda.pdf"
    result = check(str(hostile), "--annotate", str(out))
    assert result.exit_code == 1, result.output
    kept = raw_objects(out)
    assert not {"/OpenAction", "/JavaScript", "/EmbeddedFiles", "/AA"} & set(kept.split())
    assert b"pwned" not in out.read_bytes() and b"MZ not really" not in out.read_bytes()
    assert "/AA" not in PdfReader(out).pages[0]
    assert any(page.get("/Annots") for page in PdfReader(out).pages)


def test_encrypted_pdf_with_password_is_annotated_and_stays_encrypted(report_pdf, tmp_path):
    locked = with_active_content(report_pdf, tmp_path / "terkunci.pdf", password="rahasia")
    out = tmp_path / "bertanda.pdf"
    result = check(str(locked), "--password", "rahasia", "--annotate", str(out))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "cells/rows and" in result.output
    reader = PdfReader(out)
    assert reader.is_encrypted and reader.decrypt("rahasia")
    assert any(page.get("/Annots") for page in reader.pages)
    assert "/JavaScript" not in raw_objects(out, "rahasia").split()


def test_annotation_failure_is_one_line(report_pdf, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("something pypdf did not expect")

    monkeypatch.setattr(auditor.annotate, "_annotate", broken)  # the child is forked: it runs this
    result = check(str(report_pdf), "--annotate", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("--annotate")]
    assert len(lines) == 1 and "could not make the annotated copy" in lines[0]
    assert "Traceback" not in result.output and not (tmp_path / "x.pdf").exists()


def test_annotation_runs_under_the_memory_and_time_limits(report_pdf, tmp_path, monkeypatch):
    def greedy(*args, **kwargs):
        chunks = [b"\x01" * (64 << 20) for _ in range(40)]
        return len(chunks)

    monkeypatch.setattr(auditor.annotate, "_annotate", greedy)
    result = check(str(report_pdf), "--annotate", str(tmp_path / "x.pdf"), "--max-memory", "300")
    assert result.exit_code == 2 and "memory limit of 300 MB" in result.output, result.output

    monkeypatch.setattr(auditor.annotate, "_annotate", lambda *a, **k: time.sleep(60))
    started = time.monotonic()
    result = check(str(report_pdf), "--annotate", str(tmp_path / "x.pdf"), "--timeout", "8")
    assert result.exit_code == 2 and "time limit of 8 s" in result.output
    assert time.monotonic() - started < 40
