"""The domain's words in both languages, for messages and reports."""
from __future__ import annotations

ATTRIBUTES = {
    "target": {"id": "Target", "en": "Target"},
    "realisasi": {"id": "Realisasi", "en": "Realisasi (actual)"},
    "capaian": {"id": "Capaian", "en": "Capaian (achievement)"},
    "capaian_efisiensi": {"id": "Capaian (tabel efisiensi)", "en": "Capaian (efficiency table)"},
    "target_efisiensi": {"id": "Target (tabel efisiensi)", "en": "Target (efficiency table)"},
    "realisasi_efisiensi": {"id": "Realisasi (tabel efisiensi)", "en": "Realisasi (efficiency table)"},
    "target_renstra": {"id": "Target akhir Renstra", "en": "Renstra end target"},
    "capaian_renstra": {"id": "Capaian terhadap target akhir Renstra", "en": "Capaian against the Renstra end target"},
    "alokasi": {"id": "Alokasi anggaran", "en": "Budget allocation"},
    "realisasi_anggaran": {"id": "Realisasi anggaran", "en": "Budget spent"},
    "penyerapan": {"id": "Penyerapan anggaran", "en": "Budget absorption"},
    "efisiensi": {"id": "Tingkat efisiensi", "en": "Efficiency"},
    "pagu": {"id": "Pagu (PK)", "en": "Budget ceiling (PK)"},
    "pagu_sebelum": {"id": "Pagu sebelum perubahan (PK)", "en": "Budget before revision (PK)"},
}


def attribute_label(attribute: str) -> dict:
    return ATTRIBUTES.get(attribute, {"id": attribute, "en": attribute})


# Why a comparison could not be made: rules yield the English phrase, reports show it in the reader's language.
REASONS_ID = {
    "realisasi is not a number": "realisasi bukan angka",
    "target and realisasi in different units": "satuan target dan realisasi berbeda",
    "target is zero": "target nol",
    "budget figures missing in the row": "angka anggaran tidak lengkap di baris",
    "allocation is zero": "alokasi nol",
    "capaian or absorption missing in the row": "capaian atau penyerapan tidak ada di baris",
    "absorption is zero": "penyerapan nol",
    "kegiatan not found in the realisasi kinerja table": "kegiatan tidak ada di tabel realisasi kinerja",
    "total without rows to add up": "jumlah tanpa rincian",
    "total is not a number": "jumlah bukan angka",
    "no Perjanjian Kinerja budget table": "tidak ada tabel anggaran Perjanjian Kinerja",
    "program not in the Perjanjian Kinerja": "program tidak ada di Perjanjian Kinerja",
    "JUMLAH column is not the sum of its row": "kolom JUMLAH bukan penjumlahan barisnya",
    "JUMLAH row without rows to add up": "baris JUMLAH tanpa rincian",
    "achieved entity told as failed (LKJ305)": "tercapai di tabel tetapi disebut gagal (LKJ305)",
    "both lower-is-better formulas give the printed capaian": "kedua rumus indikator negatif menghasilkan capaian tercetak",
    "budget or performance table without kegiatan": "tabel anggaran atau kinerja tanpa kegiatan",
    "closing claim without its table": "kesimpulan tanpa tabel pembandingnya",
    "history table with too few years": "tabel perbandingan dengan terlalu sedikit tahun",
    "narrative entity not found in the tables": "yang disebut narasi tidak ada di tabel",
    "no comparable figure in the tables": "tidak ada angka pembanding di tabel",
    "no program budget table": "tidak ada tabel anggaran program",
    "no sasaran table": "tidak ada tabel sasaran",
    "rata-rata capaian: basis ambiguous": "dasar rata-rata capaian tidak jelas",
}


def reason_label(reason: str, lang: str) -> str:
    if lang != "id":
        return reason
    if reason.endswith(")") and " could not run (" in reason:  # "LKJ403 could not run (KeyError)"
        code, error = reason.split(" could not run (")
        return f"{code} gagal dijalankan ({error}"
    return REASONS_ID.get(reason, reason)
