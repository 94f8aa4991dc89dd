"""Benchmark precision and recall: generated reports audited through every rendering route.

For each route (markdown; reportlab; DOCX → LibreOffice; HTML → WeasyPrint) and each damaged copy
(Unicode digits in the markdown; a reportlab PDF with flipped bytes) it audits, for each layout (the
kecamatan templates and the other unit types', tests/opd_layouts.py), clean reports and reports with one
injected inconsistency of each kind that applies to the layout, and prints per route and per layout:

- errors on clean reports (target 0) and the reports that had one;
- recall per injected kind: the expected finding (rule and subject) was reported (target ≥ 97%);
- md ↔ PDF parity: the findings (rule, subject, severity) equal those of the same report's
  markdown (target: identical);
- findings with an empty subject, errors whose figures agree under printed precision (tests/invariants.py)
  and audits that crashed (target 0).

    python3 benchmarks/precision.py                      # 100 clean + 300 injected per route and layout
    python3 benchmarks/precision.py --clean 5 --injected 20 --routes markdown --layouts dinkes rsud
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import generator  # noqa: E402 - the generator lives with the tests
import pdf_render  # noqa: E402
from injections import INJECTIONS, for_layout  # noqa: E402
from invariants import violations  # noqa: E402

DAMAGED = ("unicode", "flipped")  # markdown with odd digits; a reportlab PDF with flipped bytes
ROUTES = (*pdf_render.ROUTES, *DAMAGED)
TEMPLATES = tuple(generator.templates())


def injections() -> dict:
    """Every injected kind: name -> inject(report, rng) returning the Expected finding or None."""
    return INJECTIONS


@dataclass(frozen=True)
class Task:
    route: str
    seed: int
    template: str
    kind: str | None  # None: a clean report


@dataclass
class Outcome:
    task: Task
    findings: list[tuple] = field(default_factory=list)  # (rule, subject, severity, values, message)
    markdown: list[tuple] | None = None  # the same report's markdown findings, for parity
    violations: list[str] = field(default_factory=list)  # broken engine invariants, markdown and this route
    expected: tuple | None = None  # (rule, subject)
    skipped: bool = False  # the injection does not apply to this report
    unusable: str | None = None  # the audit refused the file (exit 2)
    crash: str | None = None


def _audit(path: str, options: dict, broken: list[str]) -> list[tuple]:
    from auditor.config import Config
    from auditor.document import load
    from auditor.engine import run_rules

    config = Config(options=options)
    document = load(path, config)
    result = run_rules(document, config)
    broken += violations(result.findings)
    return [(f.rule, f.subject, f.severity, tuple(str(v) for v in f.values), f.message("en")) for f in result.findings]


def run_task(task: Task) -> Outcome:
    from auditor.errors import InputError

    outcome = Outcome(task)
    try:
        report = generator.generate(task.seed, template=task.template)
        options: dict = {}
        if task.kind:
            try:
                expected = injections()[task.kind](report, random.Random(task.seed))
            except (IndexError, StopIteration):  # nothing in this report to break that way
                expected = None
            if expected is None:
                outcome.skipped = True
                return outcome
            options = expected.options
            outcome.expected = (expected.rule, expected.subject)
        with tempfile.TemporaryDirectory(prefix="precision-") as folder:
            folder = Path(folder)
            md = pdf_render.render({"r": report}, "markdown", folder / "md")["r"]
            outcome.markdown = _audit(str(md), options, outcome.violations)
            if task.route == "markdown":
                outcome.findings = outcome.markdown
                return outcome
            if task.route == "unicode":
                damaged = generator.damage_unicode(report, random.Random(task.seed))
                path = pdf_render.render({"r": damaged}, "markdown", folder / "unicode")["r"]
            elif task.route == "flipped":
                clean = pdf_render.render({"r": report}, "reportlab", folder / "rl")["r"]
                path = folder / "flipped.pdf"
                path.write_bytes(pdf_render.flip_bytes(clean.read_bytes(), random.Random(task.seed)))
            else:
                path = pdf_render.render({"r": report}, task.route, folder / task.route)["r"]
            try:
                outcome.findings = _audit(str(path), options, outcome.violations)
            except InputError as error:
                outcome.unusable = error.message("en")
    except Exception:  # a benchmark counts crashes instead of stopping at the first
        outcome.crash = traceback.format_exc(limit=6)
    return outcome


def tasks(routes: list[str], clean: int, injected: int, first_seed: int = 0,
          layouts: tuple[str, ...] = TEMPLATES) -> list[Task]:
    """Per route and layout: `clean` clean reports and `injected` ones, the kinds that apply to the layout in turn."""
    out = []
    for route in routes:
        for template in layouts:
            kinds = for_layout(template)
            out += [Task(route, first_seed + n, template, None) for n in range(clean)]
            out += [Task(route, first_seed + 1000 + n, template, kinds[n % len(kinds)]) for n in range(injected)]
    return out


def _key(finding: tuple) -> tuple:
    return finding[0], finding[1].casefold(), finding[2]


def found(outcome: Outcome) -> bool:
    """The expected rule reported the expected subject (as its subject, or named in its message,
    as the tests accept: LKJ403 'PENDIDIKAN / SLTA' for the column SLTA)."""
    rule, subject = outcome.expected
    return any(f[0] == rule and (f[1].casefold() == subject.casefold() or subject.casefold() in f[4].casefold())
               for f in outcome.findings)


def summarise(outcomes: list[Outcome]) -> dict:
    """Per route: the figures the README quotes; per route and layout: clean errors and recall."""
    routes: dict = defaultdict(lambda: {"clean": 0, "clean_with_errors": 0, "clean_errors": 0, "recall": defaultdict(
        lambda: [0, 0]), "parity": [0, 0], "empty_subject": 0, "violations": 0, "unusable": 0, "crash": 0, "examples": [],
        "layouts": defaultdict(lambda: {"clean": 0, "clean_errors": 0, "found": 0, "tried": 0})})
    for o in outcomes:
        r = routes[o.task.route]
        layout = r["layouts"][o.task.template]
        if o.skipped:
            continue
        if o.crash:
            r["crash"] += 1
            r["examples"].append(f"crash {o.task}: {o.crash.strip().splitlines()[-1]}")
            continue
        if o.unusable:
            r["unusable"] += 1
            if o.task.route != "flipped":
                r["examples"].append(f"unusable {o.task}: {o.unusable[:120]}")
            continue
        r["empty_subject"] += sum(1 for f in o.findings if not f[1].strip())
        r["violations"] += len(o.violations)
        r["examples"] += [f"invariant {o.task.template}-{o.task.seed} {o.task.kind}: {v[:160]}" for v in o.violations]
        errors = [f for f in o.findings if f[2] == "error"]
        if o.task.kind is None:
            layout["clean"] += 1
            layout["clean_errors"] += len(errors)
            r["clean"] += 1
            r["clean_errors"] += len(errors)
            r["clean_with_errors"] += bool(errors)
            r["examples"] += [f"clean error {o.task.template}-{o.task.seed}: {f[0]} {f[1]!r} {f[3]}" for f in errors]
        else:
            counts = r["recall"][o.task.kind]
            counts[0] += found(o)
            counts[1] += 1
            layout["found"] += found(o)
            layout["tried"] += 1
            if not found(o):
                r["examples"].append(f"missed {o.task.kind} {o.task.template}-{o.task.seed}: {o.expected}")
        if o.task.route != "markdown" and o.markdown is not None:
            same = sorted(map(_key, o.findings)) == sorted(map(_key, o.markdown))
            r["parity"][0] += same
            r["parity"][1] += 1
            if not same:
                only_pdf = Counter(map(_key, o.findings)) - Counter(map(_key, o.markdown))
                only_md = Counter(map(_key, o.markdown)) - Counter(map(_key, o.findings))
                r["examples"].append(f"parity {o.task.template}-{o.task.seed} {o.task.kind}: "
                                     f"+{sorted(only_pdf)[:3]} -{sorted(only_md)[:3]}")
    return routes


def print_summary(routes: dict, seconds: float, examples: int) -> None:
    print(f"precision benchmark ({seconds:.0f} s)")
    for route in ROUTES:
        if route not in routes:
            continue
        r = routes[route]
        found_all = sum(c[0] for c in r["recall"].values())
        tried_all = sum(c[1] for c in r["recall"].values())
        print(f"\n== {route}")
        print(f"clean reports: {r['clean']}, with an error: {r['clean_with_errors']}, errors: {r['clean_errors']}")
        if tried_all:
            print(f"recall: {found_all}/{tried_all} = {100 * found_all / tried_all:.1f}%")
            weak = [f"{kind} {c[0]}/{c[1]}" for kind, c in sorted(r["recall"].items()) if c[0] < c[1]]
            print("  below 100%: " + (", ".join(weak) if weak else "none"))
        if r["parity"][1]:
            print(f"md ↔ this route, identical findings: {r['parity'][0]}/{r['parity'][1]}")
        for template, figures in sorted(r["layouts"].items()):
            recall = f"{100 * figures['found'] / figures['tried']:.1f}%" if figures["tried"] else "-"
            print(f"  {template:<12} clean {figures['clean']}, errors {figures['clean_errors']}; "
                  f"recall {figures['found']}/{figures['tried']} = {recall}")
        print(f"empty subjects: {r['empty_subject']}, equal-value errors and other broken invariants: "
              f"{r['violations']}, unusable: {r['unusable']}, crashes: {r['crash']}")
        for line in r["examples"][:examples]:
            print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clean", type=int, default=100, help="clean reports per route")
    parser.add_argument("--injected", type=int, default=300, help="injected reports per route (kinds in turn)")
    parser.add_argument("--routes", nargs="+", default=list(ROUTES), choices=ROUTES)
    parser.add_argument("--kinds", nargs="+", help="only these injected kinds")
    parser.add_argument("--layouts", nargs="+", default=list(TEMPLATES), choices=TEMPLATES,
                        help="only these layouts (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--examples", type=int, default=8, help="problems listed per route")
    args = parser.parse_args(argv)
    missing = {route: pdf_render.route_missing("reportlab" if route == "flipped" else route) for route in args.routes}
    for route, why in missing.items():
        if why:
            print(f"{route}: skipped, {why}")
    todo = tasks([r for r in args.routes if not missing[r]], args.clean, args.injected, layouts=tuple(args.layouts))
    if args.kinds:
        todo = [t for t in todo if t.kind is None or t.kind in args.kinds]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        outcomes = list(pool.imap_unordered(run_task, todo, chunksize=1))
    print_summary(summarise(outcomes), time.perf_counter() - started, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
