"""LKJ902 — figures on pages read by OCR are less certain: findings that rest on them deserve a second look.

OCR can misread a digit or a decimal comma, so a finding may come from the reading rather than the report. The
finding counts the figures read by OCR and names their pages; a figure whose readings disagree or that does
not fit its column is counted as doubtful, and a finding that rests on it is never an error. Figures from
pages with a text layer are not counted.

BAHASA INDONESIA:
    Angka di halaman yang dibaca dengan OCR kurang pasti: temuan yang bertumpu padanya perlu dicek ulang. OCR
    dapat salah membaca satu digit atau koma desimal, sehingga temuan bisa berasal dari pembacaan, bukan dari
    laporan.

    Temuan ini menghitung angka yang dibaca dengan OCR dan menyebut halamannya; angka yang hasil pembacaannya
    tidak sama atau tidak cocok dengan kolomnya dihitung meragukan, dan temuan yang bertumpu padanya tidak
    pernah menjadi kesalahan. Angka dari halaman yang punya lapisan teks tidak dihitung.

PASS:
    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya X | Persentase Y | % | 80 | 80 | 100 |

FAIL:
    (id: PDF yang diperiksa dengan --ocr dan halaman 23-nya hasil pindai; markdown tidak melalui OCR, jadi contoh
    ini tidak dapat ditulis sebagai teks)
    (en: a PDF audited with --ocr whose page 23 is a scan; markdown has no OCR, so this example cannot fail as
    text)
"""
from __future__ import annotations

from auditor.model import DOUBTFUL_CONFIDENCE
from auditor.ruleapi import Location, Problem

ID = "LKJ902"
TITLE = {"id": "Angka dibaca dengan OCR", "en": "Figures read by OCR"}
SEVERITY = "info"
MESSAGE = {
    "id": "{count} angka dari halaman {pages} dibaca dengan OCR, {doubtful} di antaranya meragukan; temuan yang "
          "memakai angka ini perlu dicek ulang.",
    "en": "{count} figures from pages {pages} were read by OCR, {doubtful} of them doubtful; findings that use them "
          "need a second look.",
}
CONF: dict = {}
DEFAULT: dict = {}


def check(document, options):
    uncertain = [f for f in document.fact_rows if f.confidence < 1]
    if not uncertain:
        return
    pages = sorted({f.page for f in uncertain if f.page is not None})
    yield Problem(subject=document.meta.get("instansi") or document.path, attribute=None, values=tuple(pages),
                  expected=None, locations=tuple(Location(page=p) for p in pages),
                  fields={"count": len(uncertain), "pages": ", ".join(str(p) for p in pages),
                          "doubtful": sum(f.confidence <= DOUBTFUL_CONFIDENCE for f in uncertain)})
