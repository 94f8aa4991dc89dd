"""The one error type for unusable input: a one-line message in Bahasa Indonesia and in English."""
from __future__ import annotations


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
