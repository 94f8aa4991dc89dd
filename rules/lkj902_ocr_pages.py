"""LKJ902 — figures on pages read by OCR are less certain: findings that rest on them deserve a second look.

PASS:
    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya X | Persentase Y | % | 80 | 80 | 100 |

FAIL:
    (a PDF audited with --ocr whose page 23 is a scan; markdown has no OCR, so this example cannot fail as text)
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
