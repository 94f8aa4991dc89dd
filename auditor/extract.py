"""Write what was read — every normalised table and the fact store — to Excel or CSV files."""
from __future__ import annotations

import os
import re
from decimal import Decimal

import pandas as pd

from auditor.document import Document


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
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        table_index(document).to_excel(writer, sheet_name="tables", index=False)
        facts_for_export(document).to_excel(writer, sheet_name="facts", index=False)
        for table in document.tables:
            table.frame.to_excel(writer, sheet_name=_sheet_name(table), index=False)


def write_csv_folder(document: Document, folder: str) -> None:
    table_index(document).to_csv(os.path.join(folder, "tables.csv"), index=False)
    facts_for_export(document).to_csv(os.path.join(folder, "facts.csv"), index=False)
    for table in document.tables:
        name = re.sub(r"[^A-Za-z0-9.]+", "_", _sheet_name(table)).strip("_")
        table.frame.to_csv(os.path.join(folder, f"{name}.csv"), index=False)
