"""LKJ606 — a report whose figures and figure-bearing sentences are (nearly) those of another instansi's
report: one kecamatan's report copied with the name changed.

Each report is summarised by a MinHash of its printed figures (with what they are about) and of its
sentences that state a figure, its own instansi name taken out; reports of the same batch, and those
in the history store, whose estimated share of common items reaches `min_similarity` (percent) are
named. A share of 100% is an identical copy (error), less is a near copy (warning).

BAHASA INDONESIA:
    Aturan ini melaporkan laporan yang angka-angkanya dan kalimat-kalimat berangkanya (hampir) sama dengan
    laporan instansi lain: laporan satu kecamatan disalin dan hanya namanya yang diganti. Laporan seperti itu
    tidak melaporkan kinerja instansinya sendiri.

    Setiap laporan diringkas dengan MinHash dari angka-angka tercetaknya (beserta apa yang diukurnya) dan dari
    kalimat yang menyebut angka, tanpa nama instansinya sendiri; laporan dalam batch yang sama, dan yang ada
    di arsip riwayat, yang perkiraan bagian kesamaannya mencapai `min_similarity` (persen) disebut. Kesamaan
    100% adalah salinan identik (kesalahan), di bawahnya salinan yang mirip (peringatan). Laporan instansi
    yang sama dari tahun lain tidak dibandingkan di sini.

PASS:
    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |
    | 2 | Meningkatnya pelayanan | Persentase laporan desa tepat waktu | % | 90 | 72 | 80 |

    Dengan indikator Persentase hasil Musrenbangcam disetujui, dan target 80%, terealisasi 67%, atau tercapai 84%.

    === lkjip-arjasa-2020.md ===
    LKjIP KECAMATAN ARJASA KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 85 | 85 | 100 |
    | 2 | Meningkatnya pelayanan | Persentase laporan desa tepat waktu | % | 95 | 76 | 80 |

    Dengan indikator Persentase hasil Musrenbangcam disetujui, dan target 85%, terealisasi 85%, atau tercapai 100%.

FAIL:
    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |
    | 2 | Meningkatnya pelayanan | Persentase laporan desa tepat waktu | % | 90 | 72 | 80 |

    Dengan indikator Persentase hasil Musrenbangcam disetujui, dan target 80%, terealisasi 67%, atau tercapai 84%.

    === lkjip-arjasa-2020.md ===
    LKjIP KECAMATAN ARJASA KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |
    | 2 | Meningkatnya pelayanan | Persentase laporan desa tepat waktu | % | 90 | 72 | 80 |

    Dengan indikator Persentase hasil Musrenbangcam disetujui, dan target 80%, terealisasi 67%, atau tercapai 84%.
"""
from __future__ import annotations

from auditor.ruleapi import Location, Problem

ID = "LKJ606"
TITLE = {"id": "Laporan identik atau mirip dengan laporan instansi lain",
         "en": "Report identical or nearly identical to another instansi's report"}
SEVERITY = "warning"
MESSAGE = {
    "id": "Laporan ini ({this}) {how} dengan laporan {other}: {share}% angka dan kalimat berangka sama; "
          "kemungkinan disalin dengan nama instansi diganti.",
    "en": "This report ({this}) is {how} the report {other}: {share}% of its figures and figure-bearing "
          "sentences are the same; likely copied with the instansi name changed.",
}
CONF = {"min_similarity": int}
DEFAULT = {"min_similarity": 85}
_IDENTICAL = {"id": "identik", "en": "identical to"}
_SIMILAR = {"id": "mirip", "en": "nearly identical to"}


def check(document, options):
    related = getattr(document, "related", None)
    if related is None:
        return
    for other, share in related.similar:
        percent = round(share * 100)
        if percent < options["min_similarity"]:
            continue
        identical = share >= 1.0
        yield Problem(subject=other.label(), attribute=None, values=(percent,), expected=None,
                      locations=(Location(text=document.meta.get("instansi") or ""),),
                      fields={"this": document.label(), "how": _IDENTICAL if identical else _SIMILAR,
                              "other": other.label(), "share": percent},
                      severity="error" if identical else None)
