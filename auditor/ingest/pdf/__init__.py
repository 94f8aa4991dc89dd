"""PDF ingestion: text blocks and ruled-table fragments with their page, read with PDFium and gridded by pdfplumber."""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pypdfium2 as pdfium

from auditor.errors import InputError
from auditor.ingest.files import file_kind, not_a_pdf
from auditor.ingest.pdf.aligned import aligned_fragments
from auditor.ingest.pdf.blocks import (block_item, body_gap, body_size, drop_page_furniture, merge_continuations,
                                       page_blocks)
from auditor.ingest.pdf.grid import find_grids, grid_cells
from auditor.ingest.pdf.layout import PAGE_EDGE, Fragment, Page, Word, group_lines
from auditor.ingest.pdf.opening import check_streams, corrupt, open_pdf
from auditor.ingest.pdf.page import Frame, page_graphics, page_words
from auditor.ingest.pdf.page_breaks import mend_cut_words, prints_wrap_spaces, rejoin_broken_rows
from auditor.ingest.pdf.scan import RASTER_DPI, page_workers, read_scanned_page
from auditor.ingest.pdf.tagged import TaggedTable, repeated_header, tagged_fragment, tagged_tables
from auditor.model import OCR_CONFIDENCE, RawDocument, RawTable, Source, TextBlock

# pdfminer's parser behind pdfplumber's page objects costs ~80% of a naive pdfplumber run, so
# characters and rulings come from PDFium and only pdfplumber's lines-strategy grid algorithm
# (snap, join, intersections, cells, tables) is used, fed with PDFium's rulings.

MAX_PAGES = 1000


def _read_page(document: pdfium.PdfDocument, number: int, *, tables: list[TaggedTable] | None = None,
               above: Fragment | None = None) -> Page:
    """One page's text lines and table fragments; `tables` are the tables the structure tree has on this
    page, `above` the last table of the page before, which one of them may continue."""
    page = document[number - 1]
    try:
        frame = Frame(page)
        tables = tables or []
        textpage = page.get_textpage()
        try:
            words = page_words(textpage, frame, marked=bool(tables))
        finally:
            textpage.close()
        edges, image_share, dots = page_graphics(page, frame)
        result = Page(number, frame.width, frame.height)
        result.scanned = len(words) < 3 and image_share > 0.3
        grids = find_grids(edges, words)
        free: list[Word] = []
        cell_words: list[dict[int, list[Word]]] = [{} for _ in grids]
        for word in words:
            x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
            for index, grid in enumerate(grids):
                cell = grid.locate(x, y)
                if cell is not None:
                    cell_words[index].setdefault(cell, []).append(word)
                    break
            else:
                free.append(word)
        free = _tagged(result, tables, free, frame, above)
        aligned, free = aligned_fragments(number, free, frame, above)  # OCR'd pages are read in scan.py
        result.fragments += aligned
        for grid, words_in in zip(grids, cell_words):
            if not words_in:
                continue  # a frame or box around nothing is not a table
            result.fragments.append(Fragment(number, grid.ys[0], grid.ys[-1], grid_cells(grid, words_in, frame),
                                             grid.open_top, grid.open_bottom))
        result.lines = group_lines(free + drawn_bullets(dots, free))
        for line in result.lines:
            line.page, line.pdf_box = number, frame.user_box((line.x0, line.top, line.x1, line.bottom))
        return result
    finally:
        page.close()


def drawn_bullets(dots: list[tuple], words: list[Word]) -> list[Word]:
    """A "•" for each dot drawn just left of a line's first word and level with it, as browsers draw list
    bullets, so that the item reads as the list item it is printed as (a bullet glyph is a word already)."""
    bullets = []
    for x0, top, x1, bottom in dots:
        middle = (top + bottom) / 2
        beside = [w for w in words if w.top <= middle <= w.bottom and 0 <= w.x0 - x1 <= 2 * (w.bottom - w.top)]
        if beside and not any(w.x1 <= x0 and w.top <= middle <= w.bottom and x0 - w.x1 < 2 * (w.bottom - w.top)
                              for w in words):  # a dot between words is not a bullet
            first = min(beside, key=lambda w: w.x0)
            bullets.append(Word("•", x0, first.top, x1, first.bottom, first.size, False, space_after=True))
    return bullets


def _tagged(page: Page, tables: list[TaggedTable], words: list[Word], frame: Frame,
            above: Fragment | None) -> list[Word]:
    """Fragments of the tables the structure tree names, from the words no ruled grid took; the
    words left over."""
    owner = {mcid: (t, c) for t, table in enumerate(tables) for c, cell in enumerate(table.cells)
             for mcid in cell.mcids}
    placed: list[dict[int, list[Word]]] = [{} for _ in tables]
    free: list[Word] = []
    for word in words:
        if word.mcid in owner:
            table, cell = owner[word.mcid]
            placed[table].setdefault(cell, []).append(word)
        else:
            free.append(word)
    made = [fragment for table, words_in in zip(tables, placed)
            if (fragment := tagged_fragment(page.number, table, words_in, frame, above)) is not None]
    page.fragments += made
    if made and above is not None and above.head:
        free = repeated_header(above, min(made, key=lambda f: f.top), free, frame)
    return free


def read_pdf(path: str, *, password: str | None = None, ocr: bool = False, max_pages: int = MAX_PAGES,
             progress: Callable[[int, int], None] | None = None) -> RawDocument:
    """Reads a PDF report into text blocks and table fragments, each with its 1-based page.

    Unusable files raise InputError. Pages without a text layer are listed in `scanned_pages`, or
    with `ocr` are read by Tesseract cell by cell (scan.py): their sources carry OCR_CONFIDENCE, each
    table cell its own confidence; `progress(done, total)` is told after each OCR'd page.
    """
    path = str(path)
    if file_kind(path) != "pdf":
        raise not_a_pdf(path)
    check_streams(path, images=ocr)
    document = open_pdf(path, password)
    try:
        count = len(document)
        if count > max_pages:
            raise InputError(
                path,
                f"PDF memiliki {count} halaman, melebihi batas {max_pages}; pisahkan laporan menjadi beberapa berkas.",
                f"the PDF has {count} pages, over the limit of {max_pages}; split the report into several files.")
        try:
            structure = tagged_tables(path, password)
            pages: list[Page] = []
            for number in range(1, count + 1):
                above = _last_table(pages[-1]) if pages else None
                pages.append(_read_page(document, number, tables=structure.get(number), above=above))
        except pdfium.PdfiumError:
            raise corrupt(path) from None
    finally:
        document.close()

    # pages still without text are reported by rule LKJ901, figures read by OCR by LKJ902 (via their confidence)
    scanned = [page.number for page in pages if page.scanned]
    if scanned and ocr:
        pages = _ocr_pages(path, password, pages, scanned, progress)
        scanned = [number for number in scanned if pages[number - 1].scanned]
    if not any(page.lines or page.fragments for page in pages):
        raise InputError(path, "PDF tidak memiliki lapisan teks (hanya gambar pindaian); jalankan ulang dengan --ocr.",
                         "the PDF has no text layer (scanned images only); run again with --ocr.")

    drop_page_furniture(pages)
    paragraph_gap, text_size = body_gap(pages), body_size(pages)
    for page in pages:
        page.blocks = page_blocks(page, paragraph_gap)
    merge_continuations(pages)
    trailing_spaces = prints_wrap_spaces(pages)
    rejoin_broken_rows(pages, trailing_spaces)
    mend_cut_words(pages)

    items: list[TextBlock | RawTable] = []
    for page in pages:
        confidence = OCR_CONFIDENCE if page.ocr else 1.0
        placed: list[tuple[float, TextBlock | RawTable]] = [
            (block.top, block_item(block, text_size, confidence)) for block in page.blocks]
        placed += [(fragment.top, RawTable(rows=fragment.texts(),
                                           sources=[Source(page=number, confidence=confidence)
                                                    for number in fragment.row_pages],
                                           boxes=fragment.boxes(),
                                           confidences=_below_one(fragment.confidences())))
                   for fragment in page.fragments]
        placed.sort(key=lambda pair: pair[0])
        items.extend(item for _, item in placed)
    crops = {(page.number, box): crop for page in pages for box, crop in page.crops.items()}
    words = {(page.number, box): figures for page in pages for box, figures in page.word_crops.items()}
    return RawDocument(path=path, kind="pdf", items=items, pages=len(pages), scanned_pages=scanned, ocr_crops=crops,
                       ocr_words=words)


def _last_table(page: Page) -> Fragment | None:
    """The table that ends the page, which a table at the top of the next page may go on from: its
    lowest table, unless text follows it above the page foot (a caption or a paragraph: the table
    ended there, and one at the next page's top is another, its caption left on this page)."""
    if not page.fragments:
        return None
    last = max(page.fragments, key=lambda f: f.bottom)
    foot = (1 - PAGE_EDGE) * page.height
    return None if any(last.bottom < line.top and line.bottom < foot for line in page.lines) else last


def _below_one(confidences: list[list[float]]) -> list[list[float]] | None:
    return confidences if any(c < 1 for row in confidences for c in row) else None


def _ocr_pages(path: str, password: str | None, pages: list[Page], scanned: list[int],
               progress: Callable[[int, int], None] | None) -> list[Page]:
    """The scanned pages read by OCR, page_workers() at a time: pages are rendered here one after the
    other (PDFium is not thread-safe), the Tesseract runs and the image work overlap in threads; a few
    pages ahead at most, so a long scan is not held in memory as images."""
    document = open_pdf(path, password)
    done = 0

    def finish(job) -> None:
        nonlocal done
        page_read = job.result()
        pages[page_read.number - 1] = page_read
        done += 1
        if progress is not None:
            progress(done, len(scanned))

    try:
        with tempfile.TemporaryDirectory(prefix="lkjip-ocr-") as workdir, \
                ThreadPoolExecutor(max_workers=page_workers()) as pool:
            running: list = []
            for number in scanned:
                if len(running) >= 2 * page_workers():
                    finish(running.pop(0))
                page = document[number - 1]
                try:
                    frame = Frame(page)
                    image = page.render(scale=RASTER_DPI / 72, grayscale=True).to_pil().convert("L")
                finally:
                    page.close()
                running.append(pool.submit(read_scanned_page, image, number, frame, workdir))
            for job in running:
                finish(job)
    finally:
        document.close()
    return pages
