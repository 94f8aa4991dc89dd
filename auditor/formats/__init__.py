"""Output formats: each renders `(reports, lang, options)` to str or bytes (binary ones need a file);
the CLI's --format choices come from here."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from auditor.formats.common import DEFAULT, Options


@dataclass(frozen=True)
class Format:
    module: str  # imported when first rendered: openpyxl alone costs more than the rest of start-up
    extension: str
    file_name: str  # what a batch calls its copy in the output folder

    def render(self, reports, lang: str = "id", options: Options = DEFAULT) -> str | bytes:
        return import_module(f"auditor.formats.{self.module}").render(reports, lang, options)


FORMATS = {
    "text": Format("text", "txt", "report.txt"),
    "json": Format("json_format", "json", "report.json"),
    "csv": Format("csv_format", "csv", "findings.csv"),
    "excel": Format("excel", "xlsx", "summary.xlsx"),
    "html": Format("html", "html", "report.html"),
}
