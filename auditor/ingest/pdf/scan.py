"""A scanned page read table cell by table cell: the raster straightened, its grid found from the ruling
lines, each cell read by Tesseract on its own (figures as one line with a figure's characters only, at
a size fitted to the digit height), the text outside the tables read once; every figure read twice
and compared, so that a doubtful reading carries a low confidence instead of passing as printed."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import numpy

from auditor.ingest.pdf.cutting import inside_rulings, runs, without_inner_rulings, word_crop
from auditor.ingest.pdf.grid import find_grids
from auditor.ingest.pdf.layout import Cell, Fragment, Line, Page, Word, group_lines
from auditor.ingest.pdf.numbering import (INK, ROW_NUMBER, arabic_column, glyphs, read_row_numbers, row_number,
                                         strokes)
from auditor.ingest.pdf.page import Frame, Turned, pixel_edges
from auditor.ingest.pdf.tesseract import TextRead, tesseract
from auditor.model import DOUBTFUL_CONFIDENCE, OCR_CONFIDENCE

RASTER_DPI = 300  # scans come at 200-300 dpi; rendering them at 300 loses nothing
TEXT_DPI = 200  # for the text outside tables; its figures are read again at RASTER_DPI
TEXT_LANGUAGE = "ind"
FIGURE_LANGUAGE = "eng"  # `ind` reads "%" as "96"; with the figure whitelist English keeps it
FIGURE_CHARACTERS = "0123456789.,%-()=Rp"  # "=": column numbers such as 11=7-10
# The readings of a figure, each (digit height px, thresholded, level from ink to paper): Tesseract reads best
# at 20-40 px digits. Thin strokes (a Times "7"'s bar, a "0"'s top and foot, a comma's tail) scan grey and
# vanish at the middle grey, so the thresholded readings keep all but the palest grey (measured with
# benchmarks/ocr.py on DejaVu Sans, Nimbus Sans and Nimbus Roman scans).
FIRST_READS = ((24, False, 0.5), (40, True, 0.8))
THIRD_READ = (36, True, 0.7)  # a figure whose first readings differ
REREADS = ((32, True, 0.9), (48, True, 0.8))  # a figure read again (reread_figures): heights none of those use
_MAX_SKEW = 3.0  # degrees searched either way for a sheet scanned askew
_GRADE = re.compile(r"^[A-E]{1,2}[+-]?$")  # SAKIP and other grades: A, BB, CC+
# "•" and "✓" as OCR reads them ("•" also as "#" or "-"; "✓" as "v", "Y/", "V“"); a lone lowercase letter is a
# bullet only before a misread "✓", and a capital V only with the tail of the tick (not a Roman V heading)
_TICK = r"(?:[vY¥/]|V(?=[“”\"/]))[“”\"/]?"
_OCR_BULLET = re.compile(rf"^(?:([»«*•°©“”#-]+)\s+|([a-z])\s+(?={_TICK}\s+[A-Z]))?({_TICK}\s+)?(?=[A-Z])")
_GARBLED_FIGURE = re.compile(r"^(?:Rp\.?\s*)?[(\-–:;~]?\d[\d.,\s=\-–]*(?:\s?[%A-Za-z°”\"'’][A-Za-z0-9°]?)?[)\-.,;:]*$")
_RULING = re.compile(r"^[|\[\]!]+|[|\[\]!]+$")  # Tesseract reads rulings as bars and brackets
_FIGURE_LIKE = re.compile(r"^(?:Rp\.?)?[\d\s.,%()\-–]*\d[\d\s.,%()\-–]*$")


@dataclass
class _Crop:
    grid: int
    cell: int
    box: tuple[float, float, float, float]  # points, in the straightened page
    pixels: numpy.ndarray
    ink_height: int  # pixels of the tallest ink row band: the height of the printed line
    bands: int  # ink row bands: the printed lines
    ink_width: int
    lines: list[TextRead] | None = None
    figure: str | None = None
    readings: tuple[str, ...] = ()  # every reading the figure had, the one taken among them
    confidence: float = OCR_CONFIDENCE


def skew_angle(dark: numpy.ndarray) -> float:
    """The angle (degrees) by which the page's lines run downhill to the right: the one whose shear makes
    the rows' ink profile sharpest (rulings and text lines stacked onto single rows)."""
    ys, xs = numpy.nonzero(dark[::4, ::4])  # every 4th pixel: a ruling or text line still shows
    if len(ys) < 200:
        return 0.0

    def sharpness(angle: float) -> float:
        rows = numpy.round(ys - xs * numpy.tan(numpy.radians(angle))).astype(numpy.int64)
        counts = numpy.bincount(rows - rows.min())
        return float(numpy.dot(counts, counts))

    best = max(numpy.arange(-_MAX_SKEW, _MAX_SKEW + 1e-9, 0.25), key=sharpness)
    return float(max(numpy.arange(best - 0.2, best + 0.2 + 1e-9, 0.05), key=sharpness))


def straighten(image) -> tuple:
    """The page image (PIL, grey) turned upright, and the angle it was turned by (degrees counter-clockwise)."""
    from PIL import Image

    angle = skew_angle(numpy.asarray(image) < INK)
    if abs(angle) < 0.05:
        return image, 0.0
    return image.rotate(angle, resample=Image.BICUBIC,
                        fillcolor=255), angle


def read_scanned_page(image, number: int, frame: Frame, workdir: str) -> Page:
    """Lines and table fragments of one scanned page, rendered at RASTER_DPI into `image` (PIL, grey)."""
    scale = RASTER_DPI / 72
    image, angle = straighten(image)
    frame = Turned(frame, angle)  # cells are measured upright, and placed on the page as the scan prints them
    pixels = numpy.asarray(image)
    grids = find_grids(pixel_edges(pixels < INK, scale), [])
    crops = [crop for index, grid in enumerate(grids) for crop in _cell_crops(pixels, grid, index, scale)]
    page = Page(number, frame.width, frame.height, ocr=True)
    tag = f"p{number}"
    words = _free_words(image, grids, workdir, tag)
    _read_texts(crops, workdir, tag)
    numbered = _read_row_numbers(crops, grids, workdir, tag)
    figures = [crop for crop in _figure_cells(crops) if id(crop) not in numbered]
    digit_words = [word for word in words if _mostly_digits(word.text)]
    word_crops = [(*word_crop(pixels, w), w.text) for w in digit_words]
    readings = _figure_readings([(c.pixels, c.ink_height, _joined(c.lines or [])) for c in figures] + word_crops,
                                workdir, tag)
    _take_figures(figures, readings[:len(figures)])
    doubtful = _take_words(digit_words, readings[len(figures):])
    page.lines = _lines(words, doubtful, scale, number, frame)
    page.word_crops = _line_figures(page.lines, digit_words, word_crops, readings[len(figures):], scale)
    for index, grid in enumerate(grids):
        mine = [c for c in crops if c.grid == index]
        if not mine:
            continue  # a frame around nothing is not a table
        rows: list[list[Cell | None]] = [[None] * (len(grid.xs) - 1) for _ in range(len(grid.ys) - 1)]
        for crop in mine:
            cell = _cell(crop, frame)
            if cell is not None:
                row, col = grid.cells[crop.cell][:2]
                rows[row][col] = cell
                if crop.figure:
                    page.crops[cell.pdf_box] = (crop.pixels, crop.ink_height, crop.readings)
        page.fragments.append(Fragment(number, grid.ys[0], grid.ys[-1], rows, grid.open_top, grid.open_bottom))
    page.scanned = not (page.lines or page.fragments)
    return page


def _cell_crops(pixels: numpy.ndarray, grid, index: int, scale: float) -> list[_Crop]:
    crops = []
    for cell_index, (row, col, row_end, col_end) in enumerate(grid.cells):
        box = (grid.xs[col], grid.ys[row], grid.xs[col_end], grid.ys[row_end])
        x0, y0, x1, y1 = (round(v * scale) for v in box)
        area = inside_rulings(pixels[y0:y1, x0:x1], scale)
        if area is None:
            continue
        area = without_inner_rulings(area, scale)
        ink = area < INK
        rows = numpy.nonzero(ink.sum(axis=1) >= 2)[0]
        cols = numpy.nonzero(ink.sum(axis=0) >= 2)[0]
        if len(rows) < 3 or len(cols) < 2 or ink.sum() < 20:
            continue  # an empty cell, or a speck of noise
        margin = 3
        top, bottom = max(rows[0] - margin, 0), rows[-1] + margin + 1
        left, right = max(cols[0] - margin, 0), cols[-1] + margin + 1
        # the printed lines, told by the strokes: a Times "3" broken at its waist at INK is one line
        bands = runs(strokes(area[top:bottom, left:right]).sum(axis=1) >= 2)
        heights = numpy.array([end - start for start, end in bands])
        tall = heights >= 0.4 * heights.max()  # a comma's tail or a speck is no line
        crops.append(_Crop(index, cell_index, box, area[top:bottom, left:right], int(heights.max()),
                           int(tall.sum()), int(cols[-1] - cols[0] + 1)))
    return crops


def _read_texts(crops: list[_Crop], workdir: str, tag: str) -> None:
    """Every cell read as text, in one Tesseract run."""
    texts = tesseract([_prepared(c.pixels) for c in crops], workdir, f"{tag}-text", language=TEXT_LANGUAGE, psm=6)
    for crop, lines in zip(crops, texts):
        crop.lines = [line for line in lines if _clean(line)]


def _read_row_numbers(crops: list[_Crop], grids, workdir: str, tag: str) -> set[int]:
    """Row numbers with a Roman I in the tables' first columns, read glyph by glyph (numbering.py); returns
    the ids of the cells so read, and of those with a bar whose glyphs stayed unread but which the text model
    read as a row number: a figure reading would drop their dots or take their I for a digit ("I.2" as "12")."""
    candidates = []
    for crop in crops:
        if crop.bands == 1 and abs(crop.box[0] - grids[crop.grid].xs[0]) < 1:
            found = glyphs(crop.pixels, crop.ink_height)
            if found:
                candidates.append((crop, found))
    texts = read_row_numbers([found for _, found in candidates], workdir, tag)
    read = {id(crop): text for (crop, _), text in zip(candidates, texts)}
    done = set()
    for index in {crop.grid for crop, _ in candidates}:
        column = [crop for crop in crops if crop.grid == index and abs(crop.box[0] - grids[index].xs[0]) < 1]
        # the column-number row's 1 is bold, no bar in any font: it tells nothing about the body's
        numbers_row = {grids[index].cells[c.cell][0] for c in crops if c.grid == index and
                       _joined(c.lines or []) == "2" and grids[index].cells[c.cell][1] == 1}
        arabic = arabic_column([(read.get(id(c)) or _joined(c.lines or [])).split(".")[0] for c in column
                                if grids[index].cells[c.cell][0] not in numbers_row])
        for crop in column:
            number = row_number(read[id(crop)], arabic) if read.get(id(crop)) else None
            if number:
                crop.lines = [TextRead(number, 100.0, 0, 0, 0, 0, crop.ink_height)]
                done.add(id(crop))
            elif id(crop) in read and ROW_NUMBER.match(_joined(crop.lines or [])):
                done.add(id(crop))
    return done


def _figure_readings(items: list[tuple[numpy.ndarray, int, str]], workdir: str,
                     tag: str) -> list[tuple[str | None, bool, list[str]]]:
    """Each crop (pixels, ink height, what the text model read) read as a figure, with whether the reading
    is doubtful: read as FIGURE_READS say, in one run; crops whose readings differ are read a third time
    (THIRD_READ). The reading most of them give wins; without a majority it is doubtful, and with no reading
    at all it is None. A lone digit the text model read counts as a vote. Each comes with every reading it
    had."""
    if not items:
        return []
    crops = [(pixels, height) for pixels, height, _ in items]
    read = _read_figures(crops, FIRST_READS, workdir, f"{tag}-fig")
    pairs = list(zip(read[:len(items)], read[len(items):]))
    split = [i for i, (a, b) in enumerate(pairs) if _key(a) != _key(b) or not _key(a)]
    third = dict(zip(split, _read_figures([crops[i] for i in split], (THIRD_READ,), workdir, f"{tag}-fig3")))
    result: list[tuple[str | None, bool, list[str]]] = []
    for index, pair in enumerate(pairs):
        text = items[index][2]
        candidates = [c for c in (*pair, third.get(index, ""), text if re.fullmatch(r"\d", text) else "")
                      if _key(c)]
        if not candidates:
            result.append((None, True, []))
            continue
        keys = [_key(c) for c in candidates]
        best = max(candidates, key=lambda c: (keys.count(_key(c)), bool(_FIGURE_LIKE.match(c))))
        doubtful = keys.count(_key(best)) < 2 or not _FIGURE_LIKE.match(best)
        # a thin point or comma is dropped far more often than made up: a reading with the same digits and more
        # separators is taken, doubtful ("1.3" against "13" twice)
        fuller = [c for c in candidates if re.sub(r"[.,]", "", _key(c)) == re.sub(r"[.,]", "", _key(best))
                  and len(re.findall(r"[.,]", c)) > len(re.findall(r"[.,]", best))]
        if fuller:
            best, doubtful = fuller[0], True
        result.append((best, doubtful, candidates))
    return result


def reread_figures(crops: list[tuple[numpy.ndarray, int]], workdir: str) -> list[list[str]]:
    """Each figure cell (pixels, ink height) read again, otherwise than at first (REREADS: other digit heights
    and thresholds); the two readings each."""
    if not crops:
        return []
    read = _read_figures(crops, REREADS, workdir, "reread")
    return [[read[i], read[len(crops) + i]] for i in range(len(crops))]


def _read_figures(crops: list[tuple[numpy.ndarray, int]], ways: tuple, workdir: str, tag: str) -> list[str]:
    """Each crop (pixels, ink height) read as a figure each way of `ways` ((digit height, thresholded, level)),
    in one Tesseract run: every crop the first way, then every crop the second, …. A crop whose ink is one
    glyph (one run of inked columns), which Tesseract often drops when alone, is set twice, half its height
    apart, and a reading of the same text twice counts as that text (else as none)."""
    lone = [len(runs(strokes(pixels).any(axis=0))) == 1 for pixels, _ in crops]
    images = [_prepared(_twice(pixels) if single else pixels, height, target, binary, level)
              for target, binary, level in ways for (pixels, height), single in zip(crops, lone)]
    read = [_joined(lines) for lines in tesseract(images, workdir, tag, language=FIGURE_LANGUAGE, psm=7,
                                                   whitelist=FIGURE_CHARACTERS)]
    return [_once(text) if lone[i % len(crops)] else text for i, text in enumerate(read)]


def _twice(pixels: numpy.ndarray) -> numpy.ndarray:
    gap = numpy.full((pixels.shape[0], max(pixels.shape[0] // 2, 1)), 255, numpy.uint8)
    return numpy.hstack([pixels, gap, pixels])


def _once(text: str) -> str:
    """What a glyph set twice was read as: the text read twice ("1 1", "77"), else nothing."""
    key = _key(text)
    half = len(key) // 2
    return key[:half] if len(key) % 2 == 0 and key[:half] == key[half:] else ""


def _take_figures(figures: list[_Crop], readings: list[tuple[str | None, bool, list[str]]]) -> None:
    """Figure readings replace the text model's where the cell holds a figure; a doubtful one, or one
    printed unlike its column, lowers the cell's confidence."""
    read = {id(crop): figure for crop, (figure, _, _) in zip(figures, readings)}
    columns: dict[tuple[int, float], list[str | None]] = {}
    for crop in figures:
        columns.setdefault((crop.grid, round(crop.box[0])), []).append(read[id(crop)])
    numeric = {key for key, values in columns.items()
               if sum(bool(v and _FIGURE_LIKE.match(v)) for v in values) * 2 > len(values)}
    for crop, (figure, doubtful, seen) in zip(figures, readings):
        text = _joined(crop.lines or [])
        if figure is None:
            if not text:  # ink no reading makes sense of: "?", so that no sum takes the cell for empty
                crop.figure, crop.confidence = "?", DOUBTFUL_CONFIDENCE
            elif any(ch.isdigit() for ch in text):
                crop.confidence = DOUBTFUL_CONFIDENCE
            continue
        in_figures = (crop.grid, round(crop.box[0])) in numeric
        if not any(ch.isdigit() for ch in text) and not _scrap_of_figure(crop, text, figure, in_figures):
            continue
        crop.figure, crop.readings = figure, tuple(seen)
        if doubtful:
            crop.confidence = DOUBTFUL_CONFIDENCE
    _check_formats(figures)


def _take_words(words: list[TextRead], readings: list[tuple[str | None, bool, list[str]]]) -> set[int]:
    """Figures in sentences as the figure readings give them (the text model turns "95%" into "9596");
    returns the ids of the words whose reading is doubtful."""
    doubtful = set()
    for word, (figure, unsure, _) in zip(words, readings):
        if figure is None:
            doubtful.add(id(word))
            continue
        tail = re.search(r"[.,;:]*$", word.text).group()  # the sentence's punctuation, not the figure's
        figure = figure.rstrip(".,;:")
        if unsure and _FIGURE_LIKE.match(word.text.rstrip(".,;:")):
            continue  # the figure readings disagree, and the text model's reading is a figure: keep it
        if _FIGURE_LIKE.match(figure):
            word.text = figure + tail
            if unsure:
                doubtful.add(id(word))
    return doubtful


def _line_figures(lines: list[Line], words: list[TextRead], crops: list[tuple], readings: list[tuple],
                  scale: float) -> dict:
    """The figures of each sentence line, by the line's box in the page's user space: every figure word in it
    as (pixels, ink height, the readings it had, the figure as kept), for a re-read (auditor/plausible.py).
    A word belongs to the line whose box holds its centre (lines are the union of their words' boxes)."""
    found: dict = {}
    for word, (pixels, height, _), (_, _, seen) in zip(words, crops, readings):
        x, y = (word.left + word.right) / 2 / scale, (word.top + word.bottom) / 2 / scale
        line = next((line for line in lines if line.x0 <= x <= line.x1 and line.top <= y <= line.bottom), None)
        if line is not None and line.pdf_box is not None:
            figure = word.text.rstrip(".,;:")  # the sentence's punctuation is no part of the figure
            found.setdefault(line.pdf_box, []).append((pixels, height, tuple(seen), figure))
    return {box: tuple(figures) for box, figures in found.items()}


def _figure_cells(crops: list[_Crop]) -> list[_Crop]:
    """One-line cells read as a figure, or as digits with a misread percent sign, or as a short scrap
    where a percent sign alone may stand (the SATUAN column)."""
    chosen = []
    for crop in crops:
        text = _joined(crop.lines or [])
        scrap = len(text) <= 2 and not any(ch.isdigit() for ch in text)  # not "S2", a header
        if crop.bands == 1 and (_FIGURE_LIKE.match(text) or _mostly_digits(text) or scrap):
            chosen.append(crop)
    return chosen


def _scrap_of_figure(crop: _Crop, text: str, figure: str, in_figures: bool) -> bool:
    """A cell the text model read without digits that holds a figure all the same: a percent sign alone
    (SATUAN "%", read as "Yo"), or one character (a lone "1" or "2" the text model drops or reads as
    "at" or "E") that reads as a digit and is no grade ("B"; in a column of figures it is none). A grade
    of one letter is one glyph wide: a letter read from ink two glyphs wide ("95" as "E") is no grade."""
    if _key(figure) == "%":
        return True
    narrow = crop.ink_width <= 0.8 * crop.ink_height  # one glyph: two letters read from it are noise
    grade = _GRADE.match(text.strip()) and narrow == (len(_key(text)) == 1) and not in_figures
    return (narrow or len(_key(text)) <= 1) and _key(figure).isdigit() and not grade


def _mostly_digits(text: str) -> bool:
    """A figure, possibly with a misread percent sign after it ("95Yo", "0,00Yc"); not a quantity with
    its unit ("29 Exemplar") nor a code with letters ("I.C.1")."""
    return bool(_GARBLED_FIGURE.match(text.strip()))


def _clean(line: TextRead) -> bool:
    """Drops what Tesseract made of a ruling left in the crop (bars and brackets at the ends)."""
    line.text = _RULING.sub("", line.text).strip()
    return bool(line.text)


def _check_formats(figures: list[_Crop]) -> None:
    """A figure printed unlike most of its column (decimals, a percent sign) is doubtful: a dropped comma
    turns 71,43 into 7143 and a percent sign read as digits turns 95% into 9596."""
    by_column: dict[tuple[int, float], list[_Crop]] = {}
    for crop in figures:
        if crop.figure:
            by_column.setdefault((crop.grid, round(crop.box[0])), []).append(crop)
    for column in by_column.values():
        shapes = [_shape(c.figure or "") for c in column]
        for crop, shape in zip(column, shapes):
            if shapes.count(shape) * 2 <= len(shapes) and _majority(shapes) is not None:
                crop.confidence = DOUBTFUL_CONFIDENCE


def _shape(figure: str) -> tuple[int, bool]:
    """How a figure is printed: digits after its last separator (decimals, or a thousands group) and a
    percent sign."""
    text = re.sub(r"\s+", "", figure)
    last = re.search(r"[.,](\d+)\D*$", text)
    return (len(last.group(1)) if last else 0, text.rstrip(")").endswith("%"))


def _majority(shapes: list) -> tuple | None:
    """The shape most of the column's figures share, when there is one."""
    for shape in set(shapes):
        if shapes.count(shape) * 2 > len(shapes):
            return shape
    return None


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _joined(lines: list[TextRead]) -> str:
    return " ".join(line.text for line in lines).strip()


def _prepared(pixels: numpy.ndarray, ink_height: int | None = None, target: int | None = None,
              binary: bool = False, level: float = 0.5):
    """A crop as Tesseract reads it best: scaled so its text is `target` px high, thresholded if asked at
    `level` of the way from ink to paper (the middle grey by default), in a white border."""
    from PIL import Image, ImageOps

    image = Image.fromarray(pixels)
    if ink_height and target:
        factor = min(max(target / max(ink_height, 1), 0.5), 4.0)
        image = image.resize((max(1, round(image.width * factor)), max(1, round(image.height * factor))),
                             Image.LANCZOS)
    if binary:
        values = numpy.asarray(image)
        ink, paper = int(values.min()), int(numpy.percentile(values, 90))
        image = Image.fromarray(numpy.where(values < ink + level * (paper - ink), 0, 255).astype(numpy.uint8))
    return ImageOps.expand(image, border=12, fill=255)


def _cell(crop: _Crop, frame: Frame) -> Cell | None:
    if crop.figure is not None:
        texts = [crop.figure] if crop.figure else []
    else:
        texts = [line.text for line in crop.lines or [] if line.text]
    if not texts:
        return None
    x0, top, x1, bottom = crop.box
    height = (bottom - top) / max(len(texts), 1)
    lines = [Line(text, x0, top + i * height, x1, top + (i + 1) * height, height, False, False, x1 - x0)
             for i, text in enumerate(texts)]
    return Cell(lines, x1, crop.box, frame.user_box(crop.box), confidence=crop.confidence)


def _free_words(image, grids, workdir: str, tag: str) -> list[TextRead]:
    """The words outside the tables (captions, paragraphs with figures), read in one Tesseract run at
    TEXT_DPI (body text needs no more, and the run takes half the time), in RASTER_DPI pixels."""
    from PIL import Image, ImageDraw

    scale = RASTER_DPI / 72
    blank = image.copy()
    draw = ImageDraw.Draw(blank)
    for grid in grids:
        draw.rectangle([grid.xs[0] * scale - 4, grid.ys[0] * scale - 4, grid.xs[-1] * scale + 4,
                        grid.ys[-1] * scale + 4], fill=255)
    if not (numpy.asarray(blank) < INK).any():
        return []
    factor = TEXT_DPI / RASTER_DPI
    small = blank.resize((round(blank.width * factor), round(blank.height * factor)), Image.LANCZOS)
    words = [word for word in tesseract([small], workdir, f"{tag}-page", language=TEXT_LANGUAGE, psm=3,
                                        words=True)[0] if _clean(word)]
    for word in words:
        word.left, word.top, word.right, word.bottom, word.line_height = (
            round(v / factor) for v in (word.left, word.top, word.right, word.bottom, word.line_height))
    return words


def _lines(words: list[TextRead], doubtful: set[int], scale: float, number: int, frame: Frame) -> list[Line]:
    lines = group_lines([Word(word.text, word.left / scale, word.top / scale, word.right / scale,
                              word.bottom / scale, word.line_height / scale, False, True,
                              doubtful=id(word) in doubtful)
                         for word in words])
    for line in lines:
        line.text = _bullets(line.text)
        line.page, line.pdf_box = number, frame.user_box((line.x0, line.top, line.x1, line.bottom))
    return lines


def _bullets(text: str) -> str:
    """A list item's "•" and a "✓" as OCR reads them ("»", "“«", "v", "/") put back."""
    match = _OCR_BULLET.match(text)
    if match is None or not match.group(0):
        return text
    return ("• " if match.group(1) or match.group(2) else "") + ("✓ " if match.group(3) else "") + text[match.end():]


def page_workers() -> int:
    """OCR'd pages read at once: the document's share of the machine (each Tesseract on one core)."""
    return max(1, min(2, os.cpu_count() or 1))
