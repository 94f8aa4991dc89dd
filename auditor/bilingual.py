"""A text in Bahasa Indonesia and in English: the one way the tool writes what it shows a reader."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    id: str
    en: str

    # `text[lang]` would otherwise make Python treat a Text as a sequence: `"x" in text` would call
    # text[0], text[1], … forever; a Text is not a container
    __iter__ = None

    def __getitem__(self, lang: str) -> str:
        """`text[lang]`: Bahasa Indonesia for "id", English otherwise."""
        return self.id if lang == "id" else self.en
