"""How a scanned figure is cut for Tesseract: rulings inside a cell and pieces of neighbouring words are blanked,
thin strokes count as ink; list bullets and ticks as OCR reads them are put back."""
from __future__ import annotations

import numpy
import pytest

from auditor.ingest.pdf import cutting, scan
from auditor.ingest.pdf.numbering import INK, strokes
from auditor.ingest.pdf.tesseract import TextRead

SCALE = scan.RASTER_DPI / 72


def glyph_block(height: int = 24, width: int = 14) -> numpy.ndarray:
    """A dark glyph-sized block on paper, with room around it."""
    pixels = numpy.full((height + 20, width + 60), 250, numpy.uint8)
    pixels[10:10 + height, 30:30 + width] = 0
    return pixels


def test_a_ruling_inside_a_cell_is_blanked_and_the_figure_kept():
    area = glyph_block()
    area[:, 5:8] = 0  # a vertical ruling the grid missed, top to bottom
    area[40, :] = 10  # and a horizontal one across
    cleaned = cutting.without_inner_rulings(area, SCALE)
    assert (cleaned[:, 4:9] == 255).all() and (cleaned[40] == 255).all()
    assert (cleaned[10:34, 30:44] == 0).all() and (cleaned[10:34, 9:30] == 250).all()


def test_a_glyph_taller_than_most_of_the_cell_is_no_ruling():
    area = glyph_block(height=30)  # 30 of 50 rows
    assert (cutting.without_inner_rulings(area, SCALE) == area).all()


def test_a_thin_grey_stroke_is_ink_to_strokes_but_not_to_ink():
    pixels = numpy.full((10, 10), 250, numpy.uint8)
    pixels[2:4] = 0
    pixels[5] = 160  # a serif or a Times "3"'s waist, scanned grey
    assert (pixels[5] < INK).sum() == 0
    assert strokes(pixels)[5].all() and not strokes(pixels)[7].any()


def test_a_figure_word_keeps_its_own_glyphs_and_not_its_neighbours():
    pixels = numpy.full((60, 80), 250, numpy.uint8)
    pixels[20:40, 10:12] = 0  # the stem of the word before, 3 px left of the box
    pixels[18:40, 20:32] = 0  # the figure, inside the box
    word = TextRead("2", 90.0, 15, 18, 33, 40, 22)
    crop, height = cutting.word_crop(pixels, word)
    assert height == 22
    assert crop.shape == (30, 20)  # the box and 4 px around, cut to the figure's glyphs and 4 px
    assert (crop[:, :4] == 255).all() and (crop[4:26, 4:16] == 0).all()


@pytest.mark.parametrize("read, printed", [
    ("s V“ Kegiatan Pembangunan", "• ✓ Kegiatan Pembangunan"),  # "•" as a lone letter, "✓" as V and a quote
    ("- Y/ Kegiatan Pemberdayaan", "• ✓ Kegiatan Pemberdayaan"),
    ("# / Kegiatan Penyediaan", "• ✓ Kegiatan Penyediaan"),
    ("V PENUTUP", "V PENUTUP"),  # a Roman V heading
    ("Dengan target 80%", "Dengan target 80%"),
])
def test_list_bullets_and_ticks_as_ocr_reads_them_are_put_back(read, printed):
    assert scan._bullets(read) == printed
