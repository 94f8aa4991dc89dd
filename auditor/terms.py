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
    "capaian_rata_rata": {"id": "Rata-rata capaian", "en": "Average capaian"},
    "alokasi": {"id": "Alokasi anggaran", "en": "Budget allocation"},
    "realisasi_anggaran": {"id": "Realisasi anggaran", "en": "Budget spent"},
    "penyerapan": {"id": "Penyerapan anggaran", "en": "Budget absorption"},
    "efisiensi": {"id": "Tingkat efisiensi", "en": "Efficiency"},
    "pagu": {"id": "Pagu (PK)", "en": "Budget ceiling (PK)"},
    "pagu_sebelum": {"id": "Pagu sebelum perubahan (PK)", "en": "Budget before revision (PK)"},
}


def attribute_label(attribute: str) -> dict:
    return ATTRIBUTES.get(attribute, {"id": attribute, "en": attribute})
