"""Row numbers on a scanned page ("I", "II.1", "I.2.3"): in a sans-serif font the Roman I is a plain bar,
which Tesseract drops or reads as 1, l or |, so a row number is read glyph by glyph: bars and dots by
their shape, the other glyphs (digits, V, X) by Tesseract one character at a time."""
from __future__ import annotations

import re

import numpy

from auditor.ingest.pdf.tesseract import tesseract

INK = 128  # grey level below which a scan's pixel is ink (text or ruling), whatever the paper's noise
# a thin stroke (a serif, the waist of a Times "3", a 1's flag) scans grey, lighter than INK: within a crop
# that holds ink, what is darker than this share of the way from its darkest pixel to its paper is a stroke
STROKE_LEVEL = 0.7
_DIGITS = "0123456789VX"  # what a row number's glyphs other than I and the dot can be
ROW_NUMBER = re.compile(r"^(?:[IVX]+|\d+)(?:\.\d+)*\.?$")


def glyphs(pixels: numpy.ndarray, line_height: int) -> list[tuple[str, numpy.ndarray]] | None:
    """The crop's glyphs left to right as ("I", bar), (".", dot) or ("?", pixels to read); None when it
    holds no bar (nothing Tesseract would miss) or a glyph spans more than a character's width. Glyphs are
    cut apart at INK (their strokes would join a serif to the dot beside it) and told by their strokes,
    those beside them up to halfway to the next glyph: at INK a serif I's grey serif on one side and a 1's grey
    flag are lost, and the I reads as a digit, the 1 as a bar; a serif dot keeps 4 px."""
    ink, thin = pixels < INK, strokes(pixels)
    reach = max(2, round(0.2 * line_height))  # how far a serif or a 1's flag reaches beside the stem
    columns = numpy.concatenate(([0], ink.any(axis=0).astype(numpy.int8), [0]))
    starts, ends = numpy.nonzero(numpy.diff(columns) == 1)[0], numpy.nonzero(numpy.diff(columns) == -1)[0]
    found: list[tuple[str, numpy.ndarray]] = []
    for index, (start, end) in enumerate(zip(starts, ends)):
        # no nearer the next glyph than halfway: a serif's grey and the dot's beside it are each their own
        left = max(start - reach, (ends[index - 1] + start + 1) // 2 if index else 0)
        right = min(end + reach, (end + starts[index + 1]) // 2 if index + 1 < len(starts) else pixels.shape[1])
        drawn = thin[:, left:right] | ink[:, left:right]
        rows, inked = numpy.nonzero(drawn.any(axis=1))[0], numpy.nonzero(drawn.any(axis=0))[0]
        top, bottom = rows[0], rows[-1] + 1
        drawn = drawn[top:bottom, inked[0]:inked[-1] + 1]
        if drawn.sum() < 6:
            continue  # a speck (a serif dot is 4 px at INK)
        height, width = bottom - top, end - start
        if width > 1.2 * line_height:
            return None  # letters run together: a word, not a row number
        if height <= 0.35 * line_height and width <= 0.5 * line_height:
            found.append((".", ink[top:bottom, start:end]))
        elif (height >= 0.7 * line_height and drawn.shape[1] <= 0.3 * height
              and drawn.mean() >= 0.6):
            found.append(("I", ink[top:bottom, start:end]))
        elif height >= 0.7 * line_height and (stems := _stems(drawn)):
            found += [("I", stem) for stem in stems]
        else:
            found.append(("?", pixels[max(top - 2, 0):bottom + 2, max(start - 2, 0):end + 2]))
    return found if any(kind == "I" for kind, _ in found) else None


def strokes(pixels: numpy.ndarray) -> numpy.ndarray:
    """The crop's ink, thin strokes included (STROKE_LEVEL); the paper is its 90th percentile grey."""
    values = pixels.astype(numpy.int16)
    darkest, paper = int(values.min()), float(numpy.percentile(values, 90))
    return values < darkest + STROKE_LEVEL * (paper - darkest)


def _stems(ink: numpy.ndarray) -> list[numpy.ndarray]:
    """The Roman I's of a serif font, alone or joined by their serifs ("II"): a glyph whose middle half of rows
    holds nothing but upright stems, each a bar's width and inked on nearly every one of those rows, each
    with serif ink along the top reaching about as far to its left as to its right (within twice and a pixel;
    a 1's flag reaches left only, or, in a sans font, far further left than the stem's grey edge reaches
    right); [] for any other glyph (an H's bar, a V's slant, a 1)."""
    height = ink.shape[0]
    inked = ink[height // 4:height - height // 4].mean(axis=0)
    columns = numpy.concatenate(([0], (inked > 0).astype(numpy.int8), [0]))
    starts, ends = numpy.nonzero(numpy.diff(columns) == 1)[0], numpy.nonzero(numpy.diff(columns) == -1)[0]
    top = numpy.nonzero(ink[:max(height // 5, 1)].any(axis=0))[0]
    for index, (start, end) in enumerate(zip(starts, ends)):
        if end - start > 0.3 * height or inked[start:end].max() < 0.8:
            return []
        # a stem's serifs reach no further than halfway to the next stem's
        low = (ends[index - 1] + start) // 2 if index else 0
        high = (end + starts[index + 1]) // 2 if index + 1 < len(starts) else len(inked)
        left = start - top[(top >= low) & (top < start)].min(initial=start)
        right = top[(top >= end) & (top < high)].max(initial=end - 1) - end + 1
        if not left or not right or max(left, right) > 2 * min(left, right) + 1:
            return []
    return [ink[:, start:end] for start, end in zip(starts, ends)]


def read_row_numbers(items: list[list[tuple[str, numpy.ndarray]]], workdir: str, tag: str) -> list[str | None]:
    """Each crop's glyphs (from `glyphs`) as text (row_number makes it a number), or None when some glyph
    stays unread. Each glyph to read is read alone at its own size and set twice at double size ("11"), since
    Tesseract drops some lone digits at one size or the other: in grey in word mode (one run, with the glyphs
    of each crop also read together, set half a character apart), and thresholded at its strokes as a line (a
    second run, of the glyphs whose first two readings do not agree on a character: word mode reads a serif 3
    as "30" alone and "330" twice, a serif 2 as "5"). A glyph takes the character its first two readings agree
    on, else the one most of its four readings give (one character, or the same twice), the line readings
    first on a tie; a crop with a glyph no reading made sense of takes the joint reading when it has one
    character per glyph."""
    unknown = [[pixels for kind, pixels in found if kind == "?"] for found in items]
    every = [pixels for glyphs_ in unknown for pixels in glyphs_]
    images = ([_word(glyphs_) for glyphs_ in unknown] + [_word([p, p]) for p in every]
              + [_word([p], scale=1) for p in every])
    read = [_text(lines) for lines in tesseract(images, workdir, f"{tag}-no", language="eng", psm=8,
                                                 whitelist=_DIGITS)]
    words = len(items)
    first = [(_once(single), _once(pair)) for single, pair in zip(read[words + len(every):],
                                                                 read[words:words + len(every)])]
    characters = [single if single and single == pair else "" for single, pair in first]
    unsure = [i for i, character in enumerate(characters) if not character]
    thresholded = [_thresholded(every[i]) for i in unsure]
    lined = [_text(lines) for lines in tesseract([_word([p, p]) for p in thresholded]
                                                 + [_word([p], scale=1) for p in thresholded],
                                                 workdir, f"{tag}-no2", language="eng", psm=7, whitelist=_DIGITS)]
    for n, i in enumerate(unsure):
        characters[i] = _vote([_once(lined[n]), _once(lined[len(unsure) + n]), *first[i]])
    given = iter(characters)
    numbers: list[str | None] = []
    for found, glyphs_, word in zip(items, unknown, read[:words]):
        mine = [next(given) for _ in glyphs_]
        if not all(mine):
            mine = list(word) if len(word) == len(glyphs_) else []
        if len(mine) != len(glyphs_):
            numbers.append(None)
            continue
        taken = iter(mine)
        numbers.append("".join(kind if kind != "?" else next(taken) for kind, _ in found))
    return numbers


def _once(reading: str) -> str:
    """The character a glyph was read as: one character, or the same one twice (the glyph set twice); else ""."""
    return reading[0] if len(reading) == 1 or (len(reading) == 2 and reading[0] == reading[1]) else ""


def _vote(characters: list[str]) -> str:
    """The character most readings give, the first of them on a tie; "" when none gives one."""
    given = [c for c in characters if c]
    return max(given, key=given.count) if given else ""


def _thresholded(pixels: numpy.ndarray) -> numpy.ndarray:
    return numpy.where(strokes(pixels), 0, 255).astype(numpy.uint8)


def row_number(glyph_text: str, arabic: bool) -> str | None:
    """The row number the glyphs read make, or None: after the first dot numbers are Arabic, and in an
    `arabic` column (arabic_column) so is the part before it, so a bar there is a 1."""
    head, dot, tail = glyph_text.partition(".")
    text = (head.replace("I", "1") if arabic else head) + dot + tail.replace("I", "1")
    return text if ROW_NUMBER.match(text) else None


def arabic_column(firsts: list[str]) -> bool:
    """Whether a column's row numbers, by their parts before the first dot as read, count 1, 2, 3 rather
    than I, II, III. In a serif font a 1 whose thin flag and foot the threshold lost is a bar like a Roman I;
    its column then holds numbers starting with 2-9, no Roman numeral beyond I and no 1 read as a digit
    (where the font's 1 is no bar, a bar is an I). The column-number row is no evidence (scan.py leaves it
    out)."""
    return (any(re.match(r"[2-9]", first) for first in firsts)
            and not any(re.fullmatch(r"[IVX]*[VX][IVX]*|II+|1", first) for first in firsts))


def _text(lines) -> str:
    return re.sub(r"\s+", "", " ".join(line.text for line in lines))


def _word(glyphs_pixels: list[numpy.ndarray], scale: int = 2):
    """Glyphs side by side, half a character apart, enlarged `scale` times, in a white border (PIL image)."""
    from PIL import Image, ImageOps

    if not glyphs_pixels:
        return Image.new("L", (16, 16), 255)
    height = max(p.shape[0] for p in glyphs_pixels)
    gap = height // 2
    line = numpy.full((height, sum(p.shape[1] + gap for p in glyphs_pixels)), 255, numpy.uint8)
    x = 0
    for pixels in glyphs_pixels:
        line[height - pixels.shape[0]:, x:x + pixels.shape[1]] = pixels
        x += pixels.shape[1] + gap
    return ImageOps.expand(Image.fromarray(line).resize((line.shape[1] * scale, height * scale)), border=16,
                           fill=255)
