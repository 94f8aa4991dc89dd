"""Checks every input file passes before a reader opens it: a file, not empty, of a kind the tool reads."""
from __future__ import annotations

from auditor.errors import InputError
from auditor.files import check_regular, open_regular

MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")


def file_kind(path: str) -> str:
    """"pdf", "docx" or "markdown"; InputError for a folder, a missing or empty file, a ".pdf" without the
    PDF signature, or any other type."""
    head = checked_head(path)
    if b"%PDF-" in head:  # the signature may follow a few bytes of junk
        return "pdf"
    if path.lower().endswith(".pdf"):
        raise not_a_pdf(path)
    if path.lower().endswith(".docx") or head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # zip, OLE
        return "docx"
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    raise InputError(path, "jenis berkas tidak didukung; berikan PDF, Word (.docx) atau markdown (.md).",
                     "unsupported file type; give a PDF, Word (.docx) or markdown (.md) file.")


def checked_head(path: str) -> bytes:
    """The first KiB of a file that exists and is not empty; InputError for a folder, a missing or empty file."""
    # a regular file of bounded size only (folder, missing, FIFO, device, too large: InputError), checked
    # before a byte is read: a FIFO blocks and a link to /dev/zero never ends
    if check_regular(path) == 0:
        raise InputError(path, "berkas kosong (0 bita); unduh atau salin ulang berkas laporannya.",
                         "the file is empty (0 bytes); download or copy the report again.")
    with open_regular(path) as handle:
        return handle.read(1024)


def not_a_pdf(path: str) -> InputError:
    return InputError(
        path,
        "berkas ini bukan PDF (tanda %PDF tidak ada); simpan ulang laporan sebagai PDF atau berikan berkas "
        "markdown-nya.",
        "this file is not a PDF (no %PDF signature); save the report as PDF again or pass its markdown file.")
