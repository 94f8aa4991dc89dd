"""Benchmark precision and recall: generated reports audited through every rendering route.

For each route (markdown; reportlab; DOCX → LibreOffice; HTML → WeasyPrint and Chromium; the
borderless prints, tagged and untagged; the Word file itself, ruled, borderless and as LibreOffice Writer
saves it again) and each damaged copy (Unicode digits in the markdown; a
reportlab PDF with flipped bytes) it audits clean reports and reports with one injected inconsistency.
The counts are PER ROUTE, shared evenly among the layouts (the kecamatan templates and the other unit
types', tests/opd_layouts.py, and "fresh": the reports of a second generator written without looking at
the first, tests/fresh_reports.py, on the routes that print its HTML or Word file); within a layout the injected kinds that apply to it come in turn, each
on a report that has something to break that way (a kind that no report of the layout can carry gives
its turn to the next). It prints per route and per layout:

- errors on clean reports (target 0) and the reports that had one;
- recall per injected kind: the expected finding (rule and subject) was reported (target ≥ 97%);
- md ↔ PDF parity: the findings (rule, subject, severity) equal those of the same report's
  markdown (target: identical);
- findings with an empty subject, errors whose figures agree under printed precision (tests/invariants.py)
  and audits that crashed (target 0);
- seconds per report and job (wall clock: printing and both audits; stretched when other work
  shares the cores). LibreOffice converts 25 documents per run: its start-up costs about as much as
  four documents.

    python3 benchmarks/precision.py                      # 100 clean + 300 injected reports per route
    python3 benchmarks/precision.py --routes weasyprint --clean 100 --injected 300 --jobs 2
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

import fresh_reports  # noqa: E402
import generator  # noqa: E402 - the generator lives with the tests
import pdf_render  # noqa: E402
from injections import INJECTIONS, for_layout  # noqa: E402
from invariants import violations  # noqa: E402

DAMAGED = ("unicode", "flipped")  # markdown with odd digits; a reportlab PDF with flipped bytes
ROUTES = (*pdf_render.ROUTES, *DAMAGED)
FRESH = "fresh"  # the layout name of the second generator's reports
LAYOUTS = (*generator.templates(), FRESH)


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
    seconds: float = 0.0  # the worker's wall-clock time for this report: printing and both audits


def _audit(path: str, options: dict, broken: list[str]) -> list[tuple]:
    from auditor.config import Config
    from auditor.document import load
    from auditor.engine import run_rules

    config = Config(options=options)
    document = load(path, config)
    result = run_rules(document, config)
    broken += violations(result.findings)
    return [(f.rule, f.subject, f.severity, tuple(str(v) for v in f.values), f.message("en")) for f in result.findings]


def _inject(task: Task, report) -> tuple | None:
    """The injection's Expected finding for this report, or None when nothing in it breaks that way."""
    try:
        return injections()[task.kind](report, random.Random(task.seed))
    except (IndexError, StopIteration):
        return None


def _made(task: Task) -> tuple[object, str, tuple | None, dict]:
    """The task's report, its markdown, the (rule, subject) its injection must be reported as (None:
    clean, or nothing in the report breaks that way) and the audit options that finding needs."""
    if task.template == FRESH:
        report = fresh_reports.make_report(task.seed, task.kind)
        expected = (fresh_reports.INJECTIONS[task.kind], report.injected[1]) if report.injected else None
        return report, report.markdown, expected, {}
    report = generator.generate(task.seed, template=task.template)
    injected = _inject(task, report) if task.kind else None
    expected = (injected.rule, injected.subject) if injected else None
    return report, generator.to_markdown(report), expected, injected.options if injected else {}


def _printed(route: str, reports: dict, seeds: dict[str, int], folder: Path) -> dict[str, Path]:
    """The reports as `route` prints them (the damaged routes: the markdown with odd digits, a
    reportlab PDF with flipped bytes), all in one call: LibreOffice converts them in one run."""
    if any(isinstance(report, str) for report in reports.values()):  # the second generator's markdown
        return fresh_reports.render(reports, route, folder)
    if route == "unicode":
        damaged = {name: generator.damage_unicode(report, random.Random(seeds[name]))
                   for name, report in reports.items()}
        return pdf_render.render(damaged, "markdown", folder)
    if route == "flipped":
        paths = {}
        for name, clean in pdf_render.render(reports, "reportlab", folder).items():
            paths[name] = folder / f"{name}-flipped.pdf"
            paths[name].write_bytes(pdf_render.flip_bytes(clean.read_bytes(), random.Random(seeds[name])))
        return paths
    return pdf_render.render(reports, route, folder)


def _print_each(route: str, reports: dict, seeds: dict[str, int], folder: Path) -> dict[str, Path | str]:
    """Each report's file, or the traceback of its failure: when printing the reports together fails,
    each is printed alone so that one report's failure is counted as its own crash, not the others'."""
    try:
        return dict(_printed(route, reports, seeds, folder / "together"))
    except Exception:  # a benchmark counts crashes instead of stopping at the first
        if len(reports) == 1:
            return {name: traceback.format_exc(limit=6) for name in reports}
    out: dict[str, Path | str] = {}
    for name, report in reports.items():
        out.update(_print_each(route, {name: report}, seeds, folder / name))
    return out


def run_tasks(chunk: list[Task]) -> list[Outcome]:
    """Audits a chunk of one route's tasks, each report and its markdown; the chunk's reports are
    printed together (`chunk_size`). Each outcome carries its share of the chunk's time."""
    from auditor.errors import InputError

    started = time.perf_counter()
    route = chunk[0].route
    outcomes = [Outcome(task) for task in chunk]
    reports, seeds, options = {}, {}, {}
    with tempfile.TemporaryDirectory(prefix="precision-") as folder:
        folder = Path(folder)
        for n, outcome in enumerate(outcomes):
            task, name = outcome.task, f"r{n}"
            try:
                report, markdown, outcome.expected, options[name] = _made(task)
                if task.kind and outcome.expected is None:
                    outcome.skipped = True
                    continue
                md = folder / "md" / f"{name}.md"
                md.parent.mkdir(exist_ok=True)
                md.write_text(markdown, encoding="utf-8")
                outcome.markdown = _audit(str(md), options[name], outcome.violations)
            except Exception:  # a benchmark counts crashes instead of stopping at the first
                outcome.crash = traceback.format_exc(limit=6)
                continue
            if route == "markdown":
                outcome.findings = outcome.markdown
            else:  # the second generator's reports are printed from their markdown
                reports[name], seeds[name] = markdown if task.template == FRESH else report, task.seed
        printed = _print_each(route, reports, seeds, folder / route) if reports else {}
        for name, path in printed.items():
            outcome = outcomes[int(name[1:])]
            if isinstance(path, str):
                outcome.crash = path
                continue
            try:
                outcome.findings = _audit(str(path), options[name], outcome.violations)
            except InputError as error:
                outcome.unusable = error.message("en")
            except Exception:
                outcome.crash = traceback.format_exc(limit=6)
    for outcome in outcomes:
        outcome.seconds = (time.perf_counter() - started) / len(outcomes)
    return outcomes


def chunk_size(route: str) -> int:
    """Reports printed together: LibreOffice takes about 3 s to start and 0.7 s per document, so its
    routes convert many documents per run; the other routes print one report at a time."""
    return 25 if "libreoffice" in route else 1


def _share(total: int, parts: int) -> list[int]:
    """`total` split as evenly as possible into `parts` counts."""
    return [total // parts + (n < total % parts) for n in range(parts)]


def _injected_task(route: str, seed: int, template: str, kinds: list[str], turn: int, tries: int = 20) -> Task:
    """The injected report for a turn: the turn's kind (or, when no report of this layout has something
    to break that way, the next kind in turn) on the first of the seeds `seed`, `seed` + 1 000 000, …
    whose report has something to break, so that every injected report counts."""
    for step in range(len(kinds)):
        kind = kinds[(turn + step) % len(kinds)]
        for attempt in range(tries):
            task = Task(route, seed + 1_000_000 * attempt, template, kind)
            if _inject(task, generator.generate(task.seed, template=template)):
                return task
    return Task(route, seed, template, kinds[turn % len(kinds)])  # nothing applies: counted as skipped


def tasks(routes: list[str], clean: int, injected: int, first_seed: int = 0,
          layouts: tuple[str, ...] = LAYOUTS) -> list[Task]:
    """Per ROUTE: `clean` clean reports and `injected` injected ones, shared evenly among the layouts
    the route prints; within a layout the kinds that apply to it in turn."""
    out = []
    for route in routes:
        here = [layout for layout in layouts if layout != FRESH or route in fresh_reports.ROUTES]
        for template, clean_here, injected_here in zip(here, _share(clean, len(here)), _share(injected, len(here))):
            out += [Task(route, first_seed + n, template, None) for n in range(clean_here)]
            if template == FRESH:  # each kind makes sure its report prints what it changes
                kinds = sorted(fresh_reports.INJECTIONS)
                out += [Task(route, first_seed + 1000 + n, FRESH, kinds[n % len(kinds)]) for n in range(injected_here)]
            else:
                kinds = for_layout(template)
                out += [_injected_task(route, first_seed + 1000 + n, template, kinds, n) for n in range(injected_here)]
    return out


def _same_name(name: str) -> str:
    """A subject as the tool itself identifies entities (auditor.facts.canonical): a PDF cannot tell whether a
    line wrapped after "listrik/" had a space, so "listrik/ penerangan" and "listrik/penerangan" are one name."""
    from auditor.facts import canonical

    return canonical(name)


def _key(finding: tuple) -> tuple:
    return finding[0], _same_name(finding[1]), finding[2]


def found(outcome: Outcome) -> bool:
    """The expected rule reported the expected subject (as its subject, or named in its message,
    as the tests accept: LKJ403 'PENDIDIKAN / SLTA' for the column SLTA)."""
    rule, subject = outcome.expected
    return any(f[0] == rule and (_same_name(f[1]) == _same_name(subject) or subject.casefold() in f[4].casefold())
               for f in outcome.findings)


def summarise(outcomes: list[Outcome]) -> dict:
    """Per route: the figures the README quotes; per route and layout: clean errors and recall."""
    routes: dict = defaultdict(lambda: {"clean": 0, "clean_with_errors": 0, "clean_errors": 0, "recall": defaultdict(
        lambda: [0, 0]), "parity": [0, 0], "empty_subject": 0, "violations": 0, "unusable": 0, "crash": 0, "skipped": 0,
        "reports": 0, "seconds": 0.0, "examples": [],
        "layouts": defaultdict(lambda: {"clean": 0, "clean_errors": 0, "found": 0, "tried": 0})})
    for o in outcomes:
        r = routes[o.task.route]
        layout = r["layouts"][o.task.template]
        if o.skipped:
            r["skipped"] += 1
            continue
        r["reports"] += 1
        r["seconds"] += o.seconds
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


def print_summary(routes: dict, seconds: float, how: str, examples: int) -> None:
    print(f"precision benchmark ({seconds:.0f} s, {how})")
    for route in ROUTES:
        if route not in routes:
            continue
        r = routes[route]
        found_all = sum(c[0] for c in r["recall"].values())
        tried_all = sum(c[1] for c in r["recall"].values())
        print(f"\n== {route}: {r['reports']} reports, {r['seconds'] / max(r['reports'], 1):.2f} s per report and job "
              f"(printing, the audit of the file and of its markdown)")
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
              f"{r['violations']}, unusable: {r['unusable']}, crashes: {r['crash']}, "
              f"injections that found nothing to break: {r['skipped']}")
        for line in r["examples"][:examples]:
            print("  " + line)


def _interleaved(todo: list[Task]) -> list[Task]:
    """The tasks in an order of which every beginning samples each route, layout, clean and injected
    share alike, so that a run stopped by --minutes still measures all of them."""
    groups: dict[tuple, list[Task]] = defaultdict(list)
    for task in todo:
        groups[task.route, task.template, task.kind is None].append(task)
    ranked = [((n + 0.5) / len(group), g, task)
              for g, group in enumerate(groups.values()) for n, task in enumerate(group)]
    return [task for _, _, task in sorted(ranked, key=lambda item: item[:2])]


def chunks(todo: list[Task]) -> list[list[Task]]:
    """The tasks cut into chunks of one route and generator (`chunk_size`), in the order their last task comes."""
    chunks, open_chunks = [], defaultdict(list)
    for task in todo:
        key = task.route, task.template == FRESH  # one generator's reports per chunk
        chunk = open_chunks[key]
        chunk.append(task)
        if len(chunk) == chunk_size(task.route):
            chunks.append(open_chunks.pop(key))
    return chunks + list(open_chunks.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clean", type=int, default=100,
                        help="clean reports per route, shared evenly among the layouts (default: 100)")
    parser.add_argument("--injected", type=int, default=300,
                        help="injected reports per route, shared evenly among the layouts; in each layout the kinds "
                             "that apply to it in turn (default: 300)")
    parser.add_argument("--routes", nargs="+", default=list(ROUTES), choices=ROUTES)
    parser.add_argument("--kinds", nargs="+",
                        help="only these injected kinds (the other kinds' share of --injected is not audited)")
    parser.add_argument("--layouts", nargs="+", default=list(LAYOUTS), choices=LAYOUTS,
                        help="only these layouts (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--minutes", type=float,
                        help="stop after this long and print what was audited (every route, layout and share alike)")
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
    outcomes: list[Outcome] = []
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        results = pool.imap_unordered(run_tasks, chunks(_interleaved(todo)))
        while len(outcomes) < len(todo):
            left = None if args.minutes is None else max(started + 60 * args.minutes - time.perf_counter(), 0)
            try:
                done = results.next(timeout=left)
            except multiprocessing.TimeoutError:
                break  # leaving the pool stops its workers
            outcomes += done
            if len(outcomes) % 50 < len(done):  # a sign of life on long runs
                print(f"{len(outcomes)}/{len(todo)} reports, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    how = f"{args.jobs} job{'s' * (args.jobs > 1)}"
    if len(outcomes) < len(todo):
        how += f"; stopped by --minutes after {len(outcomes)} of {len(todo)} reports"
    print_summary(summarise(outcomes), time.perf_counter() - started, how, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
