"""A scanned page's cells and sentence figures cut out for Tesseract: the cell inside its rulings, with any ruling
left inside it blanked; a figure word without the pieces of its neighbours. What Tesseract sees beside a figure it
reads as part of it."""
from __future__ import annotations

import numpy

from auditor.ingest.pdf.numbering import INK, strokes
from auditor.ingest.pdf.tesseract import TextRead


def inside_rulings(area: numpy.ndarray, scale: float) -> numpy.ndarray | None:
    """The cell without its rulings: near each side (within 3 pt, where the grid says a ruling runs), the
    innermost row or column that is nearly all ink and everything outside it are cut off."""
    height, width = area.shape
    if height < 6 or width < 6:
        return None
    reach = min(round(3 * scale), height // 3, width // 3)
    ink = area < INK
    rows, columns = ink.mean(axis=1), ink.mean(axis=0)

    def cut(profile: numpy.ndarray) -> int:
        solid = numpy.nonzero(profile[:reach] > 0.8)[0]
        return int(solid[-1]) + 1 if len(solid) else 0

    top, left = cut(rows), cut(columns)
    bottom, right = height - cut(rows[::-1]), width - cut(columns[::-1])
    pad = 2  # a ruling's anti-aliased edge
    inner = area[top + pad:bottom - pad, left + pad:right - pad]
    return inner if inner.size else None


def without_inner_rulings(area: numpy.ndarray, scale: float) -> numpy.ndarray:
    """The cell with the rulings inside it blanked (one the grid did not take for a border, a neighbour's
    beside a merged cell): a line at most 1 pt thick that runs across nine tenths of the cell, as no glyph does
    in a cell padded around its text. Left in, Tesseract reads it with the figure beside it ("95" as "E")."""
    ink = area < INK
    blank = [numpy.zeros(ink.shape[1], bool), numpy.zeros(ink.shape[0], bool)]  # columns, rows
    for lines, across in ((ink, blank[0]), (ink.T, blank[1])):
        current = longest = numpy.zeros(lines.shape[1], numpy.int32)
        for pixels in lines:  # the longest unbroken run of ink down each column (of `lines`)
            current = numpy.where(pixels, current + 1, 0)
            longest = numpy.maximum(longest, current)
        solid = numpy.diff(numpy.concatenate(([0], (longest >= 0.9 * lines.shape[0]).astype(numpy.int8), [0])))
        for start, end in zip(numpy.nonzero(solid == 1)[0], numpy.nonzero(solid == -1)[0]):
            if end - start <= max(round(scale), 2):
                across[max(start - 1, 0):end + 1] = True  # and its anti-aliased edges
    if not (blank[0].any() or blank[1].any()):
        return area
    area = area.copy()
    area[:, blank[0]] = 255
    area[blank[1], :] = 255
    return area


def word_crop(pixels: numpy.ndarray, word: TextRead) -> tuple[numpy.ndarray, int]:
    """A sentence's figure word (pixels, ink height): its box (read at TEXT_DPI) and a margin that keeps a comma's
    tail, with the glyphs of the words beside it that reach into the margin blanked (a figure reading takes the
    stem of an "n" for a 1: "2" read "12"), and the height of the ink left."""
    margin = 4
    top, left = max(word.top - margin, 0), max(word.left - margin, 0)
    area = pixels[top:word.bottom + margin, left:word.right + margin]
    ink = strokes(area)
    glyphs = [(a, b) for a, b in runs(ink.any(axis=0)) if b > word.left - left and a < word.right - left]
    rows = numpy.nonzero(ink[:, glyphs[0][0]:glyphs[-1][1]].any(axis=1))[0] if glyphs else []
    if not len(rows):
        return area, word.bottom - word.top
    kept = numpy.full(area.shape, 255, numpy.uint8)
    for a, b in glyphs:
        kept[:, a:b] = area[:, a:b]
    return kept[:, max(glyphs[0][0] - margin, 0):glyphs[-1][1] + margin], int(rows[-1] - rows[0] + 1)


def runs(profile: numpy.ndarray) -> list[tuple[int, int]]:
    """The runs of True in a 1-D array, as (start, end)."""
    steps = numpy.diff(numpy.concatenate(([0], profile.astype(numpy.int8), [0])))
    return list(zip(numpy.nonzero(steps == 1)[0].tolist(), numpy.nonzero(steps == -1)[0].tolist()))
