"""The one error type for unusable input: a one-line message in Bahasa Indonesia and in English."""
from __future__ import annotations

import re

from auditor.bilingual import Text


class InputError(Exception):
    """A file the tool cannot audit; `message(lang)` names the file, the problem and what to do."""

    def __init__(self, path: str, id_text: str, en_text: str):
        super().__init__(en_text)
        self.path = path
        self.texts = {"id": id_text, "en": en_text}

    def __reduce__(self):
        # rebuilt from all three fields when it crosses a process boundary inside a report
        return type(self), (self.path, self.texts["id"], self.texts["en"])

    def message(self, lang: str = "id") -> str:
        return f"{self.path}: {self.texts.get(lang, self.texts['en'])}"


def unreadable(path: str, error: Exception) -> Text:
    """A file that cannot be opened or parsed, with where the parser stopped when it says (TOML: line and
    column), so the Indonesian line does not carry the library's English."""
    if isinstance(error, OSError):
        why = next((w for kind, w in _OS_REASONS if isinstance(error, kind)), "galat sistem berkas")
        return Text(f"{path}: berkas tidak dapat dibuka ({why}).", f"{path}: cannot be read: {error}")
    place = re.search(r"line:? (\d+)(?:, column (\d+))?", str(error))
    where_id = f" (baris {place.group(1)}" + (f", kolom {place.group(2)}" if place.group(2) else "") + ")" if place else ""
    return Text(f"{path}: isi berkas tidak sah{where_id}; periksa tanda kutip, '=' dan nama bagian di sekitarnya.",
                f"{path}: cannot be read: {' '.join(str(error).split())}")  # one line, as every error


_OS_REASONS = ((FileNotFoundError, "berkas tidak ada"), (PermissionError, "tidak ada izin membaca"),
               (IsADirectoryError, "ini sebuah folder"))
