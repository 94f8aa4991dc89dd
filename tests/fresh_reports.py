"""An independent generator of internally consistent LKjIP reports (markdown), written without
looking at tests/generator.py, so that its habits do not hide false alarms the project's own
generator cannot provoke. Every figure is computed here: capaian = R ÷ T × 100, penyerapan =
realisasi ÷ pagu × 100, efisiensi = capaian − penyerapan (the Sumenep formula, from the exact values
as a spreadsheet does), totals as sums; each report picks its own wording, column order, number
style (decimal comma or point, % with or without a space, Rp with or without dots / ",00"),
printed precision (0 or 2 decimals), table splitting and optional sections.

`make_report(seed)` returns a `Report` (the markdown and the model it was written from);
`make_report(seed, kind)` the same report with one figure printed wrong, its `injected` the subject
the rule INJECTIONS[kind] must report; `to_pdf(markdown, path)` prints it as a browser would, `render`
through each of ROUTES (benchmarks/precision.py's routes that print from HTML or Word).
The model is tests/fresh_model.py, the wording tests/fresh_writer.py."""
from __future__ import annotations

import html
from pathlib import Path

from fresh_model import Report, build
from fresh_writer import Writer


# What each injection needs printed, so that the place it changes exists.
NEEDS = {"terbilang": {"staff_wording": 0}, "kegiatan": {"hierarchy": True},
         "renstra_target": {"renstra": True, "renstra_year": True, "hierarchy": True}, "efisiensi": {"efisiensi": True},
         "program_count": {"program_wording": 0}, "program_budget_text": {"program_budget": True},
         "average": {"average": True}}
# injection -> the rule that must report it (on the subject the Report's `injected` names)
INJECTIONS = {"capaian": "LKJ101", "narrative": "LKJ301", "jumlah": "LKJ401", "terbilang": "LKJ303",
              "staff_count": "LKJ304", "program_count": "LKJ304", "kegiatan": "LKJ301", "renstra_target": "LKJ201",
              "pk_budget": "LKJ402", "closing": "LKJ302", "efisiensi": "LKJ103", "program_budget_text": "LKJ301",
              "average": "LKJ302"}


def make_report(seed: int, inject: str | None = None) -> Report:
    """A consistent report, or (with `inject`) the same report with one figure printed wrong; the
    Report's `injected` then says (kind, subject)."""
    report = build(seed)
    if inject:
        report.options.update(NEEDS.get(inject, {}), inject=inject)
    writer = Writer(report)
    report.markdown = writer.write()
    report.injected = writer.injected
    return report


# A browser's print: A4 with a running header and page numbers, wide tables on landscape pages, the header
# row repeated where a table breaks across pages.
CSS = """
@page { size: A4; margin: 2cm 1.5cm 2cm 2.5cm;
        @top-center { content: "Laporan Kinerja Instansi Pemerintah"; font-size: 8pt; }
        @bottom-right { content: "Halaman " counter(page); font-size: 8pt; } }
@page wide { size: A4 landscape; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
td, th { border: 0.5pt solid #000; padding: 2pt; font-size: 7.5pt; }
thead { display: table-header-group; }
.wide { page: wide; }
"""


def to_html(markdown: str) -> str:
    """The report's paragraphs and pipe tables as HTML (a table of more than seven columns is wide)."""
    out = []
    for block in markdown.split("\n\n"):
        lines = block.strip().split("\n")
        if not lines[0].startswith("|"):
            out.append("<p>%s</p>" % "<br/>".join(html.escape(line) for line in lines))
            continue
        rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
        head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
        body = "".join("<tr>%s</tr>" % "".join(f"<td>{html.escape(c)}</td>" for c in row) for row in rows[2:])
        wide = ' class="wide"' if len(rows[0]) > 7 else ""
        out.append(f"<table{wide}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    return f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>{''.join(out)}</body></html>"


def to_pdf(markdown: str, path: str) -> None:
    import weasyprint  # a test dependency, needed by the PDF route only

    weasyprint.HTML(string=to_html(markdown)).write_pdf(path)


def to_docx(markdown: str, path: str) -> None:
    """The report as a Word file: each paragraph its own, each pipe table a Word table (a table of more
    than seven columns in a landscape section of its own, as authors place wide tables)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.size = Pt(9)
    for block in markdown.split("\n\n"):
        lines = block.strip().split("\n")
        if not lines[0].startswith("|"):
            document.add_paragraph("\n".join(lines))
            continue
        rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
        rows = rows[:1] + rows[2:]
        wide = len(rows[0]) > 7
        if wide:
            _orient(document.add_section(WD_SECTION.NEW_PAGE), WD_ORIENT.LANDSCAPE)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for row, cells in zip(table.rows, rows):
            for cell, text in zip(row.cells, cells):
                cell.text = text
        if wide:
            _orient(document.add_section(WD_SECTION.NEW_PAGE), WD_ORIENT.PORTRAIT)
    document.save(path)


def _orient(section, orientation) -> None:
    width, height = sorted((section.page_width, section.page_height))
    section.orientation = orientation
    section.page_width, section.page_height = (height, width) if orientation else (width, height)


# The routes of tests/pdf_render.py these reports are printed by (its own HTML and Word file).
ROUTES = ("markdown", "weasyprint", "chromium", "libreoffice", "docx", "docx-libreoffice")


def render(markdowns: dict[str, str], route: str, folder: Path) -> dict[str, Path]:
    """Each report's markdown printed by `route` into `folder` (LibreOffice converts all in one run)."""
    import pdf_render

    folder.mkdir(parents=True, exist_ok=True)
    suffix = {"markdown": ".md", "docx": ".docx", "docx-libreoffice": ".docx", "libreoffice": ".docx"}.get(route, ".pdf")
    paths = {name: folder / f"{name}{suffix}" for name in markdowns}
    for name, markdown in markdowns.items():
        if route == "markdown":
            paths[name].write_text(markdown, encoding="utf-8")
        elif route == "weasyprint":
            to_pdf(markdown, str(paths[name]))
        elif route == "chromium":
            pdf_render.print_html_chromium(to_html(markdown), paths[name])
        elif route in ("libreoffice", "docx", "docx-libreoffice"):
            to_docx(markdown, str(paths[name]))
        else:
            raise ValueError(f"unknown route {route!r}; expected one of {ROUTES}")
    if route == "libreoffice":
        paths = dict(zip(markdowns, pdf_render.docx_to_pdf(list(paths.values()), folder)))
    elif route == "docx-libreoffice":
        paths = dict(zip(markdowns, pdf_render.docx_resaved(list(paths.values()), folder / "resaved")))
    return paths
