"""LKJ602 — this year's target of an indikator must be the target the Renstra set for this year, as the
Renstra target table of an earlier report of the same instansi printed it.

A target lowered quietly from the Renstra makes the capaian look better than planned.

The year's target is read from the sasaran table (Tabel III.A.1), else from the Perjanjian Kinerja;
the Renstra's yearly targets from a table with one target column per year (Target 2021 … Target 2026)
in earlier reports found in the same batch or in the history store.

BAHASA INDONESIA:
    Target suatu indikator tahun ini harus sama dengan target yang ditetapkan Renstra untuk tahun ini,
    sebagaimana dicetak tabel target Renstra di laporan instansi yang sama sebelumnya. Target yang turun
    diam-diam dari Renstra membuat capaian tampak lebih baik daripada yang direncanakan.

    Target tahun ini dibaca dari tabel sasaran (Tabel III.A.1), kalau tidak ada, dari Perjanjian Kinerja;
    target tahunan Renstra dari tabel dengan satu kolom target per tahun (Target 2021 … Target 2026) di
    laporan sebelumnya dalam batch yang sama atau di arsip riwayat. Renstra dapat direvisi, jadi temuan ini
    peringatan. Bila laporan sebelumnya tidak mencetak target Renstra untuk tahun ini, atau indikatornya tidak
    ada di sana, tidak dapat diperiksa.

PASS:
    === lkjip-raas-2019.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2019

    Tabel II.1 Target Kinerja Rencana Strategis 2016-2021

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET 2019 | TARGET 2020 | TARGET 2021 |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 75 | 80 | 85 |

    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.A.1 Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |

FAIL:
    === lkjip-raas-2019.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2019

    Tabel II.1 Target Kinerja Rencana Strategis 2016-2021

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET 2019 | TARGET 2020 | TARGET 2021 |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 75 | 85 | 90 |

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
from auditor.factrows import indikator_figures, same_indikator
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem

ID = "LKJ602"
TITLE = {"id": "Target tahun ini berbeda dengan target Renstra di laporan sebelumnya",
         "en": "This year's target differs from the Renstra target in an earlier report"}
SEVERITY = "warning"
MESSAGE = {
    "id": "Target {year} “{subject}” adalah {printed} ({where}), padahal target Renstra untuk {year} di laporan "
          "{earlier} adalah {renstra} ({where_renstra}).",
    "en": "The {year} target of “{subject}” is {printed} ({where}), but the Renstra target for {year} in the "
          "report {earlier} is {renstra} ({where_renstra}).",
}
CONF: dict = {}
DEFAULT: dict = {}


def check(document, options):
    related = getattr(document, "related", None)
    if related is None or not document.tahun:
        return
    targets = indikator_figures(document.fact_rows, "target", ("capaian_sasaran", "pk_target", "capaian_tujuan"))
    if not targets:
        return
    year = int(document.tahun)
    plans = []  # (earlier report, its Renstra targets for this year), latest report first
    for earlier in related.earlier:
        planned = [f for f in earlier.fact_rows if f.role == "target_plan" and f.attribute == "target"
                   and f.year == year and f.number is not None]
        if planned:
            plans.append((earlier, planned))
    if not plans:
        if related.earlier:
            yield NotCheckable(Text("laporan sebelumnya tidak mencetak target Renstra tahun ini",
                                    "no Renstra target for this year in earlier reports"))
        return
    for fact in targets:
        for earlier, planned in plans:
            match = same_indikator([fact.entity], {f.entity for f in planned}, related.match_threshold)
            if fact.entity not in match:
                continue
            plan = next(f for f in planned if f.entity == match[fact.entity])
            if agree(Printed.of(fact), Printed.of(plan)):
                yield Consistent()
            else:
                yield Problem(
                    subject=fact.entity, attribute="target", values=(fact.number, plan.number),
                    expected=plan.number, locations=(Location.of(fact),),
                    fields={"year": str(year), "printed": fact.number, "where": Location.of(fact),
                            "earlier": earlier.label(), "renstra": plan.number, "where_renstra": Location.of(plan)},
                )
            break  # the latest earlier report that plans this indikator speaks for the Renstra
        else:
            yield NotCheckable(Text("indikator tidak ada di target Renstra laporan sebelumnya",
                                    "indikator not in the earlier Renstra targets"))
