"""Opening a PDF safely: decompression bombs and oversized images refused before PDFium inflates
anything; passwords, unsupported encryption and damage reported in one line."""
from __future__ import annotations

import mmap
import re
import zlib

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from auditor.errors import InputError

MAX_STREAM_MB = 256  # decoded size of one non-image stream; LKjIP page content is a few MB at most
MAX_INFLATION = 500  # decoded/encoded ratio that, past BOMB_PROBE_MB, marks a stream as a bomb
BOMB_PROBE_MB = 32
MAX_IMAGE_MEGAPIXELS = 300  # a 600 dpi A3 scan is 70 Mpx; only checked when pages get rendered
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_OBJ_HEADER = re.compile(rb"\d+\s+\d+\s+obj")


def corrupt(path: str) -> InputError:
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


def check_streams(path: str, *, images: bool) -> None:
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


def open_pdf(path: str, password: str | None) -> pdfium.PdfDocument:
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
        raise corrupt(path) from None
