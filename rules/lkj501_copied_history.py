"""LKJ501 — a history table that prints the same realisasi in every year was likely copied, not measured.

One finding per table, naming each indikator whose figure never changes. Values that may
legitimately stay put (100% every year, 0) are left out; the option `stable_values` lists them.

BAHASA INDONESIA:
    Tabel perbandingan antartahun yang mencetak realisasi yang sama persis di setiap tahun kemungkinan besar
    disalin, bukan diukur. Pereviu perlu meminta data pengukuran tiap tahun.

    Satu temuan per tabel, menyebut setiap indikator yang angkanya tidak pernah berubah. Nilai yang wajar
    tetap (100% setiap tahun, 0) tidak dilaporkan; opsi `stable_values` mendaftarnya. Tabel dengan kurang dari
    `min_years` tahun tidak dapat diperiksa; predikat atau keterangan seperti "Belum ada penilaian" memang
    berulang dan dilewati.

PASS:
    Tabel III.B.1 Perbandingan Realisasi Kinerja

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | REALISASI | | |
    |---|---|---|---|---|---|---|
    | | | | | 2018 | 2019 | 2020 |
    | 1 | 2 | 3 | 4 | 5 | 6 | 7 |
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 60 | 65 | 67 |
    | 2 | Meningkatnya penyelenggaraan pemerintahan | Persentase laporan desa tepat waktu | % | 100 | 100 | 100 |

FAIL:
    Tabel III.B.1 Perbandingan Realisasi Kinerja

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | REALISASI | | |
    |---|---|---|---|---|---|---|
    | | | | | 2018 | 2019 | 2020 |
    | 1 | 2 | 3 | 4 | 5 | 6 | 7 |
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 67 | 67 | 67 |
    | 2 | Meningkatnya penyelenggaraan pemerintahan | Persentase laporan desa tepat waktu | % | 100 | 100 | 100 |
"""
from __future__ import annotations

from decimal import Decimal

from auditor.bilingual import Text
from auditor.factrows import grouped
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem

ID = "LKJ501"
TITLE = {"id": "Realisasi sama persis di setiap tahun", "en": "The same realisasi in every year"}
SEVERITY = "warning"
MESSAGE = {
    "id": "{table} mencantumkan realisasi yang sama di setiap tahun ({years}) untuk {count} indikator, "
          "kemungkinan disalin: {indikator} ({where}).",
    "en": "{table} prints the same realisasi in every year ({years}) for {count} indikator, likely copied: "
          "{indikator} ({where}).",
}
CONF = {"stable_values": list, "min_years": int}
DEFAULT = {"stable_values": ["0", "100"], "min_years": 3}


def check(document, options):
    history = [f for f in document.fact_rows if f.role == "realisasi_history" and f.attribute == "realisasi"]
    stable = {Decimal(v.replace(",", ".")) for v in options["stable_values"]}
    for in_table in grouped(history, lambda f: f.table_index).values():
        # this year's figures carry no year in the fact store
        years = sorted({f.year if f.year is not None else document.meta.get("tahun") or 0 for f in in_table})
        if len(years) < options["min_years"]:
            yield NotCheckable(Text("tabel perbandingan dengan terlalu sedikit tahun", "history table with too few years"))
            continue
        copied = []
        for _, figures in sorted(grouped(in_table, lambda f: f.row_index).items()):
            if len(figures) < options["min_years"] or any(f.number is None for f in figures):
                continue  # a grade or "Belum ada penilaian" repeats by nature
            numbers = {f.number for f in figures}
            if len(numbers) != 1:
                yield Consistent()
                continue
            if numbers <= stable:
                yield Consistent()
                continue
            copied.append(figures)
        if not copied:
            continue
        label = copied[0][0].table
        where = [Location.of(f) for figures in copied for f in figures]
        yield Problem(
            subject=label, attribute="realisasi",
            values=tuple(figures[0].number for figures in copied), expected=None,
            locations=tuple(where),
            fields={"table": label, "years": ", ".join(str(y) for y in years), "count": len(copied),
                    "indikator": "; ".join(f"{figures[0].entity} {figures[0].text}" for figures in copied),
                    "where": Location.of(copied[0][0])},
        )
