"""Scans of generated reports: each page of the printed PDF (tests/pdf_render.py's reportlab route)
rasterised, turned a little, given sensor noise and saved as JPEG in an image-only PDF, as an
office scanner returns a printed and signed report."""
from __future__ import annotations

import random
import tempfile
from pathlib import Path

from generator import Report

MAX_ANGLE = 1.5  # degrees either way: a sheet fed slightly askew
NOISE = 10.0  # standard deviation of the grey-level noise
JPEG_QUALITY = 60


def scan_pdf(source: Path, target: Path, *, seed: int, dpi: int = 250) -> None:
    """An image-only copy of `source`: every page rendered at `dpi`, rotated by up to ±MAX_ANGLE,
    noised and JPEG-compressed, at the page's own size."""
    import numpy
    import pypdfium2 as pdfium
    from PIL import Image

    if not 200 <= dpi <= 300:
        raise ValueError(f"scans are made at 200-300 dpi, not {dpi}")
    rng = random.Random(seed)
    noise = numpy.random.default_rng(seed)
    pages = []
    document = pdfium.PdfDocument(str(source))
    try:
        for page in document:
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            image = image.rotate(rng.uniform(-MAX_ANGLE, MAX_ANGLE), resample=Image.BICUBIC, fillcolor=255)
            pixels = numpy.asarray(image, dtype=numpy.float32) + noise.normal(0.0, NOISE, (image.height, image.width))
            pages.append(Image.fromarray(pixels.clip(0, 255).astype(numpy.uint8), "L"))
    finally:
        document.close()
    # Pillow stores L images in a PDF as DCT (JPEG) streams: the compression happens here.
    pages[0].save(target, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=JPEG_QUALITY)


def scan_report(report: Report, target: Path, *, seed: int, dpi: int = 250, font: str | None = None) -> None:
    """`report` printed with reportlab (in `font`, a key of pdf_render.FONTS; DejaVu Sans by default), then
    scanned into `target`."""
    import pdf_render

    with tempfile.TemporaryDirectory(prefix="lkjip-scan-") as folder:
        printed = Path(folder) / "printed.pdf"
        pdf_render.to_pdf_reportlab(report, printed, font=font or pdf_render.DEFAULT_FONT)
        scan_pdf(printed, target, seed=seed, dpi=dpi)


def small_report(seed: int, template: str = "sumenep") -> Report:
    """A report of few pages, so that a scan of it is OCR'd in seconds."""
    import generator

    return generator.generate(seed, template=template, n_sasaran=2, n_kegiatan=4)

