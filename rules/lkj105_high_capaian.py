"""LKJ105 — a capaian above 150% needs an explanation in the text; without one it is more often a
target set too low or a realisasi mistyped than a real success.

The text explains a capaian when a paragraph that names the indikator or kegiatan, or prints the
capaian itself, gives a reason (`disebabkan`, `karena`, `melebihi target` …; option `reasons`), or
the paragraph right after it does. One finding per indikator or kegiatan, listing every table.

BAHASA INDONESIA:
    Capaian di atas 150% perlu penjelasan dalam teks; tanpa penjelasan, angka seperti itu lebih sering berarti
    target yang ditetapkan terlalu rendah atau realisasi yang salah ketik daripada keberhasilan yang
    sebenarnya. Pereviu perlu menanyakan dasar targetnya.

    Teks dianggap menjelaskan capaian bila paragraf yang menyebut indikator atau kegiatan itu, atau yang
    mencetak capaian itu sendiri, memberi alasan (`disebabkan`, `karena`, `melebihi target` …; opsi
    `reasons`), atau paragraf tepat sesudahnya yang memberinya. Capaian yang dijelaskan tidak dilaporkan. Satu
    temuan per indikator atau kegiatan, dengan semua tabel yang memuatnya. Batasnya opsi `limit`.

PASS:
    Tabel III.F.1 Realisasi Kinerja

    | NO | TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|
    | I.1.1 | Meningkatnya X | Indeks Y | B | Belum ada penilaian | - |
    | I.1.1.1 | Program Z | Pemenuhan kebutuhan | 100 % | 100 % | 100% |
    | I.1.1.1.1 | Penyediaan jasa surat menyurat | Jumlah surat menyurat | 500 Surat | 1287 Surat | 257% |

    Capaian kegiatan Penyediaan jasa surat menyurat sebesar 257% disebabkan banyaknya surat undangan pemilihan kepala desa.

FAIL:
    Tabel III.F.1 Realisasi Kinerja

    | NO | TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN | INDIKATOR | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|
    | I.1.1 | Meningkatnya X | Indeks Y | B | Belum ada penilaian | - |
    | I.1.1.1 | Program Z | Pemenuhan kebutuhan | 100 % | 100 % | 100% |
    | I.1.1.1.1 | Penyediaan jasa surat menyurat | Jumlah surat menyurat | 500 Surat | 1287 Surat | 257% |

    Capaian kegiatan Penyediaan jasa surat menyurat sebesar 257%.
"""
from __future__ import annotations

import re
from decimal import Decimal

from auditor.factrows import grouped
from auditor.facts import canonical
from auditor.ruleapi import Consistent, Fact, Location, Problem

ID = "LKJ105"
TITLE = {"id": "Capaian di atas 150% tanpa penjelasan", "en": "Capaian above 150% without explanation"}
SEVERITY = "warning"
MESSAGE = {
    "id": "Capaian “{subject}” {printed}% (di atas {limit}%) tanpa penjelasan di teks; periksa target dan "
          "realisasinya ({where}).",
    "en": "Capaian of “{subject}” is {printed}% (above {limit}%) with no explanation in the text; check its "
          "target and realisasi ({where}).",
}
CONF = {"limit": float, "reasons": list}
DEFAULT = {"limit": 150.0, "reasons": ["disebabkan", "karena", "dikarenakan", "sebab", "melebihi target",
                                       "melampaui target", "faktor", "hal ini", "dampak"]}
FOLLOWING = 1  # a reason further away is about something else (often the list of cancelled kegiatan)


def check(document, options):
    limit = Decimal(str(options["limit"]))
    high = [f for f in document.fact_rows if f.attribute in ("capaian", "capaian_renstra") and f.number is not None
            and f.year is None and f.role != "narrative" and f.number > limit]
    if not high:
        return
    paragraphs = [canonical(block.text) for block in document.text]
    reasons = [re.compile(r"\b" + re.escape(canonical(r)) + r"\b") for r in options["reasons"]]
    for stated in grouped(high, lambda f: f.entity_id).values():
        first = stated[0]
        if _explained(paragraphs, reasons, stated):
            yield Consistent()
            continue
        yield Problem(
            subject=first.entity, attribute="capaian",
            values=tuple(dict.fromkeys(f.number for f in stated)), expected=None,
            locations=tuple(Location.of(f) for f in stated),
            fields={"printed": first.number, "limit": limit, "where": Location.of(first)},
        )


def _explained(paragraphs: list[str], reasons: list[re.Pattern], stated: list[Fact]) -> bool:
    names = {canonical(f.entity) for f in stated}
    figures = {canonical(f.text).replace(" ", "") for f in stated}
    for i, paragraph in enumerate(paragraphs):
        mentions = any(name and name in paragraph for name in names) or any(
            re.search(r"\b" + re.escape(f) + r"\b", paragraph) for f in figures if f)
        if mentions and any(r.search(p) for p in paragraphs[i:i + 1 + FOLLOWING] for r in reasons):
            return True
    return False
