"""The lkjip-audit command line: check, batch, extract, rules, explain, serve."""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from auditor.bilingual import Text
from auditor.formats import FORMATS, Options

# Each command imports what it needs: `--version`, `rules` and `explain` start without pandas and friends.
if TYPE_CHECKING:
    from auditor.audit import DocumentReport
    from auditor.config import Config

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
LANG = click.Choice(["id", "en"])


def fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_UNUSABLE)


def configured(config_path: str | None, select: str | None, ignore: str | None, fail_on: str | None) -> Config:
    from auditor.config import ConfigError, load_config

    try:
        config = load_config(config_path)
    except ConfigError as error:
        fail(str(error))
    if select:
        config.select = [p.strip() for p in select.split(",") if p.strip()]
    if ignore:
        config.ignore = [p.strip() for p in ignore.split(",") if p.strip()]
    if fail_on:
        config.fail_on = fail_on
    return config


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
@click.option("--ocr", is_flag=True, help="Run OCR on scanned pages (needs ocrmypdf and tesseract).")
@click.option("--timeout", type=float, help="Seconds one document may take (default 120).")
@click.option("--max-memory", type=int, help="Megabytes of memory one document may use (default 2048).")
@click.option("--annotate", "annotated", type=click.Path(dir_okay=False),
              help="Also write a copy of the (single) PDF with each finding's cells highlighted and commented.")
@click.option("--csv-sep", type=click.Choice([",", ";"]),
              help="CSV separator  [default: ';' with --lang id, as Excel set to Indonesian expects, else ',']")
@click.option("--store", "store", metavar="DB",
              help="History store: an SQLite file (audit.db) or a PostgreSQL URL. The audit is saved there and "
                   "compared with the instansi's earlier reports in it (LKJ6xx).")
@click.option("--pk", "pk_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="The signed Perjanjian Kinerja as its own file, compared with the report (repeatable).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False),
              help="Folder of HTML templates that override the built-in ones (e.g. letterhead.html).")
def check(files, output_format, lang, output, select, ignore, fail_on, config_path, password, ocr, timeout,
          max_memory, annotated, csv_sep, store, pk_files, templates) -> None:
    """Audit one or more LKjIP files and report every inconsistency found.

    Exit code: 0 no finding at or above --fail-on, 1 there is one, 2 a file could not be audited."""
    from auditor.audit import audit_file_guarded

    config = configured(config_path, select, ignore, fail_on)
    config.timeout = timeout or config.timeout
    config.max_memory = max_memory or config.max_memory
    if annotated and (len(files) != 1 or not files[0].lower().endswith(".pdf")):
        fail("--annotate: " + Text("berikan tepat satu berkas PDF.", "give exactly one PDF file.")[lang])
    reports = [audit_file_guarded(path, config, password=password, ocr=ocr) for path in files]
    if store or pk_files:
        from auditor.series import check_across

        check_across(reports, [audit_file_guarded(path, config, ocr=ocr) for path in pk_files], config, store, lang)
    options = Options(csv_sep=csv_sep, templates=templates)
    write_rendered(FORMATS[output_format].render(reports, lang, options), output, output_format, lang)
    if annotated and reports[0].status == "ok":
        from auditor.annotate import annotate
        from auditor.errors import InputError

        try:
            placed = annotate(reports[0], files[0], annotated, lang)
        except InputError as error:
            fail(error.message(lang))
        click.echo(Text(f"{placed.cells} sel ditandai, {placed.page_notes} catatan halaman -> {annotated}",
                        f"{placed.cells} cells highlighted, {placed.page_notes} page notes -> {annotated}")[lang], err=True)
    if output or output_format != "text":
        for report in reports:
            if report.status == "error":
                click.echo(report.error.message(lang), err=True)
    sys.exit(exit_code(reports, config.fail_on))


def write_rendered(rendered: str | bytes, output: str | None, output_format: str, lang: str) -> None:
    """Text goes to the file or the terminal; a binary format goes to a file or a pipe, never to a terminal."""
    if isinstance(rendered, bytes):
        if output:
            with open(output, "wb") as handle:
                handle.write(rendered)
        elif sys.stdout.isatty():
            extension = FORMATS[output_format].extension
            fail(f"--format {output_format}: " + Text(f"keluaran biner; tulis ke berkas dengan -o LAPORAN.{extension}.",
                                                     f"binary output; write it to a file with -o REPORT.{extension}.")[lang])
        else:
            sys.stdout.buffer.write(rendered)
            sys.stdout.flush()
    elif output:
        with open(output, "w", encoding="utf-8", newline="") as handle:  # CSV brings its own line ends
            handle.write(rendered + "\n")
    else:
        click.echo(rendered)


def exit_code(reports: list[DocumentReport], fail_on: str) -> int:
    if any(r.status == "error" for r in reports):
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if any(r.failed(fail_on) for r in reports) else EXIT_CLEAN


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False),
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
@click.option("--ocr", is_flag=True, help="Run OCR on scanned pages (needs ocrmypdf and tesseract).")
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

    Exit code: 0 when every document was audited without findings at the --fail-on level; 1 when any document
    has such findings or could not be audited (unreadable, corrupt, over the time or memory limit); 2 for a
    usage or configuration error.
    """
    from auditor.batch import DEFAULT_FORMATS, run_batch

    config = configured(config_path, select, ignore, fail_on)
    outcome = run_batch(list(paths), outdir, config, jobs=jobs, lang=lang, timeout_s=timeout, memory_mb=max_memory,
                        resume=resume, ocr=ocr, formats=output_formats or DEFAULT_FORMATS, progress=progress,
                        options=Options(csv_sep=csv_sep, templates=templates), store=store, executor=executor,
                        scheduler=scheduler, packs=packs, reviewer=reviewer, password=password)
    reports = outcome.reports
    failed = [r for r in reports if r.status == "ok" and r.failed(config.fail_on)]
    words = Text("{n} dokumen ({audited} diperiksa sekarang, {resumed} dari hasil sebelumnya): {clean} bersih, "
                 "{failed} dengan temuan, {unusable} tidak dapat diperiksa; {seconds:.1f} detik.",
                 "{n} documents ({audited} audited now, {resumed} from earlier results): {clean} clean, "
                 "{failed} with findings, {unusable} could not be audited; {seconds:.1f} s.")
    click.echo(words[lang].format(n=len(reports), audited=outcome.audited, resumed=outcome.resumed,
                            clean=len(reports) - len(failed) - len(outcome.unusable), failed=len(failed),
                            unusable=len(outcome.unusable), seconds=outcome.seconds))
    for report in reports:
        if report.status == "error":
            click.echo(f"  ✗ {report.error.message(lang)}")
    for path in outcome.files:
        click.echo(f"-> {path}")
    sys.exit(EXIT_FINDINGS if failed or outcome.unusable else EXIT_CLEAN)


@main.command(name="rules")
@click.option("--lang", type=LANG, default="id", show_default=True)
def list_rules(lang) -> None:
    """Print the rule catalogue."""
    from tabulate import tabulate

    from rules import RULES

    rows = [(code, rule.SEVERITY, rule.TITLE[lang]) for code, rule in sorted(RULES.items())]
    headers = [Text("Kode", "Code"), Text("Tingkat", "Severity"), Text("Judul", "Title")]
    click.echo(tabulate(rows, headers=[h[lang] for h in headers], tablefmt="simple"))


@main.command()
@click.argument("code")
@click.option("--lang", type=LANG, default="id", show_default=True)
def explain(code, lang) -> None:
    """Print a rule's documentation, options and examples."""
    from rules import RULES

    rule = RULES.get(code.upper())
    if rule is None:
        fail(f"{code}: " + Text("kode aturan tidak dikenal; lihat 'lkjip-audit rules'.",
                                "unknown rule code; see 'lkjip-audit rules'.")[lang])
    click.echo(f"{rule.ID} — {rule.TITLE[lang]} ({rule.SEVERITY})\n")
    click.echo((rule.__doc__ or "").strip())
    if rule.DEFAULT:
        click.echo("\nOptions:")
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
def extract(file, output, password, ocr, lang, config_path) -> None:
    """Write the normalised tables and the fact store, to see exactly what was read (the fact store
    `check` audits: same configuration); print each table's role and the meaning chosen for each column."""
    from auditor.document import load
    from auditor.errors import InputError
    from auditor.extract import describe_tables, write_csv_folder, write_workbook

    config = configured(config_path, None, None, None)
    try:
        document = load(file, config, password=password, ocr=ocr)
    except InputError as error:
        fail(error.message(lang))
    if output.lower().endswith(".xlsx"):
        write_workbook(document, output)
    else:
        os.makedirs(output, exist_ok=True)
        write_csv_folder(document, output)
    for line in describe_tables(document, lang):
        click.echo(line)
    click.echo(f"{len(document.tables)} tables, {len(document.facts)} facts -> {output}")


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
