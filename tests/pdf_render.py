"""Renders generated LKjIP reports (tests/generator.py) to PDF: with reportlab, as DOCX converted by LibreOffice,
and as HTML printed by WeasyPrint or by a real browser (Chromium's headless print).

Both print what real reports print around the content: tables whose header rows repeat on every
page, merged header cells, wide tables on landscape pages, a running header and page numbers.
Tables are ruled, or borderless as many Word reports draw them; LibreOffice's PDF is tagged (tables
in the structure tree, as Word's "Save as PDF" writes them) or untagged.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from generator import Report, Table

WIDE_TABLE = 8  # columns from which a table gets a landscape page
CM = 72 / 2.54
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts",
             "/usr/share/fonts/type1/urw-base35")
# typefaces reportlab can print a report in: (regular, bold) files. The URW ones (fonts-urw-base35, which
# ghostscript depends on) stand for the Arial/Helvetica and Times New Roman that many reports are typed in.
FONTS = {
    "dejavu-sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "dejavu-serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "nimbus-sans": ("NimbusSans-Regular.t1", "NimbusSans-Bold.t1"),
    "nimbus-roman": ("NimbusRoman-Regular.t1", "NimbusRoman-Bold.t1"),
}
DEFAULT_FONT = "dejavu-sans"
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def unit_name(report: Report) -> str:
    """"Kecamatan Batuan", or another unit type's own name ("Dinas Kesehatan")."""
    return report.truth.get("instansi") or f"Kecamatan {report.kecamatan}"


def running_header(report: Report) -> str:
    return f"LKjIP {unit_name(report)} Tahun {report.tahun}"


def header_spans(header_rows: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """Merged header cells as (row0, col0, row1, col1), inclusive: a title spans right over empty
    cells that a lower header row fills (KINERJA over TARGET, REALISASI, CAPAIAN) and down over the
    empty cells under it (NO, SASARAN STRATEGIS)."""
    spans = []
    rows, cols = len(header_rows), len(header_rows[0])
    for r, row in enumerate(header_rows):
        for c, text in enumerate(row):
            if not text:
                continue
            right = c
            while (right + 1 < cols and not row[right + 1]
                   and any(header_rows[below][right + 1] for below in range(r + 1, rows))):
                right += 1
            down = r
            if right == c:
                while down + 1 < rows and not header_rows[down + 1][c]:
                    down += 1
            if right > c or down > r:
                spans.append((r, c, down, right))
    return spans


def column_widths(table: Table, total: float, font: str, size: float, padding: float) -> list[float]:
    """Column widths that fit each column's longest word on one line (a word too long for its cell
    gets broken between letters), the rest shared in proportion to the columns' text length."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows = table.header_rows + ([table.number_row] if table.number_row else []) + table.rows
    least, share = [], []
    for col in range(len(rows[0])):
        texts = [_BOLD.sub(r"\1", row[col]) for row in rows]
        widest = max((stringWidth(word, font, size) for text in texts for word in text.split()), default=0.0)
        least.append(widest * 1.05 + 2 * padding)
        share.append(sum(stringWidth(text, font, size) for text in texts) / len(texts) + 1.0)
    spare = total - sum(least)
    if spare <= 0:
        return [total * w / sum(least) for w in least]
    return [w + spare * part / sum(share) for w, part in zip(least, share)]


# ---------------------------------------------------------------- reportlab


def _font_file(name: str) -> str | None:
    for folder in FONT_DIRS:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    return None


def reportlab_available(font: str = DEFAULT_FONT) -> bool:
    """reportlab's built-in fonts lack "✓", so rendering needs DejaVu Sans (fonts-dejavu-core), and the
    font asked for."""
    return all(_font_file(name) is not None for name in FONTS[DEFAULT_FONT] + FONTS[font])


def _register(font: str, folder: str) -> tuple[str, str, bool]:
    """The reportlab names of `font`'s regular and bold faces, and whether they are single-byte Type 1
    faces (WinAnsi: characters outside it are printed in DejaVu Sans)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    for file in FONTS[font]:
        path = _font_file(file)
        if file.endswith(".ttf"):
            name = file[:-4]
            pdfmetrics.registerFont(TTFont(name, path))
        else:  # a Type 1 font in PFA form: reportlab embeds PFB, which fontTools writes
            from fontTools import t1Lib

            pfb = os.path.join(folder, file[:-3] + ".pfb")
            t1Lib.write(pfb, t1Lib.read(path)[0], "PFB")
            face = pdfmetrics.EmbeddedType1Face(path[:-3] + ".afm", pfb)
            pdfmetrics.registerTypeFace(face)
            name = face.name
            pdfmetrics.registerFont(pdfmetrics.Font(name, face.name, "WinAnsiEncoding"))
        names.append(name)
    pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1])
    return names[0], names[1], not FONTS[font][0].endswith(".ttf")


def to_pdf_reportlab(report: Report, path: Path, *, ruled: bool = True, font: str = DEFAULT_FONT) -> None:
    """`report` printed by reportlab in `font` (a key of FONTS)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # the fallback for characters a single-byte face lacks, bold inside a bold run
    pdfmetrics.registerFont(TTFont("DejaVu", _font_file("DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", _font_file("DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold")
    with tempfile.TemporaryDirectory(prefix="lkjip-font-") as folder:
        regular, bold, single_byte = _register(font, folder)
        _build_reportlab(report, path, ruled, regular, bold, single_byte)


def _build_reportlab(report: Report, path: Path, ruled: bool, regular: str, bold: str, single_byte: bool) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph,
                                    Spacer)
    from reportlab.platypus import Table as FlowTable
    from reportlab.platypus import TableStyle

    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13, spaceAfter=7)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=11, spaceBefore=6)
    item = ParagraphStyle("item", parent=body, leftIndent=18, bulletIndent=6, bulletFontName="DejaVu")
    cell = ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9)
    head_cell = ParagraphStyle("head_cell", parent=cell, fontName=bold, alignment=1)

    def decorate(canvas, document) -> None:
        width, height = canvas._pagesize
        canvas.setFont(regular, 8)
        canvas.drawString(2 * cm, height - 1.2 * cm, running_header(report))
        canvas.drawCentredString(width / 2, 1.2 * cm, str(document.page))

    margin = 2 * cm
    portrait, wide = A4, landscape(A4)
    document = BaseDocTemplate(str(path), pagesize=portrait, leftMargin=margin, rightMargin=margin,
                               topMargin=margin, bottomMargin=margin)
    document.addPageTemplates([
        PageTemplate("portrait", [Frame(margin, margin, portrait[0] - 2 * margin, portrait[1] - 2 * margin)],
                     onPage=decorate, pagesize=portrait),
        PageTemplate("landscape", [Frame(margin, margin, wide[0] - 2 * margin, wide[1] - 2 * margin)],
                     onPage=decorate, pagesize=wide)])

    def outside(text: str) -> str:
        """Characters the single-byte face lacks ("✓", "≥") in DejaVu Sans, as a word processor falls back."""
        if not single_byte:
            return text
        return "".join(ch if ch.encode("cp1252", "ignore") else f'<font name="DejaVu">{ch}</font>' for ch in text)

    def markup(text: str) -> str:
        return outside(_BOLD.sub(r"<b>\1</b>", escape(text)))

    story = []
    for block in report.blocks:
        if block.kind == "heading":
            story.append(Paragraph(markup(block.text), heading))
        elif block.kind == "list_item":
            story.append(Paragraph(markup(block.text), item, bulletText="•"))
        elif block.kind == "paragraph":
            story.append(Paragraph(markup(block.text), body))
        else:
            table = block.table
            turn = len(table.header_rows[0]) >= WIDE_TABLE
            if turn:
                story += [NextPageTemplate("landscape"), PageBreak()]
            story += [Paragraph(markup(title), body) for title in table.title_lines]
            head = table.header_rows + ([table.number_row] if table.number_row else [])
            data = [[Paragraph(outside(escape(text)), head_cell) for text in row] for row in head]
            data += [[Paragraph(markup(text), cell) for text in row] for row in table.rows]
            width = (wide if turn else portrait)[0] - 2 * margin
            widths = column_widths(table, width, bold, 7.5, 6)
            flow = FlowTable(data, colWidths=widths, repeatRows=len(head))
            style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
            if ruled:
                style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in header_spans(table.header_rows)]
            flow.setStyle(TableStyle(style))
            story += [flow, Spacer(1, 12)]
            if turn:
                story += [NextPageTemplate("portrait"), PageBreak()]
    document.build(story)


# ---------------------------------------------------------------- DOCX and LibreOffice


def to_docx(report: Report, path: Path, *, ruled: bool = True) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Liberation Serif", Pt(11)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header.paragraphs[0].text = running_header(report)
    footer = section.footer.paragraphs[0]
    page_field = OxmlElement("w:fldSimple")
    page_field.set(qn("w:instr"), "PAGE")
    field_run, field_text = OxmlElement("w:r"), OxmlElement("w:t")
    field_text.text = "1"
    field_run.append(field_text)
    page_field.append(field_run)
    footer._p.append(page_field)

    def write(paragraph, text: str, *, bold: bool = False, size: float | None = None) -> None:
        for index, part in enumerate(_BOLD.split(text)):
            if part:
                run = paragraph.add_run(part)
                run.bold = bold or index % 2 == 1
                if size:
                    run.font.size = Pt(size)

    def turn(orientation) -> None:
        new = document.add_section(WD_SECTION.NEW_PAGE)
        long_side, short_side = max(new.page_width, new.page_height), min(new.page_width, new.page_height)
        new.orientation = orientation
        landscape = orientation == WD_ORIENT.LANDSCAPE
        new.page_width, new.page_height = (long_side, short_side) if landscape else (short_side, long_side)

    for block, following in zip(report.blocks, [*report.blocks[1:], None]):
        if block.kind == "heading":
            write(document.add_paragraph(), block.text, bold=True)
        elif block.kind == "list_item":
            write(document.add_paragraph(style="List Bullet"), block.text)
        elif block.kind == "paragraph":
            write(document.add_paragraph(), block.text)
        else:
            table = block.table
            wide = len(table.header_rows[0]) >= WIDE_TABLE
            if wide:
                turn(WD_ORIENT.LANDSCAPE)
            for title in table.title_lines:
                write(document.add_paragraph(), title)
            _docx_table(document, table, wide, ruled)
            if not _glued(table, following):
                document.add_paragraph()
            if wide:
                turn(WD_ORIENT.PORTRAIT)
    document.save(str(path))


def _glued(table: Table, following) -> bool:
    """A table followed at once by an untitled table of the same orientation is typed right under it,
    as Word users do (the Sumenep PK target and budget tables): Word and LibreOffice then print one grid."""
    return (following is not None and following.kind == "table" and not following.table.title_lines
            and (len(table.header_rows[0]) >= WIDE_TABLE) == (len(following.table.header_rows[0]) >= WIDE_TABLE))


def _docx_table(document, table: Table, wide: bool, ruled: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    head = table.header_rows + ([table.number_row] if table.number_row else [])
    rows = head + table.rows
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    grid.style = "Table Grid"
    if not ruled:  # the grid's spacing, its borders switched off
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            border = OxmlElement(f"w:{side}")
            border.set(qn("w:val"), "nil")
            borders.append(border)
        grid._tbl.tblPr.append(borders)
    grid.autofit = False
    widths = column_widths(table, ((29.7 if wide else 21.0) - 5.0) * CM, "Times-Bold", 8, 0.19 * CM)
    for column, width in zip(grid.columns, widths):
        column.width = Pt(width)  # the grid LibreOffice lays out by
    # Each row's cells read once: Table.cell(r, c) walks the whole table per call (quadratic, over a
    # second per report).
    for r, (row, cells) in enumerate(zip(rows, (grid_row.cells for grid_row in grid.rows))):
        for c, text in enumerate(row):
            target = cells[c]
            target.width = Pt(widths[c])
            if text:
                run = target.paragraphs[0].add_run(_BOLD.sub(r"\1", text))
                run.font.size = Pt(8)
                run.bold = r < len(head)
    for r0, c0, r1, c1 in header_spans(table.header_rows):
        text = table.header_rows[r0][c0]
        merged = grid.cell(r0, c0).merge(grid.cell(r1, c1))
        for paragraph in merged.paragraphs[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        merged.paragraphs[0].text = ""
        run = merged.paragraphs[0].add_run(text)
        run.font.size, run.bold = Pt(8), True
    for row in grid.rows[:len(head)]:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(repeat)


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(documents: list[Path], folder: Path, *, tagged: bool = False) -> list[Path]:
    """Converts DOCX files to PDF in one LibreOffice run; `tagged` writes the structure tree (UseTaggedPDF)."""
    target = "pdf"
    if tagged:
        target = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    return _libreoffice_convert(documents, folder, target, ".pdf")


def docx_resaved(documents: list[Path], folder: Path) -> list[Path]:
    """The DOCX files as LibreOffice Writer saves them again (its own Word 2007 XML: other table grid,
    cell widths, styles and run splits than python-docx writes), in one run."""
    return _libreoffice_convert(documents, folder, "docx:MS Word 2007 XML", ".docx")


def _libreoffice_convert(documents: list[Path], folder: Path, target: str, suffix: str) -> list[Path]:
    """One LibreOffice run, with a private profile so that parallel runs do not share (and lock) one."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([libreoffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", target, "--outdir", str(folder), *map(str, documents)],
                       check=True, capture_output=True, timeout=300)
    converted = [folder / (document.stem + suffix) for document in documents]
    missing = [str(path) for path in converted if not path.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {', '.join(missing)}")
    return converted


# ---------------------------------------------------------------- HTML and WeasyPrint (a browser's print)


def footer_text(report: Report) -> str:
    return f"Laporan Kinerja Instansi Pemerintah {unit_name(report)} Tahun {report.tahun}"


def weasyprint_available() -> bool:
    try:
        import weasyprint  # noqa: F401  (needs the pango libraries)
    except (ImportError, OSError):
        return False
    return True


def _markup(text: str) -> str:
    return _BOLD.sub(r"<b>\1</b>", escape(text))


def to_html(report: Report, *, ruled: bool = True) -> str:
    """The report as a browser prints it: a running header, a footer with the page number, wide
    tables on landscape pages (a named @page), header rows in <thead> so they repeat on each page;
    `ruled` False draws the tables without lines, as many web-made reports do."""
    markup = _markup
    css = f"""
    @page {{ size: A4; margin: 2cm 2cm 2.2cm 2cm;
             @top-left {{ content: "{running_header(report)}"; font: 8pt 'DejaVu Sans'; }}
             @bottom-left {{ content: "{footer_text(report)}"; font: 8pt 'DejaVu Sans'; }}
             @bottom-right {{ content: counter(page); font: 8pt 'DejaVu Sans'; }} }}
    @page wide {{ size: A4 landscape; }}
    body {{ font: 10pt/1.3 'DejaVu Sans'; }}
    p {{ margin: 0 0 7pt 0; }}
    .wide {{ page: wide; }}
    table {{ border-collapse: collapse; width: 100%; margin-bottom: 12pt; }}
    td, th {{ border: {"0.5pt solid black" if ruled else "none"}; font-size: 7.5pt; padding: 2pt 3pt; vertical-align: top; }}
    th {{ font-weight: bold; text-align: center; }}
    tr {{ break-inside: avoid; }}
    """
    body: list[str] = []
    for block in report.blocks:
        if block.kind == "heading":
            body.append(f"<p><b>{markup(block.text)}</b></p>")
        elif block.kind == "list_item":
            body.append(f"<ul style='margin:0 0 7pt 0'><li>{markup(block.text)}</li></ul>")
        elif block.kind == "paragraph":
            body.append(f"<p>{markup(block.text)}</p>")
        else:
            body.append(_html_table(block.table))
    return (f"<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'><style>{css}</style></head>"
            f"<body>{''.join(body)}</body></html>")


def _html_table(table: Table) -> str:
    spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in header_spans(table.header_rows)}
    covered = {(r, c) for (r0, c0), (rows, cols) in spans.items()
               for r in range(r0, r0 + rows) for c in range(c0, c0 + cols)} - set(spans)
    head = []
    for r, row in enumerate(table.header_rows):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rows, cols = spans.get((r, c), (1, 1))
            cells.append(f"<th rowspan='{rows}' colspan='{cols}'>{escape(text)}</th>")
        head.append(f"<tr>{''.join(cells)}</tr>")
    if table.number_row:
        head.append("<tr>" + "".join(f"<th>{escape(text)}</th>" for text in table.number_row) + "</tr>")
    body = ["<tr>" + "".join(f"<td>{_markup(text)}</td>" for text in row) + "</tr>" for row in table.rows]
    titles = "".join(f"<p>{_markup(t)}</p>" for t in table.title_lines)
    wide = " class='wide'" if len(table.header_rows[0]) >= WIDE_TABLE else ""
    return (f"<div{wide}>{titles}<table><thead>{''.join(head)}</thead><tbody>{''.join(body)}</tbody></table>"
            f"</div>")


def to_pdf_weasyprint(report: Report, path: Path) -> None:
    import weasyprint

    weasyprint.HTML(string=to_html(report)).write_pdf(str(path))


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def to_pdf_chromium(report: Report, path: Path, *, ruled: bool = True) -> None:
    print_html_chromium(to_html(report, ruled=ruled), path)


def print_html_chromium(html: str, path: Path) -> None:
    """The HTML printed by Chromium, as "Save as PDF" in a browser does: Skia's PDF, tagged, its own line
    breaking and glyph placement; a private profile so that parallel prints do not share (and lock) one."""
    with tempfile.TemporaryDirectory(prefix="chromium-print-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        f"--user-data-dir={folder}/profile", "--no-pdf-header-footer", f"--print-to-pdf={path}",
                        page.as_uri()], check=True, capture_output=True, timeout=120)
    if not path.exists():
        raise RuntimeError(f"Chromium did not write {path}")


# ---------------------------------------------------------------- all routes, and damaged files

# Borderless routes: the same tables without ruling lines, read from the structure tree (tagged)
# or from the alignment of their text.
BORDERLESS = ("reportlab-borderless", "libreoffice-borderless", "libreoffice-borderless-tagged", "chromium-borderless")
# Word files audited as they are: as python-docx writes them, without borders, and as LibreOffice Writer saves them.
WORD = ("docx", "docx-borderless", "docx-libreoffice")
ROUTES = ("markdown", "reportlab", "libreoffice", "weasyprint", "chromium", *BORDERLESS, *WORD)


def route_missing(route: str) -> str | None:
    """Why a route cannot run on this machine, or None."""
    if route.startswith(("reportlab", "libreoffice")) and not reportlab_available():
        return "needs DejaVu Sans (fonts-dejavu-core)"
    if "libreoffice" in route and libreoffice() is None:
        return "needs LibreOffice (libreoffice-writer-nogui)"
    if route.startswith("chromium") and chromium() is None:
        return "needs Chromium (Debian chromium)"
    if route == "weasyprint" and not weasyprint_available():
        return "needs WeasyPrint (pip weasyprint, Debian libpango-1.0-0 libpangoft2-1.0-0)"
    return None


def render(reports: dict[str, Report], route: str, folder: Path) -> dict[str, Path]:
    """Each report printed by `route` into `folder` as NAME.md or NAME.pdf (LibreOffice converts all
    of them in one run)."""
    import generator

    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    if route == "markdown":
        for name, report in reports.items():
            paths[name] = folder / f"{name}.md"
            paths[name].write_text(generator.to_markdown(report), encoding="utf-8")
    elif route in ("reportlab", "reportlab-borderless"):
        for name, report in reports.items():
            paths[name] = folder / f"{name}.pdf"
            to_pdf_reportlab(report, paths[name], ruled=route == "reportlab")
    elif route == "weasyprint":
        for name, report in reports.items():
            paths[name] = folder / f"{name}.pdf"
            to_pdf_weasyprint(report, paths[name])
    elif route in ("chromium", "chromium-borderless"):
        for name, report in reports.items():
            paths[name] = folder / f"{name}.pdf"
            to_pdf_chromium(report, paths[name], ruled=route == "chromium")
    elif route in ("libreoffice", "libreoffice-borderless", "libreoffice-borderless-tagged"):
        documents = []
        for name, report in reports.items():
            documents.append(folder / f"{name}.docx")
            to_docx(report, documents[-1], ruled=route == "libreoffice")
        for name, path in zip(reports, docx_to_pdf(documents, folder, tagged=route.endswith("-tagged"))):
            paths[name] = path
    elif route in WORD:
        for name, report in reports.items():
            paths[name] = folder / f"{name}.docx"
            to_docx(report, paths[name], ruled=route != "docx-borderless")
        if route == "docx-libreoffice":
            paths = dict(zip(reports, docx_resaved(list(paths.values()), folder / "resaved")))
    else:
        raise ValueError(f"unknown route {route!r}; expected one of {ROUTES}")
    return paths


def flip_bytes(data: bytes, rng, count: int = 4) -> bytes:
    """A copy of a file with `count` bytes changed at random places past its header, as a bad disk
    or a broken transfer leaves it."""
    damaged = bytearray(data)
    for _ in range(count):
        at = rng.randrange(16, len(damaged))
        damaged[at] ^= 1 << rng.randrange(8)
    return bytes(damaged)
