"""Output formats: each renders `(reports, lang, options)` to str or bytes (binary ones need a file);
the CLI's --format choices come from here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from auditor.formats import csv_format, excel, html, json_format, text
from auditor.formats.common import Options


@dataclass(frozen=True)
class Format:
    render: Callable[..., str | bytes]  # (reports, lang, options: common.Options)
    extension: str
    file_name: str  # what a batch calls its copy in the output folder


FORMATS = {
    "text": Format(text.render, "txt", "report.txt"),
    "json": Format(json_format.render, "json", "report.json"),
    "csv": Format(csv_format.render, csv_format.EXTENSION, csv_format.FILE_NAME),
    "excel": Format(excel.render, excel.EXTENSION, excel.FILE_NAME),
    "html": Format(html.render, html.EXTENSION, html.FILE_NAME),
}
