"""HTML output: one self-contained page from jinja2 templates (autoescaped): a summary worst first, charts as inline
SVG, then per document the findings grouped by table, with the odd printed value marked apart from the agreeing ones."""
from __future__ import annotations

import base64
import os
from decimal import Decimal

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from auditor.crops import UNREADABLE, ocr_note, ocr_places
from auditor.formats.common import DEFAULT, SEVERITY_WORDS, Options, chart_data, ranking
from auditor.formats.excel import ranked
from auditor.values import format_number, parse_number

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
WORDS = {
    "id": {"title": "Hasil audit LKjIP", "summary": "Ringkasan", "charts": "Grafik", "unit": "Instansi",
           "summary_columns": ("Berkas", "Tahun", "Hlm.", "Kesalahan", "Peringatan", "Penyerapan",
                               "Rata-rata capaian", "Peringkat", "Status"),
           "ok": "diperiksa", "error": "tidak dapat diperiksa", "none": "Tidak ada temuan.", "narrative": "Narasi",
           "page": "hlm.", "notice": "Catatan", "documents": "{n} dokumen",
           "unlocated": "Lokasi sel tidak terbaca dari tabel.", "waived": "Dikecualikan (waiver)",
           "odd": "angka yang menyimpang", "agree": "angka yang saling cocok",
           "coverage": "{facts} angka dari {tables} tabel; {compared} dibandingkan, {inconsistent} tidak konsisten."},
    "en": {"title": "LKjIP audit results", "summary": "Summary", "charts": "Charts", "unit": "Unit",
           "summary_columns": ("File", "Year", "Pages", "Errors", "Warnings", "Penyerapan", "Average capaian",
                               "Rank", "Status"),
           "ok": "audited", "error": "could not be audited", "none": "No findings.", "narrative": "Narrative",
           "page": "p.", "notice": "Note", "documents": "{n} documents",
           "unlocated": "The cell could not be placed in a table.", "waived": "Waived",
           "odd": "the value that disagrees", "agree": "values that agree",
           "coverage": "{facts} figures from {tables} tables; {compared} compared, {inconsistent} inconsistent."},
}


def environment(override: str | None = None) -> Environment:
    """Templates from `override` first (a kabupaten's letterhead, its own style), then the built-in ones."""
    loaders = [FileSystemLoader(override)] if override else []
    return Environment(loader=ChoiceLoader(loaders + [FileSystemLoader(TEMPLATES)]),
                       autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True,
                       lstrip_blocks=True)


def render(reports, lang: str = "id", options: Options = DEFAULT) -> str:
    words = WORDS[lang]
    ordered = ranked(reports)
    numbers = {id(report): number for number, report in enumerate(ordered, start=1)}
    ranks = {place["path"]: place["rank"] for place in ranking(ordered)}
    context = {
        "lang": lang, "words": words,
        "summary": [_summary_row(report, numbers[id(report)], ranks.get(report.path, ""), words, lang)
                    for report in ordered],
        "charts": chart_data(ordered, lang) if sum(r.status == "ok" for r in ordered) > 1 else None,
        "documents": [_document(report, numbers[id(report)], words, lang, options.crops.get(report.path, {}))
                      for report in ordered],
    }
    return environment(options.templates).get_template("report.html").render(context).rstrip("\n")


def _title(report, keys: tuple[str, ...]) -> str:
    return " — ".join(str(report.meta[k]) for k in keys if report.meta.get(k)) or report.path


def _summary_row(report, number: int, rank: int | str, words: dict, lang: str) -> dict:
    """A document's line in the summary; `rank` is its place in the batch's ranking ("" when not ranked)."""
    meta = report.meta
    unusable = report.status == "error"
    return {"number": number, "title": _title(report, ("instansi", "kabupaten")), "path": report.path,
            "tahun": meta.get("tahun") or "", "pages": meta.get("pages") or "",
            "errors": "" if unusable else report.count("error"), "warnings": "" if unusable else report.count("warning"),
            "penyerapan": _percent(meta.get("penyerapan"), lang), "capaian": _percent(meta.get("rata_rata_capaian"), lang),
            "rank": rank, "status": words[report.status],
            "kind": "unusable" if unusable else "bad" if report.count("error") else
                    "warn" if report.count("warning") else ""}


def _document(report, number: int, words: dict, lang: str, crops: dict | None) -> dict:
    """`crops`: the PNG of each OCR'd place by crops.place_key, None when the source file could not be read."""
    document = {"number": number, "title": _title(report, ("instansi", "kabupaten", "tahun")), "path": report.path,
                "unusable": report.error.message(lang) if report.status == "error" else None,
                "notices": [notice[lang] for notice in report.notices], "groups": [],
                "coverage": words["coverage"].format(**report.coverage.to_dict()) if report.coverage else "",
                "crops_unreadable": UNREADABLE[lang] if crops is None else ""}
    entries = [(finding, "") for finding in report.findings] + [(w.finding, w.waiver.reason) for w in report.waived]
    groups: dict[str | None, list] = {}
    for finding, reason in entries:
        table = finding.locations[0].table if finding.locations else None
        groups.setdefault(table, []).append(_finding(finding, reason, report.excerpts, words, lang, crops or {}))
    for table, findings in groups.items():
        page = report.excerpts.get(table, {}).get("page") if table else None
        label = (table or words["narrative"]) + (f" ({words['page']} {page})" if page else "")
        document["groups"].append({"label": label, "findings": findings})
    return document


def _finding(finding, reason: str, excerpts: dict, words: dict, lang: str, crops: dict) -> dict:
    result = {"severity": finding.severity, "severity_word": SEVERITY_WORDS[lang].get(finding.severity, finding.severity),
              "rule": finding.rule, "message": finding.message(lang), "waived": reason, "quotes": [],
              "unlocated": [], "excerpts": [], "legend": False, "crops": _crops(finding, crops, lang)}
    tables: dict[str, list] = {}
    for location in finding.locations:
        if location.table:
            tables.setdefault(location.table, []).append(location)
        elif location.text:
            result["quotes"].append(location.text)
    for table, locations in tables.items():
        excerpt = _excerpt(table, locations, excerpts.get(table), finding, words)
        if excerpt is None:
            result["unlocated"].append("; ".join(location.describe(lang) for location in locations))
        else:
            result["excerpts"].append(excerpt)
    marks = {cell["mark"] for excerpt in result["excerpts"] for row in excerpt["rows"] for cell in row}
    result["legend"] = {"odd", "agree"} <= marks
    return result


def _crops(finding, crops: dict, lang: str) -> list[dict]:
    """The image of each OCR'd cell or sentence the finding rests on, inline as a PNG data URI, with what OCR read."""
    shown = []
    for (page, box), location in ocr_places(finding).items():
        png = crops.get((page, box))
        if png:
            shown.append({"src": "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
                          "note": ocr_note(location, page, lang)})
    return shown


def odd_one(text: str, finding) -> bool | None:
    """Whether a printed figure disagrees with the value the finding expects (72 against 67, 67, 67);
    None when the finding expects no single value or the text is not a number."""
    expected = finding.expected
    if not isinstance(expected, (Decimal, int, float)) or isinstance(expected, bool):
        return None
    parsed = parse_number(text.replace("%", "").replace("Rp", "").strip(" .")) if text else None
    if parsed is None:
        return None
    value, decimals = parsed
    half = Decimal(5) / (Decimal(10) ** (decimals + 1))
    return abs(Decimal(str(expected)) - value) > half


def _excerpt(table: str, locations: list, excerpt: dict | None, finding, words: dict) -> dict | None:
    marks = {(m["row"], m["column"], m["text"]): tuple(m["at"]) for m in (excerpt or {}).get("marks", [])}
    hits: dict[tuple, str] = {}
    for location in locations:
        at = marks.get((location.row, location.column, location.text))
        if at is None:
            continue
        odd = odd_one(location.text, finding)
        hits[at] = "hit" if odd is None else "odd" if odd else "agree"
    if not hits:
        return None
    rows = [r for r in excerpt["rows"] if any(r["index"] == row for row, _ in hits)]
    pages = sorted({r["page"] for r in rows if r["page"]})
    return {"title": table + (f" ({words['page']} {', '.join(map(str, pages))})" if pages else ""),
            "columns": excerpt["columns"],
            "rows": [[{"text": cell, "mark": hits.get((row["index"], j), "")} for j, cell in enumerate(row["cells"])]
                     for row in rows]}


def _percent(value, lang: str) -> str:
    return "" if value is None else f"{format_number(value, lang)}%"
