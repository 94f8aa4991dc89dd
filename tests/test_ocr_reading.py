"""How a scanned figure is cut and read: rulings inside a cell and pieces of neighbouring words are blanked before
Tesseract sees them, thin strokes count as ink, a lone glyph is read set twice; and, on a scan in Nimbus Roman
(thin strokes at 7.5 pt), the figures Tesseract used to misread are read as printed."""
from __future__ import annotations

import shutil
import tempfile

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


@pytest.mark.parametrize("read, once", [("1 1", "1"), ("77", "7"), ("%%", "%"), ("12", ""), ("1", ""), ("", "")])
def test_a_glyph_set_twice_counts_only_when_read_the_same_twice(read, once):
    assert scan._once(read) == once


def test_a_figure_word_keeps_its_own_glyphs_and_not_its_neighbours():
    pixels = numpy.full((60, 80), 250, numpy.uint8)
    pixels[20:40, 10:12] = 0  # the stem of the word before, 3 px left of the box
    pixels[18:40, 20:32] = 0  # the figure, inside the box
    word = TextRead("2", 90.0, 15, 18, 33, 40, 22)
    crop, height = cutting.word_crop(pixels, word)
    assert height == 22
    assert crop.shape == (30, 20)  # the box and 4 px around, cut to the figure's glyphs and 4 px
    assert (crop[:, :4] == 255).all() and (crop[4:26, 4:16] == 0).all()


def render(figures: list[str]) -> list[tuple[numpy.ndarray, int, str]]:
    """Each figure printed in Nimbus Roman at 7.5 pt, scanned at 250 dpi (grey noise, JPEG) and cut as a cell of a
    page rendered at RASTER_DPI: (pixels, ink height, "" as the text model's reading)."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf", round(7.5 * 250 / 72))
    noise = numpy.random.default_rng(7)
    crops = []
    for figure in figures:
        image = Image.new("L", (160, 50), 255)
        ImageDraw.Draw(image).text((12, 10), figure, fill=0, font=font)
        image = image.rotate(1.2, resample=Image.BICUBIC, fillcolor=255)  # fed askew
        pixels = numpy.asarray(image, dtype=numpy.float32) + noise.normal(0.0, 10.0, (50, 160))
        buffer = io.BytesIO()
        Image.fromarray(pixels.clip(0, 255).astype(numpy.uint8)).save(buffer, "JPEG", quality=60)
        scanned = Image.open(buffer).resize((round(160 * 300 / 250), 60), Image.BICUBIC)
        scanned = scanned.rotate(-1.2, resample=Image.BICUBIC, fillcolor=255)  # and straightened
        area = numpy.asarray(scanned)
        ink = strokes(area)
        rows, cols = numpy.nonzero(ink.any(axis=1))[0], numpy.nonzero(ink.any(axis=0))[0]
        crops.append((area[rows[0] - 3:rows[-1] + 4, cols[0] - 3:cols[-1] + 4], int(rows[-1] - rows[0] + 1), ""))
    return crops


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None or not __import__("os").path.exists(
    "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf"), reason="needs tesseract and fonts-urw-base35")
def test_thin_serif_figures_are_read_as_printed():
    """A 7 with its thin bar (read "16%" at the middle grey), a decimal comma (read as a point) and point, a lone 1
    and 0, a 3 with its thin waist: read as printed, the readings agreeing."""
    figures = ["76%", "92,10%", "-39.29", "87,51%", "1", "0", "3"]
    with tempfile.TemporaryDirectory() as workdir:
        read = scan._figure_readings(render(figures), workdir, "t")
    assert [(figure, doubtful) for figure, doubtful, _ in read] == [(figure, False) for figure in figures]


@pytest.mark.parametrize("read, printed", [
    ("s V“ Kegiatan Pembangunan", "• ✓ Kegiatan Pembangunan"),  # "•" as a lone letter, "✓" as V and a quote
    ("- Y/ Kegiatan Pemberdayaan", "• ✓ Kegiatan Pemberdayaan"),
    ("# / Kegiatan Penyediaan", "• ✓ Kegiatan Penyediaan"),
    ("V PENUTUP", "V PENUTUP"),  # a Roman V heading
    ("Dengan target 80%", "Dengan target 80%"),
])
def test_list_bullets_and_ticks_as_ocr_reads_them_are_put_back(read, printed):
    assert scan._bullets(read) == printed
