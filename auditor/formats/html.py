"""HTML output: one self-contained page, a summary then per document the findings grouped by table with excerpts."""
from __future__ import annotations

from html import escape

from auditor.formats.common import DEFAULT, Options
from auditor.values import format_number

WORDS = {
    "id": {"title": "Hasil audit LKjIP", "summary": "Ringkasan", "file": "Berkas", "year": "Tahun", "pages": "Hlm.",
           "errors": "Kesalahan", "warnings": "Peringatan", "infos": "Info", "penyerapan": "Penyerapan",
           "capaian": "Rata-rata capaian", "status": "Status", "ok": "diperiksa", "error": "tidak dapat diperiksa",
           "none": "Tidak ada temuan.", "narrative": "Narasi", "page": "hlm.", "severity": {
               "error": "kesalahan", "warning": "peringatan", "info": "info"}, "notice": "Catatan",
           "documents": "{n} dokumen", "unlocated": "Lokasi sel tidak terbaca dari tabel.",
           "coverage": "{facts} angka dari {tables} tabel; {compared} dibandingkan, {inconsistent} tidak konsisten."},
    "en": {"title": "LKjIP audit results", "summary": "Summary", "file": "File", "year": "Year", "pages": "Pages",
           "errors": "Errors", "warnings": "Warnings", "infos": "Info", "penyerapan": "Penyerapan",
           "capaian": "Average capaian", "status": "Status", "ok": "audited", "error": "could not be audited",
           "none": "No findings.", "narrative": "Narrative", "page": "p.", "severity": {
               "error": "error", "warning": "warning", "info": "info"}, "notice": "Note",
           "documents": "{n} documents", "unlocated": "The cell could not be placed in a table.",
           "coverage": "{facts} figures from {tables} tables; {compared} compared, {inconsistent} inconsistent."},
}
_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;
line-height:1.45;color:#1b1b1b;background:#fafafa}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:2px solid #1f4e78}h3{font-size:1.05rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0}
table{border-collapse:collapse;font-size:.85rem;background:#fff}th,td{border:1px solid #ccc;padding:.3rem .45rem;
vertical-align:top;text-align:left}th{background:#1f4e78;color:#fff}td.num{text-align:right}
tr.bad td{background:#fbe2d5}tr.warn td{background:#fff2cc}tr.unusable td{background:#e7e6e6}
td.hit{background:#ffd966;outline:2px solid #c00000;font-weight:bold}
.finding{background:#fff;border-left:5px solid #c00000;padding:.6rem .8rem;margin:.8rem 0;border-radius:3px}
.finding.warning{border-color:#bf8f00}.finding.info{border-color:#2f75b5}
.badge{display:inline-block;font-size:.75rem;padding:.05rem .4rem;border-radius:3px;background:#c00000;color:#fff;
margin-right:.3rem}.warning .badge{background:#bf8f00}.info .badge{background:#2f75b5}
.excerpt-title{font-size:.8rem;color:#555;margin:.6rem 0 0}blockquote{margin:.4rem 0;padding:.3rem .6rem;
border-left:3px solid #ccc;background:#f3f3f3}mark{background:#ffd966}.muted{color:#666;font-size:.85rem}
@media (max-width:600px){body{padding:.5rem}table{font-size:.75rem}h1{font-size:1.25rem}}
"""


def render(reports, lang: str = "id", options: Options = DEFAULT) -> str:
    words = WORDS[lang]
    parts = [f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{words['title']}</title><style>{_STYLE}</style></head><body>",
             f"<h1>{words['title']}</h1><p class=\"muted\">{words['documents'].format(n=len(reports))}</p>",
             _summary(reports, words, lang)]
    parts += [_document(report, number, words, lang) for number, report in enumerate(reports, start=1)]
    parts.append("</body></html>")
    return "\n".join(parts)


def _summary(reports, words: dict, lang: str) -> str:
    head = [words[k] for k in ("file", "year", "pages", "errors", "warnings", "penyerapan", "capaian", "status")]
    rows = []
    for number, report in enumerate(reports, start=1):
        meta = report.meta
        title = " — ".join(str(meta[k]) for k in ("instansi", "kabupaten") if meta.get(k)) or report.path
        kind = ("unusable" if report.status == "error" else "bad" if report.count("error")
                else "warn" if report.count("warning") else "")
        cells = [f'<a href="#doc{number}">{escape(title)}</a><br><span class="muted">{escape(report.path)}</span>',
                 _text(meta.get("tahun")), _text(meta.get("pages")), str(report.count("error")),
                 str(report.count("warning")), _percent(meta.get("penyerapan"), lang),
                 _percent(meta.get("rata_rata_capaian"), lang),
                 escape(words[report.status])]
        rows.append(f'<tr class="{kind}">' + "".join(
            f'<td class="num">{c}</td>' if 0 < i < 7 else f"<td>{c}</td>" for i, c in enumerate(cells)) + "</tr>")
    return (f"<h2>{words['summary']}</h2><div class=\"scroll\"><table><thead><tr>"
            + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>" + "".join(rows)
            + "</tbody></table></div>")


def _document(report, number: int, words: dict, lang: str) -> str:
    meta = report.meta
    title = " — ".join(str(meta[k]) for k in ("instansi", "kabupaten", "tahun") if meta.get(k)) or report.path
    parts = [f'<h2 id="doc{number}">{escape(title)}</h2><p class="muted">{escape(report.path)}</p>']
    if report.status == "error":
        parts.append(f"<p><strong>{escape(words['error'])}</strong>: {escape(report.error.message(lang))}</p>")
        return "\n".join(parts)
    parts += [f"<p class=\"muted\">{escape(words['notice'])}: {escape(n)}</p>" for n in report.notices]
    if report.coverage:
        parts.append(f"<p class=\"muted\">{escape(words['coverage'].format(**report.coverage.to_dict()))}</p>")
    if not report.findings:
        parts.append(f"<p>{escape(words['none'])}</p>")
    for table, findings in _by_table(report.findings).items():
        page = report.excerpts.get(table, {}).get("page") if table else None
        label = (table or words["narrative"]) + (f" ({words['page']} {page})" if page else "")
        parts.append(f"<h3>{escape(label)}</h3>")
        parts += [_finding(finding, report.excerpts, words, lang) for finding in findings]
    return "\n".join(parts)


def _by_table(findings) -> dict[str | None, list]:
    """Each finding under the table of its first location, tables in order of first appearance."""
    groups: dict[str | None, list] = {}
    for finding in findings:
        table = finding.locations[0].table if finding.locations else None
        groups.setdefault(table, []).append(finding)
    return groups


def _finding(finding, excerpts: dict, words: dict, lang: str) -> str:
    parts = [f'<div class="finding {finding.severity}"><span class="badge">{escape(words["severity"][finding.severity])}'
             f"</span><strong>{escape(finding.rule)}</strong> {escape(finding.message(lang))}"]
    tables: dict[str, list] = {}
    for location in finding.locations:
        if location.table:
            tables.setdefault(location.table, []).append(location)
        elif location.text:
            parts.append(f"<blockquote>{escape(location.text)}</blockquote>")
    for table, locations in tables.items():
        parts.append(_excerpt(table, locations, excerpts.get(table), words, lang))
    parts.append("</div>")
    return "\n".join(parts)


def _excerpt(table: str, locations: list, excerpt: dict | None, words: dict, lang: str) -> str:
    marks = {(m["row"], m["column"], m["text"]): tuple(m["at"]) for m in (excerpt or {}).get("marks", [])}
    hits = {marks[key] for key in ((loc.row, loc.column, loc.text) for loc in locations) if key in marks}
    if not hits:
        where = "; ".join(location.describe(lang) for location in locations)
        return f"<p class=\"excerpt-title\">{escape(where)} — {escape(words['unlocated'])}</p>"
    rows = [r for r in excerpt["rows"] if any(r["index"] == row for row, _ in hits)]
    head = "".join(f"<th>{escape(c)}</th>" for c in excerpt["columns"])
    body = []
    for row in rows:
        cells = "".join(f'<td class="hit">{escape(c)}</td>' if (row["index"], j) in hits else f"<td>{escape(c)}</td>"
                        for j, c in enumerate(row["cells"]))
        body.append(f"<tr>{cells}</tr>")
    pages = sorted({r["page"] for r in rows if r["page"]})
    page_text = f" ({words['page']} {', '.join(map(str, pages))})" if pages else ""
    return (f"<p class=\"excerpt-title\">{escape(table + page_text)}</p><div class=\"scroll\"><table><thead><tr>{head}"
            f"</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def _text(value) -> str:
    return "" if value is None else escape(str(value))


def _percent(value, lang: str) -> str:
    return "" if value is None else f"{format_number(value, lang)}%"
