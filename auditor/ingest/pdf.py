"""PDF ingestion: text blocks and ruled-table fragments with their page, read with PDFium and gridded by pdfplumber."""
from __future__ import annotations

import ctypes
import mmap
import os
import re
import shutil
import subprocess
import tempfile
import zlib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from auditor.errors import InputError
from auditor.ingest.markdown import clean_text
from auditor.model import RawDocument, RawTable, Source, TextBlock

# pdfminer's parser behind pdfplumber's page objects costs ~80% of a naive pdfplumber run, so
# characters and rulings come from PDFium and only pdfplumber's lines-strategy grid algorithm
# (snap, join, intersections, cells, tables) is used, fed with PDFium's rulings.

MAX_PAGES = 1000
MAX_STREAM_MB = 256  # decoded size of one non-image stream; LKjIP page content is a few MB at most
MAX_INFLATION = 500  # decoded/encoded ratio that, past BOMB_PROBE_MB, marks a stream as a bomb
BOMB_PROBE_MB = 32
MAX_IMAGE_MEGAPIXELS = 300  # a 600 dpi A3 scan is 70 Mpx; only checked when pages get rendered
OCR_CONFIDENCE = 0.7
OCR_LANGUAGES = "ind+eng"
NUMERIC_OCR_LANGUAGE = "eng"  # `ind` misreads "%", so numeric cells are re-read with English

# (snap, join, intersection) tolerances in points: pdfplumber's defaults, then a looser retry for
# grids whose rulings are drawn slightly apart (double borders, scanned lines).
_GRID_TOLERANCES = ((3.0, 3.0, 3.0), (6.0, 6.0, 5.0))
_MIN_EDGE = 3.0
_MIN_TRACK = 2.5  # a column or row thinner than this means the rulings were not snapped together

_BULLETS = "•◦▪▫■□●○‣⁃∙·➢➤►▶❖\uf0b7\uf0a7\uf076\uf0d8\uf0a8\uf0fa"
_GLYPHS = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                         "\ufb05": "st", "\ufb06": "st", "\uf0fc": "✓", "\u00ad": ""})
_SPACES = frozenset(" \t\r\n\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000")
_LIST_START = re.compile(rf"^(?:[-*+✓{_BULLETS}]|\d+[.)]|[a-z][.)])\s+")
_NUMBERED = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVX]{1,5})[.)]+\s")  # "2).", "A.", "1.1."
_BULLET_START = re.compile(rf"^[{_BULLETS}]\s*")
_SENTENCE_END = re.compile(r"[.:;!?]$")
_HYPHEN_BREAK = re.compile(r"[^\W_]-$")
_CODE_BREAK = re.compile(r"(?:^|\s)[IVXLC\d]+(?:\.[IVXLC\d]+)*\.$")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:hal(?:aman)?|page)\.?\s*)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:dari|of|/)\s*\d{1,4})?$", re.IGNORECASE)
_FIGURE = re.compile(r"^(?:Rp\.?\s*)?[-–(]?\d[\d.,\s]*%?\)?(?:,-)?$")  # 455.365.200, 95,97%, (4,03), 7996
_OCR_RULING = re.compile(r"^[|\[\]!]+|[|\[\]!]+$")  # Tesseract reads cell rulings as bars and brackets
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_OBJ_HEADER = re.compile(rb"\d+\s+\d+\s+obj")


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    space_after: bool = False  # a space glyph was printed after it (not one PDFium made up)


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    trailing: bool  # ends with a printed space: some producers (LibreOffice, Word) keep it at a wrap
    first_width: float  # width of its first word, to tell whether it would have fit on the line above


@dataclass
class _Cell:
    """One table cell's printed lines and the x a full line of the cell reaches."""

    lines: list[_Line]
    right: float
    box: tuple[float, float, float, float]
    override: str | None = None  # a figure re-read by OCR

    @property
    def text(self) -> str:
        if self.override is not None:
            return self.override
        return clean_text(_join_lines([line.text for line in self.lines]))


@dataclass
class _Fragment:
    """One table as printed on one page, with whether its first/last row runs over the page edge."""

    page: int
    top: float
    bottom: float
    cells: list[list[_Cell | None]]  # None where a merged cell covers the position or nothing is printed
    open_top: bool
    open_bottom: bool
    row_pages: list[int] = field(default_factory=list)  # rows moved in from the page before keep theirs

    def __post_init__(self) -> None:
        self.row_pages = self.row_pages or [self.page] * len(self.cells)

    def texts(self) -> list[list[str]]:
        return [[cell.text if cell else "" for cell in row] for row in self.cells]


@dataclass
class _Block:
    page: int
    top: float
    lines: list[_Line]

    @property
    def text(self) -> str:
        return _join_lines([line.text for line in self.lines])


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)
    fragments: list[_Fragment] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)
    scanned: bool = False
    ocr: bool = False


class _Frame:
    """Maps PDF user space of one page to the displayed page: origin top-left, y downwards, /Rotate applied."""

    def __init__(self, page: pdfium.PdfPage):
        self.left, self.bottom, self.right, self.top = page.get_cropbox()
        self.rotation = page.get_rotation() % 360
        if self.rotation in (90, 270):
            self.width, self.height = self.top - self.bottom, self.right - self.left
        else:
            self.width, self.height = self.right - self.left, self.top - self.bottom

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


# ---------------------------------------------------------------------------------------------
# File-level checks


def _check_file(path: str) -> None:
    if not os.path.isfile(path):
        raise InputError(path, "berkas tidak ditemukan; periksa nama dan lokasi berkas.",
                         "file not found; check the file name and location.")
    if os.path.getsize(path) == 0:
        raise InputError(path, "berkas kosong (0 bita); unduh atau salin ulang berkas laporannya.",
                         "the file is empty (0 bytes); download or copy the report again.")
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise InputError(
            path,
            "berkas ini bukan PDF (tanda %PDF tidak ada); simpan ulang laporan sebagai PDF atau berikan berkas "
            "markdown-nya.",
            "this file is not a PDF (no %PDF signature); save the report as PDF again or pass its markdown file.")


def _corrupt(path: str) -> InputError:
    return InputError(
        path,
        "PDF rusak atau terpotong sehingga tidak dapat dibaca; unduh ulang atau ekspor ulang dari dokumen aslinya.",
        "the PDF is corrupt or truncated and cannot be read; download it again or re-export it from the original "
        "document.")


def _bomb(path: str) -> InputError:
    return InputError(
        path,
        f"PDF berisi aliran terkompresi yang mengembang tidak wajar (lebih dari {MAX_INFLATION} kali atau "
        f"{MAX_STREAM_MB} MB; kemungkinan bom dekompresi); berkas ditolak, minta salinan PDF yang wajar dari pengirim.",
        f"the PDF holds a compressed stream that inflates abnormally (over {MAX_INFLATION}-fold or {MAX_STREAM_MB} MB; "
        "a likely decompression bomb); the file was refused, ask the sender for a normal copy.")


def _check_streams(path: str, *, images: bool) -> None:
    """Refuses decompression bombs before PDFium inflates anything: every Flate stream is inflated
    in bounded chunks (output discarded) and image streams are checked by their declared size."""
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for match in _STREAM_START.finditer(data):
            start = match.end()
            header_from = max(0, match.start() - 4096)
            window = data[header_from:match.start()]
            headers = list(_OBJ_HEADER.finditer(window))
            dictionary = window[headers[-1].end():] if headers else window
            if b"/Image" in dictionary:
                if images:
                    _check_image(path, dictionary)
                continue
            if not re.search(rb"/Filter\s*\[?\s*/Fl(?:ateDecode)?\b", dictionary):
                continue
            end = data.find(b"endstream", start)
            _check_inflation(path, data, start, len(data) if end < 0 else end)


def _check_image(path: str, dictionary: bytes) -> None:
    width = re.search(rb"/Width\s+(\d+)", dictionary)
    height = re.search(rb"/Height\s+(\d+)", dictionary)
    if width and height and int(width[1]) * int(height[1]) > MAX_IMAGE_MEGAPIXELS * 1_000_000:
        size = f"{int(width[1])}×{int(height[1])}"
        raise InputError(
            path,
            f"PDF berisi gambar {size} piksel, di atas batas {MAX_IMAGE_MEGAPIXELS} megapiksel untuk OCR; pindai ulang "
            "dengan resolusi 300 dpi.",
            f"the PDF holds a {size} pixel image, over the {MAX_IMAGE_MEGAPIXELS} megapixel limit for OCR; scan it "
            "again at 300 dpi.")


def _check_inflation(path: str, data: mmap.mmap, start: int, end: int) -> None:
    inflater = zlib.decompressobj()
    produced = consumed = 0
    chunk_in = 1 << 16
    position = start
    try:
        while position < end and not inflater.eof:
            piece = data[position:min(end, position + chunk_in)]
            position += len(piece)
            pending = piece
            while pending:
                produced += len(inflater.decompress(pending, 1 << 22))
                pending = inflater.unconsumed_tail
                consumed = position - start - len(pending)
                if produced > MAX_STREAM_MB << 20 or (
                        produced > BOMB_PROBE_MB << 20 and produced > MAX_INFLATION * max(consumed, 1)):
                    raise _bomb(path)
    except zlib.error:
        return  # encrypted or damaged data: PDFium decides what it can use


def _open(path: str, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            if password:
                raise InputError(path, "kata sandi PDF salah; periksa nilai --password.",
                                 "wrong PDF password; check the --password value.") from None
            raise InputError(path, "PDF ini dilindungi kata sandi; jalankan ulang dengan --password KATA_SANDI.",
                             "the PDF is password-protected; run again with --password PASSWORD.") from None
        if error.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(path, "PDF memakai enkripsi yang tidak didukung; cetak ulang ke PDF tanpa enkripsi.",
                             "the PDF uses an unsupported encryption; print it again to a PDF without encryption."
                             ) from None
        raise _corrupt(path) from None


# ---------------------------------------------------------------------------------------------
# One page: words and rulings


def _page_words(textpage: pdfium.PdfTextPage, frame: _Frame) -> list[_Word]:
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    rect = pdfium_c.FS_RECTF()
    font_name = ctypes.create_string_buffer(128)
    font_flags = ctypes.c_int()
    matrix = pdfium_c.FS_MATRIX()
    words: list[_Word] = []
    chars: list[str] = []
    x0 = top = x1 = bottom = last_left = 0.0
    first = 0

    def flush() -> None:
        text = "".join(chars).translate(_GLYPHS)
        if text:
            pdfium_c.FPDFText_GetFontInfo(handle, first, font_name, 128, font_flags)
            name = font_name.value.lower()
            bold = (pdfium_c.FPDFText_GetFontWeight(handle, first) >= 600 or b"bold" in name
                    or b"black" in name or b"heavy" in name)
            # The font size is given in text space; the character's matrix scales it to the page.
            pdfium_c.FPDFText_GetMatrix(handle, first, matrix)
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
            size = pdfium_c.FPDFText_GetFontSize(handle, first) * scale or bottom - top
            words.append(_Word(text, x0, top, x1, bottom, size, bold))
        chars.clear()

    codes = _char_codes(handle, count)
    upright = frame.rotation == 0
    for index, code in enumerate(codes):
        if code in (2, 0xFFFE):
            code = 0x2D  # PDFium's mark (per character, in bulk text) for a drawn hyphen that ends a line
        char = chr(code) if code < 0x110000 else ""
        if char in _SPACES or code < 32 or code == 0xFFFF:
            if chars:
                flush()
                if char not in "\r\n" and words and not pdfium_c.FPDFText_IsGenerated(handle, index):
                    words[-1].space_after = True
            continue
        pdfium_c.FPDFText_GetLooseCharBox(handle, index, rect)
        if upright:  # the common case, spelled out: this loop runs for every character of the report
            left, upper, right, lower = (rect.left - frame.left, frame.top - rect.top, rect.right - frame.left,
                                         frame.top - rect.bottom)
        else:
            left, upper, right, lower = frame.box(rect.left, rect.bottom, rect.right, rect.top)
        if chars:
            middle = (upper + lower) / 2
            height = bottom - top
            # A ligature's letters share one box, so only a start left of the previous letter's start
            # means the text went back.
            if not (top <= middle <= bottom) or left < last_left - height * 0.3 or left - x1 > height * 0.6:
                flush()
        if not chars:
            first, x0, top, x1, bottom = index, left, upper, right, lower
        else:
            x1, top, bottom = max(x1, right), min(top, upper), max(bottom, lower)
        chars.append(char)
        last_left = left
    if chars:
        flush()
    return words


def _char_codes(handle, count: int) -> list[int]:
    """The code point of every character index, read in one call; one call per character only when
    characters outside the Basic Multilingual Plane make UTF-16 units and indexes disagree."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = pdfium_c.FPDFText_GetText(handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    units = buffer.raw[:2 * max(written - 1, 0)]
    codes = list(memoryview(units).cast("H"))
    if len(codes) == count and not any(0xD800 <= code < 0xE000 for code in codes):
        return codes
    return [pdfium_c.FPDFText_GetUnicode(handle, index) for index in range(count)]


def _compose(inner: tuple, outer: tuple) -> tuple:
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _matrix(obj) -> tuple:
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
    return matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f


def _edge(p: tuple[float, float], q: tuple[float, float]) -> dict | None:
    (ax, ay), (bx, by) = p, q
    if abs(ay - by) <= 1.0 and abs(ax - bx) >= 1.0:
        y = (ay + by) / 2
        left, right = min(ax, bx), max(ax, bx)
        return {"x0": left, "x1": right, "top": y, "bottom": y, "doctop": y, "width": right - left, "height": 0.0,
                "orientation": "h", "object_type": "line"}
    if abs(ax - bx) <= 1.0 and abs(ay - by) >= 1.0:
        x = (ax + bx) / 2
        upper, lower = min(ay, by), max(ay, by)
        return {"x0": x, "x1": x, "top": upper, "bottom": lower, "doctop": upper, "width": 0.0,
                "height": lower - upper, "orientation": "v", "object_type": "line"}
    return None


def _path_edges(obj, matrix: tuple, frame: _Frame, edges: list[dict]) -> None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    if not fill_mode.value and not stroke.value:
        return  # clipping path: draws nothing
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    start = current = None
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = frame.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if fill_mode.value and start is not None and current != start:
                _append(edges, _edge(current, start))
            start = current = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            _append(edges, _edge(current, point))
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _append(edges, _edge(current, start))
            current = start
    if fill_mode.value and start is not None and current != start:
        _append(edges, _edge(current, start))


def _append(edges: list[dict], edge: dict | None) -> None:
    if edge is not None:
        edges.append(edge)


def _page_graphics(page: pdfium.PdfPage, frame: _Frame) -> tuple[list[dict], float]:
    """Ruling edges (pdfplumber's edge dicts, display coordinates) and the page share covered by images."""
    edges: list[dict] = []
    image_area = 0.0
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    stack = [(pdfium_c.FPDFPage_CountObjects(page.raw), lambda i: pdfium_c.FPDFPage_GetObject(page.raw, i),
              (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))]
    while stack:
        count, get, outer = stack.pop()
        for index in range(count):
            obj = get(index)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                _path_edges(obj, _compose(_matrix(obj), outer), frame, edges)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                stack.append((pdfium_c.FPDFFormObj_CountObjects(obj),
                              lambda i, form=obj: pdfium_c.FPDFFormObj_GetObject(form, i),
                              _compose(_matrix(obj), outer)))
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                a, b, c, d, e, f = outer
                corners = [frame.point(a * x + c * y + e, b * x + d * y + f)
                           for x, y in ((left.value, bottom.value), (right.value, top.value))]
                width = min(frame.width, max(p[0] for p in corners)) - max(0.0, min(p[0] for p in corners))
                height = min(frame.height, max(p[1] for p in corners)) - max(0.0, min(p[1] for p in corners))
                image_area += max(0.0, width) * max(0.0, height)
    return edges, image_area / max(frame.width * frame.height, 1.0)


def _raster_edges(page: pdfium.PdfPage, dpi: float = 150.0) -> list[dict]:
    """Ruling edges of a scanned page: long dark runs in a rendered bitmap that have paper on both
    sides a ruling's width away (glyph strokes are short, photos and logos are thick)."""
    import numpy

    scale = dpi / 72
    bitmap = page.render(scale=scale, grayscale=True)
    pixels = bitmap.to_numpy()
    bitmap.close()
    dark = pixels.reshape(pixels.shape[0], pixels.shape[1]) < 190
    reach = max(2, round(2.5 * scale))
    edges: list[dict] = []
    for orientation, grid, min_run in (("h", dark, 20 * scale), ("v", dark.T, 12 * scale)):
        padded = numpy.zeros((grid.shape[0], grid.shape[1] + 2), dtype=numpy.int8)
        padded[:, 1:-1] = grid
        changes = numpy.diff(padded, axis=1)
        rows, starts = numpy.nonzero(changes == 1)
        ends = numpy.nonzero(changes == -1)[1]
        long = (ends - starts >= min_run) & (rows >= reach) & (rows + reach < grid.shape[0])
        for row, start, end in zip(rows[long], starts[long], ends[long]):
            if grid[row - reach, start:end].mean() > 0.5 or grid[row + reach, start:end].mean() > 0.5:
                continue
            across, first, last = (row + 0.5) / scale, start / scale, end / scale
            if orientation == "h":
                _append(edges, _edge((first, across), (last, across)))
            else:
                _append(edges, _edge((across, first), (across, last)))
    return edges


# ---------------------------------------------------------------------------------------------
# Tables


@dataclass
class _Grid:
    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]  # (row0, col0, row1, col1), end exclusive
    owner: list[list[int]]
    holes: int = 0  # grid positions no ruled cell covered, filled with one-position cells
    open_top: bool = False
    open_bottom: bool = False

    def problems(self) -> int:
        thin = sum(b - a < _MIN_TRACK for a, b in zip(self.xs, self.xs[1:]))
        thin += sum(b - a < _MIN_TRACK for a, b in zip(self.ys, self.ys[1:]))
        return thin + self.holes

    def locate(self, x: float, y: float) -> int | None:
        if not (self.xs[0] - 1 <= x <= self.xs[-1] + 1 and self.ys[0] - 1 <= y <= self.ys[-1] + 1):
            return None
        col = min(max(bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        return self.owner[row][col]


def _boundaries(values: list[float]) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if merged and value - merged[-1] <= 1.0:
            continue
        merged.append(value)
    return merged


def _nearest(bounds: list[float], value: float) -> int:
    index = bisect_right(bounds, value)
    if index == len(bounds) or (index > 0 and value - bounds[index - 1] <= bounds[index] - value):
        return index - 1
    return index


def _grid(cells: list[tuple]) -> _Grid:
    xs = _boundaries([c[0] for c in cells] + [c[2] for c in cells])
    ys = _boundaries([c[1] for c in cells] + [c[3] for c in cells])
    owner = [[-1] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    spans: list[tuple[int, int, int, int]] = []
    # Larger cells first so that a smaller cell found inside a larger one keeps its own text.
    for x0, top, x1, bottom in sorted(cells, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]), reverse=True):
        span = (_nearest(ys, top), _nearest(xs, x0), _nearest(ys, bottom), _nearest(xs, x1))
        if span[2] <= span[0] or span[3] <= span[1]:
            continue
        spans.append(span)
        for row in range(span[0], span[2]):
            for col in range(span[1], span[3]):
                owner[row][col] = len(spans) - 1
    grid = _Grid(xs, ys, spans, owner)
    for row, line in enumerate(owner):
        for col, index in enumerate(line):
            if index == -1:
                spans.append((row, col, row + 1, col + 1))
                line[col] = len(spans) - 1
                grid.holes += 1
    return grid


def _tables(edges: list[dict], meet: float) -> list[list[tuple]]:
    return cells_to_tables(intersections_to_cells(edges_to_intersections(edges, meet, meet)))


def _open_edges(tables: list[list[tuple]], edges: list[dict], centres: list[tuple[float, float]]) -> list[dict]:
    """Closing edges for rows cut by the page edge: the table's outer verticals run on past its
    last (or first) horizontal rule and words sit in that strip."""
    extra: list[dict] = []
    verticals = [e for e in edges if e["orientation"] == "v"]
    for cells in tables:
        x0 = min(c[0] for c in cells)
        x1 = max(c[2] for c in cells)
        top = min(c[1] for c in cells)
        bottom = max(c[3] for c in cells)
        outer = [e for e in verticals if abs(e["x0"] - x0) <= 1.5 or abs(e["x0"] - x1) <= 1.5]
        below = [e["bottom"] for e in outer if e["top"] < bottom - 1 and e["bottom"] > bottom + 4]
        above = [e["top"] for e in outer if e["bottom"] > top + 1 and e["top"] < top - 4]
        for strip, y in ((below, "bottom"), (above, "top")):
            if len(strip) < 2:
                continue
            edge_y = min(strip) if y == "bottom" else max(strip)
            low, high = (bottom, edge_y) if y == "bottom" else (edge_y, top)
            if any(x0 < cx < x1 and low < cy < high for cx, cy in centres):
                extra.append({"x0": x0, "x1": x1, "top": edge_y, "bottom": edge_y, "doctop": edge_y,
                              "width": x1 - x0, "height": 0.0, "orientation": "h", "object_type": "line",
                              "synthetic": y})
    return extra


def _find_grids(edges: list[dict], words: list[_Word]) -> list[_Grid]:
    """Ruled tables by pdfplumber's lines strategy; tried again with looser tolerances when no grid
    comes out or the grid looks wrong (slivers between rulings meant as one, positions no cell covers)."""
    if len(edges) < 4:
        return []
    centres = [((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2) for w in words]
    best: list[_Grid] = []
    best_problems = 0
    for snap, join, meet in _GRID_TOLERANCES:
        merged = [e for e in merge_edges(edges, snap, snap, join, join)
                  if (e["width"] if e["orientation"] == "h" else e["height"]) >= _MIN_EDGE]
        tables = _tables(merged, meet)
        extra = _open_edges(tables, merged, centres)
        if extra:
            tables = _tables(merged + extra, meet)
        grids = [_grid(cells) for cells in tables]
        for grid in grids:
            grid.open_top = any(e["synthetic"] == "top" and abs(e["top"] - grid.ys[0]) <= 1 for e in extra)
            grid.open_bottom = any(e["synthetic"] == "bottom" and abs(e["top"] - grid.ys[-1]) <= 1 for e in extra)
        problems = sum(g.problems() for g in grids)
        if grids and (not best or problems < best_problems):
            best, best_problems = grids, problems
        if best and best_problems == 0:
            break
    return best


def _grid_cells(grid: _Grid, cell_words: dict[int, list[_Word]]) -> list[list[_Cell | None]]:
    rows: list[list[_Cell | None]] = [[None] * (len(grid.xs) - 1) for _ in range(len(grid.ys) - 1)]
    for index, (row, col, row_end, col_end) in enumerate(grid.cells):
        words = cell_words.get(index)
        if words:
            box = (grid.xs[col], grid.ys[row], grid.xs[col_end], grid.ys[row_end])
            lines = _group_lines(words)
            # Cell padding, mirrored to the right; centred or right-aligned text says nothing about it.
            padding = min(max(min(line.x0 for line in lines) - box[0], 0.0), 8.0)
            rows[row][col] = _Cell(lines, box[2] - padding, box)
    return rows


# ---------------------------------------------------------------------------------------------
# Lines and blocks


def _group_lines(words: list[_Word]) -> list[_Line]:
    """Words in reading order, grouped into lines by vertical overlap."""
    ordered = sorted(words, key=lambda w: (w.top + w.bottom, w.x0))
    groups: list[list[_Word]] = []
    band = (0.0, 0.0)
    for word in ordered:
        middle = (word.top + word.bottom) / 2
        if groups and band[0] <= middle <= band[1]:
            groups[-1].append(word)
            continue
        groups.append([word])
        band = (word.top, word.bottom)
    lines = []
    for group in groups:
        group.sort(key=lambda w: w.x0)
        lines.append(_Line(" ".join(w.text for w in group), group[0].x0, min(w.top for w in group),
                           max(w.x1 for w in group), max(w.bottom for w in group), max(w.size for w in group),
                           all(w.bold for w in group), group[-1].space_after, group[0].x1 - group[0].x0))
    lines.sort(key=lambda line: line.top)
    return lines


def _join_lines(texts: list[str]) -> str:
    """Lines of one paragraph or cell as one string: a word hyphenated or a numbering code
    ("I." + "1.1.2") broken at the line end is glued back, other breaks become a space."""
    joined = ""
    for text in texts:
        if joined and ((_HYPHEN_BREAK.search(joined) and text[:1].isalnum())
                       or (_CODE_BREAK.search(joined) and text[:1].isdigit())):
            joined += text
        elif joined:
            joined += " " + text
        else:
            joined = text
    return joined


def _is_list_start(text: str) -> bool:
    return bool(_LIST_START.match(text))


def _page_blocks(page: _Page, paragraph_gap: float) -> list[_Block]:
    """A page's lines as paragraphs and list items. A block starts at a list marker, after a gap
    wider than the usual wrap, at a size change, after a short line that ends a sentence or changes
    weight, and at a line indented past the lines above it."""
    blocks: list[_Block] = []
    previous: _Line | None = None
    right_margin = max((line.x1 for line in page.lines), default=0.0)
    for line in page.lines:
        if previous is None:
            blocks.append(_Block(page.number, line.top, [line]))
            previous = line
            continue
        gap = line.top - previous.bottom
        wide_gap = gap > max(2.0, (paragraph_gap + 0.25) * previous.size)
        short = previous.x1 < right_margin - 3 * previous.size  # a full line can only wrap on
        marker = _is_list_start(line.text)
        if marker and not _BULLET_START.match(line.text) and not (wide_gap or short):
            # "19. Adapun ..." under "... Covid-": a wrapped line may start like a numbered item.
            marker = bool(_SENTENCE_END.search(previous.text))
        new = (marker or wide_gap or abs(line.size - previous.size) > 1.0
               or (short and (line.bold != previous.bold or _SENTENCE_END.search(previous.text))))
        first = blocks[-1].lines[0]
        if not new and not _is_list_start(first.text) and len(blocks[-1].lines) > 1:
            new = line.x0 - previous.x0 > 1.5 * line.size
        if new:
            blocks.append(_Block(page.number, line.top, [line]))
        else:
            blocks[-1].lines.append(line)
        previous = line
    return blocks


def _body_gap(pages: list[_Page]) -> float:
    """The usual gap between wrapped lines of one paragraph, as a share of the line height: measured
    under lines that run to the right margin, which can only continue on the next line."""
    gaps: Counter[float] = Counter()
    for page in pages:
        right = max((line.x1 for line in page.lines), default=0.0)
        for upper, lower in zip(page.lines, page.lines[1:]):
            if abs(upper.size - lower.size) < 0.5 and upper.size > 0 and upper.x1 >= right - 3 * upper.size:
                share = (lower.top - upper.bottom) / upper.size
                if -0.2 < share < 2.5:
                    gaps[round(share * 20) / 20] += 1
    return gaps.most_common(1)[0][0] if gaps else 0.25


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 11.0


def _drop_page_furniture(pages: list[_Page]) -> None:
    """Removes page numbers and running headers/footers: lines at the top or bottom edge of a page,
    outermost first, that look like a page number or repeat (digits aside) on half the pages."""
    def key(line: _Line, edge: str) -> tuple:
        return edge, re.sub(r"\d+", "#", line.text.lower()), round(line.top / 6)

    def edge_lines(page: _Page) -> list[tuple[_Line, str]]:
        top = [(line, "top") for line in page.lines[:2] if line.bottom < 0.12 * page.height]
        bottom = [(line, "bottom") for line in page.lines[-2:][::-1] if line.top > 0.88 * page.height]
        return top + bottom

    seen: Counter[tuple] = Counter()
    for page in pages:
        seen.update({key(line, edge) for line, edge in edge_lines(page)})
    repeated = max(3, len(pages) / 2)
    for page in pages:
        drop: set[int] = set()
        for edge in ("top", "bottom"):
            for line, where in edge_lines(page):
                if where != edge:
                    continue
                if not (_PAGE_NUMBER.match(line.text.strip()) or seen[key(line, edge)] >= repeated):
                    break  # only the outermost lines can be page furniture
                drop.add(id(line))
        if drop:
            page.lines = [line for line in page.lines if id(line) not in drop]


def _merge_continuations(pages: list[_Page]) -> None:
    """Joins blocks the page layout split but the text runs on: the bare lines under a list item
    ("Terealisasi 7 kali rapat" / "Atas target 12 kali rapat") and paragraphs cut by a page break."""
    previous: _Block | None = None
    tail_page = 0  # page of the last line of `previous`
    carry = False  # `previous` ended its page with nothing below it
    margins = (0.0, 0.0)
    for page in pages:
        kept: list[_Block] = []
        for block in page.blocks:
            if previous is not None:
                if tail_page == page.number:
                    joins = _continues_on_page(previous, block, page)
                else:
                    joins = (carry and not kept and not any(f.top < block.top for f in page.fragments)
                             and _continues_over_break(previous, block, *margins))
                if joins:
                    previous.lines.extend(block.lines)
                    tail_page = page.number
                    continue
            kept.append(block)
            previous, tail_page = block, page.number
        page.blocks = kept
        carry = (previous is not None and tail_page == page.number
                 and not any(f.bottom > previous.lines[-1].top for f in page.fragments))
        margins = (max((line.x1 for line in page.lines), default=0.0), page.width)


def _may_continue(previous: _Block, block: _Block) -> bool:
    first, last = block.lines[0], previous.lines[-1]
    return not (_is_list_start(first.text) or _NUMBERED.match(first.text) or first.text.isupper()
                or first.bold != last.bold or abs(first.size - last.size) > 1.0
                or _SENTENCE_END.search(last.text))


def _continues_on_page(previous: _Block, block: _Block, page: _Page) -> bool:
    if not _may_continue(previous, block) or not _is_list_start(previous.lines[0].text):
        return False
    if len(block.lines) > 1 and not previous.lines[-1].text.endswith(","):
        return False
    first, last = block.lines[0], previous.lines[-1]
    between = any(last.bottom <= f.top <= first.top for f in page.fragments)
    return not between and first.top - last.bottom < 2.5 * (last.bottom - last.top)


def _continues_over_break(previous: _Block, block: _Block, right_margin: float, page_width: float) -> bool:
    if not _may_continue(previous, block) or all(line.text.isupper() for line in previous.lines):
        return False
    last = previous.lines[-1]
    full = last.x1 >= right_margin - 2 * last.size and last.x1 - last.x0 > 0.55 * page_width
    return _is_list_start(previous.lines[0].text) or block.lines[0].text[:1].islower() or full


def _block_item(block: _Block, body_size: float, confidence: float) -> TextBlock:
    text = clean_text(_BULLET_START.sub("- ", block.text, count=1))
    kind = "list_item" if _is_list_start(text) else "paragraph"
    if kind == "paragraph" and len(block.lines) <= 3 and len(text) <= 150 and (
            all(line.bold for line in block.lines) or block.lines[0].size >= 1.15 * body_size):
        kind = "heading"
    return TextBlock(kind, text, Source(page=block.page, confidence=confidence))


# ---------------------------------------------------------------------------------------------
# Tables across pages


def _prints_wrap_spaces(pages: list[_Page]) -> bool:
    """Whether this PDF's producer keeps the space at the end of a wrapped line (LibreOffice and
    Word do, browsers and reportlab do not): then a wrapped line without one ends inside a word."""
    wrapped = trailing = 0
    for page in pages:
        groups = [block.lines for block in page.blocks]
        groups += [cell.lines for fragment in page.fragments for row in fragment.cells for cell in row if cell]
        for lines in groups:
            wrapped += len(lines) - 1
            trailing += sum(line.trailing for line in lines[:-1])
    return wrapped > 0 and trailing > 0.3 * wrapped


def _rejoin_broken_rows(pages: list[_Page], trailing_spaces: bool) -> None:
    """Repairs what a page break does to a table. A row the break cut in two is put back together:
    the table on one page ends with a row that has no closing rule, or whose text runs on (see
    _runs_on), and the next page's table continues that row right after any repeated header rows;
    a row that shows neither is a real row. Header rows left alone at a page foot, while the body
    starts the next page without them, then join that body."""
    for page, following in zip(pages, pages[1:]):
        if not page.fragments or not following.fragments:
            continue
        upper = max(page.fragments, key=lambda f: f.bottom)
        lower = min(following.fragments, key=lambda f: f.top)
        if len(upper.cells[0]) != len(lower.cells[0]):
            continue
        if any(b.top > upper.bottom for b in page.blocks) or any(b.top < lower.top for b in following.blocks):
            continue
        index = 0
        if not lower.open_top:
            upper_texts, lower_texts = upper.texts(), lower.texts()
            while (index < len(lower_texts) - 1 and index < len(upper_texts) - 1
                   and lower_texts[index] == upper_texts[index]):
                index += 1
        if index < len(lower.cells) and (upper.open_bottom
                                         or _runs_on(upper.cells[-1], lower.cells[index], trailing_spaces)):
            upper.cells[-1] = [_joined(a, b) for a, b in zip(upper.cells[-1], lower.cells.pop(index))]
            lower.row_pages.pop(index)
            if not lower.cells:
                following.fragments.remove(lower)
                continue
        upper_texts, lower_texts = upper.texts(), lower.texts()
        if _only_header(upper_texts) and lower_texts[0] != upper_texts[0]:
            lower.cells[:0], lower.row_pages[:0] = upper.cells, upper.row_pages
            page.fragments.remove(upper)


def _only_header(rows: list[list[str]]) -> bool:
    """A few rows without a figure, bar a column-number row (1 | 2 | ... | 11=7-10)."""
    def numbering(row: list[str]) -> bool:
        return all(re.fullmatch(r"\(?\d{1,2}\)?(?:=\S+)?", text) for text in row if text)

    return len(rows) <= 4 and all(numbering(row) or not any(_FIGURE.match(t) for t in row) for row in rows)


def _runs_on(upper: list[_Cell | None], lower: list[_Cell | None], trailing_spaces: bool) -> bool:
    """Text evidence that a row closed by a rule at the page foot goes on in the next page's row.
    That row goes on in some of the cells (not all: figures and numbers end on one line) and only
    in cells with text above, and in each of them the line above ends the way a wrap ends it: with
    the space of the wrap, or so full that the space did not fit, and no room for the next word."""
    if not trailing_spaces:
        return False
    filled = [(above, below) for above, below in zip(upper, lower) if above is not None]
    both = [(above, below) for above, below in filled if below is not None]
    if not both or len(both) == len(filled) or any(a is None and b is not None for a, b in zip(upper, lower)):
        return False
    for above, below in both:
        last = above.lines[-1]
        space = 0.25 * last.size
        right = above.right - space  # `right` mirrors the left padding; the right one is up to a space wider
        if last.x1 + space + below.lines[0].first_width <= right or not (last.trailing or last.x1 + space > right):
            return False
    return True


def _joined(above: _Cell | None, below: _Cell | None) -> _Cell | None:
    if above is None or below is None:
        return above or below
    return _Cell(above.lines + below.lines, above.right, above.box)


# ---------------------------------------------------------------------------------------------
# OCR


def _ocr_copy(path: str, password: str | None, pages: list[int], workdir: str) -> str:
    """A copy of the PDF with a text layer added by ocrmypdf on the given (1-based) pages."""
    if shutil.which("ocrmypdf") is None:
        raise InputError(path, "ocrmypdf tidak terpasang; pasang dengan `apt-get install ocrmypdf tesseract-ocr-ind`.",
                         "ocrmypdf is not installed; install it with `apt-get install ocrmypdf tesseract-ocr-ind`.")
    source = os.path.join(workdir, "input.pdf")
    if password:
        document = pdfium.PdfDocument(path, password=password)
        with open(source, "wb") as handle:
            document.save(handle, flags=pdfium_c.FPDF_REMOVE_SECURITY)
        document.close()
    else:
        shutil.copyfile(path, source)
    target = os.path.join(workdir, "ocr.pdf")
    command = ["ocrmypdf", "--skip-text", "--rotate-pages", "--deskew", "-l", OCR_LANGUAGES,
               "--output-type", "pdf", "--optimize", "0", "--quiet",
               "--pages", ",".join(str(n) for n in pages), source, target]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not os.path.exists(target):
        reason = (result.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise InputError(path, f"OCR gagal ({reason}); periksa berkasnya atau jalankan tanpa --ocr.",
                         f"OCR failed ({reason}); check the file or run without --ocr.")
    return target


def _reread_figures(page: pdfium.PdfPage, fragments: list[_Fragment], workdir: str) -> None:
    """Re-reads OCR'd table cells that hold figures with Tesseract's English model, which keeps the
    "%" that the Indonesian model turns into "96": one Tesseract run per page on the cells cut out of
    a 300 dpi rendering and stacked in one column."""
    targets = [cell for fragment in fragments for row in fragment.cells for cell in row
               if cell is not None and _FIGURE.match(cell.text)]
    if not targets or shutil.which("tesseract") is None:
        return
    from PIL import Image

    scale = 300 / 72
    bitmap = page.render(scale=scale, grayscale=True)
    image = bitmap.to_pil()
    bitmap.close()
    inset, gap = 1.5, 30  # the inset keeps the cell's rulings out of the crop
    crops = []
    for cell in targets:
        x0, top, x1, bottom = cell.box
        crops.append(image.crop((round((x0 + inset) * scale), round((top + inset) * scale),
                                 round((x1 - inset) * scale), round((bottom - inset) * scale))))
    sheet = Image.new("L", (max(c.width for c in crops) + 2 * gap, sum(c.height + gap for c in crops) + gap), 255)
    spans = []
    y = gap
    for crop in crops:
        sheet.paste(crop, (gap, y))
        spans.append((y, y + crop.height))
        y += crop.height + gap
    sheet_path = os.path.join(workdir, f"figures-{id(page)}.png")
    sheet.save(sheet_path)
    result = subprocess.run(["tesseract", sheet_path, "stdout", "-l", NUMERIC_OCR_LANGUAGE, "--psm", "6",
                             "-c", "tessedit_char_whitelist=0123456789.,%-()Rp", "tsv"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return
    found: list[list[tuple[int, int, int, str]]] = [[] for _ in targets]
    for row in result.stdout.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        line, left, top, height = int(fields[4]) * 1000 + int(fields[2]) * 100 + int(fields[3]), int(fields[6]), \
            int(fields[7]), int(fields[9])
        middle = top + height / 2
        for index, (start, end) in enumerate(spans):
            if start - gap / 2 <= middle <= end + gap / 2:
                found[index].append((line, left, top, fields[11].strip()))
                break
    for cell, words in zip(targets, found):
        text = " ".join(word for *_, word in sorted(words))
        if text and _FIGURE.match(text):
            cell.override = text


# ---------------------------------------------------------------------------------------------
# Document


def _read_page(document: pdfium.PdfDocument, number: int, *, ocr_workdir: str | None = None) -> _Page:
    """One page's text lines and table fragments; `ocr_workdir` marks a page whose text came from
    OCR, whose rulings are then found in the rendered image."""
    page = document[number - 1]
    try:
        frame = _Frame(page)
        textpage = page.get_textpage()
        try:
            words = _page_words(textpage, frame)
        finally:
            textpage.close()
        edges, image_share = _page_graphics(page, frame)
        result = _Page(number, frame.width, frame.height, ocr=ocr_workdir is not None)
        if ocr_workdir is not None:
            words = [w for w in words if _ocr_clean(w)]
            edges += _raster_edges(page)
        result.scanned = len(words) < 3 and image_share > 0.3
        grids = _find_grids(edges, words)
        free: list[_Word] = []
        cell_words: list[dict[int, list[_Word]]] = [{} for _ in grids]
        for word in words:
            x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
            for index, grid in enumerate(grids):
                cell = grid.locate(x, y)
                if cell is not None:
                    cell_words[index].setdefault(cell, []).append(word)
                    break
            else:
                free.append(word)
        for grid, words_in in zip(grids, cell_words):
            if not words_in:
                continue  # a frame or box around nothing is not a table
            result.fragments.append(_Fragment(number, grid.ys[0], grid.ys[-1], _grid_cells(grid, words_in),
                                              grid.open_top, grid.open_bottom))
        if ocr_workdir is not None:
            _reread_figures(page, result.fragments, ocr_workdir)
        result.lines = _group_lines(free)
        return result
    finally:
        page.close()


def _ocr_clean(word: _Word) -> bool:
    word.text = _OCR_RULING.sub("", word.text)
    return bool(word.text)


def read_pdf(path: str, *, password: str | None = None, ocr: bool = False,
             max_pages: int = MAX_PAGES) -> RawDocument:
    """Reads a PDF report into text blocks and table fragments, each with its 1-based page.

    Unusable files raise InputError. Pages without a text layer are listed in `scanned_pages`, or
    with `ocr` get one from ocrmypdf and carry confidence OCR_CONFIDENCE in their sources.
    """
    path = str(path)
    _check_file(path)
    _check_streams(path, images=ocr)
    document = _open(path, password)
    try:
        count = len(document)
        if count > max_pages:
            raise InputError(
                path,
                f"PDF memiliki {count} halaman, melebihi batas {max_pages}; pisahkan laporan menjadi beberapa berkas.",
                f"the PDF has {count} pages, over the limit of {max_pages}; split the report into several files.")
        try:
            pages = [_read_page(document, number) for number in range(1, count + 1)]
        except pdfium.PdfiumError:
            raise _corrupt(path) from None
    finally:
        document.close()

    # pages still without text are reported by rule LKJ901, figures read by OCR by LKJ902 (via their confidence)
    scanned = [page.number for page in pages if page.scanned]
    if scanned and ocr:
        pages = _ocr_pages(path, password, pages, scanned)
        scanned = [number for number in scanned if pages[number - 1].scanned]
    if not any(page.lines or page.fragments for page in pages):
        raise InputError(path, "PDF tidak memiliki lapisan teks (hanya gambar pindaian); jalankan ulang dengan --ocr.",
                         "the PDF has no text layer (scanned images only); run again with --ocr.")

    _drop_page_furniture(pages)
    body_gap, body_size = _body_gap(pages), _body_size(pages)
    for page in pages:
        page.blocks = _page_blocks(page, body_gap)
    _merge_continuations(pages)
    trailing_spaces = _prints_wrap_spaces(pages)
    _rejoin_broken_rows(pages, trailing_spaces)

    items: list[TextBlock | RawTable] = []
    for page in pages:
        confidence = OCR_CONFIDENCE if page.ocr else 1.0
        placed: list[tuple[float, TextBlock | RawTable]] = [
            (block.top, _block_item(block, body_size, confidence)) for block in page.blocks]
        placed += [(fragment.top, RawTable(rows=fragment.texts(),
                                           sources=[Source(page=number, confidence=confidence)
                                                    for number in fragment.row_pages]))
                   for fragment in page.fragments]
        placed.sort(key=lambda pair: pair[0])
        items.extend(item for _, item in placed)
    return RawDocument(path=path, kind="pdf", items=items, pages=len(pages), scanned_pages=scanned)


def _ocr_pages(path: str, password: str | None, pages: list[_Page], scanned: list[int]) -> list[_Page]:
    with tempfile.TemporaryDirectory(prefix="lkjip-ocr-") as workdir:
        copy = _ocr_copy(path, password, scanned, workdir)
        document = pdfium.PdfDocument(copy)
        try:
            for number in scanned:
                page = _read_page(document, number, ocr_workdir=workdir)
                page.scanned = not (page.lines or page.fragments)
                pages[number - 1] = page
        finally:
            document.close()
    return pages
