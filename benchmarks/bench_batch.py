"""Benchmark `batch`: 27 generated kecamatan reports as ~50-page PDFs, audited with 1 and with 2 local worker
processes and on a 2-worker Dask LocalCluster (`--executor dask`); prints documents per second."""
from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import tempfile
import time
from html import escape
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from generator import Report, generate  # noqa: E402 - the generator lives with the tests

DOCUMENTS = 27  # the kecamatan of Kabupaten Sumenep
PAGES = 50
TARGET_SECONDS = 60.0  # all documents on 2 cores
_STYLES = getSampleStyleSheet()
_BODY = _STYLES["BodyText"]
_CELL = _STYLES["BodyText"].clone("cell", fontSize=7, leading=8.5)
_HEADING = _STYLES["Heading2"]


def render_pdf(report: Report, path: str, pages: int = 0) -> int:
    """Prints a generated report the way an office suite would (ruled tables, landscape A4); narrative
    pages without figures are added before the closing chapter until the document has `pages` pages.
    Returns the page count."""
    story = _story(report)
    count = _build(story, path)
    if count < pages:
        filler = _filler(report, pages - count)
        story = _story(report)  # a build consumes its flowables (tables keep their split state)
        closing = max((i for i, flowable in enumerate(story) if getattr(flowable, "style", None) is _HEADING),
                      default=len(story))
        count = _build(story[:closing] + filler + story[closing:], path)
    return count


def _build(story: list, path: str) -> int:
    document = SimpleDocTemplate(path, pagesize=landscape(A4), leftMargin=1.5 * cm, rightMargin=1.5 * cm,
                                 topMargin=1.5 * cm, bottomMargin=1.5 * cm)
    pages: list[int] = []
    document.build(story, onFirstPage=lambda c, d: pages.append(d.page),
                   onLaterPages=lambda c, d: pages.append(d.page))
    return len(pages)


def _story(report: Report) -> list:
    story: list = []
    width = landscape(A4)[0] - 3 * cm
    for block in report.blocks:
        if block.kind == "table":
            table = block.table
            story += [Paragraph(escape(title), _BODY) for title in table.title_lines]
            head = table.header_rows + ([table.number_row] if table.number_row else [])
            rows = head + table.rows
            weights = [max(4, max(len(r[j]) for r in rows)) ** 0.7 for j in range(len(rows[0]))]
            widths = [width * w / sum(weights) for w in weights]
            printed = Table([[Paragraph(escape(cell), _CELL) for cell in row] for row in rows], colWidths=widths,
                            repeatRows=len(head))
            printed.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                                         ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [printed, Spacer(1, 8)]
        elif block.kind == "heading":
            story.append(Paragraph(escape(block.text), _HEADING))
        elif block.kind == "list_item":
            story.append(Paragraph(escape(block.text), _BODY, bulletText="•"))
        else:
            story.append(Paragraph(escape(block.text), _BODY))
    return story


def _filler(report: Report, pages: int) -> list:
    """Whole pages of the report's own figure-free narrative, so no rule gets anything new to compare."""
    plain = [b.text for b in report.blocks if b.kind == "paragraph" and len(b.text) > 80 and not re.search(r"\d", b.text)]
    plain = plain or ["Uraian kegiatan pelayanan kepada masyarakat dilaksanakan sesuai ketentuan yang berlaku."]
    page = " ".join(plain)
    while len(page) < 3500:
        page += " " + page
    return [flowable for _ in range(pages) for flowable in (Paragraph(escape(page[:3500]), _BODY), PageBreak())]


def make_corpus(folder: str, documents: int = DOCUMENTS, pages: int = PAGES) -> list[str]:
    paths = []
    for seed in range(documents):
        report = generate(1000 + seed)
        path = os.path.join(folder, f"lkjip-{report.kecamatan.lower().replace(' ', '-')}-{seed:02d}.pdf")
        render_pdf(report, path, pages)
        paths.append(path)
    return paths


def run(folder: str, jobs: int, executor: str = "local") -> float:
    from auditor.batch import run_batch
    from auditor.config import Config

    with tempfile.TemporaryDirectory() as outdir:
        cpu_before = _children_cpu()
        started = time.perf_counter()
        outcome = run_batch([folder], outdir, Config(), jobs=jobs, lang="en", progress=False, executor=executor)
        seconds = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
    findings = sum(len(r["findings"]) for r in outcome.records)
    print(f"{executor} jobs={jobs}: {len(outcome.records)} documents in {seconds:.1f} s "
          f"({len(outcome.records) / seconds:.2f} docs/s, {60 * len(outcome.records) / seconds:.1f} documents/min), "
          f"{cpu:.1f} s CPU in local workers, "
          f"{findings} findings, {len(outcome.unusable)} unusable")
    for record in outcome.unusable[:3]:
        print(f"  unusable: {record['error']}")
    return seconds


def _children_cpu() -> float:
    """CPU time of finished workers and the document processes they waited for; the machine may be shared,
    and this is what 2 idle cores would need to divide."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--pages", type=int, default=PAGES)
    parser.add_argument("--keep", help="Write the PDFs to this folder (and reuse them if already there).")
    parser.add_argument("--no-dask", action="store_true", help="Skip the Dask LocalCluster run.")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = arguments.keep or scratch
        os.makedirs(folder, exist_ok=True)
        started = time.perf_counter()
        existing = sorted(p for p in os.listdir(folder) if p.endswith(".pdf"))
        if len(existing) < arguments.documents:
            make_corpus(folder, arguments.documents, arguments.pages)
        print(f"corpus: {arguments.documents} PDFs of ~{arguments.pages} pages in {time.perf_counter() - started:.1f} s")
        one = run(folder, 1)
        two = run(folder, 2)
        if not arguments.no_dask:
            run(folder, 2, executor="dask")  # a 2-worker LocalCluster, started inside the timing
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"scaling: {one / two:.2f}x with 2 jobs; target all documents under {TARGET_SECONDS:.0f} s on 2 cores: "
          + ("met" if two < TARGET_SECONDS else "NOT met"))


if __name__ == "__main__":
    main()
