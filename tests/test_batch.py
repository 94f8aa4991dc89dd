"""batch: bad files listed while the rest finish, per-document limits, reports from results.jsonl, --resume after a kill."""
from __future__ import annotations

import faulthandler
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import auditor.audit
from auditor.batch import discover, read_results, run_batch
from auditor.cli import main
from auditor.config import Config
from generator import generate, inject_capaian, to_markdown

pytestmark = pytest.mark.slow  # prints a PDF and forks worker pools
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_batch import render_pdf  # noqa: E402 - the benchmark's generated-report printer

GOOD = 5  # markdown reports; one more is printed as a PDF


def write_reports(folder: Path, count: int, seed: int = 0) -> list[Path]:
    paths = []
    for n in range(count):
        report = generate(seed + n)
        if n == 0:
            inject_capaian(report, random.Random(n))  # at least one document with an error
        sub = folder / ("kecamatan" if n % 2 else "")  # folders are searched recursively
        sub.mkdir(exist_ok=True)
        path = sub / f"lkjip-{seed + n:02d}.md"
        path.write_text(to_markdown(report), encoding="utf-8")
        paths.append(path)
    return paths


def image_only_pdf(path: Path) -> None:
    scan = Image.new("RGB", (400, 560), "white")
    scan.paste((40, 40, 40), (40, 60, 360, 80))  # a "line of text" as pixels only
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawInlineImage(scan, 0, 0, *A4)
    page.showPage()
    page.save()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_reports(folder, GOOD)
    render_pdf(generate(77), str(folder / "lkjip-77.pdf"))
    (folder / "rusak.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ngarbage without xref")
    (folder / "bukan-utf8.md").write_bytes(b"\xff\xfe\x00L\x00K\x80\x81 binary \x00\x00")
    image_only_pdf(folder / "pindaian.pdf")
    (folder / "catatan.txt").write_text("not a report; .txt files are not collected from folders")
    return folder


@pytest.fixture(scope="module")
def batch_run(corpus, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["batch", str(corpus), "-o", str(outdir), "--jobs", "2", "--lang", "en"])
    return result, outdir


def test_discovers_pdf_and_markdown_recursively(corpus):
    names = sorted(os.path.basename(p) for p in discover([str(corpus)]))
    assert len(names) == GOOD + 4
    assert "catatan.txt" not in names and "lkjip-01.md" in names


def test_bad_files_listed_with_reasons_while_the_others_finish(batch_run):
    result, outdir = batch_run
    assert result.exit_code == 2, result.output  # as in check: a file could not be audited
    bad = [line for line in result.output.splitlines() if line.strip().startswith("✗")]
    assert len(bad) == 3
    for name, reason in (("rusak.pdf", ""), ("bukan-utf8.md", "UTF-8"), ("pindaian.pdf", "")):
        assert any(name in line and reason in line for line in bad), (name, bad)
    records = read_results(str(outdir / "results.jsonl"))
    assert len(records) == GOOD + 4
    assert sum(r["status"] == "ok" for r in records) == GOOD + 1
    assert all(len(r["sha256"]) == 64 for r in records)
    summary = json.loads((outdir / "summary.json").read_text())
    assert {os.path.basename(u["path"]) for u in summary["unusable"]} == {"rusak.pdf", "bukan-utf8.md", "pindaian.pdf"}


def test_summary_workbook_one_row_per_document_worst_first(batch_run):
    _, outdir = batch_run
    sheets = pd.read_excel(outdir / "summary.xlsx", sheet_name=None)
    summary, findings = sheets["Summary"], sheets["Findings"]
    assert len(summary) == GOOD + 4
    assert list(summary["Status"]).count("could not be audited") == 3
    audited = summary[summary["Status"] == "audited"]
    assert list(audited["Errors"]) == sorted(audited["Errors"], reverse=True)
    assert audited["Errors"].iloc[0] >= 1
    assert set(audited["Kabupaten"]) == {"Sumenep"} and audited["Penyerapan (%)"].notna().all()
    assert audited["Average capaian (%)"].between(0, 200).all()
    assert {"Rule", "Page", "Table", "Row", "Column", "Printed text"} <= set(findings.columns)
    assert (findings["Rule"] == "LKJ101").any()
    # the ranking of summary.json (fewest errors, highest capaian, highest penyerapan) is the Rank column
    ranking = json.loads((outdir / "summary.json").read_text())["ranking"]
    assert [r["rank"] for r in ranking] == list(range(1, GOOD + 2))
    assert {r["path"]: r["rank"] for r in ranking} == dict(zip(audited["File"], audited["Rank"]))
    assert summary[summary["Status"] != "audited"]["Rank"].isna().all()
    best = audited[audited["Rank"] == 1].iloc[0]
    assert best["Errors"] == audited["Errors"].min()
    assert best["Average capaian (%)"] == audited[audited["Errors"] == best["Errors"]]["Average capaian (%)"].max()
    page = (outdir / "report.html").read_text(encoding="utf-8")
    table = page[page.index("<h2>Summary</h2>"):page.index("</table>", page.index("<h2>Summary</h2>"))]
    shown = re.findall(r'<span class="muted">([^<]*)</span></td>\n(?:<td class="num">[^<]*</td>){2}\n'
                       r'(?:<td class="num">[^<]*</td>){2}\n(?:<td class="num">[^<]*</td>){2}<td class="num">(\d*)</td>',
                       table)
    assert len(shown) == GOOD + 4 and {path: int(rank) for path, rank in shown if rank} == {
        r["path"]: r["rank"] for r in ranking}


def test_csv_and_html_written_from_all_results(batch_run):
    _, outdir = batch_run
    rows = pd.read_csv(outdir / "findings.csv", encoding="utf-8-sig")  # --lang en: ',' separated
    assert (rows["Status"] == "could not be audited").sum() == 3
    # each document's own findings in results.jsonl, those across documents (LKJ6xx) in crossdoc.jsonl
    across = [json.loads(line) for line in (outdir / "crossdoc.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) - 3 == (sum(len(r["findings"]) for r in read_results(str(outdir / "results.jsonl")))
                             + sum(len(r["findings"]) for r in across))
    page = (outdir / "report.html").read_text(encoding="utf-8")
    assert page.count('class="hit"') >= 1 and "could not be audited" in page and "pindaian.pdf" in page


def test_crash_timeout_and_memory_each_fail_one_document(tmp_path, monkeypatch):
    """The workers are forked, so they run this test's audit_file: one sleeps, one dies, one eats memory."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("slow", "crash", "greedy", "fine"):
        (folder / f"{name}.md").write_text(f"# {name}\n")

    def audit_file(path: str, config: Config, **kwargs):
        name = Path(path).stem
        if name == "slow":
            time.sleep(30)
        elif name == "crash":
            faulthandler.disable()  # pytest's handler would print the child's stack
            os.kill(os.getpid(), signal.SIGSEGV)
        elif name == "greedy":
            bytearray(2 << 30)
        return auditor.audit.DocumentReport(path, "ok", {"instansi": name}, [], None)

    monkeypatch.setattr(auditor.audit, "audit_file", audit_file)
    started = time.monotonic()
    outcome = run_batch([str(folder)], str(tmp_path / "out"), Config(), jobs=2, lang="en", timeout_s=2,
                        memory_mb=256, progress=False)
    assert time.monotonic() - started < 20
    reasons = {Path(r["path"]).stem: r["error"] or "" for r in outcome.records}
    assert "time limit" in reasons["slow"]
    assert "memory limit" in reasons["greedy"]
    assert reasons["crash"]
    assert reasons["fine"] == ""


def test_kill_halfway_then_resume_redoes_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_reports(folder, 4, seed=20)
    outdir = tmp_path / "out"
    results = outdir / "results.jsonl"
    command = [sys.executable, "-m", "auditor.cli", "batch", str(folder), "-o", str(outdir), "--jobs", "1"]
    first = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (results.exists() and results.read_text().count("\n") >= 1) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    before = read_results(str(results))
    assert 1 <= len(before) < 4
    assert not (outdir / "summary.xlsx").exists()

    second = subprocess.run(command + ["--resume"], capture_output=True, text=True, timeout=120)
    assert second.returncode == 1, second.stderr  # one report carries an injected error
    after = read_results(str(results))
    assert all(record in after for record in before)  # kept, not redone
    assert len(after) == 4 and len({r["sha256"] for r in after}) == 4
    summary = json.loads((outdir / "summary.json").read_text())
    assert summary["documents"] == 4
    assert summary["audited_now"] == 4 - len(before) and summary["resumed"] == len(before)
    assert len(pd.read_excel(outdir / "summary.xlsx")) == 4
