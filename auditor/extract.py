"""Write what was read — every normalised table and the fact store — to Excel or CSV files."""
from __future__ import annotations

import os
import re
from decimal import Decimal

import pandas as pd
from openpyxl import Workbook

from auditor.config import Config
from auditor.document import Document, load
from auditor.formats.cells import append_row, csv_value
from auditor.outputs import replacing


def _sheet_name(table) -> str:
    label = re.sub(r"[\[\]\*\?/\\:]", " ", table.label)
    return f"T{table.index:02d} {label}"[:31]


# What each role means to a reviewer: which rules read the table.
ROLES = {
    "capaian_sasaran": ("capaian kinerja sasaran (target, realisasi, capaian)", "performance by sasaran (target, realisasi, capaian)"),
    "capaian_tujuan": ("capaian kinerja tujuan", "performance by tujuan"),
    "realisasi_history": ("realisasi tahun-tahun sebelumnya", "realisasi of earlier years"),
    "target_plan": ("target beberapa tahun", "targets of several years"),
    "renstra_end": ("capaian terhadap target akhir Renstra", "capaian against the Renstra end target"),
    "pk_target": ("target Perjanjian Kinerja", "Perjanjian Kinerja targets"),
    "pk_anggaran": ("anggaran program Perjanjian Kinerja", "Perjanjian Kinerja program budgets"),
    "realisasi_tree": ("realisasi kinerja tujuan/sasaran/program/kegiatan", "realisasi of tujuan/sasaran/program/kegiatan"),
    "realisasi_anggaran": ("realisasi anggaran program/kegiatan", "budget realisation by program/kegiatan"),
    "efisiensi": ("efisiensi penggunaan sumber daya", "efficiency of resource use"),
    "rata_rata": ("rekap rata-rata capaian per sasaran (dihitung ulang dari indikatornya)",
                  "recap of average capaian per sasaran (recomputed from its indikator)"),
    "kegiatan_target": ("target per kegiatan (mis. penyelarasan Renstra)", "targets by kegiatan (e.g. Renstra alignment)"),
    "pegawai": ("sumber daya aparatur (hanya baris/kolom JUMLAH)", "staff (JUMLAH rows/columns only)"),
    "other": ("tidak dikenali: hanya baris/kolom JUMLAH yang diperiksa", "not recognised: only JUMLAH rows/columns checked"),
}
_UNRECOGNISED_HINT = {
    "id": "    (tidak ada kolom target/realisasi/capaian atau anggaran yang dikenali; tambahkan sinonim judul kolom "
          "di bagian [lkjip-audit:headers] konfigurasi)",
    "en": "    (no target/realisasi/capaian or budget column recognised; add header synonyms in the "
          "[lkjip-audit:headers] section of the configuration)",
}


def describe_tables(document: Document, lang: str = "id") -> list[str]:
    """One block per table: its role, what that means, and the meaning chosen for each column."""
    lines = []
    for table in document.tables:
        where = f", {'hlm.' if lang == 'id' else 'p.'} {table.page}" if table.page else ""
        role = ROLES.get(table.role, (table.role, table.role))[0 if lang == "id" else 1]
        lines.append(f"T{table.index:02d} {table.label}{where}: {table.role} — {role}")
        lines.append("    " + " | ".join(f"{c.name or c.key} → {c.meaning or '?'}" for c in table.columns))
        if table.role == "other" and len(table.rows) > 1:
            lines.append(_UNRECOGNISED_HINT[lang])
    return lines


def table_index(document: Document) -> pd.DataFrame:
    return pd.DataFrame([
        {"table": t.index, "label": t.label, "caption": t.caption, "role": t.role,
         "role_meaning": ROLES.get(t.role, ("", ""))[0], "rows": len(t.rows), "fragments": t.fragments, "page": t.page,
         "columns": " | ".join(f"{c.key}: {c.name} [{c.meaning or '-'}]" for c in t.columns)}
        for t in document.tables
    ])


def facts_for_export(document: Document) -> pd.DataFrame:
    facts = document.facts.copy()
    facts["number"] = [float(n) if isinstance(n, Decimal) else None for n in facts["number"]]
    facts["box"] = [" ".join(f"{v:.1f}" for v in box) if isinstance(box, tuple) else None for box in facts["box"]]
    facts["text_boxes"] = ["; ".join(f"{page}: " + " ".join(f"{v:.1f}" for v in box) for page, box in boxes)
                           if isinstance(boxes, tuple) and boxes else None for boxes in facts["text_boxes"]]
    return facts


def extract_file(path: str, output: str, config: Config, lang: str = "id", *, password: str | None = None,
                 ocr: bool = False) -> tuple[int, int, list[str]]:
    """Reads `path` and writes what was read to `output` (an .xlsx workbook, else a folder of CSV files);
    returns the number of tables and facts and describe_tables' lines. The CLI runs it under the
    per-document limits."""
    document = load(path, config, password=password, ocr=ocr)
    if output.lower().endswith(".xlsx"):
        write_workbook(document, output)
    else:
        os.makedirs(output, exist_ok=True)
        write_csv_folder(document, output)
    return len(document.tables), len(document.facts), describe_tables(document, lang)


def write_workbook(document: Document, path: str) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    frames = [("tables", table_index(document)), ("facts", facts_for_export(document))]
    frames += [(_sheet_name(table), table.frame) for table in document.tables]
    for name, frame in frames:
        sheet = workbook.create_sheet(name)
        append_row(sheet, [str(c) for c in frame.columns])
        for values in frame.itertuples(index=False):
            # printed cells are text from the report: stored as strings, so none can run as a formula
            append_row(sheet, [None if _missing(v) else v for v in values])
    with replacing(path) as temporary:
        workbook.save(temporary)


def write_csv_folder(document: Document, folder: str) -> None:
    frames = {"tables.csv": table_index(document), "facts.csv": facts_for_export(document)}
    for table in document.tables:
        name = re.sub(r"[^A-Za-z0-9.]+", "_", _sheet_name(table)).strip("_")
        frames[f"{name}.csv"] = table.frame
    for name, frame in frames.items():
        with replacing(os.path.join(folder, name)) as temporary:
            frame.map(csv_value).to_csv(temporary, index=False)


def _missing(value) -> bool:
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))
