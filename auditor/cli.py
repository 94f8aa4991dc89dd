"""The lkjip-audit command line: check, batch, extract, rules, explain, serve."""
from __future__ import annotations

import os
import sys
import tempfile
from typing import TYPE_CHECKING

import click

from auditor.bilingual import Text
from auditor.errors import InputError
from auditor.formats import FORMATS, Options
from auditor.formats.common import json_header
from auditor.guard import WorkerError, limits_notice, run_limited
from auditor.outputs import check_output_file, check_output_folder, display, for_display, write_atomic

# Each command imports what it needs: `--version`, `rules` and `explain` start without pandas and friends.
if TYPE_CHECKING:
    from auditor.audit import DocumentReport
    from auditor.config import Config

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
LANG = click.Choice(["id", "en"])


def fail(message: str) -> None:
    click.echo(display(message), err=True)
    sys.exit(EXIT_UNUSABLE)


def say(message: str, **kwargs) -> None:
    """Text for the terminal: names and cells may carry escape sequences or undecodable bytes."""
    click.echo(display(message), **kwargs)


def notice_limits(lang: str) -> None:
    notice = limits_notice(lang)
    if notice:
        click.echo(notice, err=True)


def configured(config_path: str | None, select: str | None, ignore: str | None, fail_on: str | None,
               lang: str = "id", near: str | None = None) -> Config:
    """The configuration file (given, else found from the report's folder or the working directory upwards)
    under the command-line flags; an unknown rule code is a usage error, not an empty run."""
    from auditor.config import ConfigError, load_config, unknown_codes

    try:
        config = load_config(config_path, near=near)
    except ConfigError as error:
        fail(error.text[lang])
    for option, value in (("select", select), ("ignore", ignore)):
        if not value:
            continue
        codes = [p.strip().upper() for p in value.split(",") if p.strip()]
        unknown = unknown_codes(codes)
        if unknown:
            fail(f"--{option}: " + (f"kode aturan tidak dikenal: {', '.join(unknown)}; lihat 'lkjip-audit rules'."
                                    if lang == "id" else
                                    f"unknown rule code(s): {', '.join(unknown)}; see 'lkjip-audit rules'."))
        setattr(config, option, codes)
    if fail_on:
        config.fail_on = fail_on
    return config


def colour_wanted(output: str | None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def read_stdin(lang: str) -> str:
    """`-` as the file: the report arrives on standard input; PDF or markdown is told by its first bytes."""
    data = sys.stdin.buffer.read()
    if not data:
        fail("-: " + ("tidak ada masukan pada stdin." if lang == "id" else "nothing on standard input."))
    handle = tempfile.NamedTemporaryFile(prefix="lkjip-stdin-", suffix=".pdf" if data[:5] == b"%PDF-" else ".md",
                                         delete=False)
    with handle:
        handle.write(data)
    return handle.name


def audited_with_progress(path: str, config: Config, password: str | None, ocr: bool, lang: str,
                          quiet: bool) -> DocumentReport:
    """audit_file_guarded; on a terminal, a PDF shows a bar of the seconds spent against --timeout meanwhile
    (a long PDF or OCR takes minutes, and silence looks like a hang), with OCR the page it has reached."""
    from auditor.audit import audit_file_guarded

    if quiet or not path.lower().endswith(".pdf") or not sys.stderr.isatty():
        return audit_file_guarded(path, config, password=password, ocr=ocr)
    import multiprocessing
    import threading
    import time

    from tqdm import tqdm

    from auditor.guard import start_method

    done: list = []
    pages = multiprocessing.get_context(start_method()).Array("i", 2) if ocr else None  # OCR'd, to OCR

    def audit() -> None:
        try:
            done.append(audit_file_guarded(path, config, password=password, ocr=ocr, pages=pages))
        except BaseException as error:  # noqa: BLE001 - handed back to the main thread below
            done.append(error)

    worker = threading.Thread(target=audit, daemon=True)
    tqdm.monitor_interval = 0
    label = os.path.basename(path) + (" (OCR)" if ocr else "")
    with tqdm(total=int(config.timeout), unit="s", file=sys.stderr, leave=False, desc=label,
              bar_format="{desc}: {bar} {n_fmt}/{total_fmt} s " + ("batas waktu" if lang == "id" else "time limit"),
              dynamic_ncols=True) as bar:
        started = time.monotonic()
        worker.start()
        while worker.is_alive():
            worker.join(0.5)
            bar.n = min(int(time.monotonic() - started), bar.total)
            if pages is not None and pages[1]:
                bar.set_description(f"{label} {'hlm.' if lang == 'id' else 'page'} {pages[0]}/{pages[1]}",
                                    refresh=False)
            bar.refresh()
    if isinstance(done[0], BaseException):
        raise done[0]
    return done[0]


def statistics(reports: list[DocumentReport], lang: str) -> str:
    """Findings counted per rule, most frequent first (flake8 --statistics)."""
    from collections import Counter

    from rules import RULES

    counts = Counter(f.rule for r in reports for f in r.findings)
    return "\n".join(f"{count:>5}  {code}  {RULES[code].TITLE[lang] if code in RULES else ''}"
                     for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lkjip-audit")
def main() -> None:
    """Audit LKjIP reports (PDF or markdown) for figures that contradict each other."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--lang", type=LANG, default="id", show_default=True, help="Language of messages.")
@click.option("-o", "--output", type=click.Path(), help="Write the report to this file instead of the terminal.")
@click.option("--select", help="Rule code prefixes to run, comma separated (e.g. LKJ1,LKJ201).")
@click.option("--ignore", help="Rule code prefixes to skip, comma separated.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that makes the exit code 1.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="Configuration file.")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--ocr", is_flag=True, help="OCR the scanned pages, table cell by table cell (needs tesseract).")
@click.option("--timeout", type=float, help="Seconds one document may take (default 120).")
@click.option("--max-memory", type=int, help="Megabytes of memory one document may use (default 2048).")
@click.option("--annotate", "annotated", type=click.Path(dir_okay=False),
              help="Also write a copy of the (single) PDF with each finding's cells, rows and sentences highlighted and commented.")
@click.option("--csv-sep", type=click.Choice([",", ";"]),
              help="CSV separator  [default: ';' with --lang id, as Excel set to Indonesian expects, else ',']")
@click.option("--store", "store", metavar="DB",
              help="History store: an SQLite file (audit.db) or a PostgreSQL URL. The audit is saved there and "
                   "compared with the instansi's earlier reports in it (LKJ6xx).")
@click.option("--pk", "pk_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="The signed Perjanjian Kinerja as its own file, compared with the report (repeatable).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False),
              help="Folder of HTML templates that override the built-in ones (e.g. letterhead.html).")
@click.option("--statistics", "statistics_wanted", is_flag=True, help="Also print the number of findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: nothing for a clean file, no notes or coverage.")
def check(files, output_format, lang, output, select, ignore, fail_on, config_path, password, ocr, timeout,
          max_memory, annotated, csv_sep, store, pk_files, templates, statistics_wanted, quiet) -> None:
    """Audit one or more LKjIP files and report every inconsistency found; `-` reads one from standard input.

    Exit code: 0 no finding at or above --fail-on, 1 there is one, 2 a file could not be audited."""
    from auditor.audit import audit_file_guarded
    from auditor.crops import crops_guarded

    stdin = None
    if "-" in files:
        if len(files) != 1:
            fail("-: " + ("stdin hanya untuk satu berkas." if lang == "id" else "stdin takes the only file."))
        stdin = read_stdin(lang)
        files = (stdin,)
    config = configured(config_path, select, ignore, fail_on, lang, near=None if stdin else os.path.dirname(files[0]))
    config.timeout = timeout or config.timeout
    config.max_memory = max_memory or config.max_memory
    if annotated and (len(files) != 1 or not files[0].lower().endswith(".pdf")):
        fail("--annotate: " + Text("berikan tepat satu berkas PDF.", "give exactly one PDF file.")[lang])
    try:  # every output place is checked before the audit, which may take minutes
        if output:
            check_output_file(output, files)
        if annotated:
            check_output_file(annotated, [*files, *([output] if output else [])], option="--annotate")
    except InputError as error:
        fail(error.message(lang))
    notice_limits(lang)
    try:
        reports = [audited_with_progress(path, config, password, ocr, lang, quiet) for path in files]
        # cut while the input is there (a copy of stdin is deleted below)
        crops = crops_guarded(reports, password=password, timeout_s=config.timeout, memory_mb=config.max_memory
                              ) if output_format == "html" else []
    finally:
        if stdin:
            os.unlink(stdin)
    if stdin:
        for report in reports:  # name the input as the user did, not the temporary copy
            report.path = "-"
            if report.error:
                report.error.path = "-"
    if store or pk_files:
        from auditor.series import check_across

        check_across(reports, [audit_file_guarded(path, config, ocr=ocr) for path in pk_files], config, store, lang)
    shown = for_display(reports)
    options = Options(csv_sep=csv_sep, templates=templates, color=colour_wanted(output), quiet=quiet,
                      extra=json_header(config), crops=dict(zip((report.path for report in shown), crops)))
    rendered = FORMATS[output_format].render(shown, lang, options)
    if rendered or not quiet:
        write_rendered(rendered, output, output_format, lang)
    if statistics_wanted:
        click.echo(statistics(reports, lang), err=bool(output) or output_format != "text")
    if annotated and reports[0].status == "ok":
        placed = annotate_guarded(reports[0], files[0], annotated, lang, password, config)
        if not quiet:
            say(Text(f"{placed.cells} sel/baris dan {placed.sentences} kalimat ditandai, {placed.page_notes} catatan "
                     f"halaman -> {annotated}",
                     f"{placed.cells} cells/rows and {placed.sentences} sentences highlighted, {placed.page_notes} "
                     f"page notes -> {annotated}")[lang], err=True)
    if output or output_format != "text":
        for report in reports:
            if report.status == "error":
                say(report.error.message(lang), err=True)
    sys.exit(exit_code(reports, config.fail_on))


def annotate_guarded(report: DocumentReport, pdf_path: str, out_path: str, lang: str, password: str | None,
                     config: Config):
    """The annotated copy, made under the same time and memory limits as the audit; a failure is one line."""
    from auditor.annotate import annotate_file

    try:
        return run_limited(annotate_file, pdf_path, report, out_path, lang, password=password,
                           timeout_s=config.timeout, memory_mb=config.max_memory)
    except InputError as error:
        fail("--annotate: " + error.message(lang))
    except WorkerError:
        fail(f"--annotate: {pdf_path}: " + Text(
            "salinan bertanda tidak dapat dibuat dari PDF ini; laporan temuan tetap berlaku, laporkan berkasnya ke "
            "pengembang.",
            "could not make the annotated copy of this PDF; the findings report stands, report the file to the "
            "developers.")[lang])


def write_rendered(rendered: str | bytes, output: str | None, output_format: str, lang: str) -> None:
    """Text goes to the file or the terminal; a binary format goes to a file or a pipe, never to a terminal."""
    if isinstance(rendered, bytes):
        if output:
            write_atomic(output, rendered)
        elif sys.stdout.isatty():
            extension = FORMATS[output_format].extension
            fail(f"--format {output_format}: " + Text(f"keluaran biner; tulis ke berkas dengan -o LAPORAN.{extension}.",
                                                     f"binary output; write it to a file with -o REPORT.{extension}.")[lang])
        else:
            sys.stdout.buffer.write(rendered)
            sys.stdout.flush()
    elif output:
        write_atomic(output, rendered + "\n")  # CSV brings its own line ends: written as they are
    elif output_format == "text":
        say(rendered)
    else:
        click.echo(rendered)


def exit_code(reports: list[DocumentReport], fail_on: str) -> int:
    if any(r.status == "error" for r in reports):
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if any(r.failed(fail_on) for r in reports) else EXIT_CLEAN


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(),
              help="Folder for results.jsonl, summary.json and the reports.")
@click.option("--format", "output_formats", multiple=True, type=click.Choice(sorted(FORMATS)),
              help="Reports to write in the folder (repeatable); default: excel, csv and html "
                   "(summary.xlsx, findings.csv, report.html).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes  [default: all cores]")
@click.option("--timeout", type=click.FloatRange(min=1), help="Seconds allowed per document  [default: 120, or the config's].")
@click.option("--max-memory", type=click.IntRange(min=64), help="Megabytes allowed per document  [default: 2048, or the config's].")
@click.option("--resume", is_flag=True, help="Keep results.jsonl and skip documents already in it (same sha256 of the bytes).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr  [default: when stderr is a terminal]")
@click.option("--lang", type=LANG, default="id", show_default=True, help="Language of messages.")
@click.option("--select", help="Rule code prefixes to run, comma separated (e.g. LKJ1,LKJ201).")
@click.option("--ignore", help="Rule code prefixes to skip, comma separated.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that makes the exit code 1.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="Configuration file.")
@click.option("--ocr", is_flag=True, help="OCR the scanned pages, table cell by table cell (needs tesseract).")
@click.option("--csv-sep", type=click.Choice([",", ";"]),
              help="CSV separator  [default: ';' with --lang id, as Excel set to Indonesian expects, else ',']")
@click.option("--store", "store", metavar="DB",
              help="History store: an SQLite file (audit.db) or a PostgreSQL URL; every document is saved there and "
                   "compared with the earlier reports it holds (LKJ6xx).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the per-document audits run: worker processes here, or a Dask distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) for --executor dask; without it a LocalCluster of "
                   "--jobs workers is started.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False),
              help="Folder of HTML templates that override the built-in ones (e.g. letterhead.html).")
@click.option("--packs", is_flag=True,
              help="Also write a review pack per report in OUTDIR/paket-reviu: the annotated PDF, the findings as "
                   "Excel and a Catatan Hasil Reviu (.docx) to finish in Word.")
@click.option("--reviewer", default="", help="Reviewer's name for the Catatan Hasil Reviu.")
@click.option("--password", help="Password of encrypted PDFs in the batch.")
def batch(paths, outdir, output_formats, jobs, timeout, max_memory, resume, progress, lang, select, ignore, fail_on,
          config_path, ocr, csv_sep, store, executor, scheduler, templates, packs, reviewer, password) -> None:
    """Audit every PDF and markdown file under PATHS (folders are searched recursively), each document in its
    own worker process under a time and memory limit.

    Each result is appended to OUTDIR/results.jsonl as soon as it is ready, so an interrupted batch keeps its
    work: rerun with --resume to do only the rest. At the end the reports and summary.json are written from all
    results, and documents that could not be audited are listed with the reason.

    Exit code, as for check: 0 when every document was audited without findings at the --fail-on level;
    1 when any document has such findings; 2 when any document could not be audited (unreadable, corrupt,
    over the time or memory limit; the others are still audited) or for a usage or configuration error.
    """
    from auditor.batch import DEFAULT_FORMATS, run_batch

    config = configured(config_path, select, ignore, fail_on, lang,
                        near=paths[0] if os.path.isdir(paths[0]) else os.path.dirname(paths[0]))
    notice_limits(lang)
    try:
        outcome = run_batch(list(paths), outdir, config, jobs=jobs, lang=lang, timeout_s=timeout,
                            memory_mb=max_memory, resume=resume, ocr=ocr, formats=output_formats or DEFAULT_FORMATS,
                            progress=progress, options=Options(csv_sep=csv_sep, templates=templates), store=store,
                            executor=executor, scheduler=scheduler, packs=packs, reviewer=reviewer, password=password)
    except InputError as error:
        fail(error.message(lang))
    reports = for_display(outcome.reports)
    failed = [r for r in reports if r.status == "ok" and r.failed(config.fail_on)]
    words = Text("{n} dokumen ({audited} diperiksa sekarang, {resumed} dari hasil sebelumnya): {clean} bersih, "
                 "{failed} dengan temuan, {unusable} tidak dapat diperiksa; {seconds:.1f} detik.",
                 "{n} documents ({audited} audited now, {resumed} from earlier results): {clean} clean, "
                 "{failed} with findings, {unusable} could not be audited; {seconds:.1f} s.")
    say(words[lang].format(n=len(reports), audited=outcome.audited, resumed=outcome.resumed,
                           clean=len(reports) - len(failed) - len(outcome.unusable), failed=len(failed),
                           unusable=len(outcome.unusable), seconds=outcome.seconds))
    for report in reports:
        if report.status == "error":
            say(f"  ✗ {report.error.message(lang)}")
    for path in outcome.files:
        say(f"-> {path}")
    sys.exit(exit_code(reports, config.fail_on))


@main.command(name="rules")
@click.option("--lang", type=LANG, default="id", show_default=True)
def list_rules(lang) -> None:
    """Print the rule catalogue."""
    from tabulate import tabulate

    from rules import RULES

    from auditor.formats.common import SEVERITY_WORDS

    rows = [(code, SEVERITY_WORDS[lang][rule.SEVERITY], rule.TITLE[lang]) for code, rule in sorted(RULES.items())]
    headers = [Text("Kode", "Code"), Text("Tingkat", "Severity"), Text("Judul", "Title")]
    click.echo(tabulate(rows, headers=[h[lang] for h in headers], tablefmt="simple"))


@main.command()
@click.argument("code")
@click.option("--lang", type=LANG, default="id", show_default=True)
def explain(code, lang) -> None:
    """Print a rule's rationale, message, examples and options in the chosen language."""
    from rules import RULES, examples, rationale

    rule = RULES.get(code.upper())
    if rule is None:
        fail(f"{code}: " + ("kode aturan tidak dikenal; lihat 'lkjip-audit rules'." if lang == "id"
                            else "unknown rule code; see 'lkjip-audit rules'."))
    from auditor.formats.common import SEVERITY_WORDS

    click.echo(f"{rule.ID} — {rule.TITLE[lang]} ({SEVERITY_WORDS[lang][rule.SEVERITY]})\n")
    click.echo(rationale(rule)[lang] + "\n")
    if lang == "id":
        # the examples are the reports themselves, in Indonesian already; only their two headings are English
        click.echo("Pesan: " + rule.MESSAGE["id"] + "\n")
        click.echo(examples(rule, "id").replace("PASS:", "LOLOS (contoh tanpa temuan):").replace("FAIL:", "TEMUAN (contoh):"))
    else:
        click.echo(examples(rule, "en"))
    if rule.DEFAULT:
        click.echo("\nOpsi:" if lang == "id" else "\nOptions:")
        for key, value in rule.DEFAULT.items():
            click.echo(f"  {key.replace('_', '-')} = {value!r}")


@main.command()
@click.argument("file", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(),
              help="An .xlsx workbook, or a folder that receives one CSV per table plus facts.csv.")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--ocr", is_flag=True, help="Run OCR on scanned pages.")
@click.option("--lang", type=LANG, default="id", show_default=True)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Configuration file (its [lkjip-audit:headers] synonyms are used too).")
@click.option("--timeout", type=click.FloatRange(min=1), help="Seconds the document may take  [default: 120, or the config's].")
@click.option("--max-memory", type=click.IntRange(min=64), help="Megabytes the document may use  [default: 2048, or the config's].")
def extract(file, output, password, ocr, lang, config_path, timeout, max_memory) -> None:
    """Write the normalised tables and the fact store, to see exactly what was read (the fact store
    `check` audits: same configuration); print each table's role and the meaning chosen for each column."""
    from auditor.extract import extract_file

    config = configured(config_path, None, None, None, lang)
    try:
        if output.lower().endswith(".xlsx"):
            check_output_file(output, [file])
        else:
            check_output_folder(output, [file])
    except InputError as error:
        fail(error.message(lang))
    notice_limits(lang)
    try:  # reading and writing run under the same limits as an audit
        tables, facts, described = run_limited(extract_file, file, output, config, lang, password=password, ocr=ocr,
                                               timeout_s=timeout or config.timeout,
                                               memory_mb=max_memory or config.max_memory)
    except InputError as error:
        fail(error.message(lang))
    except WorkerError:
        fail(f"{file}: " + Text("kesalahan internal saat membaca berkas ini; laporkan ke pengembang beserta berkasnya.",
                                "internal error while reading this file; report it to the developers with the file.")[lang])
    for line in described:
        say(line)
    say(Text(f"{tables} tabel, {facts} fakta -> {output}", f"{tables} tables, {facts} facts -> {output}")[lang])


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 opens the page to the office network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--max-upload", type=click.FloatRange(min=0.1), default=50, show_default=True,
              help="Megabytes one upload may carry.")
@click.option("--keep", type=click.FloatRange(min=1), default=60, show_default=True,
              help="Minutes uploaded files and results are kept before they are deleted.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Documents audited at the same time.")
@click.option("--timeout", type=click.FloatRange(min=1), help="Seconds allowed per document  [default: 120, or the config's].")
@click.option("--max-memory", type=click.IntRange(min=64), help="Megabytes allowed per document  [default: 2048, or the config's].")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="Configuration file.")
def serve(host, port, max_upload, keep, jobs, timeout, max_memory, config_path) -> None:
    """Start a local web page where authors upload reports and see the findings on the page images."""
    import uvicorn  # the web stack loads only for this command

    from auditor.web.app import Settings, create_app

    config = configured(config_path, None, None, None)
    config.timeout = timeout or config.timeout
    config.max_memory = max_memory or config.max_memory
    app = create_app(Settings(config, max_upload_mb=max_upload, keep_minutes=keep, workers=jobs))
    click.echo(f"lkjip-audit: http://{host}:{port}/  (Ctrl+C: berhenti / stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
