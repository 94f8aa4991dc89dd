"""LKJ501 — a history table that prints the same realisasi in every year was likely copied, not measured.

One finding per table, naming each indikator whose figure never changes. Values that may
legitimately stay put (100% every year, 0) are left out; the option `stable_values` lists them.

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

import pandas as pd

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
    facts = document.facts
    history = facts[(facts["role"] == "realisasi_history") & (facts["attribute"] == "realisasi")]
    stable = {Decimal(v.replace(",", ".")) for v in options["stable_values"]}
    for table_index, in_table in history.groupby("table_index", sort=False):
        # this year's figures carry no year in the fact store
        years = sorted({int(y) if pd.notna(y) else document.meta.get("tahun") or 0 for y in in_table["year"]})
        if len(years) < options["min_years"]:
            yield NotCheckable("history table with too few years")
            continue
        copied = []
        for _, row in in_table.groupby("row_index", sort=True):
            figures = row.to_dict("records")
            if len(figures) < options["min_years"] or any(pd.isna(f["number"]) for f in figures):
                continue  # a grade or "Belum ada penilaian" repeats by nature
            numbers = {Decimal(f["number"]) for f in figures}
            if len(numbers) != 1:
                yield Consistent()
                continue
            if numbers <= stable:
                yield Consistent()
                continue
            copied.append(figures)
        if not copied:
            continue
        label = copied[0][0]["table"]
        where = [Location.of(f) for figures in copied for f in figures]
        yield Problem(
            subject=label, attribute="realisasi",
            values=tuple(Decimal(figures[0]["number"]) for figures in copied), expected=None,
            locations=tuple(where),
            fields={"table": label, "years": ", ".join(str(y) for y in years), "count": len(copied),
                    "indikator": "; ".join(f"{figures[0]['entity']} {figures[0]['text']}" for figures in copied),
                    "where": Location.of(copied[0][0])},
        )
