"""Benchmark OCR of scanned reports: small generated reports printed (reportlab), scanned
(tests/scan_render.py: rasterised, turned up to ±1.5°, noised, JPEG, image-only PDF) and audited with
--ocr. Per scan it prints:

- numeric cells read right: every table cell holding a number in the markdown truth, compared with the
  same cell read from the scan (table by label, row and column by position; target ≥ 98%);
- errors: on a clean scan every error is a misread (target 0); on an injected scan the expected finding
  (rule and subject), found or not, and its severity, beside whether the markdown gives it;
- seconds per page for the whole check, and the ratio to a plain `ocrmypdf --force-ocr` pass over the
  same file (what a user would otherwise run first; target ≤ 0.5×).

Reports are printed in several typefaces (tests/pdf_render.py's FONTS: DejaVu Sans, and the Helvetica and
Times look-alikes Nimbus Sans and Nimbus Roman), each scanned and read; the totals are given per font.

    python3 benchmarks/ocr.py                          # 2 clean + 2 injected scans per font
    python3 benchmarks/ocr.py --clean 1 --injected 0 --dpi 200 --fonts nimbus-roman
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import generator  # noqa: E402 - the generator lives with the tests
import pdf_render  # noqa: E402
import scan_render  # noqa: E402
from injections import INJECTIONS  # noqa: E402

# injected kinds whose broken figure stands in a table cell, where the scan must carry it
KINDS = ("capaian", "penyerapan", "jumlah_total", "efficiency_capaian", "program_total", "same_fact")
TEMPLATES = ("sumenep", "alt")
FONTS = ("dejavu-sans", "nimbus-sans", "nimbus-roman")


def audit(path: str, options: dict):
    from auditor.config import Config
    from auditor.document import load
    from auditor.engine import run_rules

    config = Config(options=options)
    document = load(path, config, ocr=path.endswith(".pdf"))
    return document, run_rules(document, config).findings


def cells_read(truth, scanned) -> tuple[int, int, list[str], list[str]]:
    """Numeric cells of the truth's tables read identically (spaces aside) from the scan, of all; the first
    few misreads; and the captions misread. A truth table is paired with the scanned table of its label,
    else (its caption misread) with the scanned table at its place in the document if that has the same
    role, so that a caption misread counts once, as a caption, not as every cell of its table."""
    from auditor.values import parse_value

    by_label: dict[str, list] = {}
    for table in scanned.tables:
        by_label.setdefault(table.label, []).append(table)
    right = total = 0
    wrong: list[str] = []
    captions: list[str] = []
    for index, table in enumerate(truth.tables):
        candidates = by_label.get(table.label) or []
        other = candidates.pop(0) if candidates else None
        if other is None and index < len(scanned.tables) and scanned.tables[index].role == table.role:
            other = scanned.tables[index]
            captions.append(f"{table.label!r} read {other.label!r}")
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if not parse_value(cell).is_numeric:
                    continue
                total += 1
                read = other.rows[r][c] if other and r < len(other.rows) and c < len(other.rows[r]) else None
                if read is not None and re.sub(r"\s+", "", read) == re.sub(r"\s+", "", cell):
                    right += 1
                elif len(wrong) < 6:
                    wrong.append(f"{table.label} r{r} c{c}: {cell!r} read {read!r}")
    return right, total, wrong, captions


def ocrmypdf_seconds(path: Path, folder: Path) -> float | None:
    if shutil.which("ocrmypdf") is None:
        return None
    started = time.perf_counter()
    subprocess.run(["ocrmypdf", "--force-ocr", "-l", "ind+eng", "--quiet", str(path), str(folder / "ocrmypdf.pdf")],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def run_case(seed: int, template: str, kind: str | None, dpi: int, font: str, folder: Path,
             ratio: bool = True) -> dict | None:
    report = scan_render.small_report(seed, template)
    options: dict = {}
    expected = None
    if kind:
        try:
            expected = INJECTIONS[kind](report, random.Random(seed))
        except (IndexError, StopIteration):
            expected = None
        if expected is None:
            return None  # nothing of that kind in this report
        options = expected.options
    markdown = folder / f"{template}-{seed}.md"
    markdown.write_text(generator.to_markdown(report), encoding="utf-8")
    scan = folder / f"{template}-{seed}-{kind or 'clean'}-{font}.pdf"
    scan_render.scan_report(report, scan, seed=seed, dpi=dpi, font=font)
    truth, truth_findings = audit(str(markdown), options)
    started = time.perf_counter()
    scanned, findings = audit(str(scan), options)
    seconds = time.perf_counter() - started
    right, total, wrong, captions = cells_read(truth, scanned)
    case = {"name": scan.name, "pages": scanned.raw.pages, "seconds": seconds, "right": right, "total": total,
            "wrong": wrong, "captions": captions, "errors": [f for f in findings if f.severity == "error"],
            "doubtful": sum(1 for f in scanned.fact_rows if f.confidence <= 0.5),
            "ocrmypdf": ocrmypdf_seconds(scan, folder) if ratio else None}
    if expected:
        def hit(found) -> list:
            return [f for f in found if f.rule == expected.rule and (
                f.subject.casefold() == expected.subject.casefold()
                or expected.subject.casefold() in f.message("en").casefold())]
        case["expected"] = (expected.rule, expected.subject)
        case["found"] = hit(findings)
        case["on_markdown"] = bool(hit(truth_findings))
    return case


def print_case(case: dict) -> None:
    ratio = f"{case['seconds'] / case['ocrmypdf']:.2f}×" if case["ocrmypdf"] else "n/a"
    share = 100 * case["right"] / max(case["total"], 1)
    line = (f"{case['name']:<34} cells {case['right']}/{case['total']} = {share:.1f}%  "
            f"{case['seconds'] / max(case['pages'], 1):.1f} s/page ({case['pages']} pages)  vs ocrmypdf {ratio}  "
            f"doubtful figures {case['doubtful']}")
    print(line, flush=True)
    if "expected" in case:
        rule, subject = case["expected"]
        severities = ",".join(f.severity for f in case["found"]) or "NOT FOUND"
        print(f"    injected {rule} {subject!r}: {severities} (markdown: {'found' if case['on_markdown'] else 'not found'})")
        others = [f for f in case["errors"] if f not in case["found"]]
    else:
        others = case["errors"]
    print(f"    other errors: {len(others)}")
    for finding in others[:5]:
        print(f"      {finding.rule} {finding.message('en')[:150]}")
    for miss in case["wrong"]:
        print(f"      misread {miss}")
    for caption in case["captions"]:
        print(f"      caption {caption}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", type=int, default=2)
    parser.add_argument("--injected", type=int, default=2)
    parser.add_argument("--dpi", type=int, default=250)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fonts", nargs="+", default=list(FONTS), choices=sorted(pdf_render.FONTS))
    parser.add_argument("--no-ratio", action="store_true", help="skip the ocrmypdf pass (half the time)")
    args = parser.parse_args(argv)
    os.environ.setdefault("LKJIP_AUDIT_RAISE_RULE_ERRORS", "1")
    cases = [(args.seed + n, TEMPLATES[n % 2], None) for n in range(args.clean)]
    cases += [(args.seed + 100 + n, TEMPLATES[n % 2], KINDS[n % len(KINDS)]) for n in range(args.injected)]
    results: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as folder:
        for font in args.fonts:
            if not pdf_render.reportlab_available(font):
                print(f"{font}: its font files are not installed, skipped")
                continue
            results[font] = []
            for seed, template, kind in cases:
                case = run_case(seed, template, kind, args.dpi, font, Path(folder), not args.no_ratio)
                if case is None:
                    print(f"{template}-{seed}-{kind}: nothing to inject, skipped")
                    continue
                print_case(case)
                results[font].append(case)
    if not any(results.values()):
        return 1
    for font, cases_read in results.items():
        print(f"\n{font}:")
        summarise(cases_read)
    if len(results) > 1:
        print("\nall fonts:")
        summarise([case for cases_read in results.values() for case in cases_read])
    return 0


def summarise(results: list[dict]) -> None:
    right, total = sum(c["right"] for c in results), sum(c["total"] for c in results)
    clean_errors = sum(len(c["errors"]) for c in results if "expected" not in c)
    injected = [c for c in results if "expected" in c]
    ours = sum(c["seconds"] for c in results)
    theirs = [c["ocrmypdf"] for c in results if c["ocrmypdf"]]
    print(f"  numeric cells read right: {right}/{total} = {100 * right / max(total, 1):.1f}% (target ≥ 98%)")
    print(f"  errors on clean scans: {clean_errors} (target 0)")
    print(f"  captions misread: {sum(len(c['captions']) for c in results)}")
    print(f"  injected found: {sum(bool(c['found']) for c in injected)}/{len(injected)}, as errors "
          f"{sum(any(f.severity == 'error' for f in c['found']) for c in injected)}; on markdown "
          f"{sum(c['on_markdown'] for c in injected)}")
    print(f"  seconds per page: {ours / max(sum(c['pages'] for c in results), 1):.1f}")
    if theirs and len(theirs) == len(results):
        print(f"  ratio to ocrmypdf --force-ocr: {ours / sum(theirs):.2f}× (target ≤ 0.5×)")


if __name__ == "__main__":
    raise SystemExit(main())
