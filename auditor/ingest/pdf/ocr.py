"""OCR of scanned pages: ocrmypdf adds a text layer, Tesseract re-reads the figures in table cells."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from auditor.errors import InputError
from auditor.ingest.pdf.layout import FIGURE, Fragment, Word

OCR_CONFIDENCE = 0.7
OCR_LANGUAGES = "ind+eng"
NUMERIC_OCR_LANGUAGE = "eng"  # `ind` misreads "%", so numeric cells are re-read with English
_OCR_RULING = re.compile(r"^[|\[\]!]+|[|\[\]!]+$")  # Tesseract reads cell rulings as bars and brackets


def ocr_copy(path: str, password: str | None, pages: list[int], workdir: str) -> str:
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


def reread_figures(page: pdfium.PdfPage, fragments: list[Fragment], workdir: str) -> None:
    """Re-reads OCR'd table cells that hold figures with Tesseract's English model, which keeps the
    "%" that the Indonesian model turns into "96": one Tesseract run per page on the cells cut out of
    a 300 dpi rendering and stacked in one column."""
    targets = [cell for fragment in fragments for row in fragment.cells for cell in row
               if cell is not None and FIGURE.match(cell.text)]
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
        if text and FIGURE.match(text):
            cell.override = text


def ocr_clean(word: Word) -> bool:
    word.text = _OCR_RULING.sub("", word.text)
    return bool(word.text)
