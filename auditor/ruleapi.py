"""The rule API: what a rule reads (Fact), what it yields (Problem, Consistent, NotCheckable), where
(Location), and the Finding the engine stamps."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from auditor.bilingual import Text
from auditor.values import format_number

SEVERITIES = ("error", "warning", "info")
# model.Box and model.PageBox, spelled out: the rule API imports nothing of the engine
Box = tuple[float, float, float, float]
PageBox = tuple[int, Box]
OCR_PAGES = "ocr_pages"  # the field the engine adds to a finding that rests on a doubtful OCR'd figure
_OCR_NOTE = {"id": " (periksa angka hasil OCR, hlm. {pages})", "en": " (check the figure read by OCR, p. {pages})"}

_WORDS = {
    "id": {"page": "hlm.", "row": "baris", "column": "kolom", "line": "baris sumber", "sentence": "kalimat"},
    "en": {"page": "p.", "row": "row", "column": "column", "line": "source line", "sentence": "sentence"},
}


@dataclass(frozen=True)
class Fact:
    """One row of the fact store: a figure the document states about an entity, and where it stands."""

    entity_id: str  # the same entity, however printed, has one id ("kegiatan:3"; "total" for JUMLAH rows)
    kind: str  # "indikator" | "program" | "kegiatan" | "aksi" | "total"
    entity: str  # the name as printed here
    parent: str  # the sasaran, program or kegiatan it belongs to, "" when none
    attribute: str  # "target", "realisasi", "capaian", "alokasi", ...
    year: int | None  # None for the report's own year
    number: Decimal | None  # None for a figure that is not a number (a note, a grade)
    unit: str | None
    text: str  # the figure as printed; for a sentence, the whole sentence
    decimals: int  # printed precision
    value_kind: str  # "number" | "percent" | "money" | "quantity" | "grade" | "note"
    table_index: int | None  # None for a figure stated in a sentence
    table: str | None
    role: str  # the table's role, or "narrative"
    row_index: int | None
    row: str | None
    column: str | None
    column_index: int | None
    box: tuple[float, float, float, float] | None  # the cell in the PDF page's user space (model.Box)
    page: int | None
    line: int | None
    confidence: float  # below 1 for text read by OCR
    # for a figure stated in a sentence: each line the sentence was printed on, from a PDF (none for a table cell)
    text_boxes: tuple[PageBox, ...] | None = ()


@dataclass(frozen=True)
class Location:
    """Where a figure was printed: page, table, row and column, or the sentence it stands in.

    A figure read from a table cell also carries the cell itself (table, row and column positions, and its box
    on the PDF page), a sentence the boxes of its printed lines, so that excerpts, annotations and page pictures
    mark them; these travel with the finding but are not part of what it says, so they neither print nor tell
    two locations apart.
    """

    page: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    line: int | None = None
    text: str = ""  # the printed figure, or the whole sentence for a figure stated in the narrative
    table_index: int | None = field(default=None, compare=False)  # Document.table(table_index)
    row_index: int | None = field(default=None, compare=False)  # into that table's rows
    column_index: int | None = field(default=None, compare=False)
    # x0, y0, x1, y1 in the PDF page's user space (model.Box) of the cell, or of the whole row for a finding
    # about the row; None for markdown, Word and sentences
    box: Box | None = field(default=None, compare=False)
    text_boxes: tuple[PageBox, ...] = field(default=(), compare=False)  # a sentence's printed lines (PDF)
    confidence: float = field(default=1.0, compare=False)  # the figure's (Fact.confidence)

    @classmethod
    def of(cls, fact: Fact) -> "Location":
        """A table cell, or the sentence of a figure stated in the narrative (no table, row or column)."""
        return cls(page=fact.page, table=fact.table or None, row=fact.row or None, column=fact.column or None,
                   line=fact.line, text=fact.text or "", table_index=fact.table_index, row_index=fact.row_index,
                   column_index=fact.column_index, box=fact.box, text_boxes=fact.text_boxes or (),
                   confidence=fact.confidence)

    @classmethod
    def of_block(cls, block) -> "Location":
        """A sentence: a text block (model.TextBlock) where it was read, with the boxes of its printed lines."""
        return cls(page=block.source.page, line=block.source.line, text=block.text, text_boxes=block.boxes,
                   confidence=block.source.confidence)

    @classmethod
    def from_dict(cls, data: dict) -> "Location":
        """The inverse of to_dict (JSON turns the boxes into lists)."""
        box = data.get("box")
        return cls(**{k: v for k, v in data.items() if k not in ("box", "text_boxes")},
                   box=tuple(box) if box else None,
                   text_boxes=tuple((int(page), tuple(b)) for page, *b in data.get("text_boxes") or ()))

    @property
    def marks(self) -> tuple[PageBox, ...]:
        """Every box to mark on the PDF's pages: the cell (or row) on its page, or each line of the sentence."""
        if self.box and self.page:
            return ((self.page, self.box),)
        return self.text_boxes

    def describe(self, lang: str = "id") -> str:
        words = _WORDS[lang]
        # a page alone (LKJ901/902 name the pages they are about) is no sentence: "hlm. 3", not "kalimat “”, hlm. 3"
        parts = [self.table or (f"{words['sentence']} “{_short(self.text, 90)}”" if self.text else "")]
        if self.row:
            parts.append(f"{words['row']} '{_short(self.row)}'")
        if self.column:
            parts.append(f"{words['column']} '{self.column}'")
        if self.page:
            parts.append(f"{words['page']} {self.page}")
        elif self.line:
            parts.append(f"{words['line']} {self.line}")
        return ", ".join(p for p in parts if p)

    def to_dict(self) -> dict:
        return {"page": self.page, "table": self.table, "row": self.row, "column": self.column,
                "line": self.line, "text": self.text, "box": list(self.box) if self.box else None,
                "text_boxes": [[page, *box] for page, box in self.text_boxes],
                # only below 1 (read by OCR), so that the JSON of a text PDF stays as it was
                **({"confidence": self.confidence} if self.confidence < 1 else {})}


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """What a rule yields for an inconsistency; `fields` fill the rule's message template."""

    subject: str
    attribute: str | None
    values: tuple
    expected: Any
    locations: tuple[Location, ...]
    fields: dict = field(default_factory=dict)
    severity: str | None = None  # a rule may lower its own default (e.g. agrees only under other rounding)


@dataclass(frozen=True)
class Consistent:
    """A comparison a rule made that holds."""


@dataclass(frozen=True)
class NotCheckable:
    """A comparison a rule could not make, and why (a short phrase; the English one keys the coverage counts)."""

    reason: Text


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    subject: str
    attribute: str | None
    values: tuple
    expected: Any
    locations: tuple[Location, ...]
    templates: dict
    fields: dict

    def message(self, lang: str = "id") -> str:
        rendered = {k: render_field(v, lang) for k, v in self.fields.items()}
        rendered.setdefault("subject", self.subject)
        text = self.templates.get(lang, self.templates["id"]).format(**rendered)
        if OCR_PAGES in self.fields:
            text += _OCR_NOTE[lang].format(pages=rendered[OCR_PAGES])
        return text

    def to_dict(self, lang: str = "id") -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "subject": self.subject,
            "attribute": self.attribute,
            "values": [plain(v) for v in self.values],
            "expected": plain(self.expected),
            "message": self.message(lang),
            "locations": [loc.to_dict() for loc in self.locations],
        }


def plain(value: Any) -> Any:
    """JSON-friendly numbers: Decimal 67 -> 67, 83.75 -> 83.75."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(round(value, 4))
    return value


def render_field(value: Any, lang: str) -> str:
    if isinstance(value, Location):
        return value.describe(lang)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Location) for v in value):
        return "; ".join(v.describe(lang) for v in value)
    if isinstance(value, (Decimal, float, int)) and not isinstance(value, bool):
        return format_number(value, lang)
    if isinstance(value, Text) or (isinstance(value, dict) and set(value) == {"id", "en"}):
        return value[lang]
    return str(value)
