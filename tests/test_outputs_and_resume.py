"""Output places checked before the audit, atomic writes, one batch per folder, --resume keyed on config and version."""
from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

import auditor.audit
import auditor.batch
import generator
from auditor.audit import DocumentReport
from auditor.batch import LOCK, read_results, run_batch
from auditor.cli import main
from auditor.config import Config
from auditor.outputs import write_atomic

SAMPLE = str(Path(__file__).resolve().parent.parent / "samples" / "lkjip-raas-2020.md")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def reports(folder: Path, count: int, seed: int = 40) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(count):
        data = generator.generate(seed + n)
        if n == 0:
            generator.inject_capaian(data, random.Random(n))  # an LKJ1 error
        path = folder / f"kec-{n}.md"
        path.write_text(generator.to_markdown(data), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def no_audit(monkeypatch):
    """The output checks must fail before any document is audited."""
    def audit(*args, **kwargs):
        raise AssertionError("audited although the output place is unusable")

    monkeypatch.setattr(auditor.audit, "audit_file_guarded", audit)  # the CLI imports it when it audits


@pytest.mark.parametrize("target,reason", [
    ("missing/out.csv", "does not exist"),
    (".", "this is a folder"),
    ("/proc/lkjip-audit.csv", "cannot write here"),
])
def test_check_output_place_refused_before_the_audit(tmp_path, no_audit, target, reason):
    output = target if target.startswith("/") else str(tmp_path / target)
    result = run("check", SAMPLE, "--format", "csv", "-o", output, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert reason in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_output_equal_to_an_input_is_refused(tmp_path, no_audit):
    report = tmp_path / "laporan.md"
    shutil.copy(SAMPLE, report)
    before = report.read_bytes()
    result = run("check", str(report), "--format", "csv", "-o", str(report), "--lang", "en")
    assert result.exit_code == 2 and "this is an input file" in result.output
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    same = run("check", str(pdf), "-o", str(tmp_path / "x.pdf"), "--annotate", str(tmp_path / "x.pdf"), "--lang", "en")
    assert same.exit_code == 2 and "--annotate" in same.output and "input file" in same.output
    own = run("check", str(pdf), "--annotate", str(pdf), "--lang", "en")
    assert own.exit_code == 2 and "input file" in own.output
    assert report.read_bytes() == before


def test_batch_output_place_refused_before_the_audit(tmp_path, monkeypatch):
    monkeypatch.setattr(auditor.batch, "_audit_all", lambda *a, **k: pytest.fail("audited"))
    folder = tmp_path / "in"
    reports(folder, 1)
    afile = tmp_path / "berkas.txt"
    afile.write_text("x")
    for outdir, reason in ((str(afile), "this is a file, not a folder"), (str(folder), "this is an input folder"),
                           ("/proc/lkjip-audit-out", "cannot be created")):
        result = run("batch", str(folder), "-o", outdir, "--lang", "en", "--no-progress")
        assert result.exit_code == 2, result.output
        assert reason in result.output and len(result.output.strip().splitlines()) == 1, result.output


def test_a_second_batch_into_the_same_folder_is_refused(tmp_path):
    folder = tmp_path / "in"
    reports(folder, 1)
    outdir = tmp_path / "out"
    outdir.mkdir()
    with FileLock(str(outdir / LOCK)):  # as a running batch holds it
        result = run("batch", str(folder), "-o", str(outdir), "--lang", "en", "--no-progress")
    assert result.exit_code == 2 and "another batch is writing into this folder" in result.output
    assert not (outdir / "results.jsonl").exists()
    assert run("batch", str(folder), "-o", str(outdir), "--no-progress").exit_code == 1


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "summary.json"
    write_atomic(str(target), "lama")
    with pytest.raises(TypeError):
        write_atomic(str(target), None)  # type: ignore[arg-type]
    assert target.read_text() == "lama" and os.listdir(tmp_path) == ["summary.json"]
    write_atomic(str(target), b"baru")
    assert target.read_bytes() == b"baru" and oct(target.stat().st_mode & 0o777) != "0o600"


def test_interrupted_rerun_leaves_no_stale_summary(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    reports(folder, 2)
    outdir = tmp_path / "out"
    run_batch([str(folder)], str(outdir), Config(), jobs=1, progress=False)
    assert (outdir / "summary.json").exists() and (outdir / "summary.xlsx").exists()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(auditor.batch, "_audit_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(folder)], str(outdir), Config(), jobs=1, progress=False)
    assert not (outdir / "summary.json").exists() and not (outdir / "summary.xlsx").exists()
    assert read_results(str(outdir / "results.jsonl")) == []


def test_resume_is_keyed_on_config_retries_failures_and_drops_gone_files(tmp_path):
    folder = tmp_path / "in"
    paths = reports(folder, 3)
    (folder / "kosong.md").write_text("")
    outdir = tmp_path / "out"
    first = run_batch([str(folder)], str(outdir), Config(select=["LKJ5"]), jobs=2, progress=False)
    assert first.audited == 4 and not any(r["findings"] for r in first.records)

    again = run_batch([str(folder)], str(outdir), Config(), jobs=2, resume=True, progress=False)
    assert again.resumed == 0 and again.audited == 4  # other rules: nothing kept
    assert any(f["rule"] == "LKJ101" for f in again.records[0]["findings"])

    paths[1].rename(folder / "kec-1-baru.md")
    paths[2].unlink()
    third = run_batch([str(folder)], str(outdir), Config(), jobs=2, resume=True, progress=False)
    assert third.resumed == 1  # kec-0; the failure is retried, the renamed file audited under its new name
    assert third.audited == 2
    names = sorted(Path(r["path"]).name for r in read_results(str(outdir / "results.jsonl")))
    assert names == ["kec-0.md", "kec-1-baru.md", "kosong.md"]
    summary = json.loads((outdir / "summary.json").read_text())
    assert sorted(Path(d["path"]).name for d in summary["by_document"]) == names


def test_resume_is_keyed_on_the_tool_version(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    reports(folder, 1)
    outdir = tmp_path / "out"
    run_batch([str(folder)], str(outdir), Config(), jobs=1, progress=False)
    assert run_batch([str(folder)], str(outdir), Config(), jobs=1, resume=True, progress=False).resumed == 1
    monkeypatch.setattr(auditor.batch, "tool_version", lambda: "99.0")
    assert run_batch([str(folder)], str(outdir), Config(), jobs=1, resume=True, progress=False).resumed == 0


def test_identical_files_are_both_listed_the_second_with_lkj608(tmp_path):
    folder = tmp_path / "in"
    first, _ = reports(folder, 2)
    (folder / "sub").mkdir()
    shutil.copy(first, folder / "sub" / "kiriman-kec-lain.md")
    outdir = tmp_path / "out"
    result = run("batch", str(folder), "-o", str(outdir), "--lang", "en", "--no-progress")
    assert "3 documents (2 audited now" in result.output
    records = {Path(r["path"]).name: r for r in read_results(str(outdir / "results.jsonl"))}
    assert set(records) == {"kec-0.md", "kec-1.md", "kiriman-kec-lain.md"}
    copy, original = records["kiriman-kec-lain.md"], records["kec-0.md"]  # each file's own audit, as stored
    assert copy["findings"][0]["rule"] == "LKJ608" and copy["findings"][0]["message"].startswith("This file is identical")
    assert str(first) in copy["findings"][0]["message"]
    stored = DocumentReport.from_dict(copy, copy["fields"])
    assert stored.findings[0].message("id").startswith(f"Berkas ini identik dengan {first}")
    assert [f.message("en") for f in stored.findings[1:]] == [
        f.message("en") for f in DocumentReport.from_dict(original, original["fields"]).findings]
    assert not any(f["rule"] == "LKJ608" for f in original["findings"])
    summary = json.loads((outdir / "summary.json").read_text())
    assert summary["documents"] == 3 and summary["duplicates"][0]["identical_to"] == str(first)
    assert "kiriman-kec-lain.md" in (outdir / "findings.csv").read_text(encoding="utf-8")
    ignored = run("batch", str(folder), "-o", str(tmp_path / "out2"), "--ignore", "LKJ6", "--no-progress")
    records = read_results(str(tmp_path / "out2" / "results.jsonl"))
    assert len(records) == 3 and not any(f["rule"] == "LKJ608" for r in records for f in r["findings"])
    assert ignored.exit_code == 1


def test_exit_codes_agree_between_check_and_batch(tmp_path):
    folder = tmp_path / "in"
    reports(folder, 1)
    (folder / "kosong.md").write_text("")
    assert run("check", *map(str, sorted(folder.iterdir()))).exit_code == 2
    assert run("batch", str(folder), "-o", str(tmp_path / "out"), "--no-progress").exit_code == 2
    (folder / "kosong.md").unlink()
    assert run("check", str(folder / "kec-0.md")).exit_code == 1
    assert run("batch", str(folder), "-o", str(tmp_path / "out"), "--no-progress").exit_code == 1
    clean = tmp_path / "bersih"
    clean.mkdir()
    (clean / "b.md").write_text(generator.to_markdown(generator.generate(1)), encoding="utf-8")
    assert run("check", str(clean / "b.md"), "--select", "LKJ1,LKJ2,LKJ4").exit_code == 0
    assert run("batch", str(clean), "-o", str(tmp_path / "out3"), "--select", "LKJ1,LKJ2,LKJ4",
               "--no-progress").exit_code == 0
