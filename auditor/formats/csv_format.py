"""CSV output: one row per finding (at its first location), waived ones marked, one row per unusable document;
UTF-8 with a BOM, ';' and decimal commas for Indonesian Excel, text that could run as a formula neutralised."""
from __future__ import annotations

import csv
import io

from auditor.formats.cells import csv_value
from auditor.formats.common import DEFAULT, Options, records

BOM = "\ufeff"
KEYS = ("path", "instansi", "kabupaten", "tahun", "rule", "severity", "status", "subject", "attribute", "value",
        "other_value", "more_values", "expected", "message", "recommendation", "page", "table", "row", "column",
        "text", "locations", "waiver_reason")
HEADERS = {
    "id": ("Berkas", "Instansi", "Kabupaten", "Tahun", "Aturan", "Tingkat", "Status", "Subjek", "Atribut", "Nilai",
           "Nilai pembanding", "Nilai lain", "Seharusnya", "Temuan", "Rekomendasi", "Halaman", "Tabel", "Baris",
           "Kolom", "Teks tercetak", "Semua lokasi", "Alasan pengecualian"),
    "en": ("File", "Instansi", "Kabupaten", "Year", "Rule", "Severity", "Status", "Subject", "Attribute", "Value",
           "Other value", "More values", "Expected", "Finding", "Recommendation", "Page", "Table", "Row", "Column",
           "Printed text", "All locations", "Waiver reason"),
}


def separator(lang: str, options: Options = DEFAULT) -> str:
    return options.csv_sep or (";" if lang == "id" else ",")


def render(reports, lang: str = "id", options: Options = DEFAULT) -> str:
    sep = separator(lang, options)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")  # RFC 4180; a field holding a CR is quoted
    writer.writerow(HEADERS[lang])
    for report in reports:
        for record in records(report, lang):
            writer.writerow([_field(record.get(key), sep) for key in KEYS])
    return BOM + buffer.getvalue().removesuffix("\r\n")


def _field(value, sep: str):
    if value is None:
        return ""
    if isinstance(value, float) and sep == ";":
        return repr(value).replace(".", ",")  # Excel set to Indonesian reads 83,75, not 83.75
    return csv_value(value)
