"""Benchmark a full audit (read_pdf, tables, facts, every rule) against a naive pdfplumber pass (tables and text on
every page): time and peak RSS."""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "lkjip-raas-2020.pdf"
RATIO_TARGET = 0.5  # full audit time / baseline time on the sample
RSS_TARGET_MB = 300  # full audit peak RSS on the long file


def audit_fully(path: str) -> int:
    from auditor.audit import audit_file
    from auditor.config import Config

    return audit_file(path, Config()).meta["pages"]


def read_naively(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()
        return len(pdf.pages)


READERS = {"audit": audit_fully, "baseline": read_naively}


def child(reader: str, path: str) -> None:
    """Runs one reader in this fresh process and prints its figures as JSON."""
    sys.path.insert(0, str(ROOT))
    import pdfplumber  # noqa: F401 - imported before the clock starts, as for the other reader

    import auditor.audit  # noqa: F401

    started = time.perf_counter()
    pages = READERS[reader](path)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": pages, "seconds": seconds, "peak_mb": peak_mb}))


def measure(reader: str, path: Path, repeat: int) -> dict:
    """Best of `repeat` runs, each in a child process of this one so that RSS is the reader's own."""
    runs = []
    for _ in range(repeat):
        result = subprocess.run([sys.executable, __file__, "--child", reader, str(path)],
                                capture_output=True, text=True, check=True)
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda run: run["seconds"])
    best["peak_mb"] = max(run["peak_mb"] for run in runs)
    return best


def long_pdf(pages: int, folder: str) -> Path:
    """The sample's pages repeated until the file has `pages` pages."""
    from pypdf import PdfReader, PdfWriter

    source = PdfReader(str(SAMPLE))
    writer = PdfWriter()
    for index in range(pages):
        writer.add_page(source.pages[index % len(source.pages)])
    path = Path(folder) / f"generated-{pages}.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=300, help="pages of the generated long file")
    parser.add_argument("--repeat", type=int, default=3, help="runs per reader and file (best time is kept)")
    parser.add_argument("--child", nargs=2, metavar=("READER", "PDF"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(*options.child)
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as folder:
        files = [SAMPLE, long_pdf(options.pages, folder)]
        header = (f"{'file':<24}{'pages':>6} | {'audit s':>10}{'pages/s':>9}{'peak MB':>9} | "
                  f"{'baseline s':>10}{'pages/s':>9}{'peak MB':>9} | {'ratio':>6}")
        print(header)
        print("-" * len(header))
        results = {}
        for path in files:
            ours = measure("audit", path, options.repeat)
            # The naive pass takes ~50 s on 300 pages, so it runs once on the long file.
            naive = measure("baseline", path, options.repeat if path == SAMPLE else 1)
            ratio = ours["seconds"] / naive["seconds"]
            results[path] = ours, naive, ratio
            print(f"{path.name:<24}{ours['pages']:>6} | {ours['seconds']:>10.2f}{ours['pages'] / ours['seconds']:>9.1f}"
                  f"{ours['peak_mb']:>9.0f} | {naive['seconds']:>10.2f}{naive['pages'] / naive['seconds']:>9.1f}"
                  f"{naive['peak_mb']:>9.0f} | {ratio:>6.2f}")
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"\nprocess tree: {children.ru_utime + children.ru_stime:.1f} s CPU in children, "
              f"largest child peak RSS {children.ru_maxrss / 1024:.0f} MB, {os.cpu_count()} CPUs")
        sample_ratio = results[SAMPLE][2]
        long_peak = results[files[1]][0]["peak_mb"]
        checks = [(f"full audit time <= {RATIO_TARGET}x baseline on the sample", sample_ratio <= RATIO_TARGET,
                   f"{sample_ratio:.2f}x"),
                  (f"full audit peak RSS < {RSS_TARGET_MB} MB on {options.pages} pages", long_peak < RSS_TARGET_MB,
                   f"{long_peak:.0f} MB")]
        for name, passed, figure in checks:
            print(f"{'PASS' if passed else 'FAIL'}  {name}: {figure}")
        return 0 if all(passed for _, passed, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
