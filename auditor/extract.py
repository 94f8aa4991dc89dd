"""Write what was read — every normalised table and the fact store — to Excel or CSV files."""
from __future__ import annotations

import os
import re
from decimal import Decimal

import pandas as pd
from openpyxl import Workbook

from auditor.document import Document
from auditor.formats.cells import append_row, csv_value


def _sheet_name(table) -> str:
    label = re.sub(r"[\[\]\*\?/\\:]", " ", table.label)
    return f"T{table.index:02d} {label}"[:31]


def table_index(document: Document) -> pd.DataFrame:
    return pd.DataFrame([
        {"table": t.index, "label": t.label, "caption": t.caption, "role": t.role, "rows": len(t.rows),
         "fragments": t.fragments, "page": t.page,
         "columns": " | ".join(f"{c.key}: {c.name} [{c.meaning or '-'}]" for c in t.columns)}
        for t in document.tables
    ])


def facts_for_export(document: Document) -> pd.DataFrame:
    facts = document.facts.copy()
    facts["number"] = [float(n) if isinstance(n, Decimal) else None for n in facts["number"]]
    return facts


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
    workbook.save(path)


def write_csv_folder(document: Document, folder: str) -> None:
    table_index(document).map(csv_value).to_csv(os.path.join(folder, "tables.csv"), index=False)
    facts_for_export(document).map(csv_value).to_csv(os.path.join(folder, "facts.csv"), index=False)
    for table in document.tables:
        name = re.sub(r"[^A-Za-z0-9.]+", "_", _sheet_name(table)).strip("_")
        table.frame.map(csv_value).to_csv(os.path.join(folder, f"{name}.csv"), index=False)


def _missing(value) -> bool:
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))
