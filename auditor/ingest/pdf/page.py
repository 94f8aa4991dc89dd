"""One page as PDFium sees it: words with their boxes and fonts, ruling edges, the share covered by images."""
from __future__ import annotations

import ctypes
import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from auditor.ingest.pdf.layout import Word
from auditor.model import Box

_GLYPHS = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                         "\ufb05": "st", "\ufb06": "st", "\uf0fc": "✓", "\u00ad": ""})
_SPACES = frozenset(" \t\r\n\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000")


class Frame:
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

    def user_point(self, x: float, y: float) -> tuple[float, float]:
        """The inverse of `point`: a displayed point back in PDF user space."""
        if self.rotation == 90:
            return self.left + y, self.bottom + x
        if self.rotation == 180:
            return self.right - x, self.bottom + y
        if self.rotation == 270:
            return self.right - y, self.top - x
        return self.left + x, self.top - y

    def user_box(self, box: tuple[float, float, float, float]) -> Box:
        """A displayed box (x0, top, x1, bottom) in PDF user space, where annotations are drawn."""
        ax, ay = self.user_point(box[0], box[1])
        bx, by = self.user_point(box[2], box[3])
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


class Turned(Frame):
    """The Frame of a page image turned upright by `angle` degrees counter-clockwise about its centre (as PIL's
    rotate turns a scan fed askew): a box measured on the upright image is turned back onto the page as printed
    in the PDF, to the box around it, so that a highlight or a crop lies over the cell the scan shows."""

    def __init__(self, frame: Frame, angle: float):
        self.__dict__.update(vars(frame))
        self.cos, self.sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))

    def user_box(self, box: tuple[float, float, float, float]) -> Box:
        middle_x, middle_y = self.width / 2, self.height / 2
        xs, ys = [], []
        for x in (box[0], box[2]):
            for y in (box[1], box[3]):
                dx, dy = x - middle_x, y - middle_y
                xs.append(middle_x + dx * self.cos - dy * self.sin)
                ys.append(middle_y + dx * self.sin + dy * self.cos)
        return super().user_box((min(xs), min(ys), max(xs), max(ys)))


def page_words(textpage: pdfium.PdfTextPage, frame: Frame, *, marked: bool = False) -> list[Word]:
    """The page's words; `marked` also reads each one's marked-content id (its first letter's: two
    cells' texts never touch, and a word is not cut where a producer starts a new sequence)."""
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    rect = pdfium_c.FS_RECTF()
    font_name = ctypes.create_string_buffer(128)
    font_flags = ctypes.c_int()
    matrix = pdfium_c.FS_MATRIX()
    words: list[Word] = []
    chars: list[str] = []
    x0 = top = x1 = bottom = last_left = 0.0
    first = 0
    mcid = -1

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
            words.append(Word(text, x0, top, x1, bottom, size, bold, mcid=mcid))
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
            mcid = _mcid(handle, index) if marked else -1
        else:
            x1, top, bottom = max(x1, right), min(top, upper), max(bottom, lower)
        chars.append(char)
        last_left = left
    if chars:
        flush()
    return words


def _mcid(handle, index: int) -> int:
    obj = pdfium_c.FPDFText_GetTextObject(handle, index)
    return pdfium_c.FPDFPageObj_GetMarkedContentID(obj) if obj else -1


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


def _path_edges(obj, matrix: tuple, frame: Frame, edges: list[dict]) -> None:
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


# A list bullet a browser draws as a shape instead of printing "•": a small filled dot or square (points).
_DOT_SIZE = (1.5, 7.0)


def page_graphics(page: pdfium.PdfPage, frame: Frame) -> tuple[list[dict], float, list[tuple]]:
    """Ruling edges (pdfplumber's edge dicts, display coordinates), the page share covered by images, and the
    small filled dots that may be drawn list bullets (x0, top, x1, bottom)."""
    edges: list[dict] = []
    dots: list[tuple] = []
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
                dot = _filled_dot(obj, outer, frame)
                if dot:
                    dots.append(dot)
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
    return edges, image_area / max(frame.width * frame.height, 1.0), dots


def _filled_dot(obj, outer: tuple, frame: Frame) -> tuple | None:
    """The display box of a filled path about the size of a bullet, roughly as wide as high; None otherwise."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    if not fill_mode.value:
        return None
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    a, b, c, d, e, f = outer
    corners = [frame.point(a * x + c * y + e, b * x + d * y + f)
               for x, y in ((left.value, bottom.value), (right.value, top.value))]
    x0, x1 = sorted(p[0] for p in corners)
    top_, bottom_ = sorted(p[1] for p in corners)
    width, height = x1 - x0, bottom_ - top_
    low, high = _DOT_SIZE
    if not (low <= width <= high and low <= height <= high) or max(width, height) > 1.5 * min(width, height):
        return None
    return x0, top_, x1, bottom_


def pixel_edges(dark, scale: float) -> list[dict]:
    """Ruling edges in a page raster (`dark`: a boolean array, True for ink, `scale` pixels per point):
    long dark runs that have paper on both sides a ruling's width away (glyph strokes are short, photos
    and logos are thick)."""
    import numpy

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
