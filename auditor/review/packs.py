"""Review packs: per report a folder with the annotated PDF, the findings as Excel and the Catatan Hasil Reviu."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

from auditor.errors import InputError
from auditor.formats import excel
from auditor.formats.common import Options
from auditor.guard import WorkerError, run_limited
from auditor.review import catatan

FOLDER = "paket-reviu"


@dataclass
class Pack:
    folder: str  # relative to the batch output folder
    files: list[str] = field(default_factory=list)  # relative to the batch output folder
    annotated: str | None = None  # the annotated PDF, relative to the batch output folder
    problem: str | None = None  # why the annotated PDF is missing, when it is


def pack_name(path: str, taken: set[str]) -> str:
    """A folder name from the file name: portable characters only, made unique within the batch."""
    stem = os.path.splitext(os.path.basename(path))[0]
    name = re.sub(r"[^\w.-]+", "_", stem, flags=re.ASCII).strip("._") or "laporan"
    candidate, number = name, 2
    while candidate.lower() in taken:
        candidate, number = f"{name}-{number}", number + 1
    taken.add(candidate.lower())
    return candidate


def write_packs(reports, outdir: str, lang: str = "id", *, reviewer: str = "", date: dt.date | None = None,
                timeout_s: float = 120, memory_mb: int = 2048) -> dict[str, Pack]:
    """Writes OUTDIR/paket-reviu/<name>/ for every report; returns the pack of each audited path."""
    packs: dict[str, Pack] = {}
    taken: set[str] = set()
    for report in reports:
        name = pack_name(report.path, taken)
        pack = Pack(os.path.join(FOLDER, name))
        folder = os.path.join(outdir, pack.folder)
        os.makedirs(folder, exist_ok=True)
        annotated_name = None
        if report.status == "ok" and report.path.lower().endswith(".pdf"):
            annotated_name = f"{name}-anotasi.pdf"
            pack.problem = _annotate(report, os.path.join(folder, annotated_name), lang, timeout_s, memory_mb)
            if pack.problem:
                annotated_name = None
            else:
                pack.annotated = os.path.join(pack.folder, annotated_name)
                pack.files.append(pack.annotated)
        links = {report.path: annotated_name} if annotated_name else {}
        outputs = ((f"{name}-temuan.xlsx", excel.render([report], lang, Options(pdf_links=links))),
                   (f"{name}-catatan-hasil-reviu.docx", catatan.render(report, lang, reviewer=reviewer, date=date)))
        for file_name, content in outputs:
            with open(os.path.join(folder, file_name), "wb") as handle:
                handle.write(content)
            pack.files.append(os.path.join(pack.folder, file_name))
        packs[report.path] = pack
    return packs


def _annotate(report, target: str, lang: str, timeout_s: float, memory_mb: int) -> str | None:
    """Annotates under the same limits as the audit; a PDF that cannot be annotated costs only its copy."""
    try:
        run_limited(_annotate_file, report.path, report, target, lang, timeout_s=timeout_s, memory_mb=memory_mb)
    except InputError as error:
        return error.message(lang)
    except WorkerError:
        return f"{report.path}: " + ("PDF beranotasi tidak dapat dibuat." if lang == "id"
                                     else "the annotated PDF could not be made.")
    return None


def _annotate_file(path: str, report, target: str, lang: str):
    from auditor.annotate import annotate

    return annotate(report, path, target, lang)
