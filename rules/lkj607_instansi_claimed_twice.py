"""LKJ607 — two different files of one batch say they are the report of the same instansi and year:
one of them names the wrong instansi (a copied cover) or is an older draft.

Files with identical bytes are LKJ608's, and a PK document of the same instansi and year is no claim. Only the
files of one batch are compared.

BAHASA INDONESIA:
    Dua berkas berbeda dalam satu batch sama-sama mengaku sebagai laporan instansi dan tahun yang sama: salah
    satunya menyebut instansi yang salah (sampul yang disalin) atau versi lama. Pereviu perlu memastikan
    laporan mana yang berlaku sebelum menilai keduanya.

    Berkas yang isinya identik bita demi bita adalah urusan LKJ608, dan dokumen PK dari instansi dan tahun
    yang sama bukan klaim. Hanya berkas dalam satu batch yang dibandingkan.

PASS:
    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |

    === lkjip-arjasa-2020.md ===
    LKjIP KECAMATAN ARJASA KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 85 | 85 | 100 |

FAIL:
    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |

    === lkjip-arjasa-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 85 | 85 | 100 |
"""
from __future__ import annotations

from auditor.ruleapi import Location, Problem

ID = "LKJ607"
TITLE = {"id": "Satu instansi dan tahun diklaim oleh dua berkas", "en": "One instansi and year claimed by two files"}
SEVERITY = "error"
MESSAGE = {
    "id": "Berkas ini ({this}) dan {other} sama-sama mengaku laporan {subject} tahun {tahun}; salah satunya "
          "salah nama instansi atau tahun, atau versi lama.",
    "en": "This file ({this}) and {other} both claim to be the report of {subject} for {tahun}; one of them "
          "names the wrong instansi or year, or is an old version.",
}
CONF: dict = {}
DEFAULT: dict = {}


def check(document, options):
    related = getattr(document, "related", None)
    if related is None:
        return
    instansi = document.meta.get("instansi") or ""
    for other in related.claims:
        yield Problem(subject=instansi, attribute=None, values=(other.path,), expected=None,
                      locations=(Location(text=instansi),),
                      fields={"this": document.label(), "other": other.label(), "tahun": str(document.tahun or "")})
