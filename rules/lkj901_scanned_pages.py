"""LKJ901 — pages without a text layer (scanned images) were not audited; the signed PK is often one.

The rest of the report is audited; the finding names the pages so the reviewer checks them by eye
or runs again with --ocr.

BAHASA INDONESIA:
    Halaman tanpa lapisan teks (gambar hasil pindai) tidak diperiksa; Perjanjian Kinerja yang ditandatangani
    sering berupa halaman seperti ini. Pereviu perlu tahu bagian mana yang tidak tercakup pemeriksaan.

    Bagian laporan lainnya tetap diperiksa; temuan menyebut halaman-halamannya agar pereviu memeriksanya
    sendiri atau menjalankan ulang dengan --ocr.

PASS:
    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya X | Persentase Y | % | 80 | 80 | 100 |

FAIL:
    (id: PDF yang halaman 23-nya hasil pindai; markdown tidak berhalaman, jadi contoh ini tidak dapat ditulis
    sebagai teks)
    (en: a PDF whose page 23 is a scan; markdown has no pages, so this example cannot fail as text)
"""
from __future__ import annotations

from auditor.ruleapi import Consistent, Location, Problem

ID = "LKJ901"
TITLE = {"id": "Halaman hasil pindai tidak diperiksa", "en": "Scanned pages were not audited"}
SEVERITY = "warning"
MESSAGE = {
    "id": "Halaman {pages} tidak memiliki lapisan teks (hasil pindai) dan tidak diperiksa; periksa manual atau jalankan dengan --ocr.",
    "en": "Pages {pages} have no text layer (scanned) and were not audited; check them by eye or run with --ocr.",
}
CONF: dict = {}
DEFAULT: dict = {}


def check(document, options):
    scanned = document.raw.scanned_pages
    if not scanned:
        if document.raw.kind == "pdf":
            yield Consistent()
        return
    pages = ", ".join(str(p) for p in scanned)
    yield Problem(subject=document.meta.get("instansi") or document.path, attribute=None, values=tuple(scanned),
                  expected=None, locations=tuple(Location(page=p) for p in scanned), fields={"pages": pages})
