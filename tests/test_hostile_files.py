"""Special files, odd names and terminal escapes: one line, exit 2, nothing hangs, the other files still audited."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator
from auditor.batch import read_results
from auditor.cli import main
from auditor.files import check_regular
from auditor.errors import InputError
from auditor.outputs import display

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, /dev/zero and byte file names are POSIX")


def report(path: Path, seed: int = 3) -> Path:
    path.write_text(generator.to_markdown(generator.generate(seed)), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def one_line_error(result, *expected: str) -> None:
    """Exit 2, no traceback, and one line that names the file, the problem and what to do (check's text
    report puts a heading line above it)."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) <= 2, result.output
    assert any(all(text in line for text in expected) for line in lines), (expected, lines)


@posix_only
def test_special_files_in_a_batch_are_unusable_and_the_rest_is_audited(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    report(folder / "baik.md")
    (folder / "nol.md").symlink_to("/dev/zero")
    (folder / "nol.pdf").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipa.md")
    os.mkfifo(folder / "pipa.pdf")
    started = time.monotonic()
    result = run("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", "en", "--no-progress")
    assert time.monotonic() - started < 60
    assert result.exit_code == 2, result.output
    records = {Path(r["path"]).name: r for r in read_results(str(tmp_path / "out" / "results.jsonl"))}
    assert records["baik.md"]["status"] == "ok"
    for name, kind in (("nol.md", "character device"), ("nol.pdf", "character device"),
                       ("pipa.md", "named pipe"), ("pipa.pdf", "named pipe")):
        assert records[name]["status"] == "error"
        assert f"not a regular file but a {kind}" in records[name]["error"]
        assert sum(name in line and "✗" in line for line in result.output.splitlines()) == 1


@posix_only
@pytest.mark.parametrize("command", ["check", "extract"])
def test_special_files_alone_give_one_line(tmp_path, command):
    zero = tmp_path / "nol.md"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "pipa.md"
    os.mkfifo(fifo)
    for path, kind in ((zero, "perangkat karakter"), (fifo, "pipa bernama")):
        started = time.monotonic()
        extra = ["-o", str(tmp_path / "x.xlsx")] if command == "extract" else []
        result = run(command, str(path), *extra, "--max-memory", "256", "--timeout", "20")
        assert time.monotonic() - started < 20
        one_line_error(result, str(path), kind)


def test_size_is_checked_before_reading(tmp_path):
    big = tmp_path / "besar.pdf"
    with open(big, "wb") as handle:
        handle.truncate(600 << 20)  # sparse: no disk used, nothing read
    with pytest.raises(InputError, match="over the limit of 512 MB"):
        check_regular(str(big))
    result = run("check", str(big), "--lang", "en")
    one_line_error(result, "besar.pdf", "600 MB, over the limit of 512 MB")


@posix_only
def test_non_utf8_file_names_survive_batch_and_check(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"laporan-kecamatan-\xe9\xe8.md")  # Latin-1 bytes, not UTF-8: a surrogate escape
    report(Path(os.path.join(folder, name)))
    report(folder / "biasa.md", seed=4)
    outdir = tmp_path / "out"
    result = run("batch", str(folder), "-o", str(outdir), "--no-progress")
    assert result.exit_code in (0, 1), result.output
    paths = [r["path"] for r in read_results(str(outdir / "results.jsonl"))]
    assert os.fsencode(os.path.join(folder, name)) in [os.fsencode(p) for p in paths]  # stored without loss
    summary = json.loads((outdir / "summary.json").read_text(encoding="utf-8"))
    assert any(d["path"].endswith("laporan-kecamatan-\ufffd\ufffd.md") for d in summary["by_document"])
    for output in ("summary.xlsx", "findings.csv", "report.html"):
        assert (outdir / output).stat().st_size > 0
    resumed = run("batch", str(folder), "-o", str(outdir), "--resume", "--no-progress")
    assert "0 diperiksa sekarang, 2 dari hasil sebelumnya" in resumed.output
    for fmt, out in (("json", "laporan.json"), ("csv", "laporan.csv"), ("excel", "laporan.xlsx"), ("html", "l.html"),
                     ("text", "laporan.txt")):
        checked = run("check", os.path.join(folder, name), "--format", fmt, "-o", str(tmp_path / out))
        assert checked.exit_code in (0, 1), checked.output
        assert (tmp_path / out).stat().st_size > 0
    shown = run("check", os.path.join(folder, name))
    assert "laporan-kecamatan-\ufffd\ufffd.md" in shown.output


def test_escape_sequences_never_reach_the_terminal(tmp_path):
    text = generator.to_markdown(generator.generate(5))
    hostile = "\x1b]0;pwned\x07\x1b[2J\x1b[31mMERAH\x1b[0m\u202e"
    text = text.replace("Kecamatan", f"Kecamatan {hostile}", 3)
    path = tmp_path / "lap\x1b[31m-\x07x.md"
    path.write_text(text, encoding="utf-8")
    broken = tmp_path / "rusak\x1b[2J.md"
    broken.write_text("")
    result = run("check", str(path), str(broken))
    assert result.exit_code == 2
    for control in ("\x1b", "\x07", "\u202e"):
        assert control not in result.output
    assert "lap-x.md" in result.output and "rusak.md: berkas kosong" in result.output
    batch = run("batch", str(tmp_path), "-o", str(tmp_path / "out"), "--no-progress")
    assert "\x1b" not in batch.output and "\x07" not in batch.output


def test_display_keeps_text_and_drops_controls():
    assert display("a\tb\nc") == "a\tb\nc"
    assert display("x\x1b[1;31my\x1b[0m\x00\x9b2Jz") == "xyz"
    assert display("\udce9t\u00e9") == "\ufffdt\u00e9"
