"""LKJ604 — the targets of the signed Perjanjian Kinerja (a separate document: `--pk FILE`, or a PK file
beside the report in a batch) must be the targets the LKjIP prints in its own PK table and in BAB III.

The signed document is the agreement; a target printed otherwise in the report measures capaian against
something that was not agreed. Numeric targets agree when their printed intervals overlap; a grade is compared
as text. Indikator are matched across the documents with the project's fuzzy resolver; a PK document without a
target table, or a PK indikator the report does not print, is not checkable.

BAHASA INDONESIA:
    Target dalam dokumen Perjanjian Kinerja yang ditandatangani (dokumen terpisah: `--pk FILE`, atau berkas PK
    di samping laporan dalam batch) harus sama dengan target yang dicetak LKjIP di tabel PK-nya sendiri dan di
    BAB III. Dokumen yang ditandatangani itulah perjanjiannya; target yang dicetak lain di laporan berarti
    capaian diukur terhadap sesuatu yang tidak diperjanjikan.

    Target berupa angka dianggap sama bila rentang pembulatan cetaknya bertumpang-tindih; predikat
    dibandingkan sebagai teks. Indikator dicocokkan antardokumen dengan pencocokan nama yang toleran. Dokumen
    PK tanpa tabel target, atau indikator PK yang tidak dicetak laporan, tidak dapat diperiksa.

PASS:
    === pk-raas-2020.md ===
    PERJANJIAN KINERJA PERUBAHAN TAHUN 2020 KECAMATAN RAAS KABUPATEN SUMENEP

    | No | SASARAN STRATEGIS | INDIKATOR KINERJA | TARGET |
    |---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | 80% |

    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |

FAIL:
    === pk-raas-2020.md ===
    PERJANJIAN KINERJA PERUBAHAN TAHUN 2020 KECAMATAN RAAS KABUPATEN SUMENEP

    | No | SASARAN STRATEGIS | INDIKATOR KINERJA | TARGET |
    |---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | 85% |

    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |
"""
from __future__ import annotations

from auditor.arithmetic import Printed, agree
from auditor.bilingual import Text
from auditor.factrows import same_indikator
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem

ID = "LKJ604"
TITLE = {"id": "Target berbeda dengan dokumen Perjanjian Kinerja",
         "en": "Target differs from the Perjanjian Kinerja document"}
SEVERITY = "error"
MESSAGE = {
    "id": "Target “{subject}” di {where} adalah {printed}, padahal dokumen Perjanjian Kinerja {pk} menetapkan "
          "{agreed} ({where_pk}).",
    "en": "The target of “{subject}” in {where} is {printed}, but the Perjanjian Kinerja document {pk} sets "
          "{agreed} ({where_pk}).",
}
CONF: dict = {}
DEFAULT: dict = {}
_REPORTED_ROLES = ("pk_target", "capaian_sasaran", "capaian_tujuan", "realisasi_tree")


def check(document, options):
    related = getattr(document, "related", None)
    if related is None or not related.pk:
        return
    reported = [f for f in document.fact_rows if f.attribute == "target" and f.year is None
                and f.kind == "indikator" and f.role in _REPORTED_ROLES]
    for pk in related.pk:
        agreed = [f for f in pk.fact_rows if f.role == "pk_target" and f.attribute == "target"]
        if not agreed:
            yield NotCheckable(Text("dokumen Perjanjian Kinerja tanpa tabel target",
                                    "the PK document has no target table"))
            continue
        match = same_indikator(list(dict.fromkeys(f.entity for f in agreed)), {f.entity for f in reported},
                               related.match_threshold)
        for target in agreed:
            if target.entity not in match:
                yield NotCheckable(Text("indikator Perjanjian Kinerja tidak ada di laporan",
                                        "PK indikator not in the report"))
                continue
            for fact in reported:
                if fact.entity == match[target.entity]:
                    yield from _compare(fact, target, pk)


def _compare(fact, target, pk):
    if fact.number is None or target.number is None:
        same = fact.text.strip().lower() == target.text.strip().lower()
        values = (fact.text, target.text)
    else:
        same = agree(Printed.of(fact), Printed.of(target))
        values = (fact.number, target.number)
    if same:
        yield Consistent()
        return
    yield Problem(subject=fact.entity, attribute="target", values=values, expected=values[1],
                  locations=(Location.of(fact),),
                  fields={"where": Location.of(fact), "printed": values[0], "pk": pk.label(),
                          "agreed": values[1], "where_pk": Location.of(target)})
