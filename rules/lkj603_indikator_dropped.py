"""LKJ603 — an indikator kinerja of last year's report that this year's report no longer measures, or
measures under another name.

A dropped indikator may be a poor result no longer reported.

Last year's report is the latest earlier report of the same instansi (same batch or history store).
Indikator are matched with the project's fuzzy resolver; one that finds no match is reported as renamed
when a new indikator of this year resembles it (option `rename_similarity`, 0–100), else as dropped.
Renstra revisions change indikator legitimately, so this is a warning for the reviewer to confirm.

BAHASA INDONESIA:
    Aturan ini melaporkan indikator kinerja di laporan tahun lalu yang tidak lagi diukur laporan tahun ini,
    atau diukur dengan nama lain. Indikator yang hilang bisa berarti kinerja yang buruk tidak dilaporkan lagi.

    Laporan tahun lalu adalah laporan terakhir sebelumnya dari instansi yang sama (batch yang sama atau arsip
    riwayat). Indikator dicocokkan dengan pencocokan nama yang toleran; yang tidak menemukan pasangan
    dilaporkan berganti nama bila ada indikator baru tahun ini yang mirip dengannya (opsi `rename_similarity`,
    0–100), kalau tidak, dilaporkan hilang. Revisi Renstra memang dapat mengubah indikator, jadi temuan ini
    peringatan untuk dikonfirmasi pereviu.

PASS:
    === lkjip-raas-2019.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2019

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 65 | 81 |

    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrembangcam disetujui | % | 80 | 67 | 84 |

FAIL:
    === lkjip-raas-2019.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2019

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 65 | 81 |
    | 2 | Meningkatnya pelayanan | Persentase laporan desa tepat waktu | % | 90 | 90 | 100 |

    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase usulan Musrenbangcam yang disetujui kabupaten | % | 80 | 67 | 84 |
"""
from __future__ import annotations

from rapidfuzz import fuzz

from auditor.facts import canonical
from auditor.factrows import indikator_figures, same_indikator
from auditor.ruleapi import Consistent, Location, Problem

ID = "LKJ603"
TITLE = {"id": "Indikator tahun lalu hilang atau berganti nama",
         "en": "Last year's indikator dropped or renamed"}
SEVERITY = "warning"
MESSAGE = {
    "id": "Indikator “{subject}” dari laporan {earlier} ({where_earlier}) {change}.",
    "en": "The indikator “{subject}” of the report {earlier} ({where_earlier}) {change}.",
}
CONF = {"rename_similarity": int}
DEFAULT = {"rename_similarity": 60}
_ROLES = ("capaian_sasaran", "capaian_tujuan", "pk_target")


def _measured(facts) -> list:
    return indikator_figures(facts, "target", _ROLES) or indikator_figures(facts, "realisasi", _ROLES)


def check(document, options):
    related = getattr(document, "related", None)
    if related is None or not related.earlier:
        return
    now = _measured(document.fact_rows)
    if not now:
        return
    earlier = related.earlier[0]
    first: dict[str, object] = {}
    for fact in _measured(earlier.fact_rows):
        first.setdefault(fact.entity, fact)
    before = list(first.values())
    names_now = list(dict.fromkeys(f.entity for f in now))
    matched = same_indikator([f.entity for f in before], names_now, related.match_threshold)
    unclaimed = [n for n in names_now if n not in set(matched.values())]
    for fact in before:
        name = fact.entity
        if name in matched:
            yield Consistent()
            continue
        scored = sorted(((fuzz.token_set_ratio(canonical(name), canonical(n)), n) for n in unclaimed), reverse=True)
        if scored and scored[0][0] >= options["rename_similarity"]:
            new_name = scored[0][1]
            unclaimed.remove(new_name)
            row = next(f for f in now if f.entity == new_name)
            change = {"id": f"berganti nama menjadi “{new_name}” ({Location.of(row).describe('id')})",
                      "en": f"was renamed to “{new_name}” ({Location.of(row).describe('en')})"}
            locations = (Location.of(row),)
        else:
            change = {"id": "tidak ada lagi di laporan ini", "en": "is no longer in this report"}
            locations = ()
        yield Problem(subject=name, attribute=None, values=(name,), expected=None, locations=locations,
                      fields={"earlier": earlier.label(), "where_earlier": Location.of(fact), "change": change})
