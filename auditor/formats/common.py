"""What every tabular output shares: render options, severity words, rule families and one record per finding."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.ruleapi import plain

SEVERITY_WORDS = {
    "id": {"error": "kesalahan", "warning": "peringatan", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
STATUS_WORDS = {
    "id": {"finding": "temuan", "waived": "dikecualikan", "unusable": "tidak dapat diperiksa"},
    "en": {"finding": "finding", "waived": "waived", "unusable": "could not be audited"},
}
FAMILIES = {
    "LKJ1": {"id": "Aritmetika baris", "en": "Arithmetic in a row"},
    "LKJ2": {"id": "Fakta antartabel", "en": "Same fact across tables"},
    "LKJ3": {"id": "Narasi vs tabel", "en": "Narrative vs tables"},
    "LKJ4": {"id": "Jumlah & anggaran", "en": "Totals & budget"},
    "LKJ5": {"id": "Struktur", "en": "Structure"},
    "LKJ6": {"id": "Antardokumen", "en": "Across documents"},
    "LKJ9": {"id": "Pembacaan berkas", "en": "Ingestion"},
}
_RECOMMENDATIONS = {
    "LKJ1": {"id": "Hitung ulang angka pada baris ini dari target dan realisasinya{expected}.",
             "en": "Recompute the figure of this row from its target and realisation{expected}."},
    "LKJ2": {"id": "Samakan angka ini di semua tabel yang memuatnya{expected}.",
             "en": "Make this figure the same in every table that states it{expected}."},
    "LKJ3": {"id": "Selaraskan kalimat narasi dengan tabel{expected}.",
             "en": "Align the sentence with the table{expected}."},
    "LKJ4": {"id": "Periksa penjumlahan dan sesuaikan dengan Perjanjian Kinerja{expected}.",
             "en": "Check the sum and align it with the Perjanjian Kinerja{expected}."},
    "LKJ5": {"id": "Periksa kelengkapan dan penomoran tabel.",
             "en": "Check the table's completeness and numbering."},
    "LKJ6": {"id": "Bandingkan dengan laporan dan dokumen lain yang disebut dalam temuan{expected}.",
             "en": "Compare with the other reports and documents the finding names{expected}."},
    "LKJ9": {"id": "Kirim berkas dengan lapisan teks (bukan pindaian) atau periksa halaman ini secara manual.",
             "en": "Send a file with a text layer (not a scan) or check this page by hand."},
}
_EXPECTED = {"id": " (seharusnya {value})", "en": " (expected {value})"}


@dataclass(frozen=True)
class Options:
    """Choices an output may honour; every format takes them and ignores what does not concern it."""

    csv_sep: str | None = None  # None: ';' for Indonesian (Excel set to Indonesian expects it), ',' otherwise
    templates: str | None = None  # a folder whose HTML templates override the built-in ones (letterhead)
    pdf_links: dict = field(default_factory=dict)  # audited path -> annotated PDF (relative to the output)
    # audited path -> the PNG of each OCR'd cell or sentence its findings rest on (crops.place_crops), None when
    # the source file could no longer be read; a path not here shows no pictures
    crops: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # top-level keys JSON adds (tool version, effective config)
    color: bool = False  # text on a terminal: severity headings in colour
    quiet: bool = False  # text: findings only, nothing for a clean document


DEFAULT = Options()


def ranking(reports: list) -> list[dict]:
    """The LKjIP of a batch ranked: fewest errors first, then highest average capaian, then highest penyerapan."""
    ranked = [r for r in reports if r.status == "ok" and r.meta.get("jenis", "lkjip") == "lkjip"]

    def key(report) -> tuple:
        capaian, serapan = report.meta.get("rata_rata_capaian"), report.meta.get("penyerapan")
        return (report.count("error"), -(capaian if capaian is not None else -1e9),
                -(serapan if serapan is not None else -1e9), report.path)

    return [{"rank": n, "instansi": r.meta.get("instansi"), "tahun": r.meta.get("tahun"), "path": r.path,
             "errors": r.count("error"), "warnings": r.count("warning"),
             "rata_rata_capaian": r.meta.get("rata_rata_capaian"), "penyerapan": r.meta.get("penyerapan")}
            for n, r in enumerate(sorted(ranked, key=key), start=1)]


def family(rule: str) -> str:
    """LKJ201 -> LKJ2: the prefix that selects the rule's family."""
    return rule[:4]


def recommendation(finding, lang: str) -> str:
    from auditor.values import format_number

    template = _RECOMMENDATIONS.get(family(finding.rule), _RECOMMENDATIONS["LKJ5"])[lang]
    expected = plain(finding.expected)
    shown = ""
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        shown = _EXPECTED[lang].format(value=format_number(expected, lang))
    return template.format(expected=shown)


def number(value: Any) -> Any:
    """A finding's value as a spreadsheet number when it is one, else its text."""
    value = plain(value)
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return str(value)


def records(report, lang: str) -> list[dict]:
    """One record per finding (waived ones marked as such), or one for a document that could not be audited."""
    meta = report.meta
    document = {"path": report.path, "instansi": meta.get("instansi"), "kabupaten": meta.get("kabupaten"),
                "tahun": meta.get("tahun")}
    if report.status == "error":
        return [{**document, "status": STATUS_WORDS[lang]["unusable"], "message": report.error.message(lang)}]
    entries = [(f, "finding", "") for f in report.findings]
    entries += [(w.finding, "waived", w.waiver.reason) for w in report.waived]
    result = []
    for finding, status, reason in entries:
        first = finding.locations[0] if finding.locations else None
        values = [number(v) for v in finding.values]
        result.append({
            **document, "rule": finding.rule, "severity": SEVERITY_WORDS[lang].get(finding.severity, finding.severity),
            "status": STATUS_WORDS[lang][status], "subject": finding.subject, "attribute": finding.attribute or "",
            "value": values[0] if values else None, "other_value": values[1] if len(values) > 1 else None,
            "more_values": "; ".join(str(v) for v in values[2:]), "expected": number(finding.expected),
            "message": finding.message(lang), "recommendation": recommendation(finding, lang),
            "page": first.page if first else None, "table": first.table if first else None,
            "row": first.row if first else None, "column": first.column if first else None,
            "text": first.text if first else "",
            "locations": " | ".join(loc.describe(lang) for loc in finding.locations), "waiver_reason": reason,
            "_finding": finding,
        })
    return result


CHART_WORDS = {
    "id": {"capaian": "Rata-rata capaian per instansi (%)", "penyerapan": "Penyerapan anggaran per instansi (%)",
           "families": "Temuan per kelompok aturan (semua laporan)", "heat": "Temuan per instansi × kelompok aturan"},
    "en": {"capaian": "Average capaian per unit (%)", "penyerapan": "Budget absorption per unit (%)",
           "families": "Findings per rule family (all reports)", "heat": "Findings per unit × rule family"},
}
_BAR = 400  # px of the longest bar in the SVG charts


def unit_name(report) -> str:
    import os

    return str(report.meta.get("instansi") or os.path.splitext(os.path.basename(report.path))[0])


def unit_labels(reports) -> dict[int, str]:
    """id(report) -> how a chart names it: the instansi, with the year when the batch holds the instansi twice,
    and the file when that is not enough either (two bars named alike cannot be told apart)."""
    from collections import Counter

    names = {id(r): unit_name(r) for r in reports}
    for widen in (lambda r: f" {r.meta.get('tahun')}" if r.meta.get("tahun") else "", lambda r: f" ({r.path})"):
        seen = Counter(names.values())
        names = {id(r): names[id(r)] + (widen(r) if seen[names[id(r)]] > 1 else "") for r in reports}
    return names


def chart_data(reports, lang: str) -> dict:
    """The figures behind the charts, shared by the Excel and HTML reports: sorted bars and a heat map."""
    from collections import Counter

    from auditor.values import format_number

    words = CHART_WORDS[lang]
    audited = [r for r in reports if r.status == "ok"]
    labels = unit_labels(audited)
    bars = []
    for key, kind in (("rata_rata_capaian", "capaian"), ("penyerapan", "penyerapan")):
        values = sorted(((labels[id(r)], r.meta[key]) for r in audited if r.meta.get(key) is not None),
                        key=lambda item: -item[1])
        top = max([100] + [v for _, v in values])
        bars.append({"kind": kind, "title": words[kind], "rows": [
            {"label": label, "value": value, "text": format_number(value, lang),
             "width": round(max(value, 0) / top * _BAR, 1)} for label, value in values]})
    counts = Counter(family(f.rule) for r in audited for f in r.findings)
    top = max([1] + list(counts.values()))
    bars.append({"kind": "families", "title": words["families"], "rows": [
        {"label": f"{code} {FAMILIES[code][lang]}", "value": counts.get(code, 0), "text": str(counts.get(code, 0)),
         "width": round(counts.get(code, 0) / top * _BAR, 1)} for code in FAMILIES]})
    per_unit = sorted(((labels[id(r)], Counter(family(f.rule) for f in r.findings)) for r in audited),
                      key=lambda item: item[0])
    top = max([1] + [n for _, c in per_unit for n in c.values()])
    heat = {"title": words["heat"], "columns": [f"{code} {FAMILIES[code][lang]}" for code in FAMILIES],
            "rows": [{"label": label, "cells": [{"count": c.get(code, 0), "colour": heat_colour(c.get(code, 0) / top)}
                                                for code in FAMILIES]} for label, c in per_unit]}
    return {"bars": bars, "heat": heat}


def heat_colour(share: float) -> str:
    """White at 0, amber at half, dark red at the maximum: the colour scale of the Excel heat map."""
    stops = ((0.0, (0xFF, 0xFF, 0xFF)), (0.5, (0xFF, 0xE6, 0x99)), (1.0, (0xC0, 0x00, 0x00)))
    for (low, start), (high, end) in zip(stops, stops[1:]):
        if share <= high:
            t = (share - low) / (high - low)
            return "#" + "".join(f"{round(a + (b - a) * t):02X}" for a, b in zip(start, end))
    return "#C00000"


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lkjip-audit")
    except PackageNotFoundError:
        return "unknown"


def json_header(config) -> dict:
    """What the JSON report says about how it was made, the same from `check` and from the web API."""
    return {"tool": "lkjip-audit", "version": tool_version(), "config": config.effective()}
