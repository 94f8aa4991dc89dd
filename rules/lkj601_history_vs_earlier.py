"""LKJ601 — the realisasi of earlier years in this report's history table must be the realisasi the
earlier report of the same instansi printed for that year.

A realisasi once reported must not change silently; when it does, the trend the report presents cannot be
trusted.

Each history figure (realisasi N−1, N−2 in Tabel III.B.1) is compared with the report of that year
(its own measured realisasi) or, failing that, with the latest earlier report that prints the year.
Earlier reports come from the same batch or from the history store (`--store`). Indikator are matched
across documents with the project's fuzzy resolver; figures agree when their printed intervals overlap.

BAHASA INDONESIA:
    Realisasi tahun-tahun sebelumnya di tabel perbandingan laporan ini harus sama dengan realisasi yang
    dicetak laporan instansi yang sama pada tahun itu. Realisasi yang sudah dilaporkan tidak boleh berubah
    diam-diam; bila berubah, tren kinerja yang disajikan tidak dapat dipercaya.

    Setiap angka tabel perbandingan (realisasi N−1, N−2 di Tabel III.B.1) dibandingkan dengan laporan tahun
    itu (realisasi yang diukurnya sendiri), atau bila tidak ada, dengan laporan terakhir sebelumnya yang
    mencetak tahun itu. Laporan sebelumnya diambil dari batch yang sama atau dari arsip riwayat (`--store`).
    Indikator dicocokkan antardokumen dengan pencocokan nama yang toleran; angka dianggap sama bila rentang
    pembulatan cetaknya bertumpang-tindih. Tanpa laporan sebelumnya dari instansi ini, atau bila tahun itu
    tidak tercetak di laporan sebelumnya, tidak dapat diperiksa.

PASS:
    === lkjip-raas-2019.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2019

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 65 | 81 |

    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.B.1 Perbandingan Realisasi Kinerja

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | REALISASI | | |
    |---|---|---|---|---|---|---|
    | | | | | 2018 | 2019 | 2020 |
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrembangcam disetujui | % | 60 | 65 | 67 |

FAIL:
    === lkjip-raas-2019.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2019

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 62 | 78 |

    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.B.1 Perbandingan Realisasi Kinerja

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | REALISASI | | |
    |---|---|---|---|---|---|---|
    | | | | | 2018 | 2019 | 2020 |
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrembangcam disetujui | % | 60 | 65 | 67 |
"""
from __future__ import annotations

from auditor.arithmetic import Printed, agree
from auditor.bilingual import Text
from auditor.factrows import same_indikator
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem

ID = "LKJ601"
TITLE = {"id": "Realisasi tahun lalu berbeda dengan laporan tahun itu",
         "en": "Last year's realisasi differs from that year's report"}
SEVERITY = "error"
MESSAGE = {
    "id": "Realisasi {year} “{subject}” di laporan ini {printed} ({where}), padahal laporan {earlier} "
          "mencetak {reported} ({where_earlier}).",
    "en": "The {year} realisasi of “{subject}” is {printed} in this report ({where}), but the report "
          "{earlier} printed {reported} ({where_earlier}).",
}
CONF: dict = {}
DEFAULT: dict = {}
_OWN_ROLES = ("capaian_sasaran", "capaian_tujuan", "realisasi_tree", "pk_target", "realisasi_history")


def check(document, options):
    related = getattr(document, "related", None)
    if related is None:
        return  # audited alone: nothing to compare with
    history = [f for f in document.fact_rows if f.role == "realisasi_history" and f.attribute == "realisasi"
               and f.year is not None and f.number is not None]
    if not history:
        return
    if not related.earlier:
        yield NotCheckable(Text("tidak ada laporan tahun sebelumnya dari instansi ini",
                                "no earlier report of this instansi"))
        return
    for fact in history:
        source = _printed_in(related.earlier, fact.year, fact.entity, related.match_threshold)
        if source is None:
            yield NotCheckable(Text("tahun itu tidak tercetak di laporan sebelumnya",
                                    "year not printed in an earlier report"))
            continue
        earlier, reported = source
        if agree(Printed.of(fact), Printed.of(reported)):
            yield Consistent()
            continue
        yield Problem(
            subject=fact.entity, attribute="realisasi", values=(fact.number, reported.number),
            expected=reported.number, locations=(Location.of(fact),),
            fields={"year": str(fact.year), "printed": fact.number, "where": Location.of(fact),
                    "earlier": earlier.label(), "reported": reported.number,
                    "where_earlier": Location.of(reported)},
        )


def _printed_in(earlier: list, year: int, indikator: str, threshold: float):
    """The realisasi of `year` for `indikator`: from that year's own report first, then later ones."""
    ordered = sorted((d for d in earlier if d.tahun and d.tahun >= year), key=lambda d: (d.tahun != year, d.tahun))
    for doc in ordered:
        wanted = None if doc.tahun == year else year
        printed = [f for f in doc.fact_rows if f.year == wanted and f.attribute == "realisasi"
                   and f.number is not None and f.kind == "indikator"]
        for role in _OWN_ROLES:
            in_role = [f for f in printed if f.role == role]
            match = same_indikator([indikator], {f.entity for f in in_role}, threshold)
            if indikator in match:
                return doc, next(f for f in in_role if f.entity == match[indikator])
    return None
