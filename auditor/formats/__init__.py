"""Output formats: each module has one `render(reports, lang) -> str`; the CLI's --format choices come from here."""
from __future__ import annotations

from auditor.formats import json_format, text

FORMATS = {
    "text": text.render,
    "json": json_format.render,
}
