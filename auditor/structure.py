"""From raw fragments to tables: stitch page-split tables, build column names, find titles, classify roles."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from auditor.captions import in_sequence, ocr_caption
from auditor.headers import YEAR, column_names, header_depth, is_number_row, row_number
from auditor.model import Box, RawDocument, RawTable, Source, TextBlock
from auditor.values import DECIMAL_COMMA, Value, decimal_mark, parse_value, shown_decimal_mark
from auditor.vocabulary import DEFAULT, Vocabulary, bare_percent, is_total_label, keywords

if TYPE_CHECKING:
    import pandas as pd  # frames are built where they are asked for: pandas takes most of start-up

CONTINUATION_SIMILARITY = 85  # header text similarity (0-100) for a fragment to continue the table above
_LABEL = re.compile(r"^tabel\.?\s*([IVXLC\d]+(?:\s*\.\s*[A-Z0-9]+)*)\b\.?\s*(.*)$", re.IGNORECASE)
_PAGE_FURNITURE = re.compile(r"^(?:halaman\s*)?[ivxlc\d]+(?:\s*(?:dari|/)\s*\d+)?$", re.IGNORECASE)

@dataclass
class Column:
    key: str  # the printed column number ("5", "11=7-10") when the table has one, else the position
    name: str  # header levels joined: "KINERJA / TARGET"
    meaning: str | None = None  # label or attribute: "indikator", "target", "alokasi", ...
    year: int | None = None


@dataclass
class Table:
    index: int
    label: str  # "Tabel III.A.1", or the caption when the table has no number
    caption: str
    columns: list[Column]
    rows: list[list[str]]
    sources: list[Source]
    header_sources: list[Source]
    boxes: list[list[Box | None]]  # per body cell where a PDF printed it, None elsewhere
    confidences: list[list[float]]  # per body cell: below 1 where OCR read it
    role: str = "other"
    fragments: int = 1
    decimal_mark: str = DECIMAL_COMMA  # how its cells write numbers (values.decimal_mark), set once stitched

    @cached_property
    def values(self) -> list[list[Value]]:
        """Each body cell parsed once, for every reader (fact store, roles, table rules); read after stitching."""
        return [[parse_value(cell, self.decimal_mark) for cell in row] for row in self.rows]

    @property
    def frame(self) -> pd.DataFrame:
        import pandas as pd

        frame = pd.DataFrame(self.rows, columns=[c.name or c.key for c in self.columns])
        frame.insert(0, "page", [s.page for s in self.sources])
        frame.insert(1, "line", [s.line for s in self.sources])
        return frame

    def column(self, meaning: str, last: bool = False) -> int | None:
        """Position of the first (or last) column with this meaning."""
        positions = [j for j, column in enumerate(self.columns) if column.meaning == meaning]
        if not positions:
            return None
        return positions[-1] if last else positions[0]

    @property
    def page(self) -> int | None:
        return (self.header_sources or self.sources or [Source()])[0].page

    def row_box(self, i: int) -> Box | None:
        """Body row `i` as printed in a PDF: across its cells, over the band they all cover (a cell merged over
        several rows reaches past it); None when no cell of it has a box."""
        boxes = [box for box in self.boxes[i] if box] if i < len(self.boxes) else []
        if not boxes:
            return None
        bottom, top = max(b[1] for b in boxes), min(b[3] for b in boxes)
        if bottom >= top:  # cells that do not share a band: no one box is the row
            return None
        return min(b[0] for b in boxes), bottom, max(b[2] for b in boxes), top


@dataclass
class Layout:
    tables: list[Table] = field(default_factory=list)
    text: list[TextBlock] = field(default_factory=list)
    decimal_mark: str = DECIMAL_COMMA  # how its sentences write numbers (values.decimal_mark)


def _header_text(rows: list[list[str]]) -> str:
    return " | ".join(" ".join(r) for r in rows)


def build_layout(raw: RawDocument, vocabulary: Vocabulary = DEFAULT, year: int | None = None) -> Layout:
    """Tables with their titles and column meanings; `year` (the report's) tells a Renstra target from history.
    The decimal mark the whole document shows, whichever ingester read it, is its tables' and sentences'; in a
    document that shows both, each table and the sentences show their own."""
    layout = Layout()
    previous: Table | None = None
    previous_header = ""
    since_previous: list[TextBlock] = []
    for item in (part for whole in raw.items for part in split_glued(whole, vocabulary)):
        if isinstance(item, TextBlock):
            layout.text.append(item)
            if not _PAGE_FURNITURE.match(item.text.strip()):
                since_previous.append(item)
            continue
        rows = [list(r) for r in item.rows]
        if not rows:
            continue
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        boxes = [list(b) + [None] * (width - len(b)) for b in item.boxes or [[] for _ in rows]]
        confidences = [list(c) + [1.0] * (width - len(c)) for c in item.confidences or [[] for _ in rows]]
        ocr = item.confidences is not None
        adjoining = previous is not None and not since_previous and len(previous.columns) == width
        headerless = adjoining and _goes_on_without_header(previous, item, rows[0], vocabulary)
        depth = 0 if headerless else header_depth(rows, ocr)[0]
        header, body = rows[:depth], rows[depth:]
        header_text = _header_text(header)
        continues = adjoining and (headerless or fuzz.ratio(previous_header, header_text) >= CONTINUATION_SIMILARITY
                                   or _numbers_only(header, previous, ocr))
        if continues:
            assert previous is not None
            previous.rows.extend(body)
            previous.sources.extend(item.sources[depth:])
            previous.boxes.extend(boxes[depth:])
            previous.confidences.extend(confidences[depth:])
            previous.fragments += 1
        else:
            label, caption = _title(layout.text, since_previous, previous)
            numbers = header[depth - 1] if is_number_row(header[depth - 1], ocr) else None
            names = column_names(header[:-1] if numbers else header, width)
            keys = _column_keys(numbers, width)
            previous = Table(
                index=len(layout.tables) + 1,
                label=label,
                caption=caption,
                columns=[Column(key, name) for key, name in zip(keys, names)],
                rows=body,
                sources=list(item.sources[depth:]),
                header_sources=list(item.sources[:depth]),
                boxes=boxes[depth:],
                confidences=confidences[depth:],
            )
            layout.tables.append(previous)
            previous_header = header_text
        since_previous = []
    document_mark = shown_decimal_mark(raw.texts())
    for table in layout.tables:
        table.rows, table.sources, table.boxes, table.confidences = _drop_empty(
            table.rows, table.sources, table.boxes, table.confidences)
        table.decimal_mark = decimal_mark((cell for row in table.rows for cell in row), document_mark)
        classify(table, vocabulary, year)
    layout.decimal_mark = decimal_mark((block.text for block in layout.text), document_mark)
    return layout


def split_glued(item: RawTable | TextBlock, vocabulary: Vocabulary = DEFAULT) -> list[RawTable | TextBlock]:
    """Two tables typed one under the other with nothing between (Word and LibreOffice then print one
    grid, a markdown converter one pipe table) come apart where, after data rows, a row reads as a
    header again or the column-number row comes again. Each part keeps only the grid's columns it
    uses: a column empty throughout a part, its header included, belongs to the other table."""
    if isinstance(item, TextBlock) or not item.rows:
        return [item]
    rows = item.rows
    starts, start = [0], 0
    while True:
        # a grid at a page's top may begin with the rows of a table going on from the page before
        depth = 0 if _is_data_row(rows[start], vocabulary) else header_depth(rows[start:], item.confidences is not None)[0]
        after = next((i for i in range(start + depth + 1, len(rows))
                      if _numbers_again(rows[i]) or _reads_as_header(rows[i], vocabulary)), None)
        if after is None:
            break
        starts.append(after)
        start = after
    if len(starts) == 1:
        return [item]
    boxes = item.boxes or [[] for _ in rows]
    bounds = list(zip(starts, [*starts[1:], len(rows)]))
    width = max(len(r) for r in rows)
    used = [{j for r in rows[a:b] for j, c in enumerate(r) if c.strip()} for a, b in bounds]
    parts: list[RawTable | TextBlock] = []
    for (a, b), mine in zip(bounds, used):
        others = set().union(*(u for u in used if u is not mine))
        keep = [j for j in range(width) if j in mine or j not in others]
        parts.append(RawTable(
            rows=[[r[j] if j < len(r) else "" for j in keep] for r in rows[a:b]],
            sources=list(item.sources[a:b]),
            boxes=[[bx[j] if j < len(bx) else None for j in keep] for bx in boxes[a:b]] if item.boxes else None,
            confidences=[[c[j] if j < len(c) else 1.0 for j in keep] for c in item.confidences[a:b]]
            if item.confidences else None,
        ))
    return parts


def _used(row: list[str]) -> list[str]:
    return [c for c in row if c.strip()]


def _numbers_again(row: list[str]) -> bool:
    """The column-number row of a table below (in a shared grid its cells leave gaps)."""
    return len(_used(row)) >= 3 and is_number_row(_used(row))


def _reads_as_header(row: list[str], vocabulary: Vocabulary) -> bool:
    """Column headers, not data: short cells without figures or a row number, all but one naming a
    column meaning, two or more different ones, and not names alone (`No | Program | Sebelum Perubahan
    Anggaran | …`, where a data row holds a program's and a kegiatan's name)."""
    cells = _used(row)
    if len(cells) < 2 or row_number(cells[0]) or any(len(c) > 60 for c in cells):
        return False
    if any(parse_value(c).is_numeric and not YEAR.fullmatch(c.strip()) for c in cells):
        return False
    named = [m for m in (column_meaning(c, vocabulary)[0] for c in cells) if m]
    return (len(set(named)) >= 2 and len(named) >= len(cells) - 1
            and bool(set(named) - {*_LABEL_MEANINGS, "name", "pegawai"}))


def _goes_on_without_header(previous: Table, item: RawTable, first: list[str], vocabulary: Vocabulary) -> bool:
    """A table's rows going on at the top of the next page without its header printed again (Word's
    default unless "Repeat as header row" is set): the fragment starts on a later page than the table
    above ends, and its first row is data (a row number, a JUMLAH or a figure), not column names."""
    above = [source.page for source in previous.sources or previous.header_sources if source.page]
    here = item.sources[0].page if item.sources else None
    if not above or here is None or here <= above[-1]:
        return False
    return _is_data_row(first, vocabulary)


def _is_data_row(row: list[str], vocabulary: Vocabulary) -> bool:
    """A row of data, not of column names: a row number, a JUMLAH or a figure (a year is not one)."""
    cells = _used(row)
    if not cells or is_number_row(row) or _reads_as_header(row, vocabulary):
        return False
    return (row_number(cells[0]) is not None or is_total_label(cells[0])
            or any(parse_value(c).is_numeric and not YEAR.fullmatch(c.strip()) for c in cells))


def _numbers_only(header: list[list[str]], previous: Table, ocr: bool = False) -> bool:
    """A page's header of column numbers alone (`1 | 2 | … | 11=7-10`) continues the table that printed them
    (read by OCR: most of them)."""
    keys = [c.key for c in previous.columns]
    if len(header) != 1 or not is_number_row(header[0], ocr):
        return False
    same = sum(c.strip() == key for c, key in zip(header[0], keys))
    return same == len(keys) or (ocr and same >= 0.75 * len(keys))


def _column_keys(numbers: list[str] | None, width: int) -> list[str]:
    if numbers and len(set(numbers)) == width and all(numbers):
        return [n.strip() for n in numbers]
    return [str(j + 1) for j in range(width)]


def _drop_empty(rows: list[list[str]], *parallel: list) -> tuple[list, ...]:
    """The rows with a printed cell, and the same rows of each list kept parallel to them."""
    kept = [index for index, row in enumerate(rows) if any(c.strip() for c in row)]
    return tuple([values[i] for i in kept] for values in (rows, *parallel))


def _title(text: list[TextBlock], since_previous: list[TextBlock], previous: Table | None) -> tuple[str, str]:
    """The table number and caption from the short lines just above the table."""
    if not since_previous and previous is not None:
        return previous.label, previous.caption
    candidates = [b for b in since_previous[-3:] if len(b.text) <= 200 and b.kind != "list_item"]
    label, caption_parts = "", []
    for block in candidates:
        # an OCR'd caption is mended even when it reads as a label: "Tabel IIL.F.1" does, an L being a numeral
        match = _LABEL.match(ocr_caption(block.text.strip()) if block.source.confidence < 1 else block.text.strip())
        if match:
            label = "Tabel " + re.sub(r"\s+", "", match.group(1)).rstrip(".")
            if block.source.confidence < 1 and previous is not None:
                label = in_sequence(label, previous.label)
            caption_parts = [match.group(2)] if match.group(2) else []
        elif label or not block.text.rstrip().endswith(":"):
            caption_parts.append(block.text)
    if not label:
        caption_parts = [b.text for b in candidates[-1:] if not b.text.rstrip().endswith(":")]
    caption = " ".join(p for p in caption_parts if p).strip()
    return (label or caption[:90] or "(tabel tanpa judul)"), caption


# --- roles -------------------------------------------------------------------------------------------

_AGAINST = re.compile(r"\b(?:terhadap|atas|dibandingkan|dibanding|vs)\b")
_LABEL_MEANINGS = ("sasaran", "indikator", "kegiatan", "program", "tujuan", "satuan", "keterangan")


def column_meaning(name: str, vocabulary: Vocabulary = DEFAULT) -> tuple[str | None, int | None]:
    """What a column holds, from its header words (synonyms and broken words read first), and the year it names."""
    lowered = vocabulary.read(name)
    found = keywords(lowered)
    year_match = YEAR.search(name)
    year = int(year_match.group(0)) if year_match else None
    if not found and lowered.strip(" .") in ("no", "nomor"):
        return "no", None
    if "kode" in found:
        return "kode", None  # a Permendagri 90 code (1.02.02.2.01), or a kode rekening
    if "efisiensi" in found:
        return "efisiensi", None
    if "sisa" in found:
        return "sisa_anggaran", None  # what is left of the budget, not the budget
    if "penyerapan" in found or ("capaian" in found and "anggaran" in found and "kinerja" not in found):
        return "penyerapan", None
    budget = {"anggaran", "pagu", "alokasi"} & found
    if {"sebelum", "murni", "awal"} & found and (budget or "perubahan" in found):  # not a "Kondisi Awal"
        return "pagu_sebelum", None
    if "setelah" in found or "sesudah" in found or ("perubahan" in found and budget):
        return "pagu", None
    if "alokasi" in found or "pagu" in found:
        return "alokasi", None
    if "realisasi" in found and ("rp" in found or "anggaran" in found):
        return "realisasi_anggaran", None
    if "capaian" in found and "s/d" in lowered.replace(" ", ""):
        return "realisasi", None
    if "capaian" in found and _AGAINST.search(lowered):
        return "capaian", None  # "Capaian terhadap Target Akhir Renstra": a capaian, whatever it is measured against
    if "target" in found and ("akhir" in found or "renstra" in found):
        return "target_renstra", None
    for attribute in ("target", "realisasi", "capaian"):
        if attribute in found:
            return attribute, year
    if year is not None and ("realisasi" in found or "target" in found):
        return ("realisasi" if "realisasi" in found else "target"), year
    label_words = [w for w in _LABEL_MEANINGS if w in found]
    if len(label_words) >= 3 or (len(label_words) == 2 and "program" in label_words and "kegiatan" in label_words):
        return "name", None
    if label_words:
        return label_words[0], None
    if "anggaran" in found:
        return "alokasi", None
    if "jumlah" in found:
        return "jumlah", None
    if "no" in found:
        return "no", None
    if "golongan" in found or "pendidikan" in found or "jabatan" in found or "eselon" in found:
        return "pegawai", None
    return None, year


def _money_share(table: Table, position: int) -> float:
    numeric = [values[position] for values in table.values if values[position].is_numeric]
    if not numeric:
        return 0.0
    return sum(1 for v in numeric if v.kind == "money" or (v.kind == "number" and abs(v.number) >= 10_000)) / len(numeric)


def classify(table: Table, vocabulary: Vocabulary = DEFAULT, year: int | None = None) -> None:
    """Give each column a meaning and the table a role, from what its headers say, not its number."""
    for column in table.columns:
        column.meaning, column.year = column_meaning(column.name, vocabulary)
    _meanings_from_neighbours(table, year)
    meanings = {c.meaning for c in table.columns}
    years = {c.year for c in table.columns if c.year and c.meaning in ("target", "realisasi")}
    caption = (table.label + " " + table.caption).lower()
    performance = {"target", "realisasi", "capaian"} & meanings
    budget_only = "alokasi" in meanings and ({"realisasi_anggaran", "penyerapan"} & meanings)
    if _is_average_recap(table, meanings):
        table.role = "rata_rata"  # one average capaian per sasaran, recomputed from the sasaran's own indikator
        for column in table.columns:
            if column.meaning == "capaian":
                column.meaning = "capaian_rata_rata"
    elif budget_only and "name" in meanings and "efisiensi" not in meanings:
        # rows of programs and their kegiatan with their budget (and perhaps their kinerja beside it): a
        # budget table, whose rows add up level by level; a lone "Capaian" there is the absorption
        table.role = "realisasi_anggaran"
        lone_capaian = "penyerapan" not in meanings and not {"target", "realisasi"} & meanings
        for column in table.columns:
            if column.meaning == "capaian" and lone_capaian:
                column.meaning = "penyerapan"
    elif "efisiensi" in meanings or (budget_only and {"target", "capaian"} & meanings):
        table.role = "efisiensi"
    elif "pagu" in meanings or "pagu_sebelum" in meanings:
        table.role = "pk_anggaran"
    elif performance and table.column("target") is not None and _money_share(table, table.column("target")) > 0.5:
        table.role = "realisasi_anggaran"
        for column in table.columns:
            column.meaning = {"target": "alokasi", "realisasi": "realisasi_anggaran", "capaian": "penyerapan"}.get(
                column.meaning or "", column.meaning
            )
    elif budget_only:
        table.role = "realisasi_anggaran"
        for column in table.columns:
            if column.meaning == "realisasi":
                column.meaning = "realisasi_anggaran"
    elif "alokasi" in meanings and "program" in meanings and not performance:
        table.role = "pk_anggaran"
        for column in table.columns:
            if column.meaning == "alokasi":
                column.meaning = "pagu"
    elif "target_renstra" in meanings and len(years) < 2 and not {"target", "realisasi"} <= meanings:
        table.role = "renstra_end"
        for column in table.columns:
            if column.meaning == "capaian":  # measured against the Renstra end target, not this year's
                column.meaning = "capaian_renstra"
    elif len(years) >= 2:
        kinds = {c.meaning for c in table.columns if c.year}
        table.role = "realisasi_history" if "realisasi" in kinds else "target_plan"
    elif "name" in meanings and len(performance) >= 2:
        table.role = "realisasi_tree"
    elif len(performance) >= 2 and "indikator" in meanings:
        table.role = "capaian_tujuan" if "tujuan" in meanings and "sasaran" not in meanings else "capaian_sasaran"
    elif performance == {"target"} and "kegiatan" in meanings and "perjanjian" not in caption:
        table.role = "kegiatan_target"  # a target stated for each kegiatan: the Renstra alignment table
    elif performance == {"target"} and "indikator" in meanings:
        table.role = "pk_target" if "perjanjian" in caption or "sasaran" in meanings else "other"
    elif "pegawai" in meanings or "jumlah" in meanings:
        table.role = "pegawai" if "pegawai" in meanings else "other"
    else:
        table.role = "other"


def _is_average_recap(table: Table, meanings: set) -> bool:
    """A recap of sasaran averages: sasaran and capaian without indikator, target or realisasi, called rata-rata."""
    if meanings & {"indikator", "target", "realisasi"} or not {"sasaran", "capaian"} <= meanings:
        return False
    said = " ".join([table.caption, *(c.name for c in table.columns if c.meaning == "capaian")]).lower()
    return bool(re.search(r"rata-?\s?rata", said))


def stated_years(table: Table) -> set[int]:
    """The years a table's number, caption and headers name ("Tahun 2020", "2016-2021")."""
    text = " ".join([table.label, table.caption, *(c.name for c in table.columns)])
    return {int(m.group(0)) for m in YEAR.finditer(text)}


def _meanings_from_neighbours(table: Table, year: int | None) -> None:
    """Meanings a header alone does not give: a lone target for a year after the report's is the Renstra
    end target; a bare `%` is penyerapan beside Rp columns and capaian beside target and realisasi; a
    realisasi in rupiah beside an alokasi is realisasi anggaran; a capaian right of a Renstra target
    (when this year's target is there too) is measured against it."""
    columns = table.columns
    later = [c for c in columns if c.meaning == "target" and year and c.year and c.year > year]
    if len(later) == 1:  # several later years make a yearly Renstra plan, whose targets keep their years
        later[0].meaning, later[0].year = "target_renstra", None
    money = {"alokasi", "realisasi_anggaran", "pagu", "pagu_sebelum", "sisa_anggaran"}
    has_alokasi = any(c.meaning in ("alokasi", "pagu") for c in columns)
    for j, column in enumerate(columns):
        if column.meaning == "realisasi" and has_alokasi and _money_share(table, j) > 0.5:
            column.meaning = "realisasi_anggaran"
    for j, column in enumerate(columns):
        if column.meaning is None and bare_percent(column.name):
            left = [c.meaning for c in columns[max(0, j - 2):j]]
            if any(m in money for m in left) or any(_money_share(table, k) > 0.5 for k in range(max(0, j - 2), j)):
                column.meaning = "penyerapan"
            elif any(m in ("target", "realisasi") for m in left):
                column.meaning, column.year = "capaian", columns[j - 1].year
    renstra = next((j for j, c in enumerate(columns) if c.meaning == "target_renstra"), None)
    if renstra is not None and any(c.meaning == "target" for c in columns[:renstra]):
        for column in columns[renstra + 1:]:
            if column.meaning == "capaian":
                column.meaning = "capaian_renstra"
