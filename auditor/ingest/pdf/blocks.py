"""Text outside tables: lines into paragraphs, list items and headings; page numbers and running
headers dropped; paragraphs cut by a page break joined again."""
from __future__ import annotations

import re
from collections import Counter

from auditor.ingest.markdown import clean_text
from auditor.ingest.pdf.layout import PAGE_EDGE, Block, Line, Page
from auditor.model import Source, TextBlock

_BULLETS = "•◦▪▫■□●○‣⁃∙·➢➤►▶❖\uf0b7\uf0a7\uf076\uf0d8\uf0a8\uf0fa"
_LIST_START = re.compile(rf"^(?:[-*+✓{_BULLETS}]|\d+[.)]|[a-z][.)])\s+")
_NUMBERED = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVX]{1,5})[.)]+\s")  # "2).", "A.", "1.1."
_BULLET_START = re.compile(rf"^[{_BULLETS}]\s*")
# "… sebesar Rp." wrapped before the figure, or a title before a name, does not end a sentence
_SENTENCE_END = re.compile(r"(?<!\bRp)(?<!\bNo)(?<!\bNIP)(?<!\bDrs)(?<!\bdr)(?<!\bIr)[.:;!?]$")
# a figure standing alone: not a year (`Tahun 2020`, `2020-2026`) or part of a name (`Covid-19`)
_FIGURE = re.compile(r"(?<![\w.,-])\d[\d.,]*(?![\w-])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:hal(?:aman)?|page)\.?\s*)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:dari|of|/)\s*\d{1,4})?$", re.IGNORECASE)


def _is_list_start(text: str) -> bool:
    return bool(_LIST_START.match(text))


def page_blocks(page: Page, paragraph_gap: float) -> list[Block]:
    """A page's lines as paragraphs and list items. A block starts at a list marker, after a gap
    wider than the usual wrap, at a size change, after a short line that ends a sentence or changes
    weight, and at a line indented past the lines above it."""
    blocks: list[Block] = []
    previous: Line | None = None
    # where a full line ends: the widest line, or (on a page of short lines, a list under one sentence) as far
    # from the right edge as the text stands from the left one
    left = min((line.x0 for line in page.lines), default=0.0)
    right_margin = max(max((line.x1 for line in page.lines), default=0.0), page.width - left)
    for line in page.lines:
        if previous is None:
            blocks.append(Block(page.number, line.top, [line]))
            previous = line
            continue
        gap = line.top - previous.bottom
        wide_gap = gap > max(2.0, (paragraph_gap + 0.25) * previous.size)
        short = previous.x1 < right_margin - 3 * previous.size  # a full line can only wrap on
        marker = _is_list_start(line.text)
        if marker and not _BULLET_START.match(line.text) and not (wide_gap or short):
            # "19. Adapun ..." under "... Covid-": a wrapped line may start like a numbered item.
            marker = bool(_SENTENCE_END.search(previous.text))
        new = (marker or wide_gap or abs(line.size - previous.size) > 1.0
               or (short and (line.bold != previous.bold or _SENTENCE_END.search(previous.text))))
        first = blocks[-1].lines[0]
        if not new and not _is_list_start(first.text) and len(blocks[-1].lines) > 1:
            new = line.x0 - previous.x0 > 1.5 * line.size
        if new:
            blocks.append(Block(page.number, line.top, [line]))
        else:
            blocks[-1].lines.append(line)
        previous = line
    return blocks


def body_gap(pages: list[Page]) -> float:
    """The usual gap between wrapped lines of one paragraph, as a share of the line height: measured
    under lines that run to the right margin, which can only continue on the next line."""
    gaps: Counter[float] = Counter()
    for page in pages:
        right = max((line.x1 for line in page.lines), default=0.0)
        for upper, lower in zip(page.lines, page.lines[1:]):
            if abs(upper.size - lower.size) < 0.5 and upper.size > 0 and upper.x1 >= right - 3 * upper.size:
                share = (lower.top - upper.bottom) / upper.size
                if -0.2 < share < 2.5:
                    gaps[round(share * 20) / 20] += 1
    return gaps.most_common(1)[0][0] if gaps else 0.25


def body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 11.0


def drop_page_furniture(pages: list[Page]) -> None:
    """Removes page numbers and running headers/footers: lines at the top or bottom edge of a page,
    outermost first, that look like a page number or repeat (digits aside) on half the pages.

    A line is placed by its distance from its own edge of the displayed page, so a footer on a
    landscape (or rotated) page is the same furniture as on the portrait pages around it."""
    def key(line: Line, edge: str, page: Page) -> tuple:
        distance = line.top if edge == "top" else page.height - line.bottom
        return edge, re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.text.lower())), round(distance / 6)

    def edge_lines(page: Page) -> list[tuple[Line, str]]:
        top = [(line, "top") for line in page.lines[:2] if line.bottom < PAGE_EDGE * page.height]
        bottom = [(line, "bottom") for line in page.lines[-2:][::-1] if line.top > (1 - PAGE_EDGE) * page.height]
        return top + bottom

    seen: Counter[tuple] = Counter()
    for page in pages:
        seen.update({key(line, edge, page) for line, edge in edge_lines(page)})
    repeated = max(3, len(pages) / 2)
    for page in pages:
        drop: set[int] = set()
        for edge in ("top", "bottom"):
            for line, where in edge_lines(page):
                if where != edge:
                    continue
                if not (_PAGE_NUMBER.match(line.text.strip()) or seen[key(line, edge, page)] >= repeated):
                    break  # only the outermost lines can be page furniture
                drop.add(id(line))
        if drop:
            page.lines = [line for line in page.lines if id(line) not in drop]


def merge_continuations(pages: list[Page]) -> None:
    """Joins blocks the page layout split but the text runs on: the bare lines under a list item
    ("Terealisasi 7 kali rapat" / "Atas target 12 kali rapat") and paragraphs cut by a page break."""
    previous: Block | None = None
    tail_page = 0  # page of the last line of `previous`
    carry = False  # `previous` ended its page with nothing below it
    margins = (0.0, 0.0)
    for page in pages:
        kept: list[Block] = []
        for block in page.blocks:
            if previous is not None:
                if tail_page == page.number:
                    joins = _continues_on_page(previous, block, page)
                else:
                    joins = (carry and not kept and not any(f.top < block.top for f in page.fragments)
                             and _continues_over_break(previous, block, *margins))
                if joins:
                    previous.lines.extend(block.lines)
                    tail_page = page.number
                    continue
            kept.append(block)
            previous, tail_page = block, page.number
        page.blocks = kept
        carry = (previous is not None and tail_page == page.number
                 and not any(f.bottom > previous.lines[-1].top for f in page.fragments))
        margins = (max((line.x1 for line in page.lines), default=0.0), page.width)


def _may_continue(previous: Block, block: Block) -> bool:
    first, last = block.lines[0], previous.lines[-1]
    return not (_is_list_start(first.text) or _NUMBERED.match(first.text) or first.text.isupper()
                or first.bold != last.bold or abs(first.size - last.size) > 1.0
                or _SENTENCE_END.search(last.text))


def _continues_on_page(previous: Block, block: Block, page: Page) -> bool:
    if not _may_continue(previous, block) or not _is_list_start(previous.lines[0].text):
        return False
    first, last = block.lines[0], previous.lines[-1]
    between = any(last.bottom <= f.top <= first.top for f in page.fragments)
    if between or first.top - last.bottom >= 2.5 * (last.bottom - last.top):
        return False
    if last.text.endswith(","):
        return True  # the item's sentence is unfinished: the paragraph under it finishes it
    return _item_goes_on(previous, block)


def _item_goes_on(item: Block, block: Block) -> bool:
    """Whether a bare line under a list item whose text ends without punctuation is still the item's.

    Where a word processor got one paragraph per line, the lines an item goes on in stand at the
    margin, a paragraph gap below it ("• Pelaksanaan Musrenbangcam" / "Terealisasi 1 kali pertemuan"
    / "Atas target 1 kali pertemuan"), exactly where the paragraph after a finished item stands: the
    layout cannot tell them apart. What can: such lines carry the figures of an item that has not
    stated any yet, and each goes on where the line before it went on (the same x, left of the item's
    own text). An item that has stated its figures ("• Forum Pimpinan, terealisasi 6 kali rapat dari
    4 kali rapat") is done, and the line under it starts the next paragraph, as in the markdown. A
    block of several lines is a paragraph of its own."""
    if len(block.lines) > 1:
        return False
    own = item.lines[0]
    if any(line.x0 < own.x0 - 1 and abs(line.x0 - block.lines[0].x0) <= 1 for line in item.lines[1:]):
        return True
    text = _NUMBERED.sub("", _LIST_START.sub("", item.text, count=1), count=1)  # not its number
    return all(_YEAR.fullmatch(figure) for figure in _FIGURE.findall(text))


def _continues_over_break(previous: Block, block: Block, right_margin: float, page_width: float) -> bool:
    if not _may_continue(previous, block) or all(line.text.isupper() for line in previous.lines):
        return False
    last, item = previous.lines[-1], _is_list_start(previous.lines[0].text)
    # a full last line runs on; a list item's under its text, not into a line that starts at its bullet
    # or left of it (the paragraph after it)
    full = (last.x1 >= right_margin - 2 * last.size and last.x1 - last.x0 > 0.55 * page_width
            and not (item and block.lines[0].x0 < previous.lines[0].x0 + previous.lines[0].first_width))
    if block.lines[0].text[:1].islower() or full:
        return True
    return item and (last.text.endswith(",") or _item_goes_on(previous, block))


def block_item(block: Block, body_size: float, confidence: float) -> TextBlock:
    text = clean_text(_BULLET_START.sub("- ", block.text, count=1))
    kind = "list_item" if _is_list_start(text) else "paragraph"
    if kind == "paragraph" and len(block.lines) <= 3 and len(text) <= 150 and (
            all(line.bold for line in block.lines) or block.lines[0].size >= 1.15 * body_size):
        kind = "heading"
    return TextBlock(kind, text, Source(page=block.page, confidence=confidence),
                     tuple((line.page, line.pdf_box) for line in block.lines if line.pdf_box),
                     tuple(figure for line in block.lines for figure in line.doubtful))
