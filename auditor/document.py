"""Load one file into a normalised document: ingest, stitch and classify tables, read metadata, build facts."""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from auditor.config import Config
from auditor.counts import add_count_facts
from auditor.errors import InputError
from auditor.facts import Resolver, build_facts
from auditor.files import open_regular
from auditor.ingest.files import file_kind
from auditor.ingest.markdown import read_markdown
from auditor.model import RawDocument, TextBlock
from auditor.narrative import add_narrative_facts
from auditor.ruleapi import Fact
from auditor.structure import Table, build_layout, classify
from auditor.vocabulary import DEFAULT, Vocabulary
from auditor.values import plain_text

_INSTANSI = re.compile(
    r"\b(KECAMATAN|DINAS|BADAN|INSPEKTORAT|SEKRETARIAT|KELURAHAN|RSUD|SATUAN)\s+([A-Z][A-Z'’.\- ]{1,60}?)"
    r"(?=\s+(?:KABUPATEN|KOTA|TAHUN|PEMERINTAH|Kabupaten|Kota|$)|[,.\n]|$)"
)
_KABUPATEN = re.compile(r"\b(?:KABUPATEN|Kabupaten|KOTA)\s+([A-Z][A-Za-z]+)")
_TAHUN = re.compile(r"\bTAHUN\s+(?:ANGGARAN\s+)?((?:19|20)\d{2})\b", re.IGNORECASE)


@dataclass
class Document:
    path: str
    raw: RawDocument
    tables: list[Table]
    text: list[TextBlock]
    facts: pd.DataFrame  # the fact store
    fact_rows: tuple[Fact, ...]  # the same facts, typed, as rules read them
    resolver: Resolver
    decimal_mark: str  # how its sentences write numbers (Layout.decimal_mark; each table has its own)
    meta: dict = field(default_factory=dict)

    def table(self, index: int) -> Table:
        return self.tables[index - 1]


def read_raw(path: str, *, password: str | None = None, ocr: bool = False,
             progress: Callable[[int, int], None] | None = None) -> RawDocument:
    """The file read by its kind's ingester; `progress(done, total)` follows the OCR of a PDF's scanned pages."""
    kind = file_kind(path)
    if kind == "pdf":
        from auditor.ingest.pdf import read_pdf

        return read_pdf(path, password=password, ocr=ocr, progress=progress)
    if kind == "docx":
        from auditor.ingest.docx import read_docx

        return read_docx(path)
    try:
        with open_regular(path) as handle:
            # newlines as text mode would give them
            text = handle.read().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        raise InputError(path, "bukan teks UTF-8; simpan ulang markdown sebagai UTF-8.",
                         "not UTF-8 text; save the markdown again as UTF-8.") from None
    if not text.strip():
        raise InputError(path, "berkas kosong; tidak ada yang bisa diperiksa.", "the file is empty; nothing to audit.")
    return read_markdown(path, text)


def detect_meta(text: list[TextBlock], path: str) -> dict:
    """Instansi, kabupaten and tahun from the cover and cover letter; the file name as fallback."""
    head = " \n".join(b.text for b in text[:60])
    instansi = _INSTANSI.search(head)
    kabupaten = _KABUPATEN.search(head)
    tahun = _TAHUN.search(head)
    stem = os.path.splitext(os.path.basename(path))[0]
    if not tahun:
        tahun = re.search(r"((?:19|20)\d{2})", stem)
    return {
        "instansi": f"{instansi.group(1).title()} {instansi.group(2).strip().title()}" if instansi else stem,
        "kabupaten": kabupaten.group(1).title() if kabupaten else None,
        "tahun": int(tahun.group(1)) if tahun else None,
    }


def latest_reported_year(tables: list[Table]) -> int | None:
    """Without a cover, the report's year is the latest year its realisasi columns name (a later target
    is a plan), else the latest its performance columns name."""
    for meanings in (("realisasi",), ("target", "realisasi", "capaian")):
        years = [c.year for t in tables for c in t.columns if c.year and c.meaning in meanings]
        if years:
            return max(years)
    return None


def load(path: str, config: Config, *, password: str | None = None, ocr: bool = False,
         progress: Callable[[int, int], None] | None = None) -> Document:
    raw = read_raw(path, password=password, ocr=ocr, progress=progress)
    document = normalise(raw, config)
    if not any(t.role not in ("other", "pegawai") for t in document.tables):
        raise InputError(path, f"tidak ada tabel LKjIP yang dikenali ({len(document.tables)} tabel terbaca): tidak "
                               "ada tabel capaian kinerja, efisiensi, realisasi anggaran atau Perjanjian Kinerja; "
                               "pastikan ini LKjIP dan tabelnya berupa tabel, bukan gambar (untuk hasil pindai "
                               "gunakan --ocr).",
                         f"no recognisable LKjIP table ({len(document.tables)} tables read): no performance, "
                         "efficiency, budget realisation or Perjanjian Kinerja table; check that this is an LKjIP "
                         "and that its tables are tables, not pictures (for scans use --ocr).")
    return document


def plain_items(raw: RawDocument) -> RawDocument:
    """The same document with every text and cell in plain form (values.plain_text), so odd digits
    read as numbers wherever they stand, in the markdown and in a PDF alike."""
    items = [replace(item, text=plain_text(item.text)) if isinstance(item, TextBlock)
             else replace(item, rows=[[plain_text(cell) for cell in row] for row in item.rows])
             for item in raw.items]
    return replace(raw, items=items)


def normalise(raw: RawDocument, config: Config) -> Document:
    """Tables, facts and metadata; config.headers (a kabupaten's header synonyms) help read the tables."""
    raw = plain_items(raw)
    vocabulary = Vocabulary.with_synonyms(config.headers) if config.headers else DEFAULT
    meta = detect_meta([i for i in raw.items if isinstance(i, TextBlock)], raw.path)
    layout = build_layout(raw, vocabulary, meta["tahun"])
    if meta["tahun"] is None:  # without a cover the year comes from the columns; a later target is then a plan
        meta["tahun"] = latest_reported_year(layout.tables)
        for table in layout.tables:
            classify(table, vocabulary, meta["tahun"])
    meta["pages"] = raw.pages
    store = _facts(layout.tables, layout.text, meta["tahun"], config, layout.decimal_mark)
    return Document(raw.path, raw, layout.tables, layout.text, store.frame, store.rows, store.resolver,
                    layout.decimal_mark, meta)


def refresh_facts(document: Document, config: Config) -> None:
    """The facts built again after the confidence of some cells changed (auditor/plausible.py)."""
    store = _facts(document.tables, document.text, document.meta["tahun"], config, document.decimal_mark)
    document.facts, document.fact_rows, document.resolver = store.frame, store.rows, store.resolver


def _facts(tables: list[Table], text: list[TextBlock], year: int | None, config: Config, decimal_mark: str):
    store = build_facts(tables, year, config.match_threshold)
    add_narrative_facts(store, text, decimal_mark)
    add_count_facts(store, tables, text, decimal_mark)
    return store
