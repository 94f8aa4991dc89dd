"""LKJ305 — an indikator, program or kegiatan must not be told as achieved in one place and as failed in another.

Such a contradiction leaves the reader unable to tell whether the target was met, and usually comes from a
sentence copied from another report or from last year.

Achieved is a capaian of 100% or more; failed is a capaian of 0%, "tidak terealisasi", or a kegiatan
the tables mark as not carried out. At least one side must be a sentence (two tables that disagree
are LKJ201's). The sample's "Dengan indikator Persentase Kelompok Masyarakat Desa yang dapat
diberdayakan, dan target 2 kegiatan, tidak terealisasi, atau tercapai 0%" against the 100% its
tables print is one such contradiction.

BAHASA INDONESIA:
    Suatu indikator, program atau kegiatan tidak boleh diceritakan tercapai di satu tempat dan gagal di tempat
    lain. Pertentangan seperti ini membuat pembaca tidak tahu apakah kinerja itu tercapai, dan biasanya
    berasal dari kalimat yang disalin dari laporan lain atau tahun lalu.

    Tercapai berarti capaian 100% atau lebih; gagal berarti capaian 0%, "tidak terealisasi", atau kegiatan
    yang ditandai tabel tidak dilaksanakan. Paling sedikit satu sisi harus berupa kalimat (dua tabel yang
    berbeda adalah urusan LKJ201). Contohnya, kalimat dalam laporan sampel Raas 2020 "Dengan indikator
    Persentase Kelompok Masyarakat Desa yang dapat diberdayakan, dan target 2 kegiatan, tidak terealisasi,
    atau tercapai 0%" berhadapan dengan capaian 100% yang dicetak tabelnya. Capaian di antara 0% dan 100%
    tidak dianggap tercapai maupun gagal dan tidak dilaporkan.

PASS:
    Tabel III.A.1 Realisasi dan Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 2 | Meningkatkan Pemberdayaan Kelompok Masyarakat Desa | Persentase Kelompok Masyarakat Desa yang dapat diberdayakan | % | 79 | 79 | 100 |

    Dengan indikator Persentase Kelompok Masyarakat Desa yang dapat diberdayakan, dan target 79%, terealisasi 79%, atau tercapai 100%.

FAIL:
    Tabel III.A.1 Realisasi dan Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 2 | Meningkatkan Pemberdayaan Kelompok Masyarakat Desa | Persentase Kelompok Masyarakat Desa yang dapat diberdayakan | % | 79 | 79 | 100 |

    Dengan indikator Persentase Kelompok Masyarakat Desa yang dapat diberdayakan,, dan target 2 kegiatan, tidak terealisasi, atau tercapai 0%.
"""
from __future__ import annotations

from auditor.factrows import achieved, failed, grouped, this_year
from auditor.narrative import ROLE
from auditor.ruleapi import Consistent, Fact, Location, Problem

ID = "LKJ305"
TITLE = {"id": "Narasi menyebut gagal, tabel menyebut tercapai", "en": "Told as failed and as achieved"}
SEVERITY = "error"
MESSAGE = {
    "id": "“{subject}” disebut tidak tercapai ({failed}) tetapi tercapai {capaian}% ({achieved}).",
    "en": "“{subject}” is told as not achieved ({failed}) but as achieved at {capaian}% ({achieved}).",
}
CONF: dict = {}
DEFAULT: dict = {}


def check(document, options):
    facts = [f for f in this_year(document.fact_rows) if f.kind != "total"]
    told = {f.entity_id for f in facts if f.role == ROLE}  # tables against tables are LKJ201's
    for group in grouped((f for f in facts if f.entity_id in told), lambda f: f.entity_id).values():
        failures = [f for f in group if failed(f)]
        successes = [f for f in group if achieved(f)]
        if not failures or not successes or not any(f.role == ROLE for f in failures + successes):
            yield Consistent()
            continue
        failing = _one_per_line(failures)
        winning = sorted(successes, key=lambda f: f.role == ROLE)[0]  # a table cell when there is one
        subject = next((f.entity for f in successes + failures if f.role != ROLE), failing[0].entity)
        yield Problem(
            subject=subject, attribute="capaian", values=(0, winning.number), expected=None,
            locations=(*(Location.of(f) for f in failing), Location.of(winning)),
            fields={"failed": [Location.of(f) for f in failing], "capaian": winning.number,
                    "achieved": Location.of(winning)},
        )


def _one_per_line(facts: list[Fact]) -> list[Fact]:
    seen, kept = set(), []
    for fact in facts:
        key = (fact.table, fact.line)
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept
