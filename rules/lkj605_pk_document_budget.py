"""LKJ605 — each program's budget in the signed Perjanjian Kinerja (a separate document: `--pk FILE`, or
a PK file beside the report in a batch) must be its budget in the LKjIP's PK table and in the realisasi
anggaran table (Tabel III.G.1), the JUMLAH included.

The signed document is the agreement; budgets printed otherwise in the report mean the penyerapan and
efisiensi rest on another allocation. Rupiah figures are compared exactly; programs are matched across the
documents with the project's fuzzy resolver. A PK document without a budget table, or a PK program the report
does not print, is not checkable.

BAHASA INDONESIA:
    Anggaran setiap program dalam dokumen Perjanjian Kinerja yang ditandatangani (dokumen terpisah: `--pk
    FILE`, atau berkas PK di samping laporan dalam batch) harus sama dengan anggarannya di tabel PK LKjIP dan
    di tabel realisasi anggaran (Tabel III.G.1), termasuk JUMLAH. Anggaran yang dicetak lain di laporan
    berarti penyerapan dan efisiensi dihitung dari alokasi yang lain.

    Angka Rupiah dibandingkan persis; program dicocokkan antardokumen dengan pencocokan nama yang toleran.
    Dokumen PK tanpa tabel anggaran, atau program PK yang tidak dicetak laporan, tidak dapat diperiksa.

PASS:
    === pk-raas-2020.md ===
    PERJANJIAN KINERJA PERUBAHAN TAHUN 2020 KECAMATAN RAAS KABUPATEN SUMENEP

    | No | Program | Sebelum Perubahan Anggaran | Setelah Perubahan Anggaran | Keterangan |
    |---|---|---|---|---|
    | 1 | Program Peningkatan Manajemen | 294.056.500 | 310.928.700 | - |

    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen | 310.928.700 | 296.313.700 | 95,30% |

FAIL:
    === pk-raas-2020.md ===
    PERJANJIAN KINERJA PERUBAHAN TAHUN 2020 KECAMATAN RAAS KABUPATEN SUMENEP

    | No | Program | Sebelum Perubahan Anggaran | Setelah Perubahan Anggaran | Keterangan |
    |---|---|---|---|---|
    | 1 | Program Peningkatan Manajemen | 294.056.500 | 320.928.700 | - |

    === lkjip-raas-2020.md ===
    LKjIP KECAMATAN RAAS KABUPATEN SUMENEP TAHUN 2020

    Tabel III.G.1 Realisasi Anggaran Program/Kegiatan

    | NO | PROGRAM/ KEGIATAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|
    | I | Program Peningkatan Manajemen | 310.928.700 | 296.313.700 | 95,30% |
"""
from __future__ import annotations

from auditor.bilingual import Text
from auditor.facts import Resolver
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem

ID = "LKJ605"
TITLE = {"id": "Anggaran program berbeda dengan dokumen Perjanjian Kinerja",
         "en": "Program budget differs from the Perjanjian Kinerja document"}
SEVERITY = "error"
MESSAGE = {
    "id": "Anggaran “{subject}” di {where} adalah {printed}, padahal dokumen Perjanjian Kinerja {pk} "
          "menetapkan {agreed} ({where_pk}).",
    "en": "The budget of “{subject}” in {where} is {printed}, but the Perjanjian Kinerja document {pk} "
          "sets {agreed} ({where_pk}).",
}
CONF: dict = {}
DEFAULT: dict = {}


def _budgets(facts) -> list:
    """Program and JUMLAH budgets: the PK's pagu (after the revision) and the realisasi anggaran's alokasi."""
    return [f for f in facts if f.number is not None and f.kind in ("program", "total")
            and ((f.role == "pk_anggaran" and f.attribute == "pagu")
                 or (f.role == "realisasi_anggaran" and f.attribute == "alokasi"))]


def check(document, options):
    related = getattr(document, "related", None)
    if related is None or not related.pk:
        return
    reported = _budgets(document.fact_rows)
    for pk in related.pk:
        agreed = [f for f in _budgets(pk.fact_rows) if f.role == "pk_anggaran"]
        if not agreed:
            yield NotCheckable(Text("dokumen Perjanjian Kinerja tanpa tabel anggaran",
                                    "the PK document has no budget table"))
            continue
        resolver = Resolver(related.match_threshold)

        def key(fact) -> str:
            return "total" if fact.kind == "total" else resolver.resolve("program", fact.entity)

        by_key: dict[str, list] = {}
        for fact in reported:
            by_key.setdefault(key(fact), []).append(fact)
        for budget in agreed:
            printed = by_key.get(key(budget))
            if not printed:
                yield NotCheckable(Text("program Perjanjian Kinerja tidak ada di laporan",
                                        "PK program not in the report"))
                continue
            for fact in printed:
                if fact.number == budget.number:
                    yield Consistent()
                    continue
                yield Problem(
                    subject=fact.entity, attribute="alokasi", values=(fact.number, budget.number),
                    expected=budget.number, locations=(Location.of(fact),),
                    fields={"where": Location.of(fact), "printed": fact.number, "pk": pk.label(),
                            "agreed": budget.number, "where_pk": Location.of(budget)},
                )
