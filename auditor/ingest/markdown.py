"""Markdown ingestion: headings, paragraphs, list items and pipe tables, each with its source line."""
from __future__ import annotations

import re

from auditor.model import RawDocument, RawTable, Source, TextBlock

_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{0,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^#{1,6}\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•✓]|\d+[.)]|[a-z][.)])\s+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)")


def split_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [clean_text(cell) for cell in re.split(r"(?<!\\)\|", body)]


def clean_text(text: str) -> str:
    return re.sub(r"\s+", " ", _EMPHASIS.sub("", text)).strip()


def read_markdown(path: str, text: str) -> RawDocument:
    items: list[TextBlock | RawTable] = []
    lines = text.splitlines()
    table: RawTable | None = None
    paragraph: list[str] = []
    paragraph_start = 0

    def flush_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            joined = clean_text(" ".join(paragraph))
            if joined:
                kind = "list_item" if _LIST_ITEM.match(paragraph[0]) else "paragraph"
                items.append(TextBlock(kind, joined, Source(line=paragraph_start)))
        paragraph = []

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("|"):
            flush_paragraph()
            if _SEPARATOR.match(stripped):
                continue
            if table is None:
                table = RawTable(rows=[], sources=[])
                items.append(table)
            table.rows.append(split_cells(stripped))
            table.sources.append(Source(line=number))
            continue
        table = None
        if not stripped:
            flush_paragraph()
        elif _HEADING.match(stripped):
            flush_paragraph()
            items.append(TextBlock("heading", clean_text(_HEADING.sub("", stripped)), Source(line=number)))
        elif _LIST_ITEM.match(line) and paragraph:
            flush_paragraph()
            paragraph, paragraph_start = [stripped], number
        else:
            if not paragraph:
                paragraph_start = number
            paragraph.append(stripped)
    flush_paragraph()
    return RawDocument(path=path, kind="markdown", items=items)
